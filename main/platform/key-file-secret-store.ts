import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../common/errors';
import type { SecretStore } from '../services/settings/secret-store';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM with a random key kept in a 0600 file beside the data (Node, harness, CLI).
 * Sealed format: base64(iv ‖ tag ‖ ciphertext).
 */
export class KeyFileSecretStore implements SecretStore {
  readonly kind = 'key-file';
  private readonly key: Buffer;

  constructor(keyFile: string) {
    if (fs.existsSync(keyFile)) {
      this.key = fs.readFileSync(keyFile);
      if (this.key.length !== KEY_BYTES) throw new AppError('INTERNAL', `Bad key file ${keyFile}`);
    } else {
      fs.mkdirSync(path.dirname(keyFile), { recursive: true });
      this.key = randomBytes(KEY_BYTES);
      fs.writeFileSync(keyFile, this.key, { mode: 0o600, flag: 'wx' });
    }
  }

  encrypt(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  decrypt(sealed: string): string {
    const raw = Buffer.from(sealed, 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES)
      throw new AppError('INTERNAL', 'Sealed secret too short');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch (err) {
      throw new AppError('INTERNAL', 'Secret cannot be decrypted with this key', { cause: err });
    }
  }
}
