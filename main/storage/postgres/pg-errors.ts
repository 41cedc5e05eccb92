import { AppError } from '../../../common/errors';

/** Any pg failure (connection refused, terminated, timeout, SQL error) as a typed error. */
export function toStorageError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown } | null)?.code;
  const suffix = typeof code === 'string' ? ` (${code})` : '';
  return new AppError('STORAGE_UNAVAILABLE', `PostgreSQL: ${message}${suffix}`, { cause: err });
}

/** SQLSTATEs and socket codes of a connection that went away (the statement never ran). */
const CONNECTION_LOST = new Set([
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
  'ECONNRESET',
  'EPIPE',
]);

/** True when a pooled connection was dead, so a read or a BEGIN may be retried on a fresh one. */
export function isConnectionLost(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return CONNECTION_LOST.has(code);
  const message = err instanceof Error ? err.message : '';
  return /Connection terminated|Client has encountered a connection error/i.test(message);
}
