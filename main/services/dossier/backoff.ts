/** Retry timing of the outbox's sender. */
export interface BackoffPolicy {
  /** First delay's ceiling (ms); doubled per attempt. */
  readonly baseMs: number;
  /** Ceiling of any delay (ms). */
  readonly maxMs: number;
}

/** Capped at a minute: a citizen's code should not wait much longer than the outage itself. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 60_000 };

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff and
 * Jitter", 2015): a uniform draw in [0, min(max, base · 2^(attempt-1))]. Kiosks coming back
 * after a city outage thus spread their retries instead of arriving together.
 */
export function fullJitterDelay(
  policy: BackoffPolicy,
  attempt: number,
  random: () => number,
): number {
  const exp = Math.min(30, Math.max(0, attempt - 1));
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** exp);
  return Math.floor(random() * ceiling);
}
