/**
 * Queue use cases for kiosks, counters, displays and reports. Electron-free; storage behind the
 * QueueStore port, time behind a Clock (service days in Asia/Ho_Chi_Minh).
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../common/errors';
import {
  PauseReasonSchema,
  PriorityCategorySchema,
  formatTicketLabel,
  type Counter,
  type CounterStatus,
  type PauseReason,
  type PriorityCategory,
  type PriorityPolicy,
  type QueueEventType,
  type ServiceArea,
  type ServiceDay,
  type Ticket,
} from '../../../common/queue';
import { linePreference, nextNormalsSincePriority } from './priority-policy';
import type {
  QueueEventListener,
  QueueStore,
  QueueTx,
  SubscribeOptions,
  Unsubscribe,
} from './queue-store';
import { serviceDayOf, type Clock } from './service-day';
import {
  applyAction,
  applyCall,
  applyTransfer,
  assertHeldBy,
  ticketNotFound,
  ACTION_RULES,
  type TicketAction,
} from './ticket-rules';
import { buildQueueReport, type QueueReport } from './queue-report';
import { parseInput, QueueConfig } from './queue-config';
import {
  averageServiceSeconds,
  estimateSeconds,
  peopleAhead,
  type ServiceOutlook,
} from './queue-outlook';

export type { ServiceOutlook } from './queue-outlook';

export interface QueueServiceOptions {
  store: QueueStore;
  clock: Clock;
  services: readonly ServiceArea[];
  counters: readonly Counter[];
  policy: PriorityPolicy;
  newId?: () => string;
  /** How many recent completed tickets the wait estimate averages (default 20). */
  estimateSampleSize?: number;
}

export interface IssuedTicket {
  ticket: Ticket;
  /** People waiting ahead of this ticket when it was issued. */
  waitingAhead: number;
  /** Estimated wait in seconds (people ahead × mean service time ÷ open counters). */
  estimatedWaitSeconds: number;
}

export interface QueueSnapshot {
  serviceDay: ServiceDay;
  /** Today's tickets in queue order. */
  tickets: Ticket[];
  counters: CounterStatus[];
  /** Subscribe with `afterEventId` = this to follow the snapshot live without a gap. */
  lastEventId: number;
}

export class QueueService {
  private readonly store: QueueStore;
  private readonly clock: Clock;
  private readonly config: QueueConfig;
  private readonly policy: PriorityPolicy;
  private readonly newId: () => string;
  private readonly sampleSize: number;

  /** Throws INVALID_INPUT for a configuration that would confuse citizens or staff. */
  constructor(options: QueueServiceOptions) {
    this.store = options.store;
    this.clock = options.clock;
    this.config = new QueueConfig(options);
    this.policy = this.config.policy;
    this.newId = options.newId ?? randomUUID;
    this.sampleSize = options.estimateSampleSize ?? 20;
  }

  /** Today's service day in Asia/Ho_Chi_Minh. */
  serviceDay(): ServiceDay {
    return serviceDayOf(this.clock.now());
  }

  async issueTicket(input: {
    serviceId: string;
    priority?: PriorityCategory | null;
  }): Promise<IssuedTicket> {
    const service = this.service(input.serviceId);
    const priority = parseInput(
      PriorityCategorySchema.nullable(),
      input.priority ?? null,
      'priority',
    );
    const now = this.nowIso();
    const serviceDay = this.serviceDay();
    const ticket = await this.store.transaction(async (tx) => {
      const number = await tx.nextNumber(serviceDay, service.id, service.numberStart);
      if (number > service.numberEnd) {
        throw new AppError(
          'QUEUE_NUMBER_RANGE_EXHAUSTED',
          `Service ${service.id} has issued all numbers up to ${service.numberEnd} today`,
        );
      }
      const t: Ticket = {
        id: this.newId(),
        serviceDay,
        serviceId: service.id,
        number,
        label: formatTicketLabel(service.prefix, number),
        priority,
        state: 'issued',
        counterId: null,
        targetCounterId: null,
        originTicketId: null,
        transferredToTicketId: null,
        issuedAt: now,
        orderAt: now,
        calledAt: null,
        lastCalledAt: null,
        callCount: 0,
        startedAt: null,
        endedAt: null,
        cancelReason: null,
      };
      await tx.insertTicket(t);
      await this.event(tx, 'ticket-issued', now, serviceDay, { ticket: t });
      return t;
    });
    const waitingAhead = await this.waitingAhead(ticket.id);
    const outlook = await this.serviceOutlook(service.id);
    return {
      ticket,
      waitingAhead,
      estimatedWaitSeconds: estimateSeconds(waitingAhead, outlook),
    };
  }

