/**
 * Arbitrary LDS-shaped files for protocol tests: random bytes wrapped in each file's outer tag,
 * from a seeded generator so that every run reads the same bytes.
 */

/** Outer tags of the LDS files by FID (ICAO 9303-10 §4.6, §4.7). */
export const LDS_OUTER_TAGS: Readonly<Record<string, number>> = {
  '011E': 0x60, // EF.COM
  '0101': 0x61, // DG1
  '0102': 0x75, // DG2
  '010D': 0x6d, // DG13
  '010E': 0x6e, // DG14
  '010F': 0x6f, // DG15
  '011D': 0x77, // EF.SOD
};

/** Deterministic byte generator (xorshift32); not for keys. */
export function seededBytes(seed: number): (n: number) => Uint8Array {
  let state = seed >>> 0 || 0x9e3779b9;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      state ^= state << 13;
      state >>>= 0;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      out[i] = state & 0xff;
    }
    return out;
  };
}

/** `tag ‖ DER length ‖ value`. */
export function wrapTlv(tag: number, value: Uint8Array): Uint8Array {
  const n = value.length;
  const length =
    n < 0x80 ? [n] : n <= 0xff ? [0x81, n] : n <= 0xffff ? [0x82, n >>> 8, n & 0xff] : undefined;
  if (length === undefined) throw new RangeError('File too large');
  const out = new Uint8Array(1 + length.length + n);
  out[0] = tag;
  out.set(length, 1);
  out.set(value, 1 + length.length);
  return out;
}

/** Random-content files with the given value sizes by FID (defaults approximate a CCCD). */
export function randomLdsFiles(
  seed: number,
  sizes: Readonly<Record<string, number>> = {
    '011E': 24,
    '0101': 93,
    '0102': 12_000,
    '010D': 700,
    '010E': 300,
    '010F': 160,
    '011D': 1_900,
  },
): Map<string, Uint8Array> {
  const next = seededBytes(seed);
  const files = new Map<string, Uint8Array>();
  for (const [fid, size] of Object.entries(sizes)) {
    files.set(fid, wrapTlv(LDS_OUTER_TAGS[fid] ?? 0x5f, next(size)));
  }
  return files;
}
