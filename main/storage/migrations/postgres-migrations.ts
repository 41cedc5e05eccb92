import type { Migration } from './migration';

const STATES = `'issued','called','serving','done','no-show','transferred','cancelled'`;

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'queue',
    sql: `
CREATE TABLE queue_day_counters (
  service_day text NOT NULL,
  service_id text NOT NULL,
  last_number integer NOT NULL,
  PRIMARY KEY (service_day, service_id)
);

CREATE TABLE queue_tickets (
  seq bigserial PRIMARY KEY,
  id text NOT NULL UNIQUE,
  service_day text NOT NULL,
  service_id text NOT NULL,
  number integer NOT NULL,
  label text NOT NULL,
  priority text,
  state text NOT NULL CHECK (state IN (${STATES})),
  counter_id text,
  target_counter_id text,
  origin_ticket_id text REFERENCES queue_tickets (id),
  transferred_to_ticket_id text,
  issued_at timestamptz NOT NULL,
  order_at timestamptz NOT NULL,
  called_at timestamptz,
  last_called_at timestamptz,
  call_count integer NOT NULL DEFAULT 0,
  started_at timestamptz,
  ended_at timestamptz,
  cancel_reason text
);

-- One number per service per day; a transferred ticket repeats its origin's number.
CREATE UNIQUE INDEX queue_tickets_number ON queue_tickets (service_day, service_id, number)
  WHERE origin_ticket_id IS NULL;
CREATE INDEX queue_tickets_waiting ON queue_tickets (service_day, state, service_id, order_at, seq);
CREATE INDEX queue_tickets_counter ON queue_tickets (counter_id, state);
CREATE INDEX queue_tickets_ended ON queue_tickets (service_id, state, ended_at);

CREATE TABLE queue_counters (
  counter_id text PRIMARY KEY,
  state text NOT NULL CHECK (state IN ('open', 'paused')),
  pause_reason text,
  pause_note text,
  since timestamptz NOT NULL,
  normals_since_priority integer NOT NULL DEFAULT 0
);

-- Ids are taken under an advisory lock held to commit, so they become visible in id order.
CREATE TABLE queue_events (
  id bigserial PRIMARY KEY,
  type text NOT NULL,
  at timestamptz NOT NULL,
  service_day text NOT NULL,
  data jsonb NOT NULL
);
`,
  },
];
