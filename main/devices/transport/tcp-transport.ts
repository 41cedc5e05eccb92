import { Socket } from 'node:net';
import { AppError } from '../../../common/errors.js';
import type { ByteTransport } from './byte-transport.js';
import {
  DEFAULT_OPEN_TIMEOUT_MS,
  DEFAULT_WRITE_TIMEOUT_MS,
  TransportListeners,
  copyChunk,
  osErrorToAppError,
  withTimeout,
} from './transport-support.js';

export interface TcpTransportOptions {
  readonly host: string;
  readonly port: number;
}

/** ByteTransport over TCP (network printers on port 9100, serial-to-Ethernet bridges). */
export class TcpTransport implements ByteTransport {
  readonly uri: string;
  private socket: Socket | undefined;
  private readonly listeners = new TransportListeners();
  private closing = false;

  constructor(private readonly options: TcpTransportOptions) {
    const host = options.host.includes(':') ? `[${options.host}]` : options.host;
    this.uri = `tcp://${host}:${options.port}`;
  }

  get isOpen(): boolean {
    return this.socket !== undefined && !this.socket.destroyed && this.socket.readyState === 'open';
  }

  async open(timeoutMs = DEFAULT_OPEN_TIMEOUT_MS): Promise<void> {
    if (this.isOpen) return;
    const socket = new Socket();
    const connected = new Promise<void>((resolve, reject) => {
      const onError = (err: Error): void => reject(osErrorToAppError(err, this.uri));
      socket.once('error', onError);
      socket.connect({ host: this.options.host, port: this.options.port }, () => {
        socket.off('error', onError);
        resolve();
      });
    });
    await withTimeout(connected, timeoutMs, `connect ${this.uri}`, () => socket.destroy());
    socket.setNoDelay(true);
    this.closing = false;
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => this.listeners.emitData(copyChunk(chunk)));
    let lastError: Error | undefined;
    socket.on('error', (err) => {
      lastError = err;
    });
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      const reason = this.closing
        ? undefined
        : new AppError(
            'DEVICE_NOT_CONNECTED',
            `${this.uri}: connection closed${lastError ? `: ${lastError.message}` : ' by peer'}`,
            { cause: lastError },
          );
      this.listeners.emitClose(reason);
    });
  }

  async write(bytes: Uint8Array, timeoutMs = DEFAULT_WRITE_TIMEOUT_MS): Promise<void> {
    const socket = this.socket;
    if (!socket || !this.isOpen)
      throw new AppError('DEVICE_NOT_CONNECTED', `${this.uri}: not open`);
    const written = new Promise<void>((resolve, reject) => {
      socket.write(bytes, (err) => (err ? reject(osErrorToAppError(err, this.uri)) : resolve()));
    });
    // A peer that stops reading (printer out of paper, hung bridge) must not block forever.
    await withTimeout(written, timeoutMs, `write ${bytes.length} bytes to ${this.uri}`, () =>
      socket.destroy(),
    );
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.listeners.addData(listener);
  }

  onClose(listener: (err?: Error) => void): () => void {
    return this.listeners.addClose(listener);
  }

  async close(): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    this.closing = true;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      // end() waits for the peer's FIN; do not let a silent peer keep us waiting.
      setTimeout(() => socket.destroy(), 1_000).unref();
    });
  }
}
