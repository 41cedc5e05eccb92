import type { DatabaseSync } from 'node:sqlite';
import { AppError } from '../../../common/errors';
import { assertMigrationOrder, type Migration } from '../migrations/migration';

const TABLE = /^[a-z_]{1,40}$/;

/**
 * Applies the migrations a database lacks, recording them in `table` (one per store, so the
 * dossier and audit stores may share a file with each other or with the queue store), under
 * BEGIN IMMEDIATE so two processes starting at once do not both apply one. A database written
 * by a newer app is refused (STORAGE_MIGRATION_FAILED).
 */
export function applyTableMigrations(
  db: DatabaseSync,
  table: string,
  migrations: readonly Migration[],
): number[] {
  if (!TABLE.test(table)) throw new Error(`Bad migrations table name ${table}`);
  assertMigrationOrder(migrations);
  const applied: number[] = [];
  try {
    db.exec('BEGIN IMMEDIATE');
    db.exec(`CREATE TABLE IF NOT EXISTS ${table} (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
    const row = db.prepare(`SELECT COALESCE(MAX(version), 0) AS v FROM ${table}`).get();
    const current = Number(row?.v ?? 0);
    if (current > migrations.length) {
      throw new AppError(
        'STORAGE_MIGRATION_FAILED',
        `${table}: schema v${current} is newer than this app knows (v${migrations.length})`,
      );
    }
    const insert = db.prepare(`INSERT INTO ${table} (version, name, applied_at) VALUES (?, ?, ?)`);
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
    throw new AppError('STORAGE_MIGRATION_FAILED', `${table}: migration failed: ${message}`, {
      cause: err,
    });
  }
}

/** Opens a SQLite file the way the outbox and audit stores want it. */
export function sqlitePragmas(db: DatabaseSync, busyTimeoutMs: number): void {
  db.exec(`PRAGMA busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  db.exec('PRAGMA journal_mode = WAL');
  // FULL: a committed dossier or audit record survives a power cut, not only a process crash
  // (in WAL mode NORMAL may lose the last commits on power loss). Costs ≈ 0.5 ms per commit here.
  db.exec('PRAGMA synchronous = FULL');
  db.exec('PRAGMA foreign_keys = ON');
}
