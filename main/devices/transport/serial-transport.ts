import { SerialPort } from 'serialport';
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

export type SerialParity = 'none' | 'even' | 'odd' | 'mark' | 'space';

export interface SerialTransportOptions {
  readonly path: string;
  /** Default 115200 (PN532 HSU default; most USB-CDC scanners ignore it). */
  readonly baudRate?: number;
  readonly dataBits?: 5 | 6 | 7 | 8;
  readonly parity?: SerialParity;
  readonly stopBits?: 1 | 1.5 | 2;
  readonly rtscts?: boolean;
}

/** ByteTransport over a serial port (RS-232, USB-CDC/ACM, USB-serial adapters, ptys). */
export class SerialTransport implements ByteTransport {
  readonly uri: string;
  private port: SerialPort | undefined;
  private readonly listeners = new TransportListeners();
  private closing = false;

  constructor(private readonly options: SerialTransportOptions) {
    this.uri = `serial://${options.path.startsWith('/') ? '' : '/'}${options.path}?baud=${options.baudRate ?? 115200}`;
  }

  get isOpen(): boolean {
    return this.port?.isOpen ?? false;
  }

  async open(timeoutMs = DEFAULT_OPEN_TIMEOUT_MS): Promise<void> {
    if (this.isOpen) return;
    const o = this.options;
    const settings = {
      path: o.path,
      baudRate: o.baudRate ?? 115200,
      dataBits: o.dataBits ?? 8,
      parity: o.parity ?? 'none',
      stopBits: o.stopBits ?? 1,
      rtscts: o.rtscts ?? false,
      autoOpen: false,
    } as const;
    let port: SerialPort;
    try {
      port = new SerialPort(settings);
    } catch (err) {
      throw new AppError('INVALID_INPUT', `${this.uri}: ${(err as Error).message}`, { cause: err });
    }
    const opened = new Promise<void>((resolve, reject) => {
      port.open((err) => (err ? reject(osErrorToAppError(err, this.uri)) : resolve()));
    });
    let timedOut = false;
    // An open that completes after the timeout must not leave a locked, orphaned port.
    opened.then(
      () => {
        if (timedOut) port.close();
      },
      () => undefined,
    );
    await withTimeout(opened, timeoutMs, `open ${this.uri}`, () => {
      timedOut = true;
      if (port.isOpen) port.close();
    });
    this.closing = false;
    this.port = port;
    port.on('data', (chunk: Buffer) => this.listeners.emitData(copyChunk(chunk)));
    // 'error' without a callback (e.g. a read or write failing when a USB adapter is unplugged);
    // serialport then closes the port, possibly emitting 'close' without the error.
    let lastError: Error | undefined;
    port.on('error', (err: Error) => {
      lastError = err;
      if (port.isOpen) port.close();
      else this.finish(port, err);
    });
    port.on('close', (err?: Error | null) => this.finish(port, err ?? lastError));
  }

  async write(bytes: Uint8Array, timeoutMs = DEFAULT_WRITE_TIMEOUT_MS): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) throw new AppError('DEVICE_NOT_CONNECTED', `${this.uri}: not open`);
    const written = new Promise<void>((resolve, reject) => {
      port.write(Buffer.from(bytes), (err) => {
        if (err) return reject(osErrorToAppError(err, this.uri));
        // drain() waits until the OS has transmitted the bytes (tcdrain), so a stalled port
        // (flow control, unplugged adapter) surfaces as a timeout rather than a silent buffer.
        port.drain((drainErr) =>
          drainErr ? reject(osErrorToAppError(drainErr, this.uri)) : resolve(),
        );
      });
    });
    await withTimeout(written, timeoutMs, `write ${bytes.length} bytes to ${this.uri}`);
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.listeners.addData(listener);
  }

  onClose(listener: (err?: Error) => void): () => void {
    return this.listeners.addClose(listener);
  }

  async close(): Promise<void> {
    const port = this.port;
    if (!port) return;
    this.closing = true;
    if (port.isOpen) {
      await new Promise<void>((resolve) => port.close(() => resolve()));
    }
    this.finish(port);
  }

  private finish(port: SerialPort, err?: Error): void {
    if (this.port !== port) return;
    this.port = undefined;
    port.removeAllListeners('data');
    const error = this.closing
      ? undefined
      : new AppError(
          'DEVICE_NOT_CONNECTED',
          `${this.uri}: port closed unexpectedly${err ? `: ${err.message}` : ''}`,
          { cause: err },
        );
    this.listeners.emitClose(error);
  }
}

interface RawPortInfo {
  path: string;
  manufacturer?: string | undefined;
  serialNumber?: string | undefined;
  vendorId?: string | undefined;
  productId?: string | undefined;
}

export interface SerialPortDescription {
  readonly path: string;
  readonly manufacturer?: string;
  readonly serialNumber?: string;
  readonly vendorId?: string;
  readonly productId?: string;
  /** e.g. "serial:///dev/ttyUSB0?baud=115200", ready for settings. */
  readonly uri: string;
}

/** Serial ports the OS knows about (for the setup screen and `npm run device -- list-ports`). */
export async function listSerialPorts(
  timeoutMs = DEFAULT_OPEN_TIMEOUT_MS,
): Promise<SerialPortDescription[]> {
  // serialport's PortInfo type lives in @serialport/bindings-interface, whose types do not
  // resolve through its exports map; describe the fields we use.
  const listed = SerialPort.list() as Promise<RawPortInfo[]>;
  const ports = await withTimeout(listed, timeoutMs, 'list serial ports');
  return ports.map((p) => {
    const out: {
      -readonly [K in keyof SerialPortDescription]: SerialPortDescription[K];
    } = {
      path: p.path,
      uri: `serial://${p.path.startsWith('/') ? '' : '/'}${p.path}?baud=115200`,
    };
    if (p.manufacturer) out.manufacturer = p.manufacturer;
    if (p.serialNumber) out.serialNumber = p.serialNumber;
    if (p.vendorId) out.vendorId = p.vendorId;
    if (p.productId) out.productId = p.productId;
    return out;
  });
}
