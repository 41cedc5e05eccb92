/** Paper geometry of 58 mm and 80 mm thermal printers (203 dpi heads). */
export type PaperWidth = 58 | 80;

/** Printable dots per line: 384 on 58 mm, 576 on 80 mm paper. */
export function paperDots(width: PaperWidth): number {
  return width === 58 ? 384 : 576;
}

/** Font A is 12 × 24 dots: 32 columns on 58 mm, 48 on 80 mm. */
export const FONT_A_WIDTH_DOTS = 12;

export function paperColumns(width: PaperWidth): number {
  return paperDots(width) / FONT_A_WIDTH_DOTS;
}

/** Greedy word wrap to `columns` user-perceived characters (combining marks take no column). */
export function wrapText(text: string, columns: number): string[] {
  const width = (s: string): number => Array.from(s.normalize('NFC')).length;
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      let rest = word;
      while (width(rest) > columns) {
        // A word longer than the line: break it hard.
        if (line !== '') {
          lines.push(line);
          line = '';
        }
        const chars = Array.from(rest.normalize('NFC'));
        lines.push(chars.slice(0, columns).join(''));
        rest = chars.slice(columns).join('');
      }
      if (line === '') line = rest;
      else if (width(line) + 1 + width(rest) <= columns) line += ` ${rest}`;
      else {
        lines.push(line);
        line = rest;
      }
    }
    lines.push(line);
  }
  return lines;
}
