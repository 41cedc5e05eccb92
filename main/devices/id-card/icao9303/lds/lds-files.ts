/**
 * LDS file identifiers and outer tags (ICAO 9303-10 §4.6 table 34; CCCD: research §2.3).
 * File identifiers are given as 4-digit upper-case hex, the key of a card's file map.
 */
export const LDS_FILES = {
  cardAccess: { fid: '011C', tag: undefined },
  com: { fid: '011E', tag: 0x60 },
  sod: { fid: '011D', tag: 0x77 },
  dg1: { fid: '0101', tag: 0x61 },
  dg2: { fid: '0102', tag: 0x75 },
  dg3: { fid: '0103', tag: 0x63 },
  dg11: { fid: '010B', tag: 0x6b },
  dg13: { fid: '010D', tag: 0x6d },
  dg14: { fid: '010E', tag: 0x6e },
  dg15: { fid: '010F', tag: 0x6f },
} as const;

/** Data-group number → outer tag (ICAO 9303-10 §4.6.1; DG1..DG16). */
export const DATA_GROUP_TAGS: ReadonlyMap<number, number> = new Map([
  [1, 0x61],
  [2, 0x75],
  [3, 0x63],
  [4, 0x76],
  [5, 0x65],
  [6, 0x66],
  [7, 0x67],
  [8, 0x68],
  [9, 0x69],
  [10, 0x6a],
  [11, 0x6b],
  [12, 0x6c],
  [13, 0x6d],
  [14, 0x6e],
  [15, 0x6f],
  [16, 0x70],
]);

/** Outer tag → data-group number, or undefined for a tag that is not a data group. */
export function dataGroupOfTag(tag: number): number | undefined {
  for (const [dg, t] of DATA_GROUP_TAGS) if (t === tag) return dg;
  return undefined;
}

/** Data-group number → file identifier (0101 … 0110). */
export function dataGroupFid(dg: number): string {
  return (0x0100 + dg).toString(16).toUpperCase().padStart(4, '0');
}
