import type { Migration } from '../migrations/migration';

/** Versioned schema of the dossier outbox (never edit a released one: add the next). */
export const SQLITE_DOSSIER_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'dossier outbox',
    sql: `
      CREATE TABLE dossiers (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        local_ref TEXT NOT NULL UNIQUE,
        idempotency_key TEXT NOT NULL UNIQUE,
        procedure_code TEXT NOT NULL,
        case_code TEXT,
        channel TEXT NOT NULL,
        receiving_point_id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN
          ('pending', 'sent', 'acknowledged', 'rejected', 'failed-retrying')),
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        next_attempt_at INTEGER,
        last_error_code TEXT,
        last_error_message TEXT,
        rejection_reason TEXT,
        code TEXT,
        due_date TEXT,
        city_received_at TEXT,
        acknowledged_at INTEGER,
        purge_after INTEGER,
        purged_at INTEGER,
        sealed BLOB,
        attachment_count INTEGER NOT NULL,
        CHECK (state <> 'acknowledged' OR code IS NOT NULL)
      ) STRICT;
      CREATE INDEX dossiers_due ON dossiers (state, next_attempt_at);
      CREATE INDEX dossiers_purge ON dossiers (purge_after) WHERE purged_at IS NULL;
      CREATE TABLE dossier_history (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        local_ref TEXT NOT NULL REFERENCES dossiers (local_ref),
        at INTEGER NOT NULL,
        state TEXT NOT NULL,
        note TEXT NOT NULL
      ) STRICT;
      CREATE INDEX dossier_history_ref ON dossier_history (local_ref, id);
    `,
  },
];
