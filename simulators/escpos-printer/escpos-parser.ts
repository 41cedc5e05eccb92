/**
 * Streaming ESC/POS parser (EPSON command set, Epson ESC/POS Command Reference): bytes may arrive
 * split anywhere, so an incomplete command waits for more input. Real-time commands (DLE EOT) are
 * reported as soon as they are complete, like a printer's receive-interrupt handler does.
 */
export interface EscPosHandler {
  realtimeStatus(n: number): void;
  /** Printable bytes (0x20..0xFF) for the line buffer, still in the selected code page. */
  text(bytes: Uint8Array): void;
  lineFeed(): void;
  init(): void;
  codePage(n: number): void;
  /** ESC ! n: bit 3 emphasized, bit 4 double height, bit 5 double width. */
  printMode(n: number): void;
  bold(on: boolean): void;
  align(n: number): void;
  feedLines(n: number): void;
  /** GS ! n: width = high nibble + 1, height = low nibble + 1. */
  charSize(n: number): void;
  cut(): void;
  raster(widthBytes: number, height: number, data: Uint8Array): void;
  qrModel(n: number): void;
  qrModuleSize(n: number): void;
  qrStore(data: Uint8Array): void;
  qrPrint(): void;
  /** GS ( H fn=48: answer with a process ID response once everything before it is printed. */
  processIdRequest(id: Uint8Array): void;
  /** A command we do not know; its parameters (if any) will show up as text, as on a printer. */
  unknown(bytes: Uint8Array): void;
  /** Every complete command or text run, as received, before it is handled. */
  raw(bytes: Uint8Array, realtime: boolean): void;
}

const LF = 0x0a;
const CR = 0x0d;
const DLE = 0x10;
const EOT = 0x04;
const ESC = 0x1b;
const GS = 0x1d;

/** ESC commands with one parameter byte that only change modes we do not draw. */
const ESC_IGNORED_1 = new Set([0x2d, 0x4d, 0x33, 0x20, 0x7b, 0x52, 0x63]);
/** GS commands with one parameter byte that only change modes we do not draw. */
const GS_IGNORED_1 = new Set([0x42, 0x48, 0x66, 0x68, 0x77, 0x7c]);

/** Largest GS v 0 payload accepted (a 576-dot line × 4256 rows); beyond it the stream is garbage. */
const MAX_RASTER_BYTES = 72 * 4256;

/** 'epson': ESC/POS. 'star': Star Line Mode (different ESC commands; GS v 0 and DLE EOT shared). */
export type EscPosDialect = 'epson' | 'star';

export class EscPosStreamParser {
  private pending = new Uint8Array(0);
  private deferred: ((h: EscPosHandler) => void) | undefined;

  constructor(
    private readonly h: EscPosHandler,
    private readonly dialect: EscPosDialect = 'epson',
  ) {}

  /** Drops a half-received command (connection closed mid-command). */
  reset(): void {
    this.pending = new Uint8Array(0);
  }

  feed(chunk: Uint8Array): void {
    const buf = new Uint8Array(this.pending.length + chunk.length);
    buf.set(this.pending);
    buf.set(chunk, this.pending.length);
    let at = 0;
    while (at < buf.length) {
      const used = this.parseOne(buf, at);
      const handle = this.takeDeferred();
      if (used === 0) break;
      this.h.raw(buf.slice(at, at + used), buf[at] === DLE && buf[at + 1] === EOT);
      handle?.(this.h);
      at += used;
    }
    this.pending = buf.slice(at);
  }

  /** Parses one command or text run at `at`; returns bytes consumed, 0 when incomplete. */
  private parseOne(b: Uint8Array, at: number): number {
    const avail = b.length - at;
    const x = b[at] ?? 0;
    const p = (i: number): number => b[at + i] ?? 0;
    if (x === LF) {
      this.defer((h) => h.lineFeed());
      return 1;
    }
    if (x === CR) return 1;
    if (x === DLE) {
      if (avail < 3) return avail >= 2 && p(1) !== EOT ? this.skip(b, at, 1) : 0;
      if (p(1) !== EOT) return this.skip(b, at, 1);
      this.defer((h) => h.realtimeStatus(p(2)));
      return 3;
    }
    if (x === ESC) {
      return this.dialect === 'star'
        ? this.parseStarEsc(b, at, avail, p)
        : this.parseEsc(b, at, avail, p);
    }
    if (x === GS) return this.parseGs(b, at, avail, p);
    if (x < 0x20) return this.skip(b, at, 1);
    let end = at;
    while (end < b.length && (b[end] ?? 0) >= 0x20) end++;
    this.defer((h) => h.text(b.subarray(at, end)));
    return end - at;
  }

  private takeDeferred(): ((h: EscPosHandler) => void) | undefined {
    const fn = this.deferred;
    this.deferred = undefined;
    return fn;
  }

  private defer(fn: (h: EscPosHandler) => void): void {
    this.deferred = fn;
  }

  private skip(b: Uint8Array, at: number, n: number): number {
    this.defer((h) => h.unknown(b.slice(at, at + n)));
    return n;
  }

  private parseEsc(b: Uint8Array, at: number, avail: number, p: (i: number) => number): number {
    if (avail < 2) return 0;
    const cmd = p(1);
    if (cmd === 0x40) {
      this.defer((h) => h.init());
      return 2;
    }
    if (cmd === 0x32) return 2; // ESC 2: default line spacing
    if (avail < 3) return 0;
    const n = p(2);
    switch (cmd) {
      case 0x74:
        this.defer((h) => h.codePage(n));
        return 3;
      case 0x21:
        this.defer((h) => h.printMode(n));
        return 3;
      case 0x45:
        this.defer((h) => h.bold((n & 1) === 1));
        return 3;
      case 0x61:
        this.defer((h) => h.align(n % 48));
        return 3;
      case 0x64:
        this.defer((h) => h.feedLines(n));
        return 3;
      default:
        if (ESC_IGNORED_1.has(cmd)) return 3;
        return this.skip(b, at, 2);
    }
  }

