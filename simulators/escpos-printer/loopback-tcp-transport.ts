/**
 * A minimal TCP ByteTransport for the printer tests and demos, until main/devices/transport's TCP
 * adapter is available. 127.0.0.1 only in tests; every operation has a timeout.
 */
import net from 'node:net';
import { AppError } from '../../common/errors';
import type { ByteTransport } from '../../main/devices/transport/byte-transport';

export class LoopbackTcpTransport implements ByteTransport {
  readonly uri: string;
  private socket: net.Socket | undefined;
  private readonly dataListeners = new Set<(chunk: Uint8Array) => void>();
  private readonly closeListeners = new Set<(err?: Error) => void>();

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {
    this.uri = `tcp://${host}:${port}`;
  }

  get isOpen(): boolean {
    return this.socket !== undefined && !this.socket.destroyed;
  }

  open(timeoutMs = 3000): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: this.host, port: this.port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new AppError('DEVICE_TIMEOUT', `connect to ${this.uri} timed out`));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        this.socket = socket;
        socket.on('data', (d: Buffer) => {
          for (const l of this.dataListeners) l(new Uint8Array(d));
        });
        socket.on('close', () => {
          if (this.socket === socket) this.socket = undefined;
          for (const l of this.closeListeners) l();
        });
        resolve();
      });
      socket.once('error', (err) => {
        clearTimeout(timer);
        reject(new AppError('DEVICE_NOT_CONNECTED', `${this.uri}: ${err.message}`));
      });
    });
  }

  write(bytes: Uint8Array, timeoutMs = 5000): Promise<void> {
    const socket = this.socket;
    if (!socket)
      return Promise.reject(new AppError('DEVICE_NOT_CONNECTED', `${this.uri} not open`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new AppError('DEVICE_TIMEOUT', `write to ${this.uri} timed out`)),
        timeoutMs,
      );
      socket.write(bytes, (err) => {
        clearTimeout(timer);
        if (err) reject(new AppError('DEVICE_NOT_CONNECTED', `${this.uri}: ${err.message}`));
        else resolve();
      });
    });
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  onClose(listener: (err?: Error) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (!socket) return Promise.resolve();
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      setTimeout(() => {
        socket.destroy();
        resolve();
      }, 500).unref();
    });
  }
}
