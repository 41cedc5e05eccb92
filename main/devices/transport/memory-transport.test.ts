import { describe, expect, it } from 'vitest';
import { createMemoryTransportPair } from './memory-transport.js';

describe('createMemoryTransportPair', () => {
  it('delivers bytes from host to device and back, copied', async () => {
    const { host, device } = createMemoryTransportPair('sim://pn532');
    expect(host.uri).toBe('sim://pn532');
    await host.open();
    await device.open();
    const atDevice = new Promise<Uint8Array>((resolve) => device.onData(resolve));
    const sent = Uint8Array.of(1, 2, 3);
    await host.write(sent);
    sent[0] = 9;
    expect([...(await atDevice)]).toEqual([1, 2, 3]);
    const atHost = new Promise<Uint8Array>((resolve) => host.onData(resolve));
    await device.write(Uint8Array.of(4));
    expect([...(await atHost)]).toEqual([4]);
  });

  it('rejects writes on a closed end and tells close listeners', async () => {
    const { host } = createMemoryTransportPair();
    await host.open();
    let closed = 0;
    host.onClose(() => closed++);
    await host.close();
    expect(closed).toBe(1);
    await expect(host.write(Uint8Array.of(1))).rejects.toMatchObject({
      code: 'DEVICE_NOT_CONNECTED',
    });
  });
});
