/**
 * QueueStore on PostgreSQL through `pg`, for a centre whose kiosks and counters share one queue.
 *
 * - Numbering: one row per service per day, `INSERT … ON CONFLICT DO UPDATE … RETURNING`; its row
 *   lock is held to commit, so concurrent kiosks get consecutive, distinct numbers.
 * - Call next: the head of a line is taken with `FOR UPDATE SKIP LOCKED`, so two counters calling
 *   at once take two different tickets and neither waits for the other.
 * - Events: written with the COMMIT under a transaction advisory lock (see commitSql), so event
 *   ids become visible in id order; NOTIFY wakes listeners at commit. Listeners read the events
 *   table after their last id, so after a lost connection they replay what they missed.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { AppError } from '../../../common/errors';
import type { CounterStatus, QueueEvent, Ticket } from '../../../common/queue';
import type {
  QueueEventListener,
  QueuePosition,
  QueueStore,
  QueueTx,
  ServiceTime,
  SubscribeOptions,
  TicketQuery,
  Unsubscribe,
} from '../../services/queue/queue-store';
import { EventFeed } from '../event-feed';
import {
  TICKET_COLUMNS,
  counterValues,
  eventData,
  queuePositionSql,
  rowToPositionCounts,
  rowToServiceTime,
  rowToCounter,
  rowToEvent,
  rowToTicket,
  ticketValues,
} from '../queue-rows';
import { PgEventListener } from './pg-event-listener';
import { applyPostgresMigrations } from './postgres-migrator';
import { isConnectionLost, toStorageError } from './pg-errors';

export const QUEUE_NOTIFY_CHANNEL = 'motcua_queue';
/** Serialises event-id allocation to commit order (an arbitrary constant key). */
const EVENT_LOCK_KEY = 72_710_001;

export interface PostgresQueueStoreOptions {
  /** pg connection settings (host, port, user, password, database, ssl…). */
  connection: pg.ClientConfig;
  /** Pool size (default 4). */
  maxConnections?: number;
  /** Per statement, server side and client side (default 10 000 ms). */
  statementTimeoutMs?: number;
  /** Safety poll for events even when no NOTIFY arrives (default 5000 ms). */
  pollIntervalMs?: number;
  onError?: (err: unknown) => void;
}

const COLS = TICKET_COLUMNS.join(', ');

function ticketFilter(q: TicketQuery): { where: string; params: unknown[] } {
  const where = ['service_day >= $1', 'service_day <= $2'];
  const params: unknown[] = [q.fromDay, q.toDay];
  if (q.serviceIds) {
    params.push(q.serviceIds);
    where.push(`service_id = ANY($${params.length}::text[])`);
  }
  if (q.states) {
    params.push(q.states);
    where.push(`state = ANY($${params.length}::text[])`);
  }
  if (q.priority !== undefined) {
    if (q.priority === null) where.push('priority IS NULL');
    else {
      params.push(q.priority);
      where.push(`priority = $${params.length}`);
    }
  }
  return { where: where.join(' AND '), params };
}
const PLACEHOLDERS = TICKET_COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
const UPDATE_SET = TICKET_COLUMNS.slice(1)
  .map((c, i) => `${c} = $${i + 2}`)
  .join(', ');
const statementNames = new Map<string, string>();

