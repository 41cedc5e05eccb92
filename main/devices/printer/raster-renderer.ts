/**
 * Document → one 1-bit image → ESC/POS raster bit image (GS v 0), for printers without a usable
 * Vietnamese code page. Text is drawn with the bundled Be Vietnam Pro (OFL) through resvg, with
 * system fonts disabled so every kiosk prints the same pixels.
 */
import { Resvg } from '@resvg/resvg-js';
import QRCode from 'qrcode';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../common/errors';
import { concatBytes, type EscPosCommandSet } from './escpos-command-set';
import { paperDots, wrapText, type PaperWidth } from './paper';
import type { PrintBlock } from './ticket-printer-port';
import type { RenderedJob } from './codepage-renderer';

export const FONT_FAMILY = 'Be Vietnam Pro';
export const FONT_FILES = [
  'BeVietnamPro_400Regular.ttf',
  'BeVietnamPro_700Bold.ttf',
  'BeVietnamPro_800ExtraBold.ttf',
] as const;

/** Rows per GS v 0 command: small bands keep within every model's receive buffer. */
export const RASTER_BAND_ROWS = 256;
/** Grey level (0..255) below which a pixel prints black. */
const THRESHOLD = 160;
/** Normal text size in dots (about font A's 24-dot cell). */
const BASE_FONT_DOTS = 22;
/** Average advance of Be Vietnam Pro glyphs in em, used to wrap lines (bold is wider). */
const AVG_ADVANCE_EM = { regular: 0.53, bold: 0.58 } as const;
const MARGIN_DOTS = 8;

export interface RasterOptions {
  readonly commands: EscPosCommandSet;
  readonly paper: PaperWidth;
  /** Directory holding FONT_FILES (resources/fonts). */
  readonly fontDir: string;
}

export interface RasterImage {
  readonly width: number;
  readonly height: number;
  /** Row-major, MSB = leftmost dot, 1 = black; each row is width/8 bytes. */
  readonly bits: Uint8Array;
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Builds the SVG of a document, one paper width wide and as tall as its content. */
export function documentSvg(blocks: readonly PrintBlock[], paper: PaperWidth): string {
  const width = paperDots(paper);
  const inner = width - 2 * MARGIN_DOTS;
  const out: string[] = [];
  let y = MARGIN_DOTS;
  const textLine = (s: string, size: number, weight: number, align: string): void => {
    const anchor = align === 'center' ? 'middle' : align === 'right' ? 'end' : 'start';
    const x =
      align === 'center' ? width / 2 : align === 'right' ? width - MARGIN_DOTS : MARGIN_DOTS;
    y += Math.round(size * 1.3);
    out.push(
      `<text x="${x}" y="${y - Math.round(size * 0.3)}" font-family="${FONT_FAMILY}" ` +
        `font-size="${size}" font-weight="${weight}" text-anchor="${anchor}">${escapeXml(s.normalize('NFC'))}</text>`,
    );
  };
  const wrapped = (s: string, size: number, bold: boolean): string[] => {
    const em = bold ? AVG_ADVANCE_EM.bold : AVG_ADVANCE_EM.regular;
    return wrapText(s, Math.max(1, Math.floor(inner / (size * em))));
  };
  for (const b of blocks) {
    switch (b.kind) {
      case 'text': {
        const mag = Math.max(1, Math.min(4, Math.round(b.size ?? 1)));
        const fontSize = BASE_FONT_DOTS + (mag - 1) * 14;
        for (const line of wrapped(b.text, fontSize, b.bold ?? false)) {
          textLine(line, fontSize, b.bold ? 700 : 400, b.align ?? 'left');
        }
        break;
      }
      case 'number': {
        const chars = Math.max(1, Array.from(b.text.normalize('NFC')).length);
        const size = Math.min(paper === 58 ? 150 : 210, Math.floor(inner / (chars * 0.66)));
        textLine(b.text, size, 800, 'center');
        break;
      }
      case 'qr': {
        const qr = QRCode.create(b.data.normalize('NFC'), { errorCorrectionLevel: 'M' });
        const n = qr.modules.size;
        const module = Math.max(2, Math.floor((paper === 58 ? 180 : 260) / (n + 8)));
        const x0 = Math.floor((width - n * module) / 2);
        y += module * 2;
        for (let r = 0; r < n; r++) {
          for (let col = 0; col < n; col++) {
            if (qr.modules.get(r, col)) {
              out.push(
                `<rect x="${x0 + col * module}" y="${y + r * module}" width="${module}" height="${module}"/>`,
              );
            }
          }
        }
        y += n * module + module * 2;
        if (b.caption !== undefined) {
          for (const line of wrapped(b.caption, BASE_FONT_DOTS, false)) {
            textLine(line, BASE_FONT_DOTS, 400, 'center');
          }
        }
        break;
      }
      case 'rule':
        y += 10;
        out.push(`<rect x="${MARGIN_DOTS}" y="${y}" width="${inner}" height="2"/>`);
        y += 10;
        break;
      case 'feed':
        y += BASE_FONT_DOTS * Math.max(1, Math.min(10, b.lines ?? 1));
        break;
    }
  }
  const height = y + MARGIN_DOTS;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}"><rect width="${width}" height="${height}" fill="#fff"/>` +
    `<g fill="#000">${out.join('')}</g></svg>`
  );
}

/** Renders an SVG with only the bundled fonts and thresholds it to 1 bit per dot. */
export function rasterizeSvg(svg: string, fontDir: string): RasterImage {
  const fontFiles = FONT_FILES.map((f) => path.join(fontDir, f));
  // resvg silently draws no text when a font is missing: a blank ticket. Fail loudly instead.
  const missing = fontFiles.filter((f) => !existsSync(f));
  if (missing.length > 0) {
    throw new AppError(
      'SETTINGS_INVALID',
      `raster printing: font file not found: ${missing.join(', ')}`,
    );
  }
  const resvg = new Resvg(svg, {
    font: {
      fontFiles,
      loadSystemFonts: false,
      defaultFontFamily: FONT_FAMILY,
    },
    background: '#ffffff',
  });
  const img = resvg.render();
  const { width, height } = img;
  const rgba = img.pixels;
  const rowBytes = Math.ceil(width / 8);
  const bits = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const grey =
        0.299 * (rgba[i] ?? 255) + 0.587 * (rgba[i + 1] ?? 255) + 0.114 * (rgba[i + 2] ?? 255);
      if (grey < THRESHOLD) bits[y * rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return { width: rowBytes * 8, height, bits };
}

/** GS v 0 commands for an image, in bands of RASTER_BAND_ROWS rows. */
export function rasterCommands(image: RasterImage, commands: EscPosCommandSet): Uint8Array {
  const rowBytes = image.width / 8;
  const parts: Uint8Array[] = [];
  for (let top = 0; top < image.height; top += RASTER_BAND_ROWS) {
    const rows = Math.min(RASTER_BAND_ROWS, image.height - top);
    parts.push(
      commands.raster(rowBytes, rows, image.bits.subarray(top * rowBytes, (top + rows) * rowBytes)),
    );
  }
  return concatBytes(parts);
}

export function renderRaster(blocks: readonly PrintBlock[], o: RasterOptions): RenderedJob {
  const image = rasterizeSvg(documentSvg(blocks, o.paper), o.fontDir);
  return {
    bytes: concatBytes([o.commands.init(), rasterCommands(image, o.commands), o.commands.cut()]),
    unencodable: [],
  };
}
