import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../common/errors.js';
import { ScanLineFramer, type FramedLine } from './scan-line-framer.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const lines = (items: FramedLine[]): string[] =>
  items.flatMap((i) => (i.kind === 'line' ? [i.text] : []));
const errors = (items: FramedLine[]): AppError[] =>
  items.flatMap((i) => (i.kind === 'error' ? [i.error] : []));

// A CCCD-style QR payload (synthetic person): 7 fields separated by |.
const CCCD =
  '092099012345|092099012|Nguyễn Thị Hồng Nhung|01011990|Nữ|Phường Ninh Kiều, Thành phố Cần Thơ|15082021';

describe('ScanLineFramer', () => {
  it('splits on CR LF, LF and CR, and skips empty lines', () => {
    const f = new ScanLineFramer();
    expect(lines(f.push(enc('one\r\ntwo\nthree\r\r\n\nfour\r')))).toEqual([
      'one',
      'two',
      'three',
      'four',
    ]);
  });

  it('treats CR and LF split across chunks as one line end', () => {
    const f = new ScanLineFramer();
    expect(lines(f.push(enc('abc\r')))).toEqual(['abc']);
    expect(lines(f.push(enc('\ndef\r')))).toEqual(['def']);
    expect(f.pending).toBe(0);
  });

  it('decodes Vietnamese UTF-8 even when a character is split between chunks', () => {
    const f = new ScanLineFramer();
    const bytes = enc(`${CCCD}\r\n`);
    const out: FramedLine[] = [];
    for (let i = 0; i < bytes.length; i += 3) out.push(...f.push(bytes.subarray(i, i + 3)));
    expect(lines(out)).toEqual([CCCD]);
  });

  it('reports an overlong line with a hex dump, then resynchronises at the next line end', () => {
    const f = new ScanLineFramer(16);
    const out = [...f.push(enc('0123456789ABCDEFGHIJ')), ...f.push(enc('KLMN\r\nok\r\n'))];
    expect(errors(out)).toHaveLength(1);
    expect(errors(out)[0]?.code).toBe('DEVICE_PROTOCOL');
    expect(errors(out)[0]?.message).toContain('30 31 32 33');
    expect(lines(out)).toEqual(['ok']);
  });

  it('reports bytes that are not UTF-8 and keeps going', () => {
    const f = new ScanLineFramer();
    const out = f.push(Uint8Array.from([0x41, 0xc3, 0x28, 0x0d, 0x0a, ...enc('next\n')]));
    expect(errors(out)[0]?.message).toContain('41 C3 28');
    expect(lines(out)).toEqual(['next']);
  });

  it('flush() ends an unterminated line', () => {
    const f = new ScanLineFramer();
    expect(f.push(enc('no-suffix'))).toEqual([]);
    expect(lines(f.flush())).toEqual(['no-suffix']);
  });

  it('any lines, any terminators, any chunking: the same lines come out (fast-check)', () => {
    const line = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 80 })
      .filter((s) => !/[\r\n]/.test(s));
    const term = fc.constantFrom('\r\n', '\n', '\r');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(line, term), { maxLength: 10 }),
        fc.integer({ min: 1, max: 17 }),
        (items, chunk) => {
          const bytes = enc(items.map(([l, t]) => l + t).join(''));
          const f = new ScanLineFramer();
          const out: FramedLine[] = [];
          for (let i = 0; i < bytes.length; i += chunk)
            out.push(...f.push(bytes.subarray(i, i + chunk)));
          expect(lines(out)).toEqual(items.map(([l]) => l));
          expect(errors(out)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('arbitrary bytes never throw and never hold more than one line (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2000 }),
        fc.integer({ min: 1, max: 64 }),
        (bytes, chunk) => {
          const f = new ScanLineFramer(256);
          for (let i = 0; i < bytes.length; i += chunk) {
            for (const item of f.push(bytes.subarray(i, i + chunk))) {
              if (item.kind === 'error') expect(item.error).toBeInstanceOf(AppError);
            }
            expect(f.pending).toBeLessThanOrEqual(256);
          }
          f.flush();
          expect(f.pending).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