/** A named (server-side prepared, per connection) statement: planned once, not on every call. */
function prepared(text: string, values: unknown[]): pg.QueryConfig {
  let name = statementNames.get(text);
  if (!name) {
    name = `mq_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return { name, text, values };
}

/** Deadlock and serialisation failures are retried; they do not reach the caller. */
const RETRY_CODES = new Set(['40001', '40P01']);

/**
 * The transaction's events and its COMMIT as one simple-query message: the advisory lock that
 * orders event ids is taken, used and released (at commit) inside the server in one round trip,
 * so terminals queue on it for microseconds, not for a network round trip. Values are literals
 * escaped by pg (the simple protocol has no parameters); every one is ours or already validated.
 */
function commitSql(client: pg.PoolClient, events: readonly Omit<QueueEvent, 'id'>[]): string {
  if (events.length === 0) return 'COMMIT';
  const lit = (v: string): string => client.escapeLiteral(v);
  const values = events
    .map(
      (e) =>
        `(${lit(e.type)}, ${lit(e.at)}::timestamptz, ${lit(e.serviceDay)}, ${lit(JSON.stringify(eventData(e)))}::jsonb)`,
    )
    .join(', ');
  return [
    `SELECT pg_advisory_xact_lock(${EVENT_LOCK_KEY})`,
    `INSERT INTO queue_events (type, at, service_day, data) VALUES ${values}`,
    `NOTIFY ${QUEUE_NOTIFY_CHANNEL}`,
    'COMMIT',
  ].join(';\n');
}

export class PostgresQueueStore implements QueueStore {
  private readonly pool: pg.Pool;
  private readonly feed: EventFeed;
  private readonly listener: PgEventListener;
  private readonly onError: (err: unknown) => void;
  private readonly maxConnections: number;
  private closed = false;

  private constructor(options: PostgresQueueStoreOptions) {
    const timeout = options.statementTimeoutMs ?? 10_000;
    this.onError = options.onError ?? (() => undefined);
    this.maxConnections = options.maxConnections ?? 4;
    this.pool = new pg.Pool({
      ...options.connection,
      max: this.maxConnections,
      connectionTimeoutMillis: 5000,
      statement_timeout: timeout,
      query_timeout: timeout + 1000,
      idle_in_transaction_session_timeout: timeout * 2,
    });
    // An idle client whose backend died: the pool drops it; the next query opens a new one.
    this.pool.on('error', (err) => this.onError(err));
    this.feed = new EventFeed(this, this.onError);
    this.listener = new PgEventListener({
      connection: options.connection,
      channel: QUEUE_NOTIFY_CHANNEL,
      pollIntervalMs: options.pollIntervalMs ?? 5000,
      onWake: () => this.feed.poke(),
      onError: this.onError,
    });
  }

  /** Connects and applies pending migrations. */
  static async open(options: PostgresQueueStoreOptions): Promise<PostgresQueueStore> {
    const store = new PostgresQueueStore(options);
    try {
      const client = await store.pool.connect().catch((err: unknown) => {
        throw toStorageError(err);
      });
      try {
        await applyPostgresMigrations(client);
      } finally {
        client.release();
      }
    } catch (err) {
      await store.pool.end().catch(() => undefined);
      throw err;
    }
    return store;
  }

  async transaction<T>(fn: (tx: QueueTx) => Promise<T>): Promise<T> {
    this.assertOpen();
    let conflicts = 0;
    let staleConnections = 0;
    for (;;) {
      let client: pg.PoolClient;
      try {
        client = await this.pool.connect();
      } catch (err) {
        throw toStorageError(err);
      }
      try {
        await client.query('BEGIN');
      } catch (err) {
        // A pooled connection whose backend is gone (server restart, admin kill): nothing was
        // sent yet, so it is safe to drop it and start over on a fresh one.
        client.release(true);
        if (isConnectionLost(err) && staleConnections++ < this.maxConnections) continue;
        throw toStorageError(err);
      }
      let broken = false;
      try {
        const pending: Omit<QueueEvent, 'id'>[] = [];
        const value = await fn(this.tx(client, pending));
        await client.query(commitSql(client, pending));
        return value;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        const code = (err as { code?: unknown } | null)?.code;
        if (typeof code === 'string' && RETRY_CODES.has(code) && ++conflicts < 3) continue;
        throw err instanceof AppError ? err : toStorageError(err);
      } finally {
        client.release(broken);
      }
    }
  }

  async getTicket(ticketId: string): Promise<Ticket | null> {
    const rows = await this.query(`SELECT ${COLS} FROM queue_tickets WHERE id = $1`, [ticketId]);
    return rows[0] ? rowToTicket(rows[0]) : null;
  }

  async listTickets(q: TicketQuery): Promise<Ticket[]> {
    const { where, params } = ticketFilter(q);
    const rows = await this.query(
      `SELECT ${COLS} FROM queue_tickets WHERE ${where} ORDER BY order_at, seq`,
      params,
    );
    return rows.map(rowToTicket);
  }

  async countTickets(q: TicketQuery): Promise<number> {
    const { where, params } = ticketFilter(q);
    const rows = await this.query(`SELECT count(*) AS n FROM queue_tickets WHERE ${where}`, params);
    return Number(rows[0]?.n ?? 0);
  }

  async queuePosition(ticketId: string): Promise<QueuePosition | null> {
    const ticket = await this.getTicket(ticketId);
    if (!ticket) return null;
    const rows = await this.query(queuePositionSql('$1'), [ticketId]);
    return { ticket, ...rowToPositionCounts(rows[0]) };
  }

  async recentServiceTimes(serviceId: string, limit: number): Promise<ServiceTime[]> {
    const rows = await this.query(
      `SELECT started_at, ended_at FROM queue_tickets
       WHERE service_id = $1 AND state = 'done' AND started_at IS NOT NULL
       ORDER BY ended_at DESC, seq DESC LIMIT $2`,
      [serviceId, limit],
    );
    return rows.map(rowToServiceTime);
  }

  async counterStatuses(): Promise<CounterStatus[]> {
    const rows = await this.query('SELECT * FROM queue_counters ORDER BY counter_id', []);
    return rows.map(rowToCounter);
  }

  async eventsAfter(afterEventId: number, limit: number): Promise<QueueEvent[]> {
    const rows = await this.query('SELECT * FROM queue_events WHERE id > $1 ORDER BY id LIMIT $2', [
      afterEventId,
      limit,
    ]);
    return rows.map(rowToEvent);
  }

  async lastEventId(): Promise<number> {
    const rows = await this.query('SELECT COALESCE(MAX(id), 0) AS id FROM queue_events', []);
    return Number(rows[0]?.id ?? 0);
  }

  onEvent(listener: QueueEventListener, options?: SubscribeOptions): Unsubscribe {
    this.assertOpen();
    const unsubscribe = this.feed.subscribe(listener, options);
    this.listener.start();
    return () => {
      unsubscribe();
      if (this.feed.size === 0) void this.listener.stop();
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.listener.stop();
    await this.pool.end();
  }

  private assertOpen(): void {
    if (this.closed) throw new AppError('STORAGE_UNAVAILABLE', 'Queue store is closed');
  }

  /** A read outside a transaction; retried once on a fresh connection if the pooled one died. */
  private async query(sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
    this.assertOpen();
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await this.pool.query(prepared(sql, params));
        return result.rows as Record<string, unknown>[];
      } catch (err) {
        if (isConnectionLost(err) && attempt < this.maxConnections) continue;
        throw toStorageError(err);
      }
    }
  }

  private tx(client: pg.PoolClient, pending: Omit<QueueEvent, 'id'>[]): QueueTx {
    const rows = async (sql: string, params: unknown[]): Promise<Record<string, unknown>[]> =>
      (await client.query(prepared(sql, params))).rows as Record<string, unknown>[];
    const one = async (sql: string, params: unknown[]): Promise<Ticket | null> => {
      const r = await rows(sql, params);
      return r[0] ? rowToTicket(r[0]) : null;
    };
    return {
      nextNumber: async (serviceDay, serviceId, numberStart) => {
        const r = await rows(
          `INSERT INTO queue_day_counters (service_day, service_id, last_number) VALUES ($1, $2, $3)
           ON CONFLICT (service_day, service_id)
           DO UPDATE SET last_number = queue_day_counters.last_number + 1
           RETURNING last_number`,
          [serviceDay, serviceId, numberStart],
        );
        return Number(r[0]?.last_number);
      },
      insertTicket: async (t) => {
        await rows(`INSERT INTO queue_tickets (${COLS}) VALUES (${PLACEHOLDERS})`, ticketValues(t));
      },
      updateTicket: async (t) => {
        await rows(`UPDATE queue_tickets SET ${UPDATE_SET} WHERE id = $1`, ticketValues(t));
      },
      ticketForUpdate: (ticketId) =>
        one(`SELECT ${COLS} FROM queue_tickets WHERE id = $1 FOR UPDATE`, [ticketId]),
      nextWaitingForUpdate: (q) =>
        one(
          `SELECT ${COLS} FROM queue_tickets
           WHERE service_day = $1 AND state = 'issued' AND service_id = ANY($2::text[])
             AND (target_counter_id IS NULL OR target_counter_id = $3)
             AND priority IS ${q.priority ? 'NOT NULL' : 'NULL'}
           ORDER BY order_at, seq LIMIT 1 FOR UPDATE SKIP LOCKED`,
          [q.serviceDay, q.serviceIds, q.counterId],
        ),
      activeTicketOfCounter: (serviceDay, counterId) =>
        one(
          `SELECT ${COLS} FROM queue_tickets WHERE counter_id = $1 AND service_day = $2
           AND state IN ('called', 'serving') ORDER BY seq LIMIT 1`,
          [counterId, serviceDay],
        ),
      counterForUpdate: async (counterId, now) => {
        // One statement that creates the row if needed and locks it: the no-op update takes the
        // row lock, and RETURNING gives the current values either way.
        const r = await rows(
          `INSERT INTO queue_counters (counter_id, state, since) VALUES ($1, 'open', $2)
           ON CONFLICT (counter_id) DO UPDATE SET counter_id = EXCLUDED.counter_id
           RETURNING *`,
          [counterId, now],
        );
        if (!r[0]) throw new AppError('STORAGE_UNAVAILABLE', 'Counter row vanished');
        return rowToCounter(r[0]);
      },
      saveCounter: async (c) => {
        await rows(
          `UPDATE queue_counters SET state = $2, pause_reason = $3, pause_note = $4, since = $5,
           normals_since_priority = $6 WHERE counter_id = $1`,
          counterValues(c),
        );
      },
      appendEvent: (e) => {
        pending.push(e);
        return Promise.resolve();
      },
    };
  }
}