  /** Calls the next waiting ticket for a counter by the priority policy; null when none waits. */
  async callNext(counterId: string): Promise<Ticket | null> {
    const counter = this.counter(counterId);
    const now = this.nowIso();
    const serviceDay = this.serviceDay();
    return this.store.transaction(async (tx) => {
      const status = await this.readyCounter(tx, counter.id, serviceDay, now);
      for (const line of linePreference(this.policy, status.normalsSincePriority)) {
        const head = await tx.nextWaitingForUpdate({
          serviceDay,
          serviceIds: counter.serviceIds,
          counterId: counter.id,
          priority: line === 'priority',
        });
        if (!head) continue;
        const called = applyCall(head, counter.id, now);
        await tx.updateTicket(called);
        await tx.saveCounter({
          ...status,
          normalsSincePriority: nextNormalsSincePriority(status.normalsSincePriority, line),
        });
        await this.event(tx, 'ticket-called', now, serviceDay, { ticket: called });
        return called;
      }
      return null;
    });
  }

  /** Calls a chosen waiting ticket out of order (e.g. the citizen standing at the counter). */
  async callTicket(counterId: string, ticketId: string): Promise<Ticket> {
    const counter = this.counter(counterId);
    const now = this.nowIso();
    const serviceDay = this.serviceDay();
    return this.store.transaction(async (tx) => {
      await this.readyCounter(tx, counter.id, serviceDay, now);
      const ticket = await this.lockTicket(tx, ticketId);
      if (!counter.serviceIds.includes(ticket.serviceId)) {
        throw new AppError(
          'QUEUE_SERVICE_NOT_SERVED',
          `Counter ${counter.id} does not serve ${ticket.serviceId}`,
        );
      }
      if (ticket.targetCounterId !== null && ticket.targetCounterId !== counter.id) {
        throw new AppError(
          'QUEUE_NOT_YOUR_TICKET',
          `Ticket ${ticket.label} was sent to counter ${ticket.targetCounterId}`,
        );
      }
      const called = applyCall(ticket, counter.id, now);
      await tx.updateTicket(called);
      await this.event(tx, 'ticket-called', now, ticket.serviceDay, { ticket: called });
      return called;
    });
  }

  async recall(counterId: string, ticketId: string): Promise<Ticket> {
    return this.act(this.counter(counterId).id, ticketId, 'recall');
  }

  async start(counterId: string, ticketId: string): Promise<Ticket> {
    return this.act(this.counter(counterId).id, ticketId, 'start');
  }

  async complete(counterId: string, ticketId: string): Promise<Ticket> {
    return this.act(this.counter(counterId).id, ticketId, 'complete');
  }

  async noShow(counterId: string, ticketId: string): Promise<Ticket> {
    return this.act(this.counter(counterId).id, ticketId, 'no-show');
  }

  /** Cancels a waiting or called ticket; `counterId` null = a supervisor. */
  async cancel(
    ticketId: string,
    by: { counterId: string | null; reason?: string },
  ): Promise<Ticket> {
    const counterId = by.counterId === null ? null : this.counter(by.counterId).id;
    if (by.reason !== undefined && by.reason.length > 500) {
      throw new AppError('INVALID_INPUT', 'Cancel reason longer than 500 characters');
    }
    return this.act(counterId, ticketId, 'cancel', by.reason ?? null);
  }

