import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeCp1258 } from '../../main/devices/printer/cp1258';
import { decodeCp1258 } from './cp1258-decoder';

const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
/** No tone, grave (huyền), acute (sắc), hook above (hỏi), tilde (ngã), dot below (nặng). */
const TONES = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];

/** Every lowercase and uppercase Vietnamese letter: vowels with every tone, plus all consonants. */
function vietnameseLetters(): string[] {
  const lower = [
    ...VOWELS.flatMap((v) => TONES.map((t) => (v + t).normalize('NFC'))),
    ...'bcdđghklmnpqrstvx'.split(''),
  ];
  return [...lower, ...lower.map((l) => l.toUpperCase())];
}

describe('CP1258 round trip (kiosk encoder → simulated printer decoder)', () => {
  it('covers the 134 letters with diacritics (67 lowercase, 67 uppercase)', () => {
    const marked = vietnameseLetters().filter((l) => !/^[a-zA-Z]$/.test(l));
    expect(new Set(marked).size).toBe(134);
  });

  it.each(vietnameseLetters())('%s comes back as the same NFC letter', (letter) => {
    const e = encodeCp1258(letter);
    expect(e.unencodable).toEqual([]);
    expect(decodeCp1258(e.bytes)).toBe(letter);
  });

  it('round-trips any text made of Vietnamese letters, digits and punctuation', () => {
    const alphabet = [...vietnameseLetters(), ...'0123456789 .,:;-/()'.split('')];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }), (chars) => {
        const text = chars.join('');
        expect(decodeCp1258(encodeCp1258(text).bytes)).toBe(text);
      }),
      { numRuns: 300, seed: 1258 },
    );
  });
});
