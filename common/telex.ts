/**
 * Telex input for the kiosk's on-screen keyboard: the way most Vietnamese type.
 * aa→â, aw→ă, ee→ê, oo→ô, ow→ơ, uw→ư, dd→đ; tones s (sắc), f (huyền), r (hỏi), x (ngã),
 * j (nặng), z removes the tone. Output is NFC.
 */
const TONES: Record<string, string> = {
  s: '\u0301',
  f: '\u0300',
  r: '\u0309',
  x: '\u0303',
  j: '\u0323',
  z: '',
};
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
const DOUBLES: Record<string, string> = { a: 'â', e: 'ê', o: 'ô', d: 'đ' };
const HORNS: Record<string, string> = { a: 'ă', o: 'ơ', u: 'ư' };
const VOWELS = 'aăâeêioôơuưy';

/** The letter without tone and case: 'Ấ' → 'â'. */
function base(ch: string): string {
  return ch.toLowerCase().normalize('NFD').replace(TONE_MARKS, '').normalize('NFC');
}

function withCase(like: string, ch: string): string {
  return like === like.toUpperCase() && like !== like.toLowerCase() ? ch.toUpperCase() : ch;
}

function isVowel(ch: string): boolean {
  return VOWELS.includes(base(ch));
}

/** Where the tone goes in a word (index into `word`), or -1 when it has no vowel. */
function tonePosition(word: string): number {
  const chars = [...word];
  const vowelIdx = chars.map((c, i) => (isVowel(c) ? i : -1)).filter((i) => i >= 0);
  if (vowelIdx.length === 0) return -1;
  // A vowel with a hat or horn takes the tone (ươ: the ơ).
  const marked = vowelIdx.filter((i) => 'ăâêôơư'.includes(base(chars[i] ?? '')));
  if (marked.length > 0) return marked[marked.length - 1] ?? -1;
  // The last run of vowels; "qu" and "gi" start with a consonant sound.
  let run = vowelIdx.filter((i) => i >= (vowelIdx[vowelIdx.length - 1] ?? 0) - 2);
  const first = run[0] ?? 0;
  const lead = base(chars[first - 1] ?? '');
  if (
    run.length > 1 &&
    ((lead === 'q' && base(chars[first] ?? '') === 'u') ||
      (lead === 'g' && base(chars[first] ?? '') === 'i'))
  ) {
    run = run.slice(1);
  }
  const last = run[run.length - 1] ?? 0;
  const endsWithConsonant = last < chars.length - 1;
  if (run.length === 1) return run[0] ?? -1;
  if (run.length >= 3) return run[1] ?? -1;
  const pair = run.map((i) => base(chars[i] ?? '')).join('');
  if (endsWithConsonant || ['oa', 'oe', 'uy'].includes(pair)) return last;
  return run[0] ?? -1;
}

/** Applies one key press to the text (its last word), returning the new NFC text. */
export function applyTelexKey(text: string, key: string): string {
  const lower = key.toLowerCase();
  const cut = text.lastIndexOf(' ') + 1;
  const head = text.slice(0, cut);
  const word = [...text.slice(cut)];
  const last = word[word.length - 1];

  if (last !== undefined && DOUBLES[lower] && base(last) === lower) {
    word[word.length - 1] = withCase(last, DOUBLES[lower]);
    return (head + word.join('')).normalize('NFC');
  }
  if (lower === 'w') {
    for (let i = word.length - 1; i >= 0; i--) {
      const c = word[i] ?? '';
      const horn = HORNS[base(c)];
      if (horn) {
        const tone = c.normalize('NFD').match(TONE_MARKS)?.[0] ?? '';
        word[i] = withCase(c, (horn + tone).normalize('NFC'));
        // "uo" + w → "ươ".
        const prev = word[i - 1];
        if (base(c) === 'o' && prev !== undefined && base(prev) === 'u')
          word[i - 1] = withCase(prev, 'ư');
        return (head + word.join('')).normalize('NFC');
      }
      if (!isVowel(c)) continue;
      break;
    }
    // A lone w is ư ("Hwng" → "Hưng").
    if (!word.some((c) => isVowel(c))) return (text + withCase(key, 'ư')).normalize('NFC');
  }
  const tone = TONES[lower];
  if (tone !== undefined && word.length > 0) {
    const at = tonePosition(word.join(''));
    if (at >= 0) {
      const c = word[at] ?? '';
      const bare = c.normalize('NFD').replace(TONE_MARKS, '');
      word[at] = (bare + tone).normalize('NFC');
      // Tone marks move when the word changes: clear any other tone in the word.
      for (let i = 0; i < word.length; i++) {
        if (i !== at)
          word[i] = (word[i] ?? '').normalize('NFD').replace(TONE_MARKS, '').normalize('NFC');
      }
      return head + word.join('');
    }
  }
  return (text + key).normalize('NFC');
}

/** Types a whole Telex sequence (tests, paste). */
export function telex(keys: string): string {
  let out = '';
  for (const k of keys) out = applyTelexKey(out, k);
  return out;
}
