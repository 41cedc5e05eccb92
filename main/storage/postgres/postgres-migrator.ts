import type pg from 'pg';
import { AppError } from '../../../common/errors';
import { assertMigrationOrder, type Migration } from '../migrations/migration';
import { POSTGRES_MIGRATIONS } from '../migrations/postgres-migrations';
import { toStorageError } from './pg-errors';

/** Session advisory lock: terminals starting together apply each migration once. */
const MIGRATION_LOCK_KEY = 72_710_000;

/**
 * Applies the migrations the database lacks, each in its own transaction, and records them in
 * `schema_migrations`. Refuses a database written by a newer app. Returns the versions applied.
 */
export async function applyPostgresMigrations(
  client: pg.ClientBase,
  migrations: readonly Migration[] = POSTGRES_MIGRATIONS,
): Promise<number[]> {
  assertMigrationOrder(migrations);
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  } catch (err) {
    throw toStorageError(err);
  }
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const r = await client.query<{ v: number }>(
      'SELECT COALESCE(MAX(version), 0)::int AS v FROM schema_migrations',
    );
    const current = r.rows[0]?.v ?? 0;
    if (current > migrations.length) {
      throw new AppError(
        'STORAGE_MIGRATION_FAILED',
        `Database schema v${current} is newer than this app knows (v${migrations.length})`,
      );
    }
    for (const m of migrations.slice(current)) {
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          m.version,
          m.name,
        ]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
      applied.push(m.version);
    }
    return applied;
  } catch (err) {
    if (err instanceof AppError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new AppError('STORAGE_MIGRATION_FAILED', `PostgreSQL migration failed: ${message}`, {
      cause: err,
    });
  } finally {
    await client
      .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
      .catch(() => undefined);
  }
}
