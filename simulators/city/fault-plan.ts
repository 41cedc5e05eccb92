/**
 * Fault injection for the city-system simulator: rates drawn from a seeded PRNG (deterministic
 * for a given seed and request order) plus a queue of one-shot faults tests can arm exactly.
 */
export type CityFaultKind =
  /** 503 before the request is handled. */
  | 'server-error'
  /** 429 with Retry-After. */
  | 'rate-limit'
  /** Never answers; the socket stays open until the client gives up or the simulator stops. */
  | 'timeout'
  /** The request is handled and committed, then the socket is destroyed before any answer. */
  | 'drop-after-commit'
  /** 200 with a body that is not valid JSON. */
  | 'malformed';

export interface CityFaults {
  /** Added before every answer (ms). */
  readonly latencyMs?: number;
  /** 0..1 */
  readonly serverErrorRate?: number;
  readonly rateLimitRate?: number;
  readonly timeoutRate?: number;
  /** 0..1, only for requests that commit something (dossier create). */
  readonly dropAfterCommitRate?: number;
}

/** mulberry32: small, fast, good enough for simulations. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultPlan {
  private faults: CityFaults;
  private readonly random: () => number;
  private readonly armed: { kind: CityFaultKind; path: string | undefined }[] = [];

  constructor(faults: CityFaults = {}, seed = 1) {
    this.faults = faults;
    this.random = seededRandom(seed);
  }

  set(faults: CityFaults): void {
    this.faults = faults;
  }

  get latencyMs(): number {
    return this.faults.latencyMs ?? 0;
  }

  /** Arms a one-shot fault for the next matching request (optionally only for a path prefix). */
  arm(kind: CityFaultKind, count = 1, pathPrefix?: string): void {
    for (let i = 0; i < count; i++) this.armed.push({ kind, path: pathPrefix });
  }

  clearArmed(): void {
    this.armed.length = 0;
  }

  /** The fault to apply before handling (not drop-after-commit), if any. */
  before(path: string): CityFaultKind | undefined {
    const i = this.armed.findIndex(
      (a) => a.kind !== 'drop-after-commit' && (a.path === undefined || path.startsWith(a.path)),
    );
    if (i >= 0) return this.armed.splice(i, 1)[0]?.kind;
    if (this.hit(this.faults.serverErrorRate)) return 'server-error';
    if (this.hit(this.faults.rateLimitRate)) return 'rate-limit';
    if (this.hit(this.faults.timeoutRate)) return 'timeout';
    return undefined;
  }

  /** Whether to drop the answer of a request that has just committed. */
  dropAfterCommit(path: string): boolean {
    const i = this.armed.findIndex(
      (a) => a.kind === 'drop-after-commit' && (a.path === undefined || path.startsWith(a.path)),
    );
    if (i >= 0) {
      this.armed.splice(i, 1);
      return true;
    }
    return this.hit(this.faults.dropAfterCommitRate);
  }

  private hit(rate: number | undefined): boolean {
    return rate !== undefined && rate > 0 && this.random() < rate;
  }
}
