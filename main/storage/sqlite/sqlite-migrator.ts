import type { DatabaseSync } from 'node:sqlite';
import { AppError } from '../../../common/errors';
import { assertMigrationOrder, type Migration } from '../migrations/migration';

/**
 * Applies the migrations a database lacks, under BEGIN IMMEDIATE so two processes starting at once
 * do not both apply one. Refuses a database written by a newer app (its schema is unknown here).
 */
export function applySqliteMigrations(
  db: DatabaseSync,
  migrations: readonly Migration[],
): number[] {
  assertMigrationOrder(migrations);
  const applied: number[] = [];
  try {
    db.exec('BEGIN IMMEDIATE');
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
    const row = db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations').get();
    const current = Number(row?.v ?? 0);
    if (current > migrations.length) {
      throw new AppError(
        'STORAGE_MIGRATION_FAILED',
        `Database schema v${current} is newer than this app knows (v${migrations.length})`,
      );
    }
    const insert = db.prepare(
      'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
    );
    for (const m of migrations.slice(current)) {
      db.exec(m.sql);
      insert.run(m.version, m.name, new Date().toISOString());
      applied.push(m.version);
    }
    db.exec('COMMIT');
    return applied;
  } catch (err) {
    if (db.isTransaction) db.exec('ROLLBACK');
    if (err instanceof AppError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new AppError('STORAGE_MIGRATION_FAILED', `SQLite migration failed: ${message}`, {
      cause: err,
    });
  }
}