  /**
   * Sends a ticket to another service and/or a specific counter. The ticket ends `transferred`;
   * a new one with the same number waits in the target queue in its original order.
   */
  async transfer(
    ticketId: string,
    to: { counterId: string | null; toServiceId?: string; toCounterId?: string },
  ): Promise<{ ended: Ticket; continued: Ticket }> {
    const actor = to.counterId === null ? null : this.counter(to.counterId).id;
    const target = to.toCounterId === undefined ? null : this.counter(to.toCounterId);
    const toService = to.toServiceId === undefined ? undefined : this.service(to.toServiceId);
    const now = this.nowIso();
    return this.store.transaction(async (tx) => {
      const ticket = await this.lockTicket(tx, ticketId);
      assertHeldBy(ticket, actor);
      const serviceId = toService?.id ?? ticket.serviceId;
      if (target && !target.serviceIds.includes(serviceId)) {
        throw new AppError(
          'QUEUE_SERVICE_NOT_SERVED',
          `Counter ${target.id} does not serve ${serviceId}`,
        );
      }
      if (serviceId === ticket.serviceId && target === null) {
        throw new AppError('INVALID_INPUT', 'A transfer needs another service or a counter');
      }
      const result = applyTransfer(
        ticket,
        { newTicketId: this.newId(), serviceId, counterId: target?.id ?? null },
        now,
      );
      await tx.updateTicket(result.ended);
      await tx.insertTicket(result.continued);
      await this.event(tx, 'ticket-transferred', now, ticket.serviceDay, {
        ticket: result.ended,
        newTicket: result.continued,
      });
      return result;
    });
  }

  async pause(counterId: string, reason: PauseReason, note?: string): Promise<CounterStatus> {
    const id = this.counter(counterId).id;
    parseInput(PauseReasonSchema, reason, 'pause reason');
    if (note !== undefined && note.length > 500) {
      throw new AppError('INVALID_INPUT', 'Pause note longer than 500 characters');
    }
    const now = this.nowIso();
    return this.store.transaction(async (tx) => {
      const status = await tx.counterForUpdate(id, now);
      const paused: CounterStatus = {
        ...status,
        state: 'paused',
        pauseReason: reason,
        pauseNote: note ?? null,
        since: now,
      };
      await tx.saveCounter(paused);
      await this.event(tx, 'counter-paused', now, this.serviceDay(), { counter: paused });
      return paused;
    });
  }

  /** Reopens a paused counter; a no-op (no event) when it is open. */
  async resume(counterId: string): Promise<CounterStatus> {
    const id = this.counter(counterId).id;
    const now = this.nowIso();
    return this.store.transaction(async (tx) => {
      const status = await tx.counterForUpdate(id, now);
      if (status.state === 'open') return status;
      const open: CounterStatus = {
        ...status,
        state: 'open',
        pauseReason: null,
        pauseNote: null,
        since: now,
      };
      await tx.saveCounter(open);
      await this.event(tx, 'counter-resumed', now, this.serviceDay(), { counter: open });
      return open;
    });
  }

  /** People who will be called before this ticket as things stand (see peopleAhead). */
  async waitingAhead(ticketId: string): Promise<number> {
    const pos = await this.store.queuePosition(ticketId);
    if (!pos) throw ticketNotFound(ticketId);
    return peopleAhead(pos, this.policy);
  }

  async serviceOutlook(serviceId: string): Promise<ServiceOutlook> {
    const service = this.service(serviceId);
    const day = this.serviceDay();
    const [waiting, recent, statuses] = await Promise.all([
      this.store.countTickets({
        fromDay: day,
        toDay: day,
        serviceIds: [service.id],
        states: ['issued'],
      }),
      this.store.recentServiceTimes(service.id, this.sampleSize),
      this.store.counterStatuses(),
    ]);
    const paused = new Set(statuses.filter((s) => s.state === 'paused').map((s) => s.counterId));
    const openCounters = [...this.config.counters.values()].filter(
      (c) => c.serviceIds.includes(service.id) && !paused.has(c.id),
    ).length;
    const average = averageServiceSeconds(recent, service.defaultServiceMinutes);
    return {
      serviceId: service.id,
      waiting,
      openCounters,
      averageServiceSeconds: average.seconds,
      fromHistory: average.fromHistory,
    };
  }

  /** Estimated wait of a ticket in seconds. */
  async estimatedWaitSeconds(ticketId: string): Promise<number> {
    const ticket = await this.store.getTicket(ticketId);
    if (!ticket) throw ticketNotFound(ticketId);
    const ahead = await this.waitingAhead(ticketId);
    return estimateSeconds(ahead, await this.serviceOutlook(ticket.serviceId));
  }

