import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../../common/errors.js';
import { TcpTransport } from './tcp-transport.js';

let server: Server | undefined;
const sockets: Socket[] = [];

async function listen(onSocket: (s: Socket) => void): Promise<number> {
  server = createServer((s) => {
    sockets.push(s);
    onSocket(s);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

describe('TcpTransport on 127.0.0.1', () => {
  it('writes bytes the server receives and delivers what the server sends', async () => {
    const received: number[] = [];
    const port = await listen((s) => {
      s.on('data', (d) => {
        received.push(...d);
        if (received.length >= 3) s.write(Buffer.from([0x10, 0x04, 0x12]));
      });
    });
    const t = new TcpTransport({ host: '127.0.0.1', port });
    expect(t.uri).toBe(`tcp://127.0.0.1:${port}`);
    await t.open();
    const answer = new Promise<number[]>((resolve) => {
      const got: number[] = [];
      t.onData((c) => {
        got.push(...c);
        if (got.length >= 3) resolve(got);
      });
    });
    await t.write(Uint8Array.of(0x1b, 0x40, 0x0a));
    expect(await answer).toEqual([0x10, 0x04, 0x12]);
    expect(received).toEqual([0x1b, 0x40, 0x0a]);
    await t.close();
    expect(t.isOpen).toBe(false);
  });

  it('a refused connection is DEVICE_NOT_CONNECTED', async () => {
    const port = await listen(() => undefined);
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    const t = new TcpTransport({ host: '127.0.0.1', port });
    await expect(t.open(2000)).rejects.toMatchObject({ code: 'DEVICE_NOT_CONNECTED' });
  });

  it('the peer hanging up is reported through onClose with DEVICE_NOT_CONNECTED', async () => {
    const port = await listen((s) => setImmediate(() => s.end()));
    const t = new TcpTransport({ host: '127.0.0.1', port });
    const closed = new Promise<Error | undefined>((resolve) => t.onClose(resolve));
    await t.open();
    const err = (await closed) as AppError | undefined;
    expect(err?.code).toBe('DEVICE_NOT_CONNECTED');
    await expect(t.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 'DEVICE_NOT_CONNECTED' });
  });

  it('a peer that stops reading makes write time out with DEVICE_TIMEOUT', async () => {
    const port = await listen((s) => s.pause());
    const t = new TcpTransport({ host: '127.0.0.1', port });
    await t.open();
    const big = new Uint8Array(64 * 1024 * 1024);
    await expect(t.write(big, 300)).rejects.toMatchObject({ code: 'DEVICE_TIMEOUT' });
    await t.close();
  });
});
