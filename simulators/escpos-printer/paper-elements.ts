/** What came out of the simulated printer, line by line, as the print head would lay it down. */
export type PaperAlign = 'left' | 'center' | 'right';

export type PaperElement =
  | {
      readonly kind: 'text';
      /** Decoded from the selected code page, NFC. */
      readonly text: string;
      readonly align: PaperAlign;
      readonly bold: boolean;
      /** Character magnification (GS ! / ESC !). */
      readonly width: number;
      readonly height: number;
    }
  | { readonly kind: 'blank'; readonly lines: number }
  | {
      readonly kind: 'raster';
      readonly widthDots: number;
      readonly height: number;
      /** Row-major, MSB = leftmost dot, 1 = black. */
      readonly bits: Uint8Array;
      readonly align: PaperAlign;
    }
  | {
      readonly kind: 'qr';
      /** The stored QR data as text (UTF-8). */
      readonly data: string;
      readonly moduleDots: number;
      readonly align: PaperAlign;
    };
