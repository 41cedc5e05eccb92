/**
 * Document → ESC/POS bytes with text in the printer's Vietnamese code page (Windows-1258, selected
 * with ESC t n on EPSON / ESC GS t n on STAR; n is a setting, 52 = WPC1258 on EPSON models that
 * have it). Text bytes come only from encodeCp1258.
 */
import { encodeCp1258 } from './cp1258';
import { concatBytes, type EscPosCommandSet } from './escpos-command-set';
import { FONT_A_WIDTH_DOTS, paperColumns, paperDots, wrapText, type PaperWidth } from './paper';
import type { PrintBlock } from './ticket-printer-port';

export interface RenderedJob {
  readonly bytes: Uint8Array;
  readonly unencodable: readonly string[];
}

export interface CodePageOptions {
  readonly commands: EscPosCommandSet;
  readonly paper: PaperWidth;
  readonly codePage: number;
}

/** Module size of a QR code in dots: about 40 % of the paper width for a short URL. */
export function qrModuleDots(paper: PaperWidth): number {
  return paper === 58 ? 5 : 7;
}

/** Largest magnification at which `chars` characters of font A fit on one line. */
export function numberMagnification(chars: number, paper: PaperWidth, max: number): number {
  // Keep one font-A cell of margin on each side: edge-to-edge glyphs get clipped on real heads.
  const usable = paperDots(paper) - 2 * FONT_A_WIDTH_DOTS;
  const fit = Math.floor(usable / (Math.max(1, chars) * FONT_A_WIDTH_DOTS));
  return Math.max(1, Math.min(max, fit));
}

export function renderCodePage(blocks: readonly PrintBlock[], o: CodePageOptions): RenderedJob {
  const c = o.commands;
  const parts: Uint8Array[] = [c.init(), c.codePage(o.codePage)];
  const unencodable = new Set<string>();
  const text = (s: string): void => {
    const e = encodeCp1258(s);
    e.unencodable.forEach((u) => unencodable.add(u));
    parts.push(e.bytes, c.lineFeed());
  };
  const columns = paperColumns(o.paper);
  for (const b of blocks) {
    switch (b.kind) {
      case 'text': {
        const size = Math.max(1, Math.min(4, Math.round(b.size ?? 1)));
        parts.push(c.align(b.align ?? 'left'), c.bold(b.bold ?? false), c.size(size, size));
        for (const line of wrapText(b.text, Math.floor(columns / size))) text(line);
        parts.push(c.size(1, 1), c.bold(false));
        break;
      }
      case 'number': {
        const chars = Array.from(b.text.normalize('NFC')).length;
        const mag = numberMagnification(chars, o.paper, c.maxMagnification);
        parts.push(c.align('center'), c.bold(true), c.size(mag, mag));
        text(b.text);
        parts.push(c.size(1, 1), c.bold(false));
        break;
      }
      case 'qr':
        parts.push(c.align('center'), c.qr(encodeQrData(b.data), qrModuleDots(o.paper)));
        parts.push(c.lineFeed());
        if (b.caption !== undefined) {
          for (const line of wrapText(b.caption, columns)) text(line);
        }
        break;
      case 'rule':
        parts.push(c.align('left'));
        text('-'.repeat(columns));
        break;
      case 'feed':
        for (let i = 0; i < Math.max(1, Math.min(10, b.lines ?? 1)); i++) parts.push(c.lineFeed());
        break;
    }
  }
  parts.push(c.align('left'), c.cut());
  return { bytes: concatBytes(parts), unencodable: [...unencodable] };
}

/** QR payloads are stored as UTF-8 bytes (ISO/IEC 18004 byte mode; phones read it as UTF-8). */
export function encodeQrData(data: string): Uint8Array {
  return new TextEncoder().encode(data.normalize('NFC'));
}
