import { AppError } from '../../../common/errors.js';
import { toHex } from '../../../common/hex.js';

export type FramedLine =
  | { readonly kind: 'line'; readonly text: string }
  | { readonly kind: 'error'; readonly error: AppError };

/** Longest scan we accept by default: a CCCD QR is ~150-250 bytes, VietQR well under 512. */
export const DEFAULT_MAX_LINE_BYTES = 4096;

const CR = 0x0d;
const LF = 0x0a;

/**
 * Splits a serial scanner's byte stream into lines ended by CR, LF or CR LF, in any chunking.
 * Each line is decoded as UTF-8 (Vietnamese text in CCCD QR codes). Empty lines are skipped.
 * A line over `maxLineBytes` or with invalid UTF-8 becomes a typed DEVICE_PROTOCOL error with a
 * hex dump; the framer then resynchronises at the next line end. Pure: no I/O, no timers.
 */
export class ScanLineFramer {
  private bytes: number[] = [];
  private afterCr = false;
  private discarding = false;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  constructor(private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES) {}

  /** Bytes held for an unfinished line. */
  get pending(): number {
    return this.bytes.length;
  }

  push(chunk: Uint8Array): FramedLine[] {
    const out: FramedLine[] = [];
    for (const b of chunk) {
      if (b === LF && this.afterCr) {
        this.afterCr = false;
        continue;
      }
      this.afterCr = b === CR;
      if (b === CR || b === LF) {
        this.endLine(out);
        continue;
      }
      if (this.discarding) continue;
      this.bytes.push(b);
      if (this.bytes.length > this.maxLineBytes) {
        out.push({
          kind: 'error',
          error: new AppError(
            'DEVICE_PROTOCOL',
            `Scanner line longer than ${this.maxLineBytes} bytes, discarded up to the next line end [${toHex(Uint8Array.from(this.bytes.slice(0, 32)))} …]`,
          ),
        });
        this.bytes = [];
        this.discarding = true;
      }
    }
    return out;
  }

  /** Ends the current line without a terminator (scanners configured with no suffix). */
  flush(): FramedLine[] {
    const out: FramedLine[] = [];
    this.endLine(out);
    return out;
  }

  private endLine(out: FramedLine[]): void {
    if (this.discarding) {
      this.discarding = false;
      this.bytes = [];
      return;
    }
    if (this.bytes.length === 0) return;
    const raw = Uint8Array.from(this.bytes);
    this.bytes = [];
    try {
      out.push({ kind: 'line', text: this.decoder.decode(raw) });
    } catch {
      out.push({
        kind: 'error',
        error: new AppError(
          'DEVICE_PROTOCOL',
          `Scanner sent text that is not UTF-8 (set the scanner to UTF-8 output) [${toHex(raw.subarray(0, 48))}${raw.length > 48 ? ' …' : ''}]`,
        ),
      });
    }
  }
}
