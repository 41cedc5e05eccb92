import { AppError } from '../../../common/errors';

/** Any pg failure (connection refused, terminated, timeout, SQL error) as a typed error. */
export function toStorageError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown } | null)?.code;
  const suffix = typeof code === 'string' ? ` (${code})` : '';
  return new AppError('STORAGE_UNAVAILABLE', `PostgreSQL: ${message}${suffix}`, { cause: err });
}
