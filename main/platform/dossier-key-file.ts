import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../common/errors';
import {
  SECRET_KEY_BYTES,
  type SecretKeyName,
  type SecretKeyProvider,
} from '../services/dossier/secret-key-provider';
import type { SecretStore } from '../services/settings/secret-store';

export interface DossierKeyFileOptions {
  /** Folder for the key files (e.g. <dataDir>/keys); created 0700. */
  readonly dir: string;
  /**
   * Seals each key before it is written (Electron: SafeStorageSecretStore, so the file is
   * useless off this machine/user). Without it the file holds the raw key, mode 0600 (Node,
   * harness, tests).
   */
  readonly sealer?: SecretStore;
}

const NAME = /^[a-z-]{1,40}$/;

/**
 * SecretKeyProvider on key files: `<dir>/<name>.key`, 32 random bytes created at first use. The
 * file appears atomically (written to a temp file, fsynced, then hard-linked into place, which
 * fails if another process got there first — then that process's key is used), so two processes
 * starting at once agree on one key and a crash never leaves a truncated key.
 */
export class DossierKeyFile implements SecretKeyProvider {
  private readonly cache = new Map<string, Uint8Array>();

  constructor(private readonly opts: DossierKeyFileOptions) {}

  key(name: SecretKeyName): Promise<Uint8Array> {
    try {
      return Promise.resolve(this.load(name));
    } catch (err) {
      if (err instanceof AppError) return Promise.reject(err);
      return Promise.reject(
        new AppError('SECRET_KEY_UNAVAILABLE', `Key ${name} cannot be read or created`, {
          cause: err,
        }),
      );
    }
  }

  private load(name: SecretKeyName): Uint8Array {
    if (!NAME.test(name)) throw new AppError('INVALID_INPUT', `Bad key name ${name}`);
    const cached = this.cache.get(name);
    if (cached !== undefined) return cached;
    fs.mkdirSync(this.opts.dir, { recursive: true, mode: 0o700 });
    const file = path.join(this.opts.dir, `${name}.key`);
    if (!fs.existsSync(file)) this.create(file);
    const key = this.decode(fs.readFileSync(file), file);
    this.cache.set(name, key);
    return key;
  }

  private create(file: string): void {
    const raw = randomBytes(SECRET_KEY_BYTES);
    const content =
      this.opts.sealer === undefined
        ? raw
        : Buffer.from(
            `${this.opts.sealer.kind}:${this.opts.sealer.encrypt(raw.toString('base64'))}`,
          );
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    const fd = fs.openSync(tmp, 'wx', 0o600);
    try {
      fs.writeSync(fd, content);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    try {
      fs.linkSync(tmp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }

  private decode(content: Buffer, file: string): Uint8Array {
    if (this.opts.sealer === undefined) {
      if (content.length !== SECRET_KEY_BYTES) {
        throw new AppError(
          'SECRET_KEY_UNAVAILABLE',
          `Key file ${file} is not ${SECRET_KEY_BYTES} bytes`,
        );
      }
      return new Uint8Array(content);
    }
    const text = content.toString('utf8');
    const prefix = `${this.opts.sealer.kind}:`;
    if (!text.startsWith(prefix)) {
      throw new AppError(
        'SECRET_KEY_UNAVAILABLE',
        `Key file ${file} was not sealed by ${this.opts.sealer.kind}`,
      );
    }
    let key: Buffer;
    try {
      key = Buffer.from(this.opts.sealer.decrypt(text.slice(prefix.length)), 'base64');
    } catch (err) {
      throw new AppError('SECRET_KEY_UNAVAILABLE', `Key file ${file} cannot be unsealed here`, {
        cause: err,
      });
    }
    if (key.length !== SECRET_KEY_BYTES) {
      throw new AppError(
        'SECRET_KEY_UNAVAILABLE',
        `Key in ${file} is not ${SECRET_KEY_BYTES} bytes`,
      );
    }
    return new Uint8Array(key);
  }
}
