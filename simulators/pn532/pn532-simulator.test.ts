import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../common/hex.js';
import { FakeCardEmulator } from './fake-card-emulator.js';
import { createInProcessPn532 } from './pn532-simulator-hosts.js';

/** A hand-driven host: writes hex, reads the bytes that come back. */
async function rawHost(options = {}) {
  const { transport, simulator } = await createInProcessPn532(options);
  await transport.open();
  const rx: number[] = [];
  let notify: (() => void) | undefined;
  transport.onData((c) => {
    rx.push(...c);
    notify?.();
  });
  const read = async (n: number): Promise<string> => {
    const deadline = Date.now() + 2_000;
    while (rx.length < n) {
      if (Date.now() > deadline)
        throw new Error(`only ${rx.length} of ${n} bytes: ${toHex(Uint8Array.from(rx))}`);
      await new Promise<void>((r) => {
        notify = r;
        setTimeout(r, 100);
      });
    }
    return toHex(Uint8Array.from(rx.splice(0, n)));
  };
  /** Reads one information frame, normal or extended, using its LEN. */
  const readFrame = async (): Promise<string> => {
    const head = await read(5);
    const [, , , len, lcs] = head.split(' ').map((x) => parseInt(x, 16));
    if (len === 0xff && lcs === 0xff) {
      const ext = await read(3);
      const [m = 0, l = 0] = ext.split(' ').map((x) => parseInt(x, 16));
      return `${head} ${ext} ${await read(((m << 8) | l) + 2)}`;
    }
    return `${head} ${await read((len ?? 0) + 2)}`;
  };
  const write = (hex: string): Promise<void> => transport.write(fromHex(hex));
  return { simulator, read, readFrame, write, rx };
}

const WAKE = '55 55 00 00 00 00 00 00 00 00 00 00 00 00 00 00';
const ACK = '00 00 FF 00 FF 00';

/** Host frame for a body given in hex (D4 added); a third, minimal encoder for these tests. */
function hostFrame(bodyHex: string): string {
  const body = [0xd4, ...fromHex(bodyHex)];
  const dcs = (0x100 - (body.reduce((a, b) => a + b, 0) & 0xff)) & 0xff;
  return toHex(
    Uint8Array.of(0, 0, 0xff, body.length, (0x100 - body.length) & 0xff, ...body, dcs, 0),
  );
}

describe('Pn532Simulator on the wire (hand-written host frames)', () => {
  it('stays in LowVbat until the 0x55 wake-up, then answers SAMConfiguration', async () => {
    const h = await rawHost();
    await h.write('00 00 FF 02 FE D4 02 2A 00');
    await new Promise((r) => setTimeout(r, 50));
    expect(h.rx).toEqual([]);
    await h.write(`${WAKE} 00 00 FF 05 FB D4 14 01 00 00 17 00`);
    expect(await h.read(6)).toBe(ACK);
    // research §4.1: response 00 00 FF 02 FE D5 15 16 00
    expect(await h.read(9)).toBe('00 00 FF 02 FE D5 15 16 00');
  });

  it('answers GetFirmwareVersion as a PN532 v1.6', async () => {
    const h = await rawHost({ requireWakeUp: false });
    await h.write('00 00 FF 02 FE D4 02 2A 00');
    expect(await h.read(6)).toBe(ACK);
    expect(await h.read(13)).toBe('00 00 FF 06 FA D5 03 32 01 06 07 E8 00');
  });

  it('lists a type A card with UID and ATS, and reports no type B card', async () => {
    const h = await rawHost({ requireWakeUp: false });
    h.simulator.placeCard(
      new FakeCardEmulator({ uid: fromHex('08 AA BB CC'), ats: fromHex('80 31') }),
    );
    await h.write('00 00 FF 06 FA D4 32 05 FF 01 02 F3 00');
    expect(await h.read(6)).toBe(ACK);
    expect(await h.read(9)).toBe('00 00 FF 02 FE D5 33 F8 00');
    await h.write('00 00 FF 04 FC D4 4A 01 00 E1 00');
    expect(await h.read(6)).toBe(ACK);
    // D5 4B 01 | Tg 01 SENS_RES 00 04 SEL_RES 20 len 04 UID | TL 07 T0 78 TA 77 TB 71 TC 02 hist 80 31
    const body = 'D5 4B 01 01 00 04 20 04 08 AA BB CC 07 78 77 71 02 80 31';
    const frame = await h.read(5 + 19 + 2);
    expect(frame.slice(0, 14)).toBe('00 00 FF 13 ED');
    expect(frame.slice(15, 15 + body.length)).toBe(body);
    await h.write('00 00 FF 05 FB D4 4A 01 03 00 DE 00');
    expect(await h.read(6)).toBe(ACK);
    expect(await h.read(10)).toBe('00 00 FF 03 FD D5 4B 00 E0 00');
  });

  it('chains a long response with MI and extended frames, and repeats a frame on NACK', async () => {
    const h = await rawHost({ requireWakeUp: false });
    h.simulator.placeCard(new FakeCardEmulator());
    await h.write('00 00 FF 04 FC D4 4A 01 00 E1 00');
    await h.read(6);
    expect(await h.readFrame()).toContain('D5 4B 01 01');
    // 80 EE 01 F4: 500 bytes + 90 00 = 502 → 262 (MI) + 240
    await h.write(hostFrame('40 01 80 EE 01 F4'));
    expect(await h.read(6)).toBe(ACK);
    const first = await h.readFrame();
    expect(first.split(' ')).toHaveLength(8 + 3 + 262 + 2);
    // Extended frame LEN = 265 = 01 09, LCS F6; D5 41 status 40 (MI)
    expect(first.startsWith('00 00 FF FF FF 01 09 F6 D5 41 40 00 01 02')).toBe(true);
    await h.write('00 00 FF FF 00 00');
    expect(await h.read(8 + 3 + 262 + 2)).toBe(first);
    await h.write(hostFrame('40 01'));
    expect(await h.read(6)).toBe(ACK);
    const second = await h.readFrame();
    // bytes 262..499 (06 … F3) then 90 00; LEN = 3 + 240 = F3, LCS 0D
    expect(second.startsWith('00 00 FF F3 0D D5 41 00 06 07')).toBe(true);
    expect(second.slice(-14, -6)).toBe('F3 90 00');
  });

  it('answers an unknown command with the syntax error frame', async () => {
    const h = await rawHost({ requireWakeUp: false });
    await h.write('00 00 FF 02 FE D4 99 93 00');
    expect(await h.read(6)).toBe(ACK);
    expect(await h.read(8)).toBe('00 00 FF 01 FF 7F 81 00');
  });

  it('without an activated target InDataExchange reports status 0x27', async () => {
    const h = await rawHost({ requireWakeUp: false });
    await h.write(hostFrame('40 01'));
    expect(await h.read(6)).toBe(ACK);
    expect(await h.read(10)).toBe('00 00 FF 03 FD D5 41 27 C3 00');
  });
});
