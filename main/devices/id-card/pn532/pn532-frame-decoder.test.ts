import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../common/errors.js';
import { fromHex, toHex } from '../../../../common/hex.js';
import { encodeFrame } from './pn532-frame.js';
import { Pn532FrameDecoder, type Pn532DecodedEvent } from './pn532-frame-decoder.js';

function decodeAll(bytes: Uint8Array, chunk = bytes.length): Pn532DecodedEvent[] {
  const d = new Pn532FrameDecoder();
  const events: Pn532DecodedEvent[] = [];
  for (let i = 0; i < bytes.length; i += Math.max(1, chunk)) {
    events.push(...d.push(bytes.subarray(i, i + Math.max(1, chunk))));
  }
  return events;
}

const frames = (events: Pn532DecodedEvent[]): string[] =>
  events.flatMap((e) => (e.kind === 'frame' ? [toHex(e.data)] : []));

describe('Pn532FrameDecoder', () => {
  it('decodes ACK, a response and the error frame, byte by byte', () => {
    const wire = fromHex(
      '00 00 FF 00 FF 00  00 00 FF 06 FA D5 03 32 01 06 07 E8 00  00 00 FF 01 FF 7F 81 00',
    );
    const events = decodeAll(wire, 1);
    expect(events.map((e) => e.kind)).toEqual(['ack', 'frame', 'error-frame']);
    expect(frames(events)).toEqual(['03 32 01 06 07']);
  });

  it('decodes NACK and tolerates the HSU wake-up and long preambles', () => {
    const wire = fromHex('55 55 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 FF FF 00 00');
    const events = decodeAll(wire);
    expect(events.map((e) => (e.kind === 'invalid' ? e.reason : e.kind))).toEqual([
      'garbage',
      'nack',
    ]);
  });

  it('decodes an extended frame', () => {
    const data = Uint8Array.from({ length: 260 }, (_, i) => i & 0xff);
    const events = decodeAll(encodeFrame(data, 0xd5), 7);
    expect(events).toHaveLength(1);
    const [e] = events;
    expect(e?.kind === 'frame' && e.extended).toBe(true);
    expect(e?.kind === 'frame' ? [...e.data] : []).toEqual([...data]);
  });

  it('reports a DCS error with a hex dump and still finds the next frame', () => {
    const bad = fromHex('00 00 FF 02 FE D5 03 99 00');
    const good = encodeFrame(fromHex('15'), 0xd5);
    const events = decodeAll(Uint8Array.from([...bad, ...good]));
    const invalid = events.find((e) => e.kind === 'invalid');
    expect(invalid?.kind === 'invalid' && invalid.reason).toBe('data-checksum');
    expect(invalid?.kind === 'invalid' && invalid.error).toBeInstanceOf(AppError);
    expect(invalid?.kind === 'invalid' && invalid.error.message).toContain('00 FF 02 FE D5 03 99');
    expect(frames(events)).toEqual(['15']);
  });

  it('reports a bad LCS and resynchronises', () => {
    const events = decodeAll(
      Uint8Array.from([...fromHex('00 00 FF 05 05 11 22'), ...encodeFrame(fromHex('4B 00'), 0xd5)]),
    );
    expect(events.some((e) => e.kind === 'invalid' && e.reason === 'length-checksum')).toBe(true);
    expect(frames(events)).toEqual(['4B 00']);
  });

  it('holds a truncated frame until expire(), then reports it and finds a frame inside it', () => {
    const d = new Pn532FrameDecoder();
    const good = encodeFrame(fromHex('41 00 90 00'), 0xd5);
    // A frame header that claims 0x20 bytes, followed by a complete short frame.
    const events = d.push(Uint8Array.from([...fromHex('00 00 FF 20 E0 D5 41'), ...good]));
    expect(events).toEqual([]);
    expect(d.inFrame).toBe(true);
    const later = d.expire();
    expect(later[0]?.kind === 'invalid' && later[0].reason).toBe('truncated');
    expect(frames(later)).toEqual(['41 00 90 00']);
    expect(d.pending).toBe(0);
  });

  it('reports unknown TFI values', () => {
    const events = decodeAll(encodeFrame(fromHex('01'), 0x42));
    expect(events[0]?.kind === 'invalid' && events[0].reason).toBe('bad-tfi');
  });
});

describe('Pn532FrameDecoder under fuzzing (fast-check)', () => {
  const bytes = fc.uint8Array({ maxLength: 600 });

  it('never throws, holds at most one frame of bytes, and every event is typed', () => {
    fc.assert(
      fc.property(bytes, fc.integer({ min: 1, max: 64 }), (input, chunk) => {
        const d = new Pn532FrameDecoder();
        for (let i = 0; i < input.length; i += chunk) {
          for (const e of d.push(input.subarray(i, i + chunk))) {
            if (e.kind === 'invalid') {
              expect(e.error).toBeInstanceOf(AppError);
              expect(e.error.code).toBe('DEVICE_PROTOCOL');
            }
          }
          expect(d.pending).toBeLessThanOrEqual(7 + 265 + 1 + 1);
        }
        d.expire();
        expect(d.pending).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it('finds a valid frame behind any garbage, in any chunking', () => {
    fc.assert(
      fc.property(
        bytes,
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.integer({ min: 1, max: 50 }),
        (garbage, payload, chunk) => {
          const frame = encodeFrame(payload, 0xd5);
          const d = new Pn532FrameDecoder();
          const wire = Uint8Array.from([...garbage, ...frame]);
          const events: Pn532DecodedEvent[] = [];
          for (let i = 0; i < wire.length; i += chunk)
            events.push(...d.push(wire.subarray(i, i + chunk)));
          // Garbage may open a false frame that swallows the real one until the line goes quiet.
          for (let n = 0; n < 10 && d.pending > 0; n++) events.push(...d.expire());
          expect(frames(events)).toContain(toHex(payload));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('truncating a frame anywhere yields no frame and a typed error after expire()', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.nat(), (payload, cutAt) => {
        const frame = encodeFrame(payload, 0xd5);
        const cut = 3 + (cutAt % (frame.length - 4));
        const d = new Pn532FrameDecoder();
        const events = [...d.push(frame.subarray(0, cut)), ...d.expire()];
        expect(events.some((e) => e.kind === 'frame')).toBe(false);
        expect(d.pending).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});
