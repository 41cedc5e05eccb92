/**
 * Command bytes per printer family. The fixed sequences (init, alignment, emphasis, QR model and
 * cell size, cut, raster header) come from node-thermal-printer's per-model tables
 * (lib/types/epson-config.js, star-config.js): the library the issue names, and a maintained list
 * of what EPSON and STAR models accept. We do not use its text path (its iconv encoder switches code
 * page mid-word and garbles Vietnamese) nor its Printer class (it has no status/timeout handling);
 * all text bytes come from cp1258.ts and all parameterised commands are built here.
 *
 * EPSON: Epson ESC/POS Command Reference. STAR: Star Line Mode Command Specifications.
 */
import epsonTable from 'node-thermal-printer/lib/types/epson-config.js';
import starTable from 'node-thermal-printer/lib/types/star-config.js';

export type PrinterModel = 'epson' | 'star';
export type Align = 'left' | 'center' | 'right';

export interface EscPosCommandSet {
  readonly model: PrinterModel;
  /** Largest character magnification (EPSON GS ! goes to 8, STAR ESC i to 6). */
  readonly maxMagnification: number;
  init(): Uint8Array;
  /** Selects a character code table (EPSON ESC t n, STAR ESC GS t n). */
  codePage(n: number): Uint8Array;
  align(a: Align): Uint8Array;
  bold(on: boolean): Uint8Array;
  /** Character size, 1..maxMagnification in each direction. */
  size(width: number, height: number): Uint8Array;
  lineFeed(): Uint8Array;
  /** Stores and prints a QR code, model 2, error correction M. */
  qr(data: Uint8Array, moduleDots: number): Uint8Array;
  /** Prints a 1-bit image: rows top to bottom, MSB = leftmost dot, 1 = black. */
  raster(widthBytes: number, height: number, data: Uint8Array): Uint8Array;
  /** Feeds past the cutter and cuts (partial cut, leaving a hinge, as ticket printers do). */
  cut(): Uint8Array;
  /**
   * Asks for a "process ID response" once everything before it has been printed (EPSON
   * GS ( H fn=48); the answer is PROCESS_ID_HEADER + the 4 id bytes + NUL. Undefined when the
   * family has no such command.
   */
  readonly processIdRequest?: (id: Uint8Array) => Uint8Array;
}

const ESC = 0x1b;
const GS = 0x1d;
/** Start of the EPSON process ID response: header 0x37, identifier 0x22. */
export const PROCESS_ID_HEADER = Uint8Array.of(0x37, 0x22);
/** GS ( H pL=6 pH=0 fn=48 m=48: request a process ID response (EPSON). */
const EPSON_PROCESS_ID_REQUEST = [GS, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30] as const;
/** ESC d n: print and feed n lines (EPSON). */
const EPSON_FEED_LINES = [ESC, 0x64] as const;
/** GS ! n: character size, high nibble width-1, low nibble height-1 (EPSON). */
const EPSON_CHAR_SIZE = [GS, 0x21] as const;
/** GS ( k pL pH cn=49 fn=80 m=48 d1..dk: store QR data in the symbol area (EPSON fn 180). */
const EPSON_QR_STORE = [GS, 0x28, 0x6b] as const;
const EPSON_QR_STORE_HEADER = [0x31, 0x50, 0x30] as const;
/** ESC i n1 n2: character height n1 / width n2 expansion, 0..5 (STAR). */
const STAR_CHAR_SIZE = [ESC, 0x69] as const;
/** ESC GS y D 1 m nL nH d1..dk: store QR data, m=0 automatic mode (STAR). */
const STAR_QR_STORE = [ESC, 0x1d, 0x79, 0x44, 0x31, 0x00] as const;
/** Lines fed before the cut so the last printed line clears the cutter blade. */
export const FEED_BEFORE_CUT = 4;

function cmd(table: Readonly<Record<string, unknown>>, key: string): Uint8Array {
  const v = table[key];
  if (!(v instanceof Uint8Array)) {
    throw new Error(`node-thermal-printer command table has no ${key}`);
  }
  return Uint8Array.from(v);
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function clampInt(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.round(n)));
}

function lengthLowHigh(n: number): [number, number] {
  if (n < 0 || n > 0xffff) throw new RangeError(`length ${n} out of range`);
  return [n & 0xff, n >> 8];
}

