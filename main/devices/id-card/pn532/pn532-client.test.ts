import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../common/errors.js';
import { fromHex, toHex } from '../../../../common/hex.js';
import { createMemoryTransportPair } from '../../transport/memory-transport.js';
import { Pn532Client } from './pn532-client.js';
import { getFirmwareVersion } from './pn532-commands.js';
import { encodeFrame } from './pn532-frame.js';

const ACK = fromHex('00 00 FF 00 FF 00');

/** A client whose "PN532" answers every host write with `reply(write)` (byte chunks). */
async function withDevice(reply: (written: Uint8Array, n: number) => Uint8Array[]) {
  const { host, device } = createMemoryTransportPair('sim://fuzz');
  await host.open();
  await device.open();
  let n = 0;
  device.onData((chunk) => {
    for (const part of reply(chunk, n++)) void device.write(part);
  });
  const client = new Pn532Client(host, { ackTimeoutMs: 30, interByteTimeoutMs: 20, maxRetries: 1 });
  client.attach();
  return client;
}

describe('Pn532Client', () => {
  it('returns the response parameters after ACK + response', async () => {
    const client = await withDevice((w, n) =>
      n === 0 ? [ACK, encodeFrame(fromHex('03 32 01 06 07'), 0xd5)] : [],
    );
    expect(toHex(await client.command(getFirmwareVersion(), 500))).toBe('32 01 06 07');
  });

  it('ignores a stale response to another command and waits for its own', async () => {
    const client = await withDevice((_w, n) =>
      n === 0
        ? [ACK, encodeFrame(fromHex('4B 00'), 0xd5), encodeFrame(fromHex('03 32 01 06 07'), 0xd5)]
        : [],
    );
    expect(toHex(await client.command(getFirmwareVersion(), 500))).toBe('32 01 06 07');
  });

  it('aborts with an ACK when the response does not come, and says DEVICE_TIMEOUT', async () => {
    const writes: string[] = [];
    const client = await withDevice((w) => {
      writes.push(toHex(w));
      return writes.length === 1 ? [ACK] : [];
    });
    await expect(client.command(getFirmwareVersion(), 200)).rejects.toMatchObject({
      code: 'DEVICE_TIMEOUT',
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(writes).toEqual(['00 00 FF 02 FE D4 02 2A 00', '00 00 FF 00 FF 00']);
  });

  it('whatever the device answers, a command settles before its timeout with a typed result (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 4 }), { maxLength: 4 }),
        fc.boolean(),
        async (answers, withAck) => {
          const client = await withDevice((_w, n) => {
            const parts = answers[n] ?? [];
            return withAck && n === 0 ? [ACK, ...parts] : parts;
          });
          const outcome = await client.command(getFirmwareVersion(), 120).then(
            (params) => ({ ok: true as const, params }),
            (err: unknown) => ({ ok: false as const, err }),
          );
          if (outcome.ok) expect(outcome.params).toBeInstanceOf(Uint8Array);
          else {
            expect(outcome.err).toBeInstanceOf(AppError);
            expect(['DEVICE_TIMEOUT', 'DEVICE_PROTOCOL']).toContain((outcome.err as AppError).code);
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});