  /** Star Line Mode ESC commands (Star Line Mode Command Specifications). */
  private parseStarEsc(b: Uint8Array, at: number, avail: number, p: (i: number) => number): number {
    if (avail < 2) return 0;
    const cmd = p(1);
    switch (cmd) {
      case 0x40:
        this.defer((h) => h.init());
        return 2;
      case 0x45: // ESC E: emphasized on
      case 0x46: // ESC F: emphasized off
        this.defer((h) => h.bold(cmd === 0x45));
        return 2;
      case 0x69: // ESC i n1 n2: height n1 + 1, width n2 + 1
        if (avail < 4) return 0;
        this.defer((h) => h.charSize((Math.min(p(3), 7) << 4) | Math.min(p(2), 7)));
        return 4;
      case 0x64: // ESC d n: n = 0..3 cut, with feed to the cutter for 2 and 3
        if (avail < 3) return 0;
        this.defer((h) => (p(2) <= 3 ? h.cut() : h.unknown(b.slice(at, at + 3))));
        return 3;
      case 0x1d:
        return this.parseStarEscGs(b, at, avail, p);
      default:
        return this.skip(b, at, 2);
    }
  }

  /** ESC GS t n (code page), ESC GS a n (alignment), ESC GS y ... (QR). */
  private parseStarEscGs(
    b: Uint8Array,
    at: number,
    avail: number,
    p: (i: number) => number,
  ): number {
    if (avail < 4) return 0;
    const cmd = p(2);
    if (cmd === 0x74) {
      this.defer((h) => h.codePage(p(3)));
      return 4;
    }
    if (cmd === 0x61) {
      this.defer((h) => h.align(p(3) % 48));
      return 4;
    }
    if (cmd !== 0x79) return this.skip(b, at, 3);
    const sub = p(3);
    if (sub === 0x50) {
      this.defer((h) => h.qrPrint());
      return 4;
    }
    if (sub === 0x53) {
      // ESC GS y S n m: 0 model, 1 correction level, 2 cell size
      if (avail < 6) return 0;
      if (p(4) === 0x30) this.defer((h) => h.qrModel(p(5)));
      if (p(4) === 0x32) this.defer((h) => h.qrModuleSize(p(5)));
      return 6;
    }
    if (sub === 0x44) {
      // ESC GS y D 1 m nL nH d1..dk: store data
      if (avail < 8) return 0;
      const len = p(6) | (p(7) << 8);
      if (avail < 8 + len) return 0;
      this.defer((h) => h.qrStore(b.slice(at + 8, at + 8 + len)));
      return 8 + len;
    }
    return this.skip(b, at, 4);
  }

  private parseGs(b: Uint8Array, at: number, avail: number, p: (i: number) => number): number {
    if (avail < 3) return 0;
    const cmd = p(1);
    const n = p(2);
    switch (cmd) {
      case 0x21:
        this.defer((h) => h.charSize(n));
        return 3;
      case 0x56: {
        // GS V m (m = 0, 1, 48, 49) or GS V m n (m = 65, 66, 97, 98, 103, 104): cut
        const withFeed = n >= 65;
        if (withFeed && avail < 4) return 0;
        this.defer((h) => h.cut());
        return withFeed ? 4 : 3;
      }
      case 0x76: {
        // GS v 0 m xL xH yL yH d1..dk: raster bit image
        if (avail < 8) return 0;
        if (n !== 0x30) return this.skip(b, at, 2);
        const widthBytes = p(4) | (p(5) << 8);
        const height = p(6) | (p(7) << 8);
        const size = widthBytes * height;
        if (size > MAX_RASTER_BYTES) return this.skip(b, at, 8);
        if (avail < 8 + size) return 0;
        this.defer((h) => h.raster(widthBytes, height, b.slice(at + 8, at + 8 + size)));
        return 8 + size;
      }
      case 0x28:
        return this.parseGsParen(b, at, avail, p);
      default:
        if (GS_IGNORED_1.has(cmd)) return 3;
        return this.skip(b, at, 2);
    }
  }

  /** GS ( k pL pH cn fn ...: 2D symbols; we draw QR (cn = 49). */
  private parseGsParen(b: Uint8Array, at: number, avail: number, p: (i: number) => number): number {
    if (avail < 5) return 0;
    const len = p(3) | (p(4) << 8);
    if (avail < 5 + len) return 0;
    if (p(2) === 0x48 && len === 6 && p(5) === 0x30 && p(6) === 0x30) {
      this.defer((h) => h.processIdRequest(b.slice(at + 7, at + 11)));
      return 11;
    }
    if (p(2) !== 0x6b || len < 2) return 5 + len; // other GS ( functions: skip by their length
    const cn = p(5);
    const fn = p(6);
    if (cn !== 0x31) return 5 + len;
    switch (fn) {
      case 0x41:
        this.defer((h) => h.qrModel(p(7)));
        break;
      case 0x43:
        this.defer((h) => h.qrModuleSize(p(7)));
        break;
      case 0x50:
        this.defer((h) => h.qrStore(b.slice(at + 8, at + 5 + len)));
        break;
      case 0x51:
        this.defer((h) => h.qrPrint());
        break;
      default:
        break; // error correction level and others: accepted
    }
    return 5 + len;
  }
}