  /**
   * Today's tickets and every configured counter's status. The event id is read first, so a
   * change racing the snapshot is replayed to the subscriber rather than missed (events carry
   * whole tickets, so applying one twice is harmless).
   */
  async snapshot(): Promise<QueueSnapshot> {
    const day = this.serviceDay();
    const lastEventId = await this.store.lastEventId();
    const [tickets, counters] = await Promise.all([
      this.store.listTickets({ fromDay: day, toDay: day }),
      this.counterStatuses(),
    ]);
    return { serviceDay: day, tickets, counters, lastEventId };
  }

  /** Today's waiting tickets this counter may call, in queue order (its "queue" panel). */
  async waitingFor(counterId: string): Promise<Ticket[]> {
    const counter = this.counter(counterId);
    const day = this.serviceDay();
    const waiting = await this.store.listTickets({
      fromDay: day,
      toDay: day,
      serviceIds: counter.serviceIds,
      states: ['issued'],
    });
    return waiting.filter((t) => t.targetCounterId === null || t.targetCounterId === counter.id);
  }

  /** One status per configured counter, in configuration order; `open` if it never changed. */
  async counterStatuses(): Promise<CounterStatus[]> {
    const stored = new Map((await this.store.counterStatuses()).map((s) => [s.counterId, s]));
    const epoch = new Date(0).toISOString();
    return [...this.config.counters.keys()].map(
      (id) =>
        stored.get(id) ?? {
          counterId: id,
          state: 'open',
          pauseReason: null,
          pauseNote: null,
          since: epoch,
          normalsSincePriority: 0,
        },
    );
  }

  /** Tickets per service and times per counter over service days `fromDay`..`toDay`. */
  async report(fromDay: ServiceDay, toDay: ServiceDay): Promise<QueueReport> {
    const tickets = await this.store.listTickets({ fromDay, toDay });
    return buildQueueReport(fromDay, toDay, tickets);
  }

  onEvent(listener: QueueEventListener, options?: SubscribeOptions): Unsubscribe {
    return this.store.onEvent(listener, options);
  }

  private async act(
    counterId: string | null,
    ticketId: string,
    action: TicketAction,
    reason: string | null = null,
  ): Promise<Ticket> {
    const now = this.nowIso();
    return this.store.transaction(async (tx) => {
      const ticket = await this.lockTicket(tx, ticketId);
      assertHeldBy(ticket, counterId);
      const next = applyAction(ticket, action, now, reason);
      await tx.updateTicket(next);
      await this.event(tx, ACTION_RULES[action].event, now, ticket.serviceDay, { ticket: next });
      return next;
    });
  }

  /** Locks the counter; it must be open and hold no called or serving ticket. */
  private async readyCounter(
    tx: QueueTx,
    counterId: string,
    serviceDay: ServiceDay,
    now: string,
  ): Promise<CounterStatus> {
    const status = await tx.counterForUpdate(counterId, now);
    if (status.state === 'paused') {
      throw new AppError('QUEUE_COUNTER_PAUSED', `Counter ${counterId} is paused`);
    }
    const active = await tx.activeTicketOfCounter(serviceDay, counterId);
    if (active) {
      throw new AppError(
        'QUEUE_COUNTER_BUSY',
        `Counter ${counterId} still has ${active.label} (${active.state})`,
      );
    }
    return status;
  }

  private async lockTicket(tx: QueueTx, ticketId: string): Promise<Ticket> {
    const ticket = await tx.ticketForUpdate(ticketId);
    if (!ticket) throw ticketNotFound(ticketId);
    return ticket;
  }

  private event(
    tx: QueueTx,
    type: QueueEventType,
    at: string,
    serviceDay: ServiceDay,
    data: { ticket?: Ticket; newTicket?: Ticket; counter?: CounterStatus },
  ): Promise<void> {
    return tx.appendEvent({
      type,
      at,
      serviceDay,
      ticket: data.ticket ?? null,
      newTicket: data.newTicket ?? null,
      counter: data.counter ?? null,
    });
  }

  private service(id: string): ServiceArea {
    return this.config.service(id);
  }

  private counter(id: string): Counter {
    return this.config.counter(id);
  }

  private nowIso(): string {
    return this.clock.now().toISOString();
  }
}
