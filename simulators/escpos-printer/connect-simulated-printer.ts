/**
 * Demo mode's `sim://` printer: an in-process memory pipe with the simulator on the device end.
 * The composition root passes this through `resolveSim` of main/devices/transport/open-transport.
 */
import type { ByteTransport } from '../../main/devices/transport/byte-transport';
import { createMemoryTransportPair } from '../../main/devices/transport/memory-transport';
import type { EscPosPrinterSimulator } from './escpos-printer-simulator';

/** Returns the host end (not yet open) for EscPosTicketPrinter; the simulator serves the other. */
export async function connectSimulatedPrinter(
  sim: EscPosPrinterSimulator,
  uri = 'sim://escpos-printer',
): Promise<ByteTransport> {
  const { host, device } = createMemoryTransportPair(uri);
  await sim.attach(device);
  return host;
}
