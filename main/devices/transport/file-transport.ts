import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { AppError } from '../../../common/errors.js';
import type { ByteTransport } from './byte-transport.js';
import {
  DEFAULT_OPEN_TIMEOUT_MS,
  DEFAULT_WRITE_TIMEOUT_MS,
  TransportListeners,
  osErrorToAppError,
  withTimeout,
} from './transport-support.js';

/**
 * Write-only ByteTransport to a device file such as /dev/usb/lp0 (USB printer class) or
 * /dev/lp0. Opened with O_WRONLY and without O_CREAT, so a missing device is an error rather
 * than a new regular file in /dev. `onData` never fires: reading a printer device file blocks a
 * libuv thread indefinitely, so status queries need a serial or TCP transport.
 */
export class FileTransport implements ByteTransport {
  readonly uri: string;
  private handle: FileHandle | undefined;
  private readonly listeners = new TransportListeners();

  constructor(private readonly path: string) {
    this.uri = `file://${path}`;
  }

  get isOpen(): boolean {
    return this.handle !== undefined;
  }

  async open(timeoutMs = DEFAULT_OPEN_TIMEOUT_MS): Promise<void> {
    if (this.handle) return;
    const opening = open(this.path, constants.O_WRONLY | constants.O_NOCTTY).catch(
      (err: unknown) => {
        throw osErrorToAppError(err, this.uri);
      },
    );
    const handle = await withTimeout(opening, timeoutMs, `open ${this.uri}`, () => {
      void opening.then((h) => h.close()).catch(() => undefined);
    });
    this.handle = handle;
  }

  async write(bytes: Uint8Array, timeoutMs = DEFAULT_WRITE_TIMEOUT_MS): Promise<void> {
    const handle = this.handle;
    if (!handle) throw new AppError('DEVICE_NOT_CONNECTED', `${this.uri}: not open`);
    const writeAll = async (): Promise<void> => {
      let offset = 0;
      while (offset < bytes.length) {
        const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
        offset += bytesWritten;
      }
    };
    await withTimeout(
      writeAll().catch((err: unknown) => {
        throw osErrorToAppError(err, this.uri);
      }),
      timeoutMs,
      `write ${bytes.length} bytes to ${this.uri}`,
    );
  }

  onData(_listener: (chunk: Uint8Array) => void): () => void {
    return () => undefined;
  }

  onClose(listener: (err?: Error) => void): () => void {
    return this.listeners.addClose(listener);
  }

  async close(): Promise<void> {
    const handle = this.handle;
    if (!handle) return;
    this.handle = undefined;
    await handle.close().catch(() => undefined);
    this.listeners.emitClose();
  }
}
