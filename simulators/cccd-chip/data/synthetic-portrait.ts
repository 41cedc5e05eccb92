import { concat } from './der-writer.js';

/**
 * A synthetic grey-scale baseline JPEG (ITU-T T.81) drawn in code: a light background with a
 * darker head-and-shoulders silhouette, every 8×8 block flat (DC only, AC = EOB). Padded with a
 * COM segment to about `targetBytes`, the size of a real CCCD portrait, so that reads are as long
 * as on a real card. No real face, no real person.
 */
export function syntheticPortrait(seed: number, targetBytes = 15_000): Uint8Array {
  const width = 96;
  const height = 128;
  const shade = 60 + (seed % 50);
  const dcs: number[] = [];
  for (let by = 0; by < height / 8; by++) {
    for (let bx = 0; bx < width / 8; bx++) {
      const x = bx * 8 + 4 - width / 2;
      const y = by * 8 + 4;
      const head = (x / 26) ** 2 + ((y - 48) / 34) ** 2 <= 1;
      const shoulders = y > 92 && Math.abs(x) < 20 + (y - 92) * 1.2;
      const level = head || shoulders ? shade : 215;
      dcs.push(8 * (level - 128)); // F(0,0) of a flat block with quantiser 1 (T.81 §A.3.3)
    }
  }
  const scan = encodeScan(dcs);
  const head = concat(
    Uint8Array.of(0xff, 0xd8), // SOI
    segment(0xe0, Uint8Array.of(0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0)), // JFIF 1.01
    segment(0xdb, concat(Uint8Array.of(0x00), new Uint8Array(64).fill(1))), // DQT: all ones
    segment(
      0xc0,
      Uint8Array.of(8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0),
    ),
    segment(
      0xc4,
      concat(Uint8Array.of(0x00), Uint8Array.from(DC_BITS), Uint8Array.from(DC_VALUES)),
    ),
    segment(
      0xc4,
      concat(Uint8Array.of(0x10), Uint8Array.from(AC_BITS), Uint8Array.from(AC_VALUES)),
    ),
  );
  const sos = segment(0xda, Uint8Array.of(1, 1, 0x00, 0, 63, 0));
  const eoi = Uint8Array.of(0xff, 0xd9);
  const fixed = head.length + sos.length + scan.length + eoi.length;
  const pad = Math.max(0, Math.min(65_000, targetBytes - fixed - 4));
  const comment = new Uint8Array(pad);
  const text = `synthetic test portrait ${seed} `;
  for (let i = 0; i < pad; i++) comment[i] = text.charCodeAt(i % text.length);
  return concat(head, segment(0xfe, comment), sos, scan, eoi);
}

function segment(marker: number, body: Uint8Array): Uint8Array {
  const length = body.length + 2;
  return concat(Uint8Array.of(0xff, marker, length >> 8, length & 0xff), body);
}

// Table K.3 (luminance DC) of T.81; the AC table has the one symbol we need: EOB (0x00), code '0'.
const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const AC_BITS = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
const AC_VALUES = [0x00];
/** Codes of Table K.3 by category: [code, length]. */
const DC_CODES: readonly (readonly [number, number])[] = [
  [0b00, 2],
  [0b010, 3],
  [0b011, 3],
  [0b100, 3],
  [0b101, 3],
  [0b110, 3],
  [0b1110, 4],
  [0b11110, 5],
  [0b111110, 6],
  [0b1111110, 7],
  [0b11111110, 8],
  [0b111111110, 9],
];

function encodeScan(dcs: readonly number[]): Uint8Array {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  const put = (value: number, length: number): void => {
    for (let i = length - 1; i >= 0; i--) {
      acc = (acc << 1) | ((value >> i) & 1);
      if (++bits === 8) {
        out.push(acc);
        if (acc === 0xff) out.push(0x00); // byte stuffing (T.81 §F.1.2.3)
        acc = 0;
        bits = 0;
      }
    }
  };
  let previous = 0;
  for (const dc of dcs) {
    const diff = dc - previous;
    previous = dc;
    const magnitude = Math.abs(diff);
    const category = magnitude === 0 ? 0 : Math.floor(Math.log2(magnitude)) + 1;
    const [code, length] = DC_CODES[category] ?? [0, 2];
    put(code, length);
    // T.81 §F.1.2.1.1: negative differences are sent as diff - 1 in `category` bits.
    if (category > 0) put(diff > 0 ? diff : diff + (1 << category) - 1, category);
    put(0, 1); // EOB
  }
  if (bits > 0) put((1 << (8 - bits)) - 1, 8 - bits); // pad with 1-bits
  return Uint8Array.from(out);
}
