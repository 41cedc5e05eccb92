import { describe, expect, it } from 'vitest';
import { toHex } from '../../common/hex.js';
import { createInProcessQrScanner } from './qr-scanner-simulator.js';

describe('QrScannerSimulator', () => {
  it('writes the payload as UTF-8 followed by the chosen terminator (default CR LF)', async () => {
    const { transport, simulator } = await createInProcessQrScanner({ chunkSize: 2 });
    await transport.open();
    const got: number[] = [];
    const done = new Promise<void>((resolve) =>
      transport.onData((c) => {
        got.push(...c);
        if (got.includes(0x2e)) resolve();
      }),
    );
    await simulator.scan('Cà', { terminator: 'CR' });
    await simulator.scan('ab');
    await simulator.scan('z', { terminator: 'LF' });
    await simulator.scan('', { terminator: 'none' });
    await simulator.scan('.', { terminator: 'none' });
    await done;
    expect(toHex(Uint8Array.from(got))).toBe('43 C3 A0 0D 61 62 0D 0A 7A 0A 2E');
  });

  it('refuses to scan when not attached', async () => {
    const { simulator } = await createInProcessQrScanner();
    simulator.detach();
    await expect(simulator.scan('x')).rejects.toThrow('not attached');
  });
});
