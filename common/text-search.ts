/**
 * Diacritics-insensitive search for Vietnamese text (DESIGN.md: "ho tich" finds "Hộ tịch").
 * Pure: used by the renderer, main and the simulators alike.
 */

/** Unicode NFC, as everywhere in the app. */
export function toNfc(text: string): string {
  return text.normalize('NFC');
}

/**
 * Folds text for comparison: NFD, combining marks removed, đ/Đ → d, lower case, whitespace
 * collapsed. "Đăng ký khai sinh" → "dang ky khai sinh". Đ has no decomposition in Unicode, so it
 * needs its own rule.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Search terms of a query: folded and split on whitespace; empty for a blank query. */
export function searchTerms(query: string): string[] {
  const folded = foldVietnamese(query);
  return folded === '' ? [] : folded.split(' ');
}

/**
 * True when every term of the query occurs in at least one of the haystacks (folded). A blank
 * query matches everything.
 */
export function matchesQuery(query: string, haystacks: readonly string[]): boolean {
  const terms = searchTerms(query);
  if (terms.length === 0) return true;
  const folded = haystacks.map(foldVietnamese).join(' \u0000 ');
  return terms.every((term) => folded.includes(term));
}
