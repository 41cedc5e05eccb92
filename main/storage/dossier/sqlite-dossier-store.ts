/**
 * DossierStore on SQLite through node:sqlite (built into Node 24 and Electron's Node). WAL with
 * synchronous=FULL: `insert` and every transition are committed (and fsynced) before their
 * promise resolves, so the outbox never sends, or hands out a receipt for, an uncommitted row.
 * Each transition and its history entry are one BEGIN IMMEDIATE transaction.
 */
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { AppError } from '../../../common/errors';
import type {
  DossierListQuery,
  DossierPatch,
  DossierRecord,
  DossierStore,
  NewDossierRecord,
} from '../../services/dossier/dossier-store';
import {
  DOSSIER_STATES,
  SENDABLE_STATES,
  type DossierHistoryEntry,
  type DossierState,
} from '../../services/dossier/dossier-types';
import { SQLITE_DOSSIER_MIGRATIONS } from './sqlite-dossier-migrations';
import { applyTableMigrations, sqlitePragmas } from './sqlite-table-migrations';

export interface SqliteDossierStoreOptions {
  /** Database file (e.g. <dataDir>/dossiers.db), or ':memory:'. */
  readonly path: string;
  /** How long a writer waits for another connection's lock (default 5000 ms). */
  readonly busyTimeoutMs?: number;
}

type Row = Record<string, SQLInputValue>;

const COLUMNS: Readonly<Record<keyof DossierPatch, string>> = {
  state: 'state',
  attempts: 'attempts',
  nextAttemptAt: 'next_attempt_at',
  lastErrorCode: 'last_error_code',
  lastErrorMessage: 'last_error_message',
  rejectionReason: 'rejection_reason',
  code: 'code',
  dueDate: 'due_date',
  cityReceivedAt: 'city_received_at',
  acknowledgedAt: 'acknowledged_at',
  purgeAfter: 'purge_after',
  purgedAt: 'purged_at',
  sealed: 'sealed',
};

const SENDABLE_SQL = SENDABLE_STATES.map((s) => `'${s}'`).join(', ');

function str(v: SQLInputValue | undefined): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? `${v}` : '';
}
function strOrNull(v: SQLInputValue | undefined): string | null {
  return v === null || v === undefined ? null : str(v);
}
function numOrNull(v: SQLInputValue | undefined): number | null {
  return v === null || v === undefined ? null : Number(v);
}

function toRecord(r: Row): DossierRecord {
  const sealed = r.sealed;
  return {
    localRef: str(r.local_ref),
    idempotencyKey: str(r.idempotency_key),
    procedureCode: str(r.procedure_code),
    caseCode: strOrNull(r.case_code),
    channel: str(r.channel) as DossierRecord['channel'],
    receivingPointId: str(r.receiving_point_id),
    state: str(r.state) as DossierState,
    attempts: Number(r.attempts),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    nextAttemptAt: numOrNull(r.next_attempt_at),
    lastErrorCode: strOrNull(r.last_error_code),
    lastErrorMessage: strOrNull(r.last_error_message),
    rejectionReason: strOrNull(r.rejection_reason),
    code: strOrNull(r.code),
    dueDate: strOrNull(r.due_date),
    cityReceivedAt: strOrNull(r.city_received_at),
    acknowledgedAt: numOrNull(r.acknowledged_at),
    purgeAfter: numOrNull(r.purge_after),
    purgedAt: numOrNull(r.purged_at),
    sealed: sealed instanceof Uint8Array ? sealed : null,
    attachmentCount: Number(r.attachment_count),
  };
}

export class SqliteDossierStore implements DossierStore {
  private readonly statements = new Map<string, StatementSync>();
  private closed = false;

  private constructor(private readonly db: DatabaseSync) {}

