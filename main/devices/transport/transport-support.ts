import { AppError } from '../../../common/errors.js';

/** Listener bookkeeping shared by the ByteTransport adapters. */
export class TransportListeners {
  private readonly data = new Set<(chunk: Uint8Array) => void>();
  private readonly close = new Set<(err?: Error) => void>();

  addData(listener: (chunk: Uint8Array) => void): () => void {
    this.data.add(listener);
    return () => this.data.delete(listener);
  }

  addClose(listener: (err?: Error) => void): () => void {
    this.close.add(listener);
    return () => this.close.delete(listener);
  }

  emitData(chunk: Uint8Array): void {
    for (const listener of [...this.data]) listener(chunk);
  }

  emitClose(err?: Error): void {
    for (const listener of [...this.close]) {
      if (err) listener(err);
      else listener();
    }
  }
}

/**
 * Races `promise` against a timer. On timeout rejects with DEVICE_TIMEOUT and runs `onTimeout`
 * (e.g. to destroy a half-open socket) so that no I/O is left dangling.
 */
export function withTimeout<T>(
  promise: Promise<T>,
  timeoutMs: number,
  what: string,
  onTimeout?: () => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout?.();
      reject(new AppError('DEVICE_TIMEOUT', `${what}: no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}

/** Maps an OS error (errno code) from open/connect to a typed AppError a technician can act on. */
export function osErrorToAppError(err: unknown, target: string): AppError {
  if (err instanceof AppError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'EACCES' || code === 'EPERM' || /permission denied/i.test(message)) {
    return new AppError(
      'DEVICE_ACCESS_DENIED',
      `${target}: permission denied (on Linux add the user to the dialout/lp group): ${message}`,
      { cause: err },
    );
  }
  if (
    code === 'EBUSY' ||
    /cannot lock port|port is locked|resource temporarily unavailable|busy/i.test(message)
  ) {
    return new AppError('DEVICE_BUSY', `${target}: in use by another program: ${message}`, {
      cause: err,
    });
  }
  if (code === 'ETIMEDOUT') {
    return new AppError('DEVICE_TIMEOUT', `${target}: ${message}`, { cause: err });
  }
  return new AppError('DEVICE_NOT_CONNECTED', `${target}: ${message}`, { cause: err });
}

/** Copies a chunk into a plain Uint8Array so listeners never hold a pooled Buffer slice. */
export function copyChunk(chunk: Uint8Array): Uint8Array {
  return new Uint8Array(chunk);
}

export const DEFAULT_OPEN_TIMEOUT_MS = 5_000;
export const DEFAULT_WRITE_TIMEOUT_MS = 5_000;
