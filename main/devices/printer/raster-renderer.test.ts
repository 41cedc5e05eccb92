import { describe, expect, it } from 'vitest';
import { toHex } from '../../../common/hex';
import { commandSetFor } from './escpos-command-set';
import { defaultFontDir } from './escpos-ticket-printer';
import {
  documentSvg,
  RASTER_BAND_ROWS,
  rasterCommands,
  rasterizeSvg,
  renderRaster,
} from './raster-renderer';
import type { PrintBlock } from './ticket-printer-port';

const fontDir = defaultFontDir();
const epson = commandSetFor('epson');
const line = (text: string): PrintBlock[] => [{ kind: 'text', text, align: 'center', bold: true }];

function darkRows(bits: Uint8Array, rowBytes: number, from: number, to: number): number {
  let n = 0;
  for (let y = from; y < to; y++) {
    if (bits.subarray(y * rowBytes, (y + 1) * rowBytes).some((b) => b !== 0)) n++;
  }
  return n;
}

describe('raster path (Be Vietnam Pro through resvg, GS v 0)', () => {
  it('golden bytes: "Hộ tịch" on 58 mm paper', () => {
    const job = renderRaster(line('Hộ tịch'), { commands: epson, paper: 58, fontDir });
    // ESC @, then GS v 0 m=0, 48 bytes (384 dots) wide, 45 rows high
    expect(toHex(job.bytes.subarray(0, 10))).toBe('1B 40 1D 76 30 00 30 00 2D 00');
    expect(toHex(job.bytes.subarray(-6))).toBe('1B 64 04 1D 56 01');
    expect(job.bytes.length).toBe(2 + 8 + 48 * 45 + 6);
    // The image itself against the golden drawing below (dots 154..229 × rows 13..35; '#' = black).
    // A few dots of tolerance: resvg's anti-aliasing may differ by a dot across CPU architectures.
    const bits = job.bytes.subarray(10, 10 + 48 * 45);
    const drawn = GOLDEN_HO_TICH.map((row, r) =>
      Array.from(row, (_, c) => (isDot(bits, 48, 154 + c, 13 + r) ? '#' : '.')).join(''),
    );
    const inkOutside = countDots(bits, 48, 45) - drawn.join('').split('#').length + 1;
    expect(inkOutside).toBeLessThanOrEqual(4);
    const differing = drawn
      .join('')
      .split('')
      .filter((ch, i) => ch !== GOLDEN_HO_TICH.join('')[i]);
    expect(differing.length).toBeLessThanOrEqual(12);
  });

  it('draws the tone marks: "Hộ tịch" has ink below the baseline where "Ho tich" has none', () => {
    const marked = rasterizeSvg(documentSvg(line('Hộ tịch'), 58), fontDir);
    const plain = rasterizeSvg(documentSvg(line('Ho tich'), 58), fontDir);
    expect(marked.height).toBe(plain.height);
    // Baseline of the single line is at y = 8 + 29 - 7 = 30; nothing of "Ho tich" descends.
    expect(darkRows(plain.bits, 48, 32, plain.height)).toBe(0);
    expect(darkRows(marked.bits, 48, 32, marked.height)).toBeGreaterThan(0);
  });

  it('uses the full head width: 384 dots on 58 mm, 576 on 80 mm', () => {
    expect(rasterizeSvg(documentSvg(line('Số thứ tự'), 58), fontDir).width).toBe(384);
    expect(rasterizeSvg(documentSvg(line('Số thứ tự'), 80), fontDir).width).toBe(576);
  });

  it('splits tall images into GS v 0 bands', () => {
    const height = RASTER_BAND_ROWS + 44;
    const bytes = rasterCommands({ width: 16, height, bits: new Uint8Array(2 * height) }, epson);
    expect(toHex(bytes.subarray(0, 8))).toBe('1D 76 30 00 02 00 00 01');
    const second = 8 + 2 * RASTER_BAND_ROWS;
    expect(toHex(bytes.subarray(second, second + 8))).toBe('1D 76 30 00 02 00 2C 00');
    expect(bytes.length).toBe(16 + 2 * height);
  });
});

function isDot(bits: Uint8Array, rowBytes: number, x: number, y: number): boolean {
  return ((bits[y * rowBytes + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
}

function countDots(bits: Uint8Array, rowBytes: number, height: number): number {
  let n = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < rowBytes * 8; x++) if (isDot(bits, rowBytes, x, y)) n++;
  }
  return n;
}

/** "Hộ tịch", Be Vietnam Pro Bold 22 dots, as printed on 58 mm paper (rows 13..35). */
const GOLDEN_HO_TICH = [
  '....................####.....................####................####.......',
  '####......###......#####.....................####................####.......',
  '####......###.....###.###............###.....####................####.......',
  '####......###.....###..###...........###......##.................####.......',
  '####......###........................###.........................####.......',
  '####......###......#####...........########..####......#####.....####..###..',
  '####......###.....########.........########..####....#########...##########.',
  '#############....##########........########..####...##########...###########',
  '#############...####...####..........###.....####...####...####..#####..####',
  '#############...###.....####.........###.....####..####.....###..####....###',
  '####.....####...###.....####.........###.....####..####..........####....###',
  '####......###..####.....####.........###.....####..####..........####....###',
  '####......###...###.....####.........###.....####..####..........####....###',
  '####......###...####...#####.........###.....####...####...####..####....###',
  '####......###...###########..........######..####...###########..####....###',
  '####......###....#########...........######..####....#########...####....###',
  '####......###.....#######.............#####..####.....#######....####....###',
  '............................................................................',
  '............................................................................',
  '....................###.......................##............................',
  '....................####.....................####...........................',
  '....................###......................####...........................',
  '.....................#......................................................',
];
