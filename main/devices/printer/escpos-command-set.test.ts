import { describe, expect, it } from 'vitest';
import { toHex } from '../../../common/hex';
import { commandSetFor } from './escpos-command-set';

const AB = Uint8Array.of(0x41, 0x42);

describe('EPSON command set (Epson ESC/POS Command Reference)', () => {
  const c = commandSetFor('epson');
  it.each([
    ['ESC @', c.init(), '1B 40'],
    ['ESC t 52 (WPC1258)', c.codePage(52), '1B 74 34'],
    ['ESC t 94 (clone WPC1258 slot)', c.codePage(94), '1B 74 5E'],
    ['ESC a 1', c.align('center'), '1B 61 01'],
    ['ESC E 1', c.bold(true), '1B 45 01'],
    ['ESC E 0', c.bold(false), '1B 45 00'],
    ['GS ! 0x77 (8 × 8)', c.size(8, 8), '1D 21 77'],
    ['GS ! 0x10 (2 wide)', c.size(2, 1), '1D 21 10'],
    ['GS ! clamps to 8', c.size(12, 12), '1D 21 77'],
    ['LF', c.lineFeed(), '0A'],
    ['ESC d 4, GS V 1', c.cut(), '1B 64 04 1D 56 01'],
  ])('%s', (_name, bytes, hex) => {
    expect(toHex(bytes)).toBe(hex);
  });

  it('GS ( k: QR model 2, module size, correction M, store, print', () => {
    expect(toHex(c.qr(AB, 7))).toBe(
      [
        '1D 28 6B 04 00 31 41 32 00',
        '1D 28 6B 03 00 31 43 07',
        '1D 28 6B 03 00 31 45 31',
        '1D 28 6B 05 00 31 50 30 41 42',
        '1D 28 6B 03 00 31 51 30',
      ].join(' '),
    );
  });

  it('GS ( H fn=48: process ID request with 4 ASCII digits', () => {
    expect(
      toHex(c.processIdRequest?.(Uint8Array.of(0x30, 0x30, 0x31, 0x33)) ?? new Uint8Array()),
    ).toBe('1D 28 48 06 00 30 30 30 30 31 33');
    expect(() => c.processIdRequest?.(Uint8Array.of(1, 2, 3, 4))).toThrow(RangeError);
  });

  it('GS v 0: width in bytes and height in dots, little-endian', () => {
    const bytes = c.raster(72, 300, new Uint8Array(72 * 300));
    expect(toHex(bytes.subarray(0, 8))).toBe('1D 76 30 00 48 00 2C 01');
    expect(bytes.length).toBe(8 + 72 * 300);
  });
});

describe('STAR command set (Star Line Mode)', () => {
  const c = commandSetFor('star');
  it.each([
    ['ESC @', c.init(), '1B 40'],
    ['ESC GS t 52', c.codePage(52), '1B 1D 74 34'],
    ['ESC GS a 1', c.align('center'), '1B 1D 61 01'],
    ['ESC E', c.bold(true), '1B 45'],
    ['ESC F', c.bold(false), '1B 46'],
    ['ESC i 5 5 (6 × 6, the largest)', c.size(8, 8), '1B 69 05 05'],
    ['ESC i n1=height-1 n2=width-1', c.size(2, 3), '1B 69 02 01'],
    ['ESC d 3 (feed and partial cut)', c.cut(), '1B 64 03'],
  ])('%s', (_name, bytes, hex) => {
    expect(toHex(bytes)).toBe(hex);
  });

  it('has no process ID request', () => {
    expect(c.processIdRequest).toBeUndefined();
  });

  it('ESC GS y: QR model 2, correction M, cell size, store, print', () => {
    expect(toHex(c.qr(AB, 5))).toBe(
      [
        '1B 1D 79 53 30 02',
        '1B 1D 79 53 31 01',
        '1B 1D 79 53 32 05',
        '1B 1D 79 44 31 00 02 00 41 42',
        '1B 1D 79 50',
      ].join(' '),
    );
  });
});
