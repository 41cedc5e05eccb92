import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../../../common/errors';
import { toHex } from '../../../common/hex';
import { SECRET_KEY_BYTES } from './secret-key-provider';

/** Format version of a sealed blob; a new format (or key rotation) takes the next value. */
export const SEALED_V1 = 0x01;
const IV_BYTES = 12; // NIST SP 800-38D §8.2: 96-bit random IVs
const TAG_BYTES = 16;
const HEADER = 1 + IV_BYTES + TAG_BYTES;

/**
 * AES-256-GCM for personal data at rest. Sealed format: 0x01 ‖ iv(12) ‖ tag(16) ‖ ciphertext.
 * The associated data binds a blob to its place (the dossier's local reference, the attachment
 * index), so a blob copied onto another row or file fails to open.
 */
export class DossierCipher {
  private readonly key: Buffer;

  constructor(key: Uint8Array) {
    if (key.length !== SECRET_KEY_BYTES) {
      throw new AppError('SECRET_KEY_UNAVAILABLE', `Dossier key must be ${SECRET_KEY_BYTES} bytes`);
    }
    this.key = Buffer.from(key);
  }

  seal(plain: Uint8Array, aad: string): Uint8Array {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([Buffer.of(SEALED_V1), iv, cipher.getAuthTag(), body]);
  }

  open(sealed: Uint8Array, aad: string): Uint8Array {
    const raw = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    if (raw.length < HEADER || raw[0] !== SEALED_V1) {
      throw new AppError(
        'DOSSIER_DATA_UNREADABLE',
        `Sealed data for ${aad} has an unknown format (${raw.length} bytes, header ${toHex(raw.subarray(0, 1))})`,
      );
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(1, 1 + IV_BYTES));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(raw.subarray(1 + IV_BYTES, HEADER));
    try {
      return Buffer.concat([decipher.update(raw.subarray(HEADER)), decipher.final()]);
    } catch (err) {
      throw new AppError(
        'DOSSIER_DATA_UNREADABLE',
        `Sealed data for ${aad} fails authentication (wrong key, or altered)`,
        { cause: err },
      );
    }
  }

  sealJson(value: unknown, aad: string): Uint8Array {
    return this.seal(Buffer.from(JSON.stringify(value), 'utf8'), aad);
  }

  openJson(sealed: Uint8Array, aad: string): unknown {
    const plain = this.open(sealed, aad);
    try {
      return JSON.parse(Buffer.from(plain).toString('utf8')) as unknown;
    } catch (err) {
      throw new AppError('DOSSIER_DATA_UNREADABLE', `Sealed data for ${aad} is not JSON`, {
        cause: err,
      });
    }
  }
}
