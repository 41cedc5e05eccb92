import { createMemoryTransportPair } from '../../main/devices/transport/memory-transport.js';
import type { ByteTransport } from '../../main/devices/transport/byte-transport.js';
import { SerialTransport } from '../../main/devices/transport/serial-transport.js';
import { createPtyPair } from '../pty/create-pty-pair.js';
import { Pn532Simulator, type Pn532SimulatorOptions } from './pn532-simulator.js';

export interface InProcessPn532 {
  /** Give this to Pn532IdCardReader (uri sim://pn532). */
  readonly transport: ByteTransport;
  readonly simulator: Pn532Simulator;
}

/** A PN532 simulator behind an in-process transport pair (demo mode, fast tests). */
export async function createInProcessPn532(
  options: Pn532SimulatorOptions = {},
  uri = 'sim://pn532',
): Promise<InProcessPn532> {
  const { host, device } = createMemoryTransportPair(uri);
  const simulator = new Pn532Simulator(options);
  await simulator.attach(device);
  return { transport: host, simulator };
}

export interface PtyPn532 {
  /** The pty the driver opens, e.g. /dev/pts/5 (serial:///dev/pts/5?baud=115200). */
  readonly path: string;
  readonly simulator: Pn532Simulator;
  /** Detaches the simulator, closes its serial end and kills socat. */
  close(): Promise<void>;
}

/** A PN532 simulator on one end of a socat pty pair, opened with serialport (SerialTransport). */
export async function startPn532OnPty(options: Pn532SimulatorOptions = {}): Promise<PtyPn532> {
  const pair = await createPtyPair();
  const deviceSide = new SerialTransport({ path: pair.b, baudRate: options.baudRate ?? 115200 });
  const simulator = new Pn532Simulator(options);
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
