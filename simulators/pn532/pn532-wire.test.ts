import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../common/hex.js';
import { HostStreamParser, responseFrame, type HostMessage } from './pn532-wire.js';

const commands = (msgs: HostMessage[]): string[] =>
  msgs.flatMap((m) => (m.kind === 'command' ? [toHex(m.body)] : []));

describe('HostStreamParser (the simulated PN532 reading the host)', () => {
  it('reads wake-up, long preamble, command, ACK and NACK', () => {
    const p = new HostStreamParser();
    const msgs = p.push(
      fromHex(
        '55 55 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 FF 05 FB D4 14 01 00 00 17 00 00 00 FF 00 FF 00 00 00 FF FF 00 00',
      ),
    );
    expect(msgs.map((m) => m.kind)).toEqual(['wakeup', 'wakeup', 'command', 'ack', 'nack']);
    expect(commands(msgs)).toEqual(['14 01 00 00']);
  });

  it('reads an extended host frame', () => {
    const data = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff);
    const body = [0xd4, 0x40, 0x01, ...data.subarray(0, 262)];
    const len = body.length;
    const dcs = (0x100 - (body.reduce((a, b) => a + b, 0) & 0xff)) & 0xff;
    const frame = Uint8Array.of(
      0,
      0,
      0xff,
      0xff,
      0xff,
      len >> 8,
      len & 0xff,
      (0x100 - ((len >> 8) + (len & 0xff))) & 0xff,
      ...body,
      dcs,
      0,
    );
    expect(commands(new HostStreamParser().push(frame))[0]?.startsWith('40 01 00 01 02')).toBe(
      true,
    );
  });

  it('ignores frames with a bad checksum or a TFI other than D4', () => {
    const msgs = new HostStreamParser().push(
      fromHex('00 00 FF 02 FE D4 02 2B 00  00 00 FF 02 FE D5 02 29 00'),
    );
    expect(msgs.map((m) => m.kind)).toEqual(['bad-frame', 'bad-frame']);
  });

  it('never throws and never holds more than one frame, whatever arrives (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 1500 }),
        fc.integer({ min: 1, max: 40 }),
        (bytes, chunk) => {
          const p = new HostStreamParser();
          for (let i = 0; i < bytes.length; i += chunk) {
            p.push(bytes.subarray(i, i + chunk));
            expect(p.pending).toBeLessThanOrEqual(7 + 265 + 1 + 1);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('responseFrame', () => {
  it('builds the PN532 → host frames of research §4.1', () => {
    expect(toHex(responseFrame(fromHex('03 32 01 06 07')))).toBe(
      '00 00 FF 06 FA D5 03 32 01 06 07 E8 00',
    );
    expect(toHex(responseFrame(fromHex('15')))).toBe('00 00 FF 02 FE D5 15 16 00');
    expect(toHex(responseFrame(fromHex('11')))).toBe('00 00 FF 02 FE D5 11 1A 00');
  });

  it('switches to an extended frame above 254 data bytes', () => {
    const f = responseFrame(new Uint8Array(264));
    expect(toHex(f.subarray(0, 9))).toBe('00 00 FF FF FF 01 09 F6 D5');
    expect(f.length).toBe(8 + 265 + 2);
  });
});
