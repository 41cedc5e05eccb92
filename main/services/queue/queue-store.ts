/**
 * The port between the queue use cases and storage. Adapters: SQLite (`main/storage/sqlite/`, one
 * machine) and PostgreSQL (`main/storage/postgres/`, a centre sharing one queue). Both pass the
 * same contract suite (`main/storage/queue-store.contract.test.ts`).
 *
 * The use cases (QueueService) hold all rules; an adapter only provides atomic transactions, row
 * locks and an ordered event log. Every write happens inside `transaction`, which must be atomic
 * and isolated from other terminals: rows read with `…ForUpdate` stay locked until it ends.
 */
import type {
  CounterStatus,
  PriorityCategory,
  QueueEvent,
  ServiceDay,
  Ticket,
  TicketState,
} from '../../../common/queue';

export interface QueueTx {
  /**
   * Takes the next number of a service's series for a day: `numberStart` for the first ticket,
   * then one more each call. The series row stays locked until the transaction ends.
   */
  nextNumber(serviceDay: ServiceDay, serviceId: string, numberStart: number): Promise<number>;
  insertTicket(ticket: Ticket): Promise<void>;
  /** Writes every field of an existing ticket. */
  updateTicket(ticket: Ticket): Promise<void>;
  ticketForUpdate(ticketId: string): Promise<Ticket | null>;
  /**
   * The head of a waiting line, locked; tickets locked by another transaction are skipped
   * (PostgreSQL: FOR UPDATE SKIP LOCKED). `priority` picks the priority or the normal line.
   * Tickets targeted at another counter are not eligible.
   */
  nextWaitingForUpdate(query: {
    serviceDay: ServiceDay;
    serviceIds: readonly string[];
    counterId: string;
    priority: boolean;
  }): Promise<Ticket | null>;
  /** The ticket a counter has called or is serving on a day, if any. */
  activeTicketOfCounter(serviceDay: ServiceDay, counterId: string): Promise<Ticket | null>;
  /** A counter's status, locked; created as `open` at `now` when the counter has none yet. */
  counterForUpdate(counterId: string, now: string): Promise<CounterStatus>;
  saveCounter(status: CounterStatus): Promise<void>;
  /**
   * Appends an event, written with the transaction's commit (an adapter may defer the write to
   * its COMMIT); event ids grow strictly in commit order.
   */
  appendEvent(event: Omit<QueueEvent, 'id'>): Promise<void>;
}

export interface TicketQuery {
  fromDay: ServiceDay;
  toDay: ServiceDay;
  serviceIds?: readonly string[];
  states?: readonly TicketState[];
  priority?: PriorityCategory | null;
}

/** Where a ticket stands among the waiting (issued) tickets of its queue and day. */
export interface QueuePosition {
  ticket: Ticket;
  /** Waiting tickets before it in queue order (order time, then insertion), by line. */
  priorityAhead: number;
  normalAhead: number;
  /** Waiting tickets after it in queue order, by line. */
  priorityBehind: number;
  normalBehind: number;
}

export interface ServiceTime {
  startedAt: string;
  endedAt: string;
}

export type QueueEventListener = (event: QueueEvent) => void;
export type Unsubscribe = () => void;

export interface SubscribeOptions {
  /**
   * Deliver every event with an id greater than this one, then live events. A terminal loads a
   * snapshot (with its `lastEventId`) and subscribes from there, so it never needs a refresh.
   * Without it, delivery starts at the newest event when the subscription becomes active.
   */
  afterEventId?: number;
}

export interface QueueStore {
  /**
   * Runs `fn` in one transaction. `fn` must use only `tx` (not this store's other methods, which
   * may wait for the transaction to end). May re-run `fn` after a deadlock or serialisation
   * failure, so `fn` must have no effects outside `tx`.
   */
  transaction<T>(fn: (tx: QueueTx) => Promise<T>): Promise<T>;
  getTicket(ticketId: string): Promise<Ticket | null>;
  /** Tickets by service day range (inclusive), ordered by queue order. */
  listTickets(query: TicketQuery): Promise<Ticket[]>;
  countTickets(query: TicketQuery): Promise<number>;
  /** Null when there is no such ticket. Counts exclude the ticket itself. */
  queuePosition(ticketId: string): Promise<QueuePosition | null>;
  /** Start and end instants of the most recently completed (`done`) tickets of a service. */
  recentServiceTimes(serviceId: string, limit: number): Promise<ServiceTime[]>;
  counterStatuses(): Promise<CounterStatus[]>;
  eventsAfter(afterEventId: number, limit: number): Promise<QueueEvent[]>;
  /** 0 when there is none. */
  lastEventId(): Promise<number>;
  /** Events in id order, none skipped, also the ones other terminals (processes) wrote. */
  onEvent(listener: QueueEventListener, options?: SubscribeOptions): Unsubscribe;
  close(): Promise<void>;
}