  /** Opens (creating if needed) the database and applies pending migrations. */
  static open(options: SqliteDossierStoreOptions): SqliteDossierStore {
    let db: DatabaseSync;
    try {
      db = new DatabaseSync(options.path);
      sqlitePragmas(db, options.busyTimeoutMs ?? 5000);
    } catch (err) {
      throw new AppError('STORAGE_UNAVAILABLE', `Cannot open SQLite database ${options.path}`, {
        cause: err,
      });
    }
    try {
      applyTableMigrations(db, 'dossier_schema_migrations', SQLITE_DOSSIER_MIGRATIONS);
    } catch (err) {
      db.close();
      throw err;
    }
    return new SqliteDossierStore(db);
  }

  insert(rec: NewDossierRecord, note: string): Promise<boolean> {
    return this.guard(() => {
      this.begin();
      try {
        const inserted = this.stmt(
          `INSERT INTO dossiers (local_ref, idempotency_key, procedure_code, case_code, channel,
             receiving_point_id, state, attempts, created_at, updated_at, sealed, attachment_count)
           VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?)
           ON CONFLICT (local_ref) DO NOTHING`,
        ).run(
          rec.localRef,
          rec.idempotencyKey,
          rec.procedureCode,
          rec.caseCode,
          rec.channel,
          rec.receivingPointId,
          rec.createdAt,
          rec.createdAt,
          rec.sealed,
          rec.attachmentCount,
        );
        if (Number(inserted.changes) === 0) {
          this.db.exec('ROLLBACK');
          return false;
        }
        this.addHistory(rec.localRef, rec.createdAt, 'pending', note);
        this.db.exec('COMMIT');
        return true;
      } catch (err) {
        this.rollback();
        throw err;
      }
    });
  }

  get(localRef: string): Promise<DossierRecord | undefined> {
    return this.guard(() => {
      const r = this.stmt('SELECT * FROM dossiers WHERE local_ref = ?').get(localRef);
      return r === undefined ? undefined : toRecord(r);
    });
  }

  list(query: DossierListQuery = {}): Promise<DossierRecord[]> {
    return this.guard(() => {
      const states = query.states ?? DOSSIER_STATES;
      const limit = Math.max(1, Math.min(10_000, Math.trunc(query.limit ?? 100)));
      const offset = Math.max(0, Math.trunc(query.offset ?? 0));
      const marks = states.map(() => '?').join(', ') || 'NULL';
      return this.db
        .prepare(
          `SELECT * FROM dossiers WHERE state IN (${marks}) ORDER BY seq DESC LIMIT ? OFFSET ?`,
        )
        .all(...states, limit, offset)
        .map((r) => toRecord(r as Row));
    });
  }

  due(now: number, limit: number, exclude: ReadonlySet<string>): Promise<DossierRecord[]> {
    return this.guard(() => {
      const rows = this.stmt(
        `SELECT * FROM dossiers
         WHERE state IN (${SENDABLE_SQL}) AND COALESCE(next_attempt_at, 0) <= ?
         ORDER BY COALESCE(next_attempt_at, 0), seq LIMIT ?`,
      ).all(now, limit + exclude.size);
      return rows
        .map((r) => toRecord(r as Row))
        .filter((r) => !exclude.has(r.localRef))
        .slice(0, limit);
    });
  }

  nextDueAt(exclude: ReadonlySet<string>): Promise<number | undefined> {
    return this.guard(() => {
      const rows = this.stmt(
        `SELECT local_ref, COALESCE(next_attempt_at, 0) AS due FROM dossiers
         WHERE state IN (${SENDABLE_SQL}) ORDER BY due, seq LIMIT ?`,
      ).all(exclude.size + 1);
      const first = rows.find((r) => !exclude.has(String(r.local_ref)));
      return first === undefined ? undefined : Number(first.due);
    });
  }

