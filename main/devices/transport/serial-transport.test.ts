import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../common/errors.js';
import {
  SOCAT_MISSING_MESSAGE,
  createPtyPair,
  isSocatAvailable,
} from '../../../simulators/pty/create-pty-pair.js';
import { SerialTransport, listSerialPorts } from './serial-transport.js';

const socat = isSocatAvailable();
if (!socat) console.warn(SOCAT_MISSING_MESSAGE);

function collect(t: SerialTransport): { bytes: number[]; until(n: number): Promise<number[]> } {
  const bytes: number[] = [];
  const waiters: (() => void)[] = [];
  t.onData((chunk) => {
    bytes.push(...chunk);
    for (const w of waiters.splice(0)) w();
  });
  return {
    bytes,
    async until(n) {
      while (bytes.length < n) await new Promise<void>((r) => waiters.push(r));
      return bytes.slice(0, n);
    },
  };
}

describe.skipIf(!socat)('SerialTransport over a socat pty pair', () => {
  it('carries bytes both ways, including all 256 byte values', async () => {
    const pair = await createPtyPair();
    const a = new SerialTransport({ path: pair.a, baudRate: 115200 });
    const b = new SerialTransport({ path: pair.b, baudRate: 115200 });
    try {
      await a.open();
      await b.open();
      expect(a.isOpen).toBe(true);
      expect(a.uri).toBe(`serial://${pair.a}?baud=115200`);
      const atB = collect(b);
      const atA = collect(a);
      const all = Uint8Array.from({ length: 256 }, (_, i) => i);
      await a.write(all);
      expect(await atB.until(256)).toEqual([...all]);
      await b.write(Uint8Array.of(0x00, 0x00, 0xff, 0x00, 0xff, 0x00));
      expect(await atA.until(6)).toEqual([0x00, 0x00, 0xff, 0x00, 0xff, 0x00]);
    } finally {
      await a.close();
      await b.close();
      await pair.close();
    }
  });

  it('reports a typed close error when the line goes away (socat killed)', async () => {
    const pair = await createPtyPair();
    const a = new SerialTransport({ path: pair.a });
    await a.open();
    const closed = new Promise<Error | undefined>((resolve) => a.onClose(resolve));
    await pair.close();
    // A pty reports the hang-up on the next write (EIO); a USB adapter also on read.
    await expect(a.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 'DEVICE_NOT_CONNECTED' });
    const err = (await closed) as AppError | undefined;
    expect(a.isOpen).toBe(false);
    expect(err?.code).toBe('DEVICE_NOT_CONNECTED');
    await expect(a.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 'DEVICE_NOT_CONNECTED' });
  });

  it('a port already open elsewhere is DEVICE_BUSY', async () => {
    const pair = await createPtyPair();
    const first = new SerialTransport({ path: pair.a });
    const second = new SerialTransport({ path: pair.a });
    try {
      await first.open();
      await expect(second.open()).rejects.toMatchObject({ code: 'DEVICE_BUSY' });
      expect(second.isOpen).toBe(false);
    } finally {
      await first.close();
      await pair.close();
    }
  });

  it('close() is quiet: listeners see no error', async () => {
    const pair = await createPtyPair();
    const a = new SerialTransport({ path: pair.a });
    await a.open();
    const reasons: (Error | undefined)[] = [];
    a.onClose((e) => reasons.push(e));
    await a.close();
    await a.close();
    expect(reasons).toEqual([undefined]);
    await pair.close();
  });
});

describe('SerialTransport errors', () => {
  it('a missing port is DEVICE_NOT_CONNECTED', async () => {
    const t = new SerialTransport({ path: '/dev/ttyNOPE-kiosk-test' });
    await expect(t.open(2000)).rejects.toMatchObject({ code: 'DEVICE_NOT_CONNECTED' });
    expect(t.isOpen).toBe(false);
  });

  it('writing before open is DEVICE_NOT_CONNECTED', async () => {
    const t = new SerialTransport({ path: '/dev/ttyNOPE-kiosk-test' });
    await expect(t.write(Uint8Array.of(1))).rejects.toMatchObject({
      code: 'DEVICE_NOT_CONNECTED',
    });
  });
});

describe('listSerialPorts', () => {
  it('returns descriptions with a ready-to-use URI', async () => {
    const ports = await listSerialPorts();
    for (const p of ports) expect(p.uri).toBe(`serial://${p.path}?baud=115200`);
  });
});
