/**
 * Pacing and de-duplication for camera QR decoding, free of DOM so it can be tested in Node.
 *
 * - Throttle: at most one decode per `minIntervalMs` (8 per second by default), never two at
 *   once, and always an idle gap after a decode so a slow frame cannot starve the UI thread.
 * - Debounce: one QR held in front of the camera is reported once; the same text is reported
 *   again only after it has been out of sight for `forgetAfterMs`.
 */
export interface ScanThrottleOptions {
  /** Shortest time between the starts of two decodes (125 ms = 8 per second). */
  readonly minIntervalMs?: number;
  /** Idle time left to the UI thread after every decode, however long it took. */
  readonly minGapMs?: number;
  /** How long a code must be out of sight before the same text counts as a new scan. */
  readonly forgetAfterMs?: number;
}

export const DEFAULT_SCAN_THROTTLE = {
  minIntervalMs: 125,
  minGapMs: 30,
  forgetAfterMs: 1500,
} as const;

export class ScanThrottle {
  private readonly minIntervalMs: number;
  private readonly minGapMs: number;
  private readonly forgetAfterMs: number;
  private busy = false;
  private lastStart = Number.NEGATIVE_INFINITY;
  private lastText: string | null = null;
  private lastSeenAt = Number.NEGATIVE_INFINITY;

  constructor(options: ScanThrottleOptions = {}) {
    this.minIntervalMs = options.minIntervalMs ?? DEFAULT_SCAN_THROTTLE.minIntervalMs;
    this.minGapMs = options.minGapMs ?? DEFAULT_SCAN_THROTTLE.minGapMs;
    this.forgetAfterMs = options.forgetAfterMs ?? DEFAULT_SCAN_THROTTLE.forgetAfterMs;
  }

  /** True when a decode may start now: none running and the interval since the last start passed. */
  mayDecode(now: number): boolean {
    return !this.busy && now - this.lastStart >= this.minIntervalMs;
  }

  /** Marks a decode as started; returns false (and changes nothing) when it may not start. */
  begin(now: number): boolean {
    if (!this.mayDecode(now)) return false;
    this.busy = true;
    this.lastStart = now;
    return true;
  }

  /**
   * Ends the decode begun last, with the text found (or null). Returns the text when it is a new
   * scan to report, null when nothing was found or the same code is still in front of the camera.
   */
  end(now: number, text: string | null): string | null {
    this.busy = false;
    if (text === null || text === '') return null;
    const same = text === this.lastText && now - this.lastSeenAt < this.forgetAfterMs;
    this.lastText = text;
    this.lastSeenAt = now;
    return same ? null : text;
  }

  /** Milliseconds to wait before trying the next decode, measured from `now`. */
  delayUntilNext(now: number): number {
    const untilInterval = this.lastStart + this.minIntervalMs - now;
    return Math.max(this.minGapMs, Math.ceil(untilInterval));
  }

  /** Forgets the last code, so showing it again reports it again (e.g. after a failed read). */
  forget(): void {
    this.lastText = null;
    this.lastSeenAt = Number.NEGATIVE_INFINITY;
  }
}
