import type { ByteTransport } from '../../main/devices/transport/byte-transport.js';
import { createMemoryTransportPair } from '../../main/devices/transport/memory-transport.js';
import { SerialTransport } from '../../main/devices/transport/serial-transport.js';
import { createPtyPair } from '../pty/create-pty-pair.js';

export type ScanTerminator = 'CRLF' | 'CR' | 'LF' | 'none';

export interface QrScannerSimulatorOptions {
  /** Suffix after each payload (most USB-CDC scanners default to CR or CR LF). */
  readonly terminator?: ScanTerminator;
  /** Split each scan into writes of this many bytes, as a UART delivers it. */
  readonly chunkSize?: number;
  /** Paces output like a UART at this speed (10 bits per byte). */
  readonly baudRate?: number;
}

const SUFFIX: Record<ScanTerminator, number[]> = {
  CRLF: [0x0d, 0x0a],
  CR: [0x0d],
  LF: [0x0a],
  none: [],
};

/** A serial QR scanner: writes each decoded payload as UTF-8 plus a line terminator. */
export class QrScannerSimulator {
  private transport: ByteTransport | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: QrScannerSimulatorOptions = {}) {}

  async attach(transport: ByteTransport): Promise<void> {
    if (!transport.isOpen) await transport.open();
    this.transport = transport;
  }

  detach(): void {
    this.transport = undefined;
  }

  /** "Scans" a code: resolves once its bytes were written. */
  scan(payload: string, options: QrScannerSimulatorOptions = {}): Promise<void> {
    const terminator = options.terminator ?? this.options.terminator ?? 'CRLF';
    return this.writeRaw(
      Uint8Array.from([...new TextEncoder().encode(payload), ...SUFFIX[terminator]]),
      options,
    );
  }

  /** Writes arbitrary bytes (noise, invalid UTF-8, overlong lines) for fault tests. */
  writeRaw(bytes: Uint8Array, options: QrScannerSimulatorOptions = {}): Promise<void> {
    const transport = this.transport;
    if (!transport) return Promise.reject(new Error('QrScannerSimulator is not attached'));
    const chunkSize = Math.max(1, options.chunkSize ?? this.options.chunkSize ?? bytes.length);
    const baud = options.baudRate ?? this.options.baudRate;
    const run = this.queue.then(async () => {
      for (let i = 0; i < bytes.length; i += chunkSize) {
        const chunk = bytes.subarray(i, i + chunkSize);
        if (baud) await new Promise((r) => setTimeout(r, (chunk.length * 10 * 1000) / baud));
        await transport.write(chunk);
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** A scanner simulator behind an in-process transport pair (demo mode). */
export async function createInProcessQrScanner(
  options: QrScannerSimulatorOptions = {},
  uri = 'sim://qr-scanner',
): Promise<{ transport: ByteTransport; simulator: QrScannerSimulator }> {
  const { host, device } = createMemoryTransportPair(uri);
  const simulator = new QrScannerSimulator(options);
  await simulator.attach(device);
  return { transport: host, simulator };
}

/** A scanner simulator on one end of a socat pty pair; the driver opens `path`. */
export async function startQrScannerOnPty(
  options: QrScannerSimulatorOptions = {},
): Promise<{ path: string; simulator: QrScannerSimulator; close(): Promise<void> }> {
  const pair = await createPtyPair();
  const deviceSide = new SerialTransport({ path: pair.b, baudRate: options.baudRate ?? 115200 });
  const simulator = new QrScannerSimulator(options);
  try {
    await simulator.attach(deviceSide);
  } catch (err) {
    await pair.close();
    throw err;
  }
  return {
    path: pair.a,
    simulator,
    async close() {
      simulator.detach();
      await deviceSide.close();
      await pair.close();
    },
  };
}
