/**
 * QueueStore on SQLite through node:sqlite (built into Node 24 and Electron's Node: no native
 * module to rebuild) — the embedded default for one machine.
 *
 * - WAL, so readers never block the writer; busy_timeout, so a writer in another process waits
 *   for the lock instead of failing at once (it blocks this thread up to that long).
 * - Every transaction is BEGIN IMMEDIATE: the write lock is taken before anything is read, so two
 *   processes never both read "last number 41" and write 42 (no lost update, no SQLITE_BUSY on
 *   lock upgrade). Within one process an async mutex keeps transactions off each other, because
 *   one connection has one transaction.
 * - Live events: other processes write too, so subscribers poll the events table (default every
 *   250 ms) and are poked at once after a local write.
 */
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
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
import { SQLITE_MIGRATIONS } from '../migrations/sqlite-migrations';
import { applySqliteMigrations } from './sqlite-migrator';
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
  type Row,
} from '../queue-rows';

export interface SqliteQueueStoreOptions {
  /** Database file, or ':memory:' (one connection only). */
  path: string;
  /** How long a writer waits for another process's lock (default 5000 ms). */
  busyTimeoutMs?: number;
  /** How often subscribers look for events written by other processes (default 250 ms). */
  pollIntervalMs?: number;
  onError?: (err: unknown) => void;
}

const COLS = TICKET_COLUMNS.join(', ');

function ticketFilter(q: TicketQuery): { where: string; params: SQLInputValue[] } {
  const where = ['service_day >= ?', 'service_day <= ?'];
  const params: SQLInputValue[] = [q.fromDay, q.toDay];
  if (q.serviceIds) {
    where.push(`service_id IN (${q.serviceIds.map(() => '?').join(', ') || 'NULL'})`);
    params.push(...q.serviceIds);
  }
  if (q.states) {
    where.push(`state IN (${q.states.map(() => '?').join(', ') || 'NULL'})`);
    params.push(...q.states);
  }
  if (q.priority !== undefined) {
    where.push(q.priority === null ? 'priority IS NULL' : 'priority = ?');
    if (q.priority !== null) params.push(q.priority);
  }
  return { where: where.join(' AND '), params };
}
const PLACEHOLDERS = TICKET_COLUMNS.map(() => '?').join(', ');
const UPDATE_SET = TICKET_COLUMNS.slice(1)
  .map((c) => `${c} = ?`)
  .join(', ');

export class SqliteQueueStore implements QueueStore {
  private readonly db: DatabaseSync;
  private readonly feed: EventFeed;
  private readonly pollIntervalMs: number;
  private poller: NodeJS.Timeout | null = null;
  private readonly statements = new Map<string, StatementSync>();
  private lock: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(db: DatabaseSync, options: SqliteQueueStoreOptions) {
    this.db = db;
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.feed = new EventFeed(this, options.onError);
  }

