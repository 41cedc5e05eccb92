/**
 * Row ↔ domain mapping shared by both adapters. Column names match the migrations. Timestamps come
 * back as ISO text (SQLite) or Date (PostgreSQL timestamptz); both become ISO strings.
 */
import {
  CounterStatusSchema,
  QueueEventSchema,
  TicketSchema,
  type CounterStatus,
  type QueueEvent,
  type Ticket,
} from '../../common/queue';

export const TICKET_COLUMNS = [
  'id',
  'service_day',
  'service_id',
  'number',
  'label',
  'priority',
  'state',
  'counter_id',
  'target_counter_id',
  'origin_ticket_id',
  'transferred_to_ticket_id',
  'issued_at',
  'order_at',
  'called_at',
  'last_called_at',
  'call_count',
  'started_at',
  'ended_at',
  'cancel_reason',
] as const;

export type Row = Record<string, unknown>;
type SqlValue = string | number | null;

function iso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value;
  throw new TypeError(`Not a timestamp: ${typeof value}`);
}

function int(value: unknown): number {
  return typeof value === 'bigint' ? Number(value) : Number(value);
}

/** Parses a row; a row that does not make a valid ticket is a storage fault, not a crash later. */
export function rowToTicket(row: Row): Ticket {
  return TicketSchema.parse({
    id: row.id,
    serviceDay: row.service_day,
    serviceId: row.service_id,
    number: int(row.number),
    label: row.label,
    priority: row.priority ?? null,
    state: row.state,
    counterId: row.counter_id ?? null,
    targetCounterId: row.target_counter_id ?? null,
    originTicketId: row.origin_ticket_id ?? null,
    transferredToTicketId: row.transferred_to_ticket_id ?? null,
    issuedAt: iso(row.issued_at),
    orderAt: iso(row.order_at),
    calledAt: iso(row.called_at),
    lastCalledAt: iso(row.last_called_at),
    callCount: int(row.call_count),
    startedAt: iso(row.started_at),
    endedAt: iso(row.ended_at),
    cancelReason: row.cancel_reason ?? null,
  });
}

/** Values in TICKET_COLUMNS order. */
export function ticketValues(t: Ticket): SqlValue[] {
  return [
    t.id,
    t.serviceDay,
    t.serviceId,
    t.number,
    t.label,
    t.priority,
    t.state,
    t.counterId,
    t.targetCounterId,
    t.originTicketId,
    t.transferredToTicketId,
    t.issuedAt,
    t.orderAt,
    t.calledAt,
    t.lastCalledAt,
    t.callCount,
    t.startedAt,
    t.endedAt,
    t.cancelReason,
  ];
}

export function rowToCounter(row: Row): CounterStatus {
  return CounterStatusSchema.parse({
    counterId: row.counter_id,
    state: row.state,
    pauseReason: row.pause_reason ?? null,
    pauseNote: row.pause_note ?? null,
    since: iso(row.since),
    normalsSincePriority: int(row.normals_since_priority),
  });
}

export function counterValues(c: CounterStatus): SqlValue[] {
  return [c.counterId, c.state, c.pauseReason, c.pauseNote, c.since, c.normalsSincePriority];
}

/** The JSON column of an event: everything but id, type, at and service_day. */
export function eventData(e: Omit<QueueEvent, 'id'>): {
  ticket: Ticket | null;
  newTicket: Ticket | null;
  counter: CounterStatus | null;
} {
  return { ticket: e.ticket, newTicket: e.newTicket, counter: e.counter };
}

export function rowToEvent(row: Row): QueueEvent {
  const data: unknown = typeof row.data === 'string' ? JSON.parse(row.data) : row.data;
  return QueueEventSchema.parse({
    ...(data as object),
    id: int(row.id),
    type: row.type,
    at: iso(row.at),
    serviceDay: row.service_day,
  });
}

/** Counts of the waiting tickets around one ticket (QueueStore.queuePosition), both dialects. */
export function queuePositionSql(idPlaceholder: string): string {
  const before = '(w.order_at < t.order_at OR (w.order_at = t.order_at AND w.seq < t.seq))';
  const count = (line: string, cond: string): string =>
    `COALESCE(SUM(CASE WHEN w.priority IS ${line} AND ${cond} THEN 1 ELSE 0 END), 0)`;
  return `SELECT
    ${count('NOT NULL', before)} AS priority_ahead,
    ${count('NULL', before)} AS normal_ahead,
    ${count('NOT NULL', `NOT ${before}`)} AS priority_behind,
    ${count('NULL', `NOT ${before}`)} AS normal_behind
  FROM queue_tickets t
  JOIN queue_tickets w ON w.service_day = t.service_day AND w.service_id = t.service_id
    AND w.state = 'issued' AND w.seq <> t.seq
  WHERE t.id = ${idPlaceholder}`;
}

export function rowToPositionCounts(row: Row | undefined): {
  priorityAhead: number;
  normalAhead: number;
  priorityBehind: number;
  normalBehind: number;
} {
  return {
    priorityAhead: int(row?.priority_ahead ?? 0),
    normalAhead: int(row?.normal_ahead ?? 0),
    priorityBehind: int(row?.priority_behind ?? 0),
    normalBehind: int(row?.normal_behind ?? 0),
  };
}

export function rowToServiceTime(row: Row): { startedAt: string; endedAt: string } {
  const startedAt = iso(row.started_at);
  const endedAt = iso(row.ended_at);
  if (startedAt === null || endedAt === null) throw new TypeError('Service time without bounds');
  return { startedAt, endedAt };
}
