import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../common/errors';
import type { DossierCipher } from './dossier-cipher';

const REF = /^[A-Z0-9-]{6,40}$/;

/**
 * Attachments as encrypted files, one folder per dossier: `<root>/<localRef>/<index>.bin`. File
 * names carry no personal data (the original name is in the sealed dossier payload). Writes are
 * fsynced (file and folder) before the dossier row is committed, so a committed row always has
 * its files; a folder without a row (crash between the two) is removed at the next start.
 */
export class AttachmentFiles {
  constructor(
    readonly root: string,
    private readonly cipher: DossierCipher,
  ) {
    fs.mkdirSync(root, { recursive: true, mode: 0o700 });
  }

  /** Creates the dossier's folder; false when it exists already (the reference is taken). */
  reserve(localRef: string): boolean {
    try {
      fs.mkdirSync(this.dir(localRef), { mode: 0o700 });
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw storageError(`Cannot create the attachment folder of ${localRef}`, err);
    }
  }

  /** Writes attachment `index` (sealed) and returns the plaintext's SHA-256. */
  write(localRef: string, index: number, data: Uint8Array): string {
    const file = this.file(localRef, index);
    const sealed = this.cipher.seal(data, aad(localRef, index));
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      try {
        fs.writeSync(fd, sealed);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    } catch (err) {
      throw storageError(`Cannot write attachment ${index} of ${localRef}`, err);
    }
    return createHash('sha256').update(data).digest('hex');
  }

  /** Makes the folder's entries durable (POSIX: fsync the directory after creating files). */
  syncFolder(localRef: string): void {
    for (const dir of [this.dir(localRef), this.root]) {
      let fd: number | undefined;
      try {
        fd = fs.openSync(dir, 'r');
        fs.fsyncSync(fd);
      } catch (err) {
        // Windows cannot open a directory for fsync; NTFS journals the metadata itself.
        if (process.platform !== 'win32') {
          throw storageError(`Cannot sync ${dir}`, err);
        }
      } finally {
        if (fd !== undefined) fs.closeSync(fd);
      }
    }
  }

  /** Reads and decrypts attachment `index`, checking it against the recorded SHA-256. */
  read(localRef: string, index: number, sha256: string): Uint8Array {
    let sealed: Buffer;
    try {
      sealed = fs.readFileSync(this.file(localRef, index));
    } catch (err) {
      throw new AppError(
        'DOSSIER_DATA_UNREADABLE',
        `Attachment ${index} of ${localRef} cannot be read`,
        { cause: err },
      );
    }
    const data = this.cipher.open(sealed, aad(localRef, index));
    const got = createHash('sha256').update(data).digest('hex');
    if (got !== sha256) {
      throw new AppError(
        'DOSSIER_DATA_UNREADABLE',
        `Attachment ${index} of ${localRef} does not match its hash (${got.slice(0, 16)}… ≠ ${sha256.slice(0, 16)}…)`,
      );
    }
    return data;
  }

  remove(localRef: string): void {
    fs.rmSync(this.dir(localRef), { recursive: true, force: true });
  }

  /** Folders present on disk, with their last change time (ms). */
  folders(): { localRef: string; mtimeMs: number }[] {
    const out: { localRef: string; mtimeMs: number }[] = [];
    for (const name of fs.readdirSync(this.root)) {
      if (!REF.test(name)) continue;
      try {
        out.push({ localRef: name, mtimeMs: fs.statSync(path.join(this.root, name)).mtimeMs });
      } catch {
        // removed meanwhile
      }
    }
    return out;
  }

  private dir(localRef: string): string {
    if (!REF.test(localRef)) throw new AppError('INVALID_INPUT', 'Bad local reference');
    return path.join(this.root, localRef);
  }

  private file(localRef: string, index: number): string {
    return path.join(this.dir(localRef), `${index}.bin`);
  }
}

function aad(localRef: string, index: number): string {
  return `${localRef}/attachment/${index}`;
}

function storageError(message: string, err: unknown): AppError {
  return new AppError('STORAGE_UNAVAILABLE', message, { cause: err });
}
