import { AppError } from '../../../common/errors.js';
import type { ByteTransport } from './byte-transport.js';
import { TransportListeners } from './transport-support.js';

/**
 * One end of an in-process byte pipe. Bytes written on one end arrive, asynchronously and
 * copied, at the other end's data listeners — like a null-modem cable. Used to run simulators
 * in-process (demo mode, fast tests).
 */
export class MemoryTransport implements ByteTransport {
  private peer: MemoryTransport | undefined;
  private open_ = false;
  private readonly listeners = new TransportListeners();

  constructor(readonly uri: string) {}

  /** Connects two ends. */
  static link(a: MemoryTransport, b: MemoryTransport): void {
    a.peer = b;
    b.peer = a;
  }

  get isOpen(): boolean {
    return this.open_;
  }

  open(): Promise<void> {
    this.open_ = true;
    return Promise.resolve();
  }

  write(bytes: Uint8Array): Promise<void> {
    if (!this.open_) {
      return Promise.reject(new AppError('DEVICE_NOT_CONNECTED', `${this.uri}: not open`));
    }
    const peer = this.peer;
    const copy = new Uint8Array(bytes);
    // Bytes sent while nobody listens on the far end are lost, as on a real line.
    if (peer?.open_ && copy.length > 0) {
      setImmediate(() => {
        if (peer.open_) peer.listeners.emitData(copy);
      });
    }
    return Promise.resolve();
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.listeners.addData(listener);
  }

  onClose(listener: (err?: Error) => void): () => void {
    return this.listeners.addClose(listener);
  }

  close(): Promise<void> {
    if (!this.open_) return Promise.resolve();
    this.open_ = false;
    this.listeners.emitClose();
    return Promise.resolve();
  }
}

export interface MemoryTransportPair {
  /** The end a driver uses (what a serial port would be). */
  readonly host: MemoryTransport;
  /** The end a simulator uses (the device side). */
  readonly device: MemoryTransport;
}

/** Creates a linked pair, e.g. `createMemoryTransportPair('sim://pn532')`. */
export function createMemoryTransportPair(uri = 'sim://memory'): MemoryTransportPair {
  const host = new MemoryTransport(uri);
  const device = new MemoryTransport(`${uri}#device`);
  MemoryTransport.link(host, device);
  return { host, device };
}
