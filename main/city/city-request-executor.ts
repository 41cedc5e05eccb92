import { AppError, type ErrorCode } from '../../common/errors.js';

/** What one attempt produced: openapi-fetch's `{ data, error, response }`. */
export interface AttemptResult {
  readonly data?: unknown;
  readonly error?: unknown;
  readonly response: Response;
}

export interface ExecutorOptions {
  readonly timeoutMs: number;
  /** Extra attempts for idempotent calls (default 2). */
  readonly retries?: number;
  /** First backoff (ms), doubled per attempt, full jitter (default 200). */
  readonly backoffMs?: number;
  /** Cap on one backoff, also on a server's Retry-After (default 5000). */
  readonly maxBackoffMs?: number;
  /** Jitter source (tests may pin it). */
  readonly random?: () => number;
}

export interface CallSpec {
  /** GET, or POST with an Idempotency-Key: safe to send again. */
  readonly idempotent: boolean;
  /** Attempts at most 1 + retries (health probes use 0). */
  readonly retries?: number;
  /** What the call is, for error messages ("GET /api/v1/procedures"). */
  readonly what: string;
  /** One attempt; `authorization` is undefined when the gateway has no credentials. */
  send(signal: AbortSignal, authorization: string | undefined): Promise<AttemptResult>;
}

/** Supplies and invalidates bearer tokens (OAuth2 client credentials). */
export interface TokenSource {
  authorization(signal: AbortSignal): Promise<string | undefined>;
  invalidate(): void;
}

class AttemptError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}

function errorMessage(body: unknown): string {
  if (typeof body === 'object' && body !== null) {
    const e = (body as { error?: unknown }).error;
    if (typeof e === 'object' && e !== null) {
      const m = (e as { message?: unknown }).message;
      const c = (e as { code?: unknown }).code;
      if (typeof m === 'string') return typeof c === 'string' ? `${c}: ${m}` : m;
    }
    if (typeof e === 'string') {
      const d = (body as { error_description?: unknown }).error_description;
      return typeof d === 'string' ? `${e}: ${d}` : e;
    }
  }
  return 'no detail';
}

function retryAfterMs(response: Response): number | undefined {
  const raw = response.headers.get('retry-after');
  if (raw === null) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** Classifies an HTTP error status (RFC 9110 §15) into our stable codes. */
export function statusError(what: string, response: Response, body: unknown): AppError {
  const s = response.status;
  const detail = `${what} → HTTP ${s} (${errorMessage(body)})`;
  if (s === 401) return new AttemptError('CITY_UNAUTHORIZED', detail, false);
  if (s === 403) return new AttemptError('CITY_FORBIDDEN', detail, false);
  if (s === 404) return new AttemptError('NOT_FOUND', detail, false);
  if (s === 408) return new AttemptError('CITY_TIMEOUT', detail, true);
  if (s === 429) {
    return new AttemptError('CITY_RATE_LIMITED', detail, true, retryAfterMs(response));
  }
  if (s >= 500) return new AttemptError('CITY_SERVER_ERROR', detail, true, retryAfterMs(response));
  if (s >= 400) return new AttemptError('CITY_REJECTED', detail, false);
  return new AttemptError('CITY_BAD_RESPONSE', `${what} → unexpected HTTP ${s}`, false);
}

/** Classifies a thrown fetch/parse error. */
function thrownError(what: string, err: unknown, timeoutMs: number): AttemptError {
  if (err instanceof AttemptError) return err;
  if (err instanceof AppError)
    return new AttemptError(err.code, err.message, false, undefined, { cause: err });
  const name = err instanceof Error ? err.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new AttemptError(
      'CITY_TIMEOUT',
      `${what}: no answer within ${timeoutMs} ms`,
      true,
      undefined,
      {
        cause: err,
      },
    );
  }
  if (err instanceof SyntaxError) {
    return new AttemptError(
      'CITY_BAD_RESPONSE',
      `${what}: body is not valid JSON`,
      false,
      undefined,
      {
        cause: err,
      },
    );
  }
  const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
  const message = err instanceof Error ? err.message : String(err);
  return new AttemptError('CITY_UNREACHABLE', `${what}: ${message}${cause}`, true, undefined, {
    cause: err,
  });
}

/** Removes the retry bookkeeping before an error leaves the client. */
function plain(err: AppError): AppError {
  return err instanceof AttemptError
    ? new AppError(err.code, err.message, { cause: err.cause })
    : err;
}

/**
 * Runs calls to the city system: a timeout per attempt (AbortSignal.timeout), bearer tokens,
 * one re-authentication after a 401, and retries with exponential backoff and full jitter — for
 * idempotent calls only (a non-idempotent POST is never sent twice).
 */
export class CityRequestExecutor {
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly random: () => number;

  constructor(
    private readonly opts: ExecutorOptions,
    private readonly tokens: TokenSource | undefined,
  ) {
    this.retries = opts.retries ?? 2;
    this.backoffMs = opts.backoffMs ?? 200;
    this.maxBackoffMs = opts.maxBackoffMs ?? 5000;
    this.random = opts.random ?? Math.random;
  }

  async run(spec: CallSpec): Promise<{ data: unknown; response: Response }> {
    const retries = spec.idempotent ? (spec.retries ?? this.retries) : 0;
    let reauthenticated = false;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.attempt(spec);
      } catch (e) {
        const err = thrownError(spec.what, e, this.opts.timeoutMs);
        // A 401 means the request was not processed: one fresh token, one more try, any method.
        if (err.code === 'CITY_UNAUTHORIZED' && this.tokens !== undefined && !reauthenticated) {
          reauthenticated = true;
          this.tokens.invalidate();
          attempt--;
          continue;
        }
        if (!err.retryable || attempt >= retries) throw plain(err);
        await sleep(this.backoff(attempt, err.retryAfterMs));
      }
    }
  }

  private async attempt(spec: CallSpec): Promise<{ data: unknown; response: Response }> {
    const signal = AbortSignal.timeout(this.opts.timeoutMs);
    const authorization = await this.tokens?.authorization(signal);
    const result = await spec.send(signal, authorization);
    if (!result.response.ok) throw statusError(spec.what, result.response, result.error);
    if (result.data === undefined && result.response.status !== 204) {
      throw new AttemptError('CITY_BAD_RESPONSE', `${spec.what}: empty body`, false);
    }
    return { data: result.data, response: result.response };
  }

  private backoff(attempt: number, retryAfter: number | undefined): number {
    if (retryAfter !== undefined) return Math.min(retryAfter, this.maxBackoffMs);
    const ceiling = Math.min(this.maxBackoffMs, this.backoffMs * 2 ** attempt);
    return Math.round(this.random() * ceiling);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
