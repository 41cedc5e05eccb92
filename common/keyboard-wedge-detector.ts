/**
 * Tells a HID keyboard-wedge barcode/QR scanner from a person typing. A scanner "types" a whole
 * code in a burst — keys a few milliseconds apart — and ends it with Enter; people type
 * 100+ ms apart. Pure logic: the renderer feeds it KeyboardEvent.key values with timestamps
 * (event.timeStamp or performance.now()).
 */
export interface KeyboardWedgeOptions {
  /** Fewest characters for a scan (shorter bursts are ignored). Default 6. */
  readonly minLength?: number;
  /** Largest gap between keys inside a burst, ms. Default 30. */
  readonly maxInterKeyMs?: number;
  /** Keys that end a scan. Default ['Enter']. */
  readonly terminators?: readonly string[];
  /** Bursts longer than this are dropped (a stuck key, not a scan). Default 4096. */
  readonly maxLength?: number;
}

export interface WedgeScan {
  readonly text: string;
  /** Timestamp of the first character. */
  readonly startedAt: number;
  /** Timestamp of the terminator. */
  readonly endedAt: number;
}

/** Keys that do not break a burst (scanners press Shift for capitals). */
const IGNORED_KEYS = new Set(['Shift', 'CapsLock', 'AltGraph', 'Dead', 'Unidentified']);

export class KeyboardWedgeDetector {
  private chars: string[] = [];
  private startedAt = 0;
  private lastAt = Number.NEGATIVE_INFINITY;
  private readonly minLength: number;
  private readonly maxGap: number;
  private readonly terminators: ReadonlySet<string>;
  private readonly maxLength: number;

  constructor(options: KeyboardWedgeOptions = {}) {
    this.minLength = options.minLength ?? 6;
    this.maxGap = options.maxInterKeyMs ?? 30;
    this.terminators = new Set(options.terminators ?? ['Enter']);
    this.maxLength = options.maxLength ?? 4096;
  }

  /** True while a fast burst is being collected (the renderer may hold back the keys). */
  get inBurst(): boolean {
    return this.chars.length > 1;
  }

  /**
   * Feeds one keydown. Returns the scan when `key` is a terminator closing a burst of at least
   * `minLength` characters that all came less than `maxInterKeyMs` apart; otherwise null.
   */
  feed(key: string, timeMs: number): WedgeScan | null {
    if (IGNORED_KEYS.has(key)) return null;
    const gap = timeMs - this.lastAt;
    const inTime = Number.isFinite(gap) && gap >= 0 && gap <= this.maxGap;
    if (this.terminators.has(key)) {
      const text = this.chars.join('');
      const ok = inTime && this.chars.length >= this.minLength;
      const startedAt = this.startedAt;
      this.reset();
      return ok ? { text, startedAt, endedAt: timeMs } : null;
    }
    if ([...key].length !== 1) {
      // Backspace, Tab, arrows, modifiers with meaning: not part of a scan.
      this.reset();
      return null;
    }
    if (!inTime || this.chars.length >= this.maxLength) {
      this.chars = [];
      this.startedAt = timeMs;
    }
    this.chars.push(key);
    this.lastAt = timeMs;
    return null;
  }

  reset(): void {
    this.chars = [];
    this.lastAt = Number.NEGATIVE_INFINITY;
    this.startedAt = 0;
  }
}