  /** Opens (creating if needed) the database and applies pending migrations. */
  static open(options: SqliteQueueStoreOptions): SqliteQueueStore {
    let db: DatabaseSync;
    try {
      db = new DatabaseSync(options.path);
      db.exec(`PRAGMA busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = NORMAL');
      db.exec('PRAGMA foreign_keys = ON');
    } catch (err) {
      throw new AppError('STORAGE_UNAVAILABLE', `Cannot open SQLite database ${options.path}`, {
        cause: err,
      });
    }
    try {
      applySqliteMigrations(db, SQLITE_MIGRATIONS);
    } catch (err) {
      db.close();
      throw err;
    }
    return new SqliteQueueStore(db, options);
  }

  async transaction<T>(fn: (tx: QueueTx) => Promise<T>): Promise<T> {
    const result = await this.exclusive(async () => {
      this.run('BEGIN IMMEDIATE');
      try {
        const value = await fn(this.tx());
        this.run('COMMIT');
        return value;
      } catch (err) {
        if (this.db.isTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    });
    this.feed.poke();
    return result;
  }

  getTicket(ticketId: string): Promise<Ticket | null> {
    return this.exclusive(() => {
      const row = this.get(`SELECT ${COLS} FROM queue_tickets WHERE id = ?`, ticketId);
      return Promise.resolve(row ? rowToTicket(row) : null);
    });
  }

  listTickets(q: TicketQuery): Promise<Ticket[]> {
    const { where, params } = ticketFilter(q);
    const sql = `SELECT ${COLS} FROM queue_tickets WHERE ${where} ORDER BY order_at, seq`;
    return this.exclusive(() => Promise.resolve(this.all(sql, ...params).map(rowToTicket)));
  }

  countTickets(q: TicketQuery): Promise<number> {
    const { where, params } = ticketFilter(q);
    const sql = `SELECT count(*) AS n FROM queue_tickets WHERE ${where}`;
    return this.exclusive(() => Promise.resolve(Number(this.get(sql, ...params)?.n ?? 0)));
  }

  queuePosition(ticketId: string): Promise<QueuePosition | null> {
    return this.exclusive(() => {
      const row = this.get(`SELECT ${COLS} FROM queue_tickets WHERE id = ?`, ticketId);
      if (!row) return Promise.resolve(null);
      const counts = rowToPositionCounts(this.get(queuePositionSql('?'), ticketId));
      return Promise.resolve({ ticket: rowToTicket(row), ...counts });
    });
  }

  recentServiceTimes(serviceId: string, limit: number): Promise<ServiceTime[]> {
    const sql = `SELECT started_at, ended_at FROM queue_tickets
      WHERE service_id = ? AND state = 'done' AND started_at IS NOT NULL
      ORDER BY ended_at DESC, seq DESC LIMIT ?`;
    return this.exclusive(() =>
      Promise.resolve(this.all(sql, serviceId, limit).map(rowToServiceTime)),
    );
  }

  counterStatuses(): Promise<CounterStatus[]> {
    const sql = 'SELECT * FROM queue_counters ORDER BY counter_id';
    return this.exclusive(() => Promise.resolve(this.all(sql).map(rowToCounter)));
  }

  eventsAfter(afterEventId: number, limit: number): Promise<QueueEvent[]> {
    const sql = 'SELECT * FROM queue_events WHERE id > ? ORDER BY id LIMIT ?';
    return this.exclusive(() =>
      Promise.resolve(this.all(sql, afterEventId, limit).map(rowToEvent)),
    );
  }

  lastEventId(): Promise<number> {
    return this.exclusive(() => {
      const row = this.get('SELECT COALESCE(MAX(id), 0) AS id FROM queue_events');
      return Promise.resolve(Number(row?.id ?? 0));
    });
  }

  onEvent(listener: QueueEventListener, options?: SubscribeOptions): Unsubscribe {
    const unsubscribe = this.feed.subscribe(listener, options);
    if (!this.poller && !this.closed) {
      this.poller = setInterval(() => this.feed.poke(), this.pollIntervalMs);
      this.poller.unref();
    }
    return () => {
      unsubscribe();
      if (this.feed.size === 0 && this.poller) {
        clearInterval(this.poller);
        this.poller = null;
      }
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.poller) clearInterval(this.poller);
    this.poller = null;
    await this.exclusive(() => {
      this.db.close();
      return Promise.resolve();
    });
  }

  private tx(): QueueTx {
    return {
      nextNumber: (serviceDay, serviceId, numberStart) => {
        const row = this.get(
          `INSERT INTO queue_day_counters (service_day, service_id, last_number) VALUES (?, ?, ?)
           ON CONFLICT (service_day, service_id) DO UPDATE SET last_number = last_number + 1
           RETURNING last_number`,
          serviceDay,
          serviceId,
          numberStart,
        );
        return Promise.resolve(Number(row?.last_number));
      },
      insertTicket: (t) => {
        this.run(
          `INSERT INTO queue_tickets (${COLS}) VALUES (${PLACEHOLDERS})`,
          ...ticketValues(t),
        );
        return Promise.resolve();
      },
      updateTicket: (t) => {
        const [id, ...rest] = ticketValues(t);
        this.run(`UPDATE queue_tickets SET ${UPDATE_SET} WHERE id = ?`, ...rest, id ?? null);
        return Promise.resolve();
      },
      ticketForUpdate: (ticketId) => {
        const row = this.get(`SELECT ${COLS} FROM queue_tickets WHERE id = ?`, ticketId);
        return Promise.resolve(row ? rowToTicket(row) : null);
      },
      nextWaitingForUpdate: (q) => {
        const ids = q.serviceIds.map(() => '?').join(', ') || 'NULL';
        const row = this.get(
          `SELECT ${COLS} FROM queue_tickets
           WHERE service_day = ? AND state = 'issued' AND service_id IN (${ids})
             AND (target_counter_id IS NULL OR target_counter_id = ?)
             AND priority IS ${q.priority ? 'NOT NULL' : 'NULL'}
           ORDER BY order_at, seq LIMIT 1`,
          q.serviceDay,
          ...q.serviceIds,
          q.counterId,
        );
        return Promise.resolve(row ? rowToTicket(row) : null);
      },
      activeTicketOfCounter: (serviceDay, counterId) => {
        const row = this.get(
          `SELECT ${COLS} FROM queue_tickets WHERE counter_id = ? AND service_day = ?
           AND state IN ('called', 'serving') ORDER BY seq LIMIT 1`,
          counterId,
          serviceDay,
        );
        return Promise.resolve(row ? rowToTicket(row) : null);
      },
      counterForUpdate: (counterId, now) => {
        this.run(
          `INSERT INTO queue_counters (counter_id, state, since) VALUES (?, 'open', ?)
           ON CONFLICT (counter_id) DO NOTHING`,
          counterId,
          now,
        );
        const row = this.get('SELECT * FROM queue_counters WHERE counter_id = ?', counterId);
        if (!row) throw new AppError('STORAGE_UNAVAILABLE', 'Counter row vanished');
        return Promise.resolve(rowToCounter(row));
      },
      saveCounter: (c) => {
        const [id, ...rest] = counterValues(c);
        this.run(
          `UPDATE queue_counters SET state = ?, pause_reason = ?, pause_note = ?, since = ?,
           normals_since_priority = ? WHERE counter_id = ?`,
          ...rest,
          id ?? null,
        );
        return Promise.resolve();
      },
      appendEvent: (e) => {
        this.run(
          'INSERT INTO queue_events (type, at, service_day, data) VALUES (?, ?, ?, ?)',
          e.type,
          e.at,
          e.serviceDay,
          JSON.stringify(eventData(e)),
        );
        return Promise.resolve();
      },
    };
  }

  /** Runs `fn` alone on this connection; later callers wait for earlier ones. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closed && !this.db.isOpen) {
      return Promise.reject(new AppError('STORAGE_UNAVAILABLE', 'Queue store is closed'));
    }
    const result = this.lock.then(fn);
    this.lock = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  private run(sql: string, ...params: SQLInputValue[]): void {
    this.wrap(() => this.prepare(sql).run(...params));
  }

  private get(sql: string, ...params: SQLInputValue[]): Row | undefined {
    return this.wrap(() => this.prepare(sql).get(...params));
  }

  private all(sql: string, ...params: SQLInputValue[]): Row[] {
    return this.wrap(() => this.prepare(sql).all(...params));
  }

  private prepare(sql: string): StatementSync {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  private wrap<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof AppError) throw err;
      const message = err instanceof Error ? err.message : String(err);
      throw new AppError('STORAGE_UNAVAILABLE', `SQLite: ${message}`, { cause: err });
    }
  }
}
