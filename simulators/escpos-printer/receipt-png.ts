/**
 * Draws what the simulated printer printed as a PNG (the "printed ticket" of demo mode): text with
 * the bundled Be Vietnam Pro, raster images dot for dot, QR codes from their stored data.
 */
import { Resvg } from '@resvg/resvg-js';
import path from 'node:path';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { defaultFontDir } from '../../main/devices/printer/escpos-ticket-printer';
import type { PaperAlign, PaperElement } from './paper-elements';

const FONT_FILES = [
  'BeVietnamPro_400Regular.ttf',
  'BeVietnamPro_700Bold.ttf',
  'BeVietnamPro_800ExtraBold.ttf',
];
/** Font A cell is 12 × 24 dots; a printed line is 24 dots plus spacing (ESC 2: 30 dots). */
const LINE_DOTS = 30;
const FONT_DOTS = 22;

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function xFor(align: PaperAlign, width: number, itemWidth: number): number {
  if (align === 'center') return Math.floor((width - itemWidth) / 2);
  if (align === 'right') return width - itemWidth;
  return 0;
}

function rasterPngDataUri(e: Extract<PaperElement, { kind: 'raster' }>): string {
  const png = new PNG({ width: e.widthDots, height: e.height });
  const rowBytes = e.widthDots / 8;
  for (let y = 0; y < e.height; y++) {
    for (let x = 0; x < e.widthDots; x++) {
      const black = ((e.bits[y * rowBytes + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
      const i = (y * e.widthDots + x) * 4;
      const v = black ? 0 : 255;
      png.data[i] = v;
      png.data[i + 1] = v;
      png.data[i + 2] = v;
      png.data[i + 3] = 255;
    }
  }
  return `data:image/png;base64,${PNG.sync.write(png).toString('base64')}`;
}

/** Height in dots each element takes on the paper. */
export function elementHeight(e: PaperElement): number {
  switch (e.kind) {
    case 'text':
      return LINE_DOTS * e.height;
    case 'blank':
      return LINE_DOTS * e.lines;
    case 'raster':
      return e.height;
    case 'qr':
      return QRCode.create(e.data, { errorCorrectionLevel: 'M' }).modules.size * e.moduleDots;
  }
}

/** Where each element lands on the paper: top and height in dots (for pixel checks). */
export function paperLayout(elements: readonly PaperElement[]): { y: number; height: number }[] {
  let y = 0;
  return elements.map((e) => {
    const box = { y, height: elementHeight(e) };
    y += box.height;
    return box;
  });
}

/** SVG of the paper: `widthDots` wide (384 or 576), as long as what was printed. */
export function paperSvg(elements: readonly PaperElement[], widthDots: number): string {
  const out: string[] = [];
  let y = 0;
  for (const e of elements) {
    switch (e.kind) {
      case 'text': {
        const lineHeight = LINE_DOTS * e.height;
        const size = FONT_DOTS * e.height;
        const anchor = e.align === 'center' ? 'middle' : e.align === 'right' ? 'end' : 'start';
        const x = e.align === 'center' ? widthDots / 2 : e.align === 'right' ? widthDots : 0;
        const sx = e.width / e.height;
        out.push(
          `<text transform="translate(${x} ${y + Math.round(lineHeight * 0.78)}) scale(${sx} 1)" ` +
            `font-family="Be Vietnam Pro" font-size="${size}" font-weight="${e.bold ? 700 : 400}" ` +
            `text-anchor="${anchor}" xml:space="preserve">${escapeXml(e.text)}</text>`,
        );
        y += lineHeight;
        break;
      }
      case 'blank':
        y += LINE_DOTS * e.lines;
        break;
      case 'raster':
        out.push(
          `<image x="${xFor(e.align, widthDots, e.widthDots)}" y="${y}" width="${e.widthDots}" ` +
            `height="${e.height}" style="image-rendering:pixelated" href="${rasterPngDataUri(e)}"/>`,
        );
        y += e.height;
        break;
      case 'qr': {
        const qr = QRCode.create(e.data, { errorCorrectionLevel: 'M' });
        const n = qr.modules.size;
        const x0 = xFor(e.align, widthDots, n * e.moduleDots);
        for (let r = 0; r < n; r++) {
          for (let c = 0; c < n; c++) {
            if (qr.modules.get(r, c)) {
              out.push(
                `<rect x="${x0 + c * e.moduleDots}" y="${y + r * e.moduleDots}" ` +
                  `width="${e.moduleDots}" height="${e.moduleDots}"/>`,
              );
            }
          }
        }
        y += n * e.moduleDots;
        break;
      }
    }
  }
  const height = Math.max(1, y);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${widthDots}" height="${height}" ` +
    `viewBox="0 0 ${widthDots} ${height}"><rect width="${widthDots}" height="${height}" fill="#fff"/>` +
    `<g fill="#000">${out.join('')}</g></svg>`
  );
}

export function renderPaperPng(
  elements: readonly PaperElement[],
  widthDots: number,
  fontDir = defaultFontDir(),
): Buffer {
  const resvg = new Resvg(paperSvg(elements, widthDots), {
    font: {
      fontFiles: FONT_FILES.map((f) => path.join(fontDir, f)),
      loadSystemFonts: false,
      defaultFontFamily: 'Be Vietnam Pro',
    },
    background: '#ffffff',
  });
  return resvg.render().asPng();
}