function epson(): EscPosCommandSet {
  const t = epsonTable;
  const c = {
    init: cmd(t, 'HW_INIT'),
    codePagePrefix: cmd(t, 'CODE_PAGE_PC437_USA').subarray(0, 2),
    left: cmd(t, 'TXT_ALIGN_LT'),
    center: cmd(t, 'TXT_ALIGN_CT'),
    right: cmd(t, 'TXT_ALIGN_RT'),
    boldOn: cmd(t, 'TXT_BOLD_ON'),
    boldOff: cmd(t, 'TXT_BOLD_OFF'),
    lf: cmd(t, 'CTL_LF'),
    qrModel2: cmd(t, 'QRCODE_MODEL2'),
    qrCorrectionM: cmd(t, 'QRCODE_CORRECTION_M'),
    qrCellSizePrefix: cmd(t, 'QRCODE_CELLSIZE_1').subarray(0, 7),
    qrPrint: cmd(t, 'QRCODE_PRINT'),
    rasterNormal: cmd(t, 'S_RASTER_N'),
    partialCut: cmd(t, 'PAPER_PART_CUT'),
  };
  return {
    model: 'epson',
    maxMagnification: 8,
    init: () => c.init,
    codePage: (n) => Uint8Array.of(...c.codePagePrefix, clampInt(n, 0, 255)),
    align: (a) => (a === 'left' ? c.left : a === 'center' ? c.center : c.right),
    bold: (on) => (on ? c.boldOn : c.boldOff),
    size: (w, h) =>
      Uint8Array.of(...EPSON_CHAR_SIZE, ((clampInt(w, 1, 8) - 1) << 4) | (clampInt(h, 1, 8) - 1)),
    lineFeed: () => c.lf,
    qr: (data, moduleDots) =>
      concatBytes([
        c.qrModel2,
        Uint8Array.of(...c.qrCellSizePrefix, clampInt(moduleDots, 1, 16)),
        c.qrCorrectionM,
        Uint8Array.of(
          ...EPSON_QR_STORE,
          ...lengthLowHigh(data.length + EPSON_QR_STORE_HEADER.length),
          ...EPSON_QR_STORE_HEADER,
        ),
        data,
        c.qrPrint,
      ]),
    raster: (widthBytes, height, data) =>
      concatBytes([
        c.rasterNormal,
        Uint8Array.of(...lengthLowHigh(widthBytes), ...lengthLowHigh(height)),
        data,
      ]),
    cut: () => concatBytes([Uint8Array.of(...EPSON_FEED_LINES, FEED_BEFORE_CUT), c.partialCut]),
    processIdRequest: (id) => {
      if (id.length !== 4 || id.some((d) => d < 0x30 || d > 0x39)) {
        throw new RangeError('process ID must be 4 ASCII digits');
      }
      return Uint8Array.of(...EPSON_PROCESS_ID_REQUEST, ...id);
    },
  };
}

function star(): EscPosCommandSet {
  const t = starTable;
  const c = {
    init: cmd(t, 'HW_INIT'),
    codePagePrefix: cmd(t, 'CODE_PAGE_NORMAL').subarray(0, 3),
    left: cmd(t, 'TXT_ALIGN_LT'),
    center: cmd(t, 'TXT_ALIGN_CT'),
    right: cmd(t, 'TXT_ALIGN_RT'),
    boldOn: cmd(t, 'TXT_BOLD_ON'),
    boldOff: cmd(t, 'TXT_BOLD_OFF'),
    lf: cmd(t, 'CTL_LF'),
    qrModel2: cmd(t, 'QRCODE_MODEL2'),
    qrCorrectionM: cmd(t, 'QRCODE_CORRECTION_M'),
    qrCellSizePrefix: cmd(t, 'QRCODE_CELLSIZE_1').subarray(0, 5),
    qrPrint: cmd(t, 'QRCODE_PRINT'),
    rasterNormal: cmd(t, 'S_RASTER_N'),
    partialCut: cmd(t, 'PAPER_PART_CUT'),
  };
  return {
    model: 'star',
    maxMagnification: 6,
    init: () => c.init,
    codePage: (n) => Uint8Array.of(...c.codePagePrefix, clampInt(n, 0, 255)),
    align: (a) => (a === 'left' ? c.left : a === 'center' ? c.center : c.right),
    bold: (on) => (on ? c.boldOn : c.boldOff),
    size: (w, h) => Uint8Array.of(...STAR_CHAR_SIZE, clampInt(h, 1, 6) - 1, clampInt(w, 1, 6) - 1),
    lineFeed: () => c.lf,
    qr: (data, moduleDots) =>
      concatBytes([
        c.qrModel2,
        c.qrCorrectionM,
        Uint8Array.of(...c.qrCellSizePrefix, clampInt(moduleDots, 1, 8)),
        Uint8Array.of(...STAR_QR_STORE, ...lengthLowHigh(data.length)),
        data,
        c.qrPrint,
      ]),
    // Star models with raster support in line mode accept GS v 0 (node-thermal-printer's own
    // S_RASTER_N in star-config); its band-of-24 ESC k path is for older impact-style heads.
    raster: (widthBytes, height, data) =>
      concatBytes([
        c.rasterNormal,
        Uint8Array.of(...lengthLowHigh(widthBytes), ...lengthLowHigh(height)),
        data,
      ]),
    // STAR ESC d 3: feed to the cutter position and partial cut (feeds by itself).
    cut: () => c.partialCut,
  };
}

export function commandSetFor(model: PrinterModel): EscPosCommandSet {
  return model === 'epson' ? epson() : star();
}
