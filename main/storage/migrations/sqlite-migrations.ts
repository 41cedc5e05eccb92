import type { Migration } from './migration';

const STATES = `'issued','called','serving','done','no-show','transferred','cancelled'`;

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'queue',
    sql: `
CREATE TABLE queue_day_counters (
  service_day TEXT NOT NULL,
  service_id TEXT NOT NULL,
  last_number INTEGER NOT NULL,
  PRIMARY KEY (service_day, service_id)
) STRICT;

CREATE TABLE queue_tickets (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  service_day TEXT NOT NULL,
  service_id TEXT NOT NULL,
  number INTEGER NOT NULL,
  label TEXT NOT NULL,
  priority TEXT,
  state TEXT NOT NULL CHECK (state IN (${STATES})),
  counter_id TEXT,
  target_counter_id TEXT,
  origin_ticket_id TEXT REFERENCES queue_tickets (id),
  transferred_to_ticket_id TEXT,
  issued_at TEXT NOT NULL,
  order_at TEXT NOT NULL,
  called_at TEXT,
  last_called_at TEXT,
  call_count INTEGER NOT NULL DEFAULT 0,
  started_at TEXT,
  ended_at TEXT,
  cancel_reason TEXT
) STRICT;

-- One number per service per day; a transferred ticket repeats its origin's number.
CREATE UNIQUE INDEX queue_tickets_number ON queue_tickets (service_day, service_id, number)
  WHERE origin_ticket_id IS NULL;
CREATE INDEX queue_tickets_waiting ON queue_tickets (service_day, state, service_id, order_at, seq);
CREATE INDEX queue_tickets_counter ON queue_tickets (counter_id, state);
CREATE INDEX queue_tickets_ended ON queue_tickets (service_id, state, ended_at);

CREATE TABLE queue_counters (
  counter_id TEXT PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('open', 'paused')),
  pause_reason TEXT,
  pause_note TEXT,
  since TEXT NOT NULL,
  normals_since_priority INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE queue_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  type TEXT NOT NULL,
  at TEXT NOT NULL,
  service_day TEXT NOT NULL,
  data TEXT NOT NULL
) STRICT;
`,
  },
];
