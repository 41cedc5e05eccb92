/**
 * Windows-1258 (Vietnamese) encoder for ESC/POS code-page text.
 *
 * CP1258 holds the Vietnamese base letters (ă â ê ô ơ ư đ and capitals) and only some precomposed
 * toned vowels (those shared with Latin-1, e.g. á à é); every other tone is written as the base
 * letter followed by one of five combining marks (Microsoft code page 1258 chart, bytes 0xCC,
 * 0xEC, 0xD2, 0xDE, 0xF2). node-thermal-printer's iconv path switches code page mid-word, so we
 * encode here, per grapheme: precomposed byte if CP1258 has one, else base byte + tone byte.
 */

/** Unicode code points of bytes 0x80..0xFF in CP1258; 0 = unassigned. */
const CP1258_HIGH: readonly number[] = [
  // 0x80
  0x20ac,
  0,
  0x201a,
  0x0192,
  0x201e,
  0x2026,
  0x2020,
  0x2021,
  0x02c6,
  0x2030,
  0,
  0x2039,
  0x0152,
  0,
  0,
  0,
  // 0x90
  0,
  0x2018,
  0x2019,
  0x201c,
  0x201d,
  0x2022,
  0x2013,
  0x2014,
  0x02dc,
  0x2122,
  0,
  0x203a,
  0x0153,
  0,
  0,
  0x0178,
  // 0xA0..0xBF: as ISO-8859-1
  ...Array.from({ length: 0x20 }, (_, i) => 0xa0 + i),
  // 0xC0
  0x00c0,
  0x00c1,
  0x00c2,
  0x0102,
  0x00c4,
  0x00c5,
  0x00c6,
  0x00c7,
  0x00c8,
  0x00c9,
  0x00ca,
  0x00cb,
  0x0300,
  0x00cd,
  0x00ce,
  0x00cf,
  // 0xD0
  0x0110,
  0x00d1,
  0x0309,
  0x00d3,
  0x00d4,
  0x01a0,
  0x00d6,
  0x00d7,
  0x00d8,
  0x00d9,
  0x00da,
  0x00db,
  0x00dc,
  0x01af,
  0x0303,
  0x00df,
  // 0xE0
  0x00e0,
  0x00e1,
  0x00e2,
  0x0103,
  0x00e4,
  0x00e5,
  0x00e6,
  0x00e7,
  0x00e8,
  0x00e9,
  0x00ea,
  0x00eb,
  0x0301,
  0x00ed,
  0x00ee,
  0x00ef,
  // 0xF0
  0x0111,
  0x00f1,
  0x0323,
  0x00f3,
  0x00f4,
  0x01a1,
  0x00f6,
  0x00f7,
  0x00f8,
  0x00f9,
  0x00fa,
  0x00fb,
  0x00fc,
  0x01b0,
  0x20ab,
  0x00ff,
];

/** The five Vietnamese tone marks as combining characters (they stay separate in CP1258). */
const TONE_MARKS: ReadonlySet<number> = new Set([0x0300, 0x0301, 0x0309, 0x0303, 0x0323]);

const ENCODE = new Map<number, number>();
for (let i = 0; i < 0x80; i++) ENCODE.set(i, i);
CP1258_HIGH.forEach((cp, i) => {
  if (cp !== 0) ENCODE.set(cp, 0x80 + i);
});

/** Byte written for a character CP1258 cannot represent. */
export const CP1258_REPLACEMENT = 0x3f; // '?'

export interface Cp1258Encoding {
  readonly bytes: Uint8Array;
  /** Characters (NFC graphemes) replaced by '?', in order of appearance, without repeats. */
  readonly unencodable: readonly string[];
}

/** Encodes text (any normalization form) to CP1258 bytes; unencodable graphemes become '?'. */
export function encodeCp1258(text: string): Cp1258Encoding {
  const out: number[] = [];
  const unencodable: string[] = [];
  for (const grapheme of splitGraphemes(text.normalize('NFD'))) {
    const bytes = encodeGrapheme(grapheme);
    if (bytes) {
      out.push(...bytes);
    } else {
      out.push(CP1258_REPLACEMENT);
      const shown = grapheme.normalize('NFC');
      if (!unencodable.includes(shown)) unencodable.push(shown);
    }
  }
  return { bytes: Uint8Array.from(out), unencodable };
}

/** True when every character of the text has a CP1258 encoding. */
export function isCp1258Encodable(text: string): boolean {
  return encodeCp1258(text).unencodable.length === 0;
}

/** A base code point followed by its combining marks (input is NFD). */
function splitGraphemes(nfd: string): string[] {
  const out: string[] = [];
  for (const ch of nfd) {
    const last = out.length - 1;
    if (last >= 0 && /\p{M}/u.test(ch)) out[last] += ch;
    else out.push(ch);
  }
  return out;
}

function encodeGrapheme(nfd: string): number[] | undefined {
  // 1. The whole grapheme precomposed (á, É, ô, đ...).
  const whole = single(nfd.normalize('NFC'));
  if (whole !== undefined) return [whole];
  // 2. Base letter with its non-tone marks (ê, ơ, ă...) + tone marks as combining bytes.
  const cps = Array.from(nfd, (c) => c.codePointAt(0) ?? 0);
  const tones = cps.filter((cp) => TONE_MARKS.has(cp));
  const rest = String.fromCodePoint(...cps.filter((cp) => !TONE_MARKS.has(cp))).normalize('NFC');
  const base = single(rest);
  if (base === undefined) {
    // Maybe the base alone is not precomposed but encodable mark by mark (rare, non-Vietnamese).
    const bytes = Array.from(nfd, (c) => ENCODE.get(c.codePointAt(0) ?? -1));
    return bytes.every((b) => b !== undefined) ? bytes : undefined;
  }
  const toneBytes = tones.map((cp) => ENCODE.get(cp));
  return toneBytes.every((b) => b !== undefined) ? [base, ...toneBytes] : undefined;
}

function single(s: string): number | undefined {
  const cps = Array.from(s);
  if (cps.length !== 1) return undefined;
  return ENCODE.get(s.codePointAt(0) ?? -1);
}