  transition(
    localRef: string,
    from: readonly DossierState[],
    patch: DossierPatch,
    note: string,
    now: number,
  ): Promise<DossierRecord | undefined> {
    return this.guard(() => {
      const keys = (Object.keys(patch) as (keyof DossierPatch)[]).filter(
        (k) => patch[k] !== undefined,
      );
      const sets = ['updated_at = ?', ...keys.map((k) => `${COLUMNS[k]} = ?`)];
      const values: SQLInputValue[] = [now, ...keys.map((k) => patch[k] as SQLInputValue)];
      const marks = from.map(() => '?').join(', ') || 'NULL';
      this.begin();
      try {
        const changed = this.db
          .prepare(
            `UPDATE dossiers SET ${sets.join(', ')} WHERE local_ref = ? AND state IN (${marks})`,
          )
          .run(...values, localRef, ...from);
        if (Number(changed.changes) === 0) {
          this.db.exec('ROLLBACK');
          return undefined;
        }
        const row = this.stmt('SELECT * FROM dossiers WHERE local_ref = ?').get(localRef) as Row;
        const rec = toRecord(row);
        this.addHistory(localRef, now, rec.state, note);
        this.db.exec('COMMIT');
        return rec;
      } catch (err) {
        this.rollback();
        throw err;
      }
    });
  }

  rescheduleRetrying(now: number): Promise<number> {
    return this.guard(() => {
      const r = this.stmt(
        `UPDATE dossiers SET next_attempt_at = ?
         WHERE state = 'failed-retrying' AND next_attempt_at > ?`,
      ).run(now, now);
      return Number(r.changes);
    });
  }

  purgeDue(now: number, limit: number): Promise<DossierRecord[]> {
    return this.guard(() =>
      this.stmt(
        `SELECT * FROM dossiers WHERE state IN ('acknowledged', 'rejected') AND purged_at IS NULL
           AND purge_after <= ? ORDER BY purge_after LIMIT ?`,
      )
        .all(now, limit)
        .map((r) => toRecord(r as Row)),
    );
  }

  history(localRef: string): Promise<DossierHistoryEntry[]> {
    return this.guard(() =>
      this.stmt('SELECT at, state, note FROM dossier_history WHERE local_ref = ? ORDER BY id')
        .all(localRef)
        .map((r) => ({
          at: new Date(Number(r.at)).toISOString(),
          state: String(r.state) as DossierState,
          note: String(r.note),
        })),
    );
  }

  counts(): Promise<Record<DossierState, number>> {
    return this.guard(() => {
      const out = Object.fromEntries(DOSSIER_STATES.map((s) => [s, 0])) as Record<
        DossierState,
        number
      >;
      for (const r of this.stmt('SELECT state, COUNT(*) AS n FROM dossiers GROUP BY state').all()) {
        out[String(r.state) as DossierState] = Number(r.n);
      }
      return out;
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.statements.clear();
    this.db.close();
  }

  private addHistory(localRef: string, at: number, state: DossierState, note: string): void {
    this.stmt('INSERT INTO dossier_history (local_ref, at, state, note) VALUES (?, ?, ?, ?)').run(
      localRef,
      at,
      state,
      note.slice(0, 1000),
    );
  }

  private begin(): void {
    this.db.exec('BEGIN IMMEDIATE');
  }

  private rollback(): void {
    if (this.db.isTransaction) this.db.exec('ROLLBACK');
  }

  private stmt(sql: string): StatementSync {
    let s = this.statements.get(sql);
    if (s === undefined) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /** Runs synchronously (no interleaving on the one connection); failures become AppErrors. */
  private guard<T>(fn: () => T): Promise<T> {
    if (this.closed) {
      return Promise.reject(new AppError('STORAGE_UNAVAILABLE', 'Dossier store is closed'));
    }
    try {
      return Promise.resolve(fn());
    } catch (err) {
      if (err instanceof AppError) return Promise.reject(err);
      const message = err instanceof Error ? err.message : String(err);
      return Promise.reject(
        new AppError('STORAGE_UNAVAILABLE', `Dossier store: ${message}`, { cause: err }),
      );
    }
  }
}
