/**
 * AuditStore on SQLite (node:sqlite), append-only: triggers refuse UPDATE and DELETE, and every
 * record carries a hash chained to the previous one, computed inside the BEGIN IMMEDIATE that
 * appends it. WAL, synchronous=FULL: a record is on disk before `append` resolves.
 */
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { AppError } from '../../../common/errors';
import { AUDIT_CHAIN_GENESIS, auditChainHash } from '../../services/audit/audit-chain';
import type { AuditKind, AuditRecord } from '../../services/audit/audit-port';
import type {
  AuditChainCheck,
  AuditStore,
  AuditStoreQuery,
  NewAuditRecord,
} from '../../services/audit/audit-store';
import type { Migration } from '../migrations/migration';
import { applyTableMigrations, sqlitePragmas } from '../dossier/sqlite-table-migrations';

export const SQLITE_AUDIT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'audit records',
    sql: `
      CREATE TABLE audit_records (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('population-lookup', 'consent')),
        actor_kind TEXT NOT NULL CHECK (actor_kind IN ('staff', 'kiosk')),
        actor_id TEXT NOT NULL CHECK (actor_id <> ''),
        terminal_id TEXT NOT NULL CHECK (terminal_id <> ''),
        procedure_code TEXT NOT NULL CHECK (procedure_code <> ''),
        purpose TEXT NOT NULL CHECK (purpose <> ''),
        id_hash TEXT NOT NULL CHECK (length(id_hash) = 64),
        consent_ref TEXT NOT NULL CHECK (consent_ref <> ''),
        outcome TEXT NOT NULL,
        fields TEXT NOT NULL,
        legal_basis TEXT,
        chain_hash TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_at ON audit_records (at);
      CREATE INDEX audit_id_hash ON audit_records (id_hash);
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_records
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_records
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
    `,
  },
];

type Row = Record<string, SQLInputValue>;

function s(v: SQLInputValue | undefined): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? `${v}` : '';
}

function toRecord(r: Row): AuditRecord {
  const legal = r.legal_basis;
  return {
    id: Number(r.id),
    at: s(r.at),
    kind: s(r.kind) as AuditKind,
    actorKind: s(r.actor_kind) as AuditRecord['actorKind'],
    actorId: s(r.actor_id),
    terminalId: s(r.terminal_id),
    procedureCode: s(r.procedure_code),
    purpose: s(r.purpose),
    idHash: s(r.id_hash),
    consentRef: s(r.consent_ref),
    outcome: s(r.outcome),
    fields: JSON.parse(s(r.fields)) as string[],
    ...(legal === null || legal === undefined ? {} : { legalBasis: s(legal) }),
    chainHash: s(r.chain_hash),
  };
}

export class SqliteAuditStore implements AuditStore {
  private closed = false;

  private constructor(private readonly db: DatabaseSync) {}

  /** Opens (creating if needed) the database, e.g. <dataDir>/audit.db, and migrates it. */
  static open(options: { path: string; busyTimeoutMs?: number }): SqliteAuditStore {
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
      applyTableMigrations(db, 'audit_schema_migrations', SQLITE_AUDIT_MIGRATIONS);
    } catch (err) {
      db.close();
      throw err;
    }
    return new SqliteAuditStore(db);
  }

  append(r: NewAuditRecord): Promise<AuditRecord> {
    return this.guard(() => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const last = this.db
          .prepare('SELECT id, chain_hash FROM audit_records ORDER BY id DESC LIMIT 1')
          .get();
        const id = last === undefined ? 1 : Number(last.id) + 1;
        const chainHash = auditChainHash(
          last === undefined ? AUDIT_CHAIN_GENESIS : s(last.chain_hash),
          id,
          r,
        );
        this.db
          .prepare(
            `INSERT INTO audit_records (id, at, kind, actor_kind, actor_id, terminal_id,
               procedure_code, purpose, id_hash, consent_ref, outcome, fields, legal_basis,
               chain_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            id,
            r.at,
            r.kind,
            r.actorKind,
            r.actorId,
            r.terminalId,
            r.procedureCode,
            r.purpose,
            r.idHash,
            r.consentRef,
            r.outcome,
            JSON.stringify(r.fields),
            r.legalBasis ?? null,
            chainHash,
          );
        this.db.exec('COMMIT');
        return { id, ...r, fields: [...r.fields], chainHash };
      } catch (err) {
        if (this.db.isTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    });
  }

  query(q: AuditStoreQuery): Promise<AuditRecord[]> {
    return this.guard(() => {
      const where: string[] = [];
      const params: SQLInputValue[] = [];
      const add = (sql: string, v: SQLInputValue | undefined): void => {
        if (v === undefined) return;
        where.push(sql);
        params.push(v);
      };
      add('at >= ?', q.from);
      add('at <= ?', q.to);
      add('kind = ?', q.kind);
      add('actor_id = ?', q.actorId);
      add('terminal_id = ?', q.terminalId);
      add('procedure_code = ?', q.procedureCode);
      add('id_hash = ?', q.idHash);
      add('id < ?', q.beforeId);
      const sql = `SELECT * FROM audit_records ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY id DESC LIMIT ?`;
      return this.db
        .prepare(sql)
        .all(...params, q.limit)
        .map((r) => toRecord(r));
    });
  }

  verifyChain(): Promise<AuditChainCheck> {
    return this.guard(() => {
      let previous = AUDIT_CHAIN_GENESIS;
      let expectedId = 1;
      let records = 0;
      for (const row of this.db.prepare('SELECT * FROM audit_records ORDER BY id').iterate()) {
        const r = toRecord(row);
        records++;
        const { id, chainHash, ...rest } = r;
        if (id !== expectedId || auditChainHash(previous, id, rest) !== chainHash) {
          return { ok: false, records, firstBadId: id };
        }
        previous = chainHash;
        expectedId++;
      }
      return { ok: true, records };
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  private guard<T>(fn: () => T): Promise<T> {
    if (this.closed) {
      return Promise.reject(new AppError('STORAGE_UNAVAILABLE', 'Audit store is closed'));
    }
    try {
      return Promise.resolve(fn());
    } catch (err) {
      if (err instanceof AppError) return Promise.reject(err);
      const message = err instanceof Error ? err.message : String(err);
      return Promise.reject(
        new AppError('STORAGE_UNAVAILABLE', `Audit store: ${message}`, { cause: err }),
      );
    }
  }
}
