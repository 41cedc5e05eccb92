import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../common/errors';
import type {
  Board,
  BoardCall,
  CounterAction,
  CounterView,
  IssuedTicketView,
  PrintOutcome,
  QueueReportView,
  ServiceOutlookView,
} from '../../../common/ipc/contract';
import type {
  Counter,
  PauseReason,
  PriorityCategory,
  QueueEvent,
  ServiceArea,
  ServiceDay,
  Ticket,
} from '../../../common/queue';
import { PRIORITY_LABELS_VI, queueTicketQr } from '../../../common/queue-labels';
import type { TicketPrinter } from '../../devices/printer/ticket-printer-port';
import type { DeviceAlerts } from '../alerts/device-alerts';
import type { Logger } from '../log/logger';
import { countersReportCsv, servicesReportCsv } from '../queue/queue-report-csv';
import type { QueueService } from '../queue/queue-service';

export interface QueueDeskConfig {
  readonly services: readonly ServiceArea[];
  readonly counters: readonly Counter[];
  readonly centreName: string;
  /** This terminal's counter number (counter role). */
  readonly counterNumber: number;
}

export interface QueueDeskDeps {
  readonly queue: () => QueueService;
  readonly config: () => QueueDeskConfig;
  /** The configured ticket printer, or null when none is configured. */
  readonly printer: () => TicketPrinter | null;
  readonly alerts: DeviceAlerts;
  readonly log: Logger;
}

const ACTIVE = new Set(['called', 'serving']);
const minutes = (seconds: number) => Math.max(0, Math.round(seconds / 60));

/**
 * What kiosks, counters and displays do with the queue: issue and print tickets (and say
 * honestly when nothing printed), act at a counter, and read the board.
 */
export class QueueDesk {
  constructor(private readonly deps: QueueDeskDeps) {}

  async services(): Promise<ServiceOutlookView[]> {
    const { services } = this.deps.config();
    return Promise.all(
      services.map(async (s) => {
        const o = await this.deps.queue().serviceOutlook(s.id);
        const perCounter = o.openCounters > 0 ? o.openCounters : 1;
        return {
          id: s.id,
          name: s.name,
          prefix: s.prefix,
          waiting: o.waiting,
          openCounters: o.openCounters,
          estimatedWaitMinutes: minutes((o.waiting * o.averageServiceSeconds) / perCounter),
        };
      }),
    );
  }

  async issue(serviceId: string, priority: PriorityCategory | null): Promise<IssuedTicketView> {
    const issued = await this.deps.queue().issueTicket({ serviceId, priority });
    const service = this.service(serviceId);
    const counterNumbers = this.deps
      .config()
      .counters.filter((c) => c.serviceIds.includes(serviceId))
      .map((c) => c.number);
    const print = await this.print(issued.ticket, issued.waitingAhead, counterNumbers);
    this.deps.log.info('ticket issued', {
      label: issued.ticket.label,
      priority: priority ?? 'none',
      printed: print.printed,
      printError: print.errorCode,
    });
    return {
      ticket: issued.ticket,
      serviceName: service.name,
      waitingAhead: issued.waitingAhead,
      estimatedWaitMinutes: minutes(issued.estimatedWaitSeconds),
      counterNumbers,
      print,
    };
  }

  async reprint(ticketId: string): Promise<PrintOutcome> {
    const queue = this.deps.queue();
    const snapshot = await queue.snapshot();
    const ticket = snapshot.tickets.find((t) => t.id === ticketId);
    if (!ticket) throw new AppError('QUEUE_TICKET_NOT_FOUND', `No ticket ${ticketId} today`);
    const ahead = ticket.state === 'issued' ? await queue.waitingAhead(ticketId) : 0;
    const counters = this.deps
      .config()
      .counters.filter((c) => c.serviceIds.includes(ticket.serviceId))
      .map((c) => c.number);
    return this.print(ticket, ahead, counters);
  }

  async counterView(): Promise<CounterView> {
    const counter = this.thisCounter();
    const { counters, services } = this.deps.config();
    const snapshot = await this.deps.queue().snapshot();
    const status = snapshot.counters.find((c) => c.counterId === counter.id) ?? {
      counterId: counter.id,
      state: 'open' as const,
      pauseReason: null,
      pauseNote: null,
      since: new Date().toISOString(),
      normalsSincePriority: 0,
    };
    const mine = (t: Ticket) =>
      t.state === 'issued' &&
      counter.serviceIds.includes(t.serviceId) &&
      (t.targetCounterId === null || t.targetCounterId === counter.id);
    return {
      counter: { id: counter.id, number: counter.number, name: counter.name },
      status,
      current:
        snapshot.tickets.find((t) => t.counterId === counter.id && ACTIVE.has(t.state)) ?? null,
      waiting: snapshot.tickets.filter(mine),
      services: services
        .filter((s) => counter.serviceIds.includes(s.id))
        .map((s) => ({ id: s.id, name: s.name, prefix: s.prefix })),
      allServices: services.map((s) => ({ id: s.id, name: s.name, prefix: s.prefix })),
      otherCounters: counters
        .filter((c) => c.id !== counter.id)
        .map((c) => ({ id: c.id, number: c.number })),
      servedToday: snapshot.tickets.filter((t) => t.counterId === counter.id && t.state === 'done')
        .length,
    };
  }

  async act(action: CounterAction, ticketId?: string): Promise<Ticket | null> {
    const counter = this.thisCounter();
    const queue = this.deps.queue();
    if (action === 'call-next') return queue.callNext(counter.id);
    const id = ticketId ?? (await this.counterView()).current?.id;
    if (!id) throw new AppError('QUEUE_TICKET_NOT_FOUND', 'This counter has no current ticket');
    switch (action) {
      case 'recall':
        return queue.recall(counter.id, id);
      case 'start':
        return queue.start(counter.id, id);
      case 'complete':
        return queue.complete(counter.id, id);
      case 'no-show':
        return queue.noShow(counter.id, id);
    }
  }

  callTicket(ticketId: string): Promise<Ticket> {
    return this.deps.queue().callTicket(this.thisCounter().id, ticketId);
  }

  async transfer(
    ticketId: string,
    to: { toServiceId?: string; toCounterId?: string },
  ): Promise<Ticket> {
    const { continued } = await this.deps
      .queue()
      .transfer(ticketId, { counterId: this.thisCounter().id, ...to });
    return continued;
  }

  pause(reason: PauseReason) {
    return this.deps.queue().pause(this.thisCounter().id, reason);
  }

  resume() {
    return this.deps.queue().resume(this.thisCounter().id);
  }

  async board(recent: number): Promise<Omit<Board, 'voice'>> {
    const snapshot = await this.deps.queue().snapshot();
    const { counters } = this.deps.config();
    const byId = new Map(counters.map((c) => [c.id, c]));
    const calls = snapshot.tickets
      .filter((t) => t.lastCalledAt !== null && t.counterId !== null)
      .sort((a, b) => (b.lastCalledAt ?? '').localeCompare(a.lastCalledAt ?? ''));
    const toCall = (t: Ticket): BoardCall | null => {
      const counter = t.counterId ? byId.get(t.counterId) : undefined;
      if (!counter || !t.lastCalledAt) return null;
      return {
        label: t.label,
        counterNumber: counter.number,
        serviceName: this.service(t.serviceId).name,
        calledAt: t.lastCalledAt,
      };
    };
    return {
      counters: counters.map((c) => {
        const serving = snapshot.tickets.find((t) => t.counterId === c.id && ACTIVE.has(t.state));
        const status = snapshot.counters.find((s) => s.counterId === c.id);
        return {
          number: c.number,
          name: c.name,
          paused: status?.state === 'paused',
          serving: serving ? toCall(serving) : null,
        };
      }),
      recentCalls: calls
        .slice(0, recent)
        .map(toCall)
        .filter((c): c is BoardCall => c !== null),
    };
  }

  /** Where a ticket stands today: people ahead, estimate, or the counter that called it. */
  async position(ticketId: string) {
    const queue = this.deps.queue();
    const ticket = (await queue.snapshot()).tickets.find((t) => t.id === ticketId);
    if (!ticket) throw new AppError('QUEUE_TICKET_NOT_FOUND', 'No such ticket today');
    const waiting = ticket.state === 'issued';
    const counter = this.deps.config().counters.find((c) => c.id === ticket.counterId);
    return {
      label: ticket.label,
      serviceName: this.service(ticket.serviceId).name,
      state: ticket.state,
      waitingAhead: waiting ? await queue.waitingAhead(ticketId) : 0,
      estimatedWaitMinutes: waiting ? minutes(await queue.estimatedWaitSeconds(ticketId)) : 0,
      counterNumber: counter?.number ?? null,
    };
  }

  /** Tickets per service and times per counter over service days, with display names. */
  async report(fromDay: ServiceDay, toDay: ServiceDay): Promise<QueueReportView> {
    const r = await this.deps.queue().report(fromDay, toDay);
    const names = this.names();
    return {
      fromDay,
      toDay,
      services: r.services.map((s) => ({
        name: names.services.get(s.serviceId) ?? s.serviceId,
        issued: s.issued,
        priority: s.priority,
        done: s.done,
        noShow: s.noShow,
        unfinished: s.unfinished,
      })),
      counters: r.counters.map((c) => ({
        name: names.counters.get(c.counterId) ?? c.counterId,
        called: c.called,
        done: c.done,
        averageWaitSeconds: c.averageWaitSeconds,
        averageServiceSeconds: c.averageServiceSeconds,
      })),
    };
  }

  /** The report as two CSV files (RFC 4180, UTF-8 with BOM for Excel) in `folder`. */
  async exportReport(fromDay: ServiceDay, toDay: ServiceDay, folder: string): Promise<string[]> {
    const r = await this.deps.queue().report(fromDay, toDay);
    const names = this.names();
    const files = [
      [`bao-cao-linh-vuc_${fromDay}_${toDay}.csv`, servicesReportCsv(r, names.services)],
      [`bao-cao-quay_${fromDay}_${toDay}.csv`, countersReportCsv(r, names.counters)],
    ] as const;
    await fs.mkdir(folder, { recursive: true });
    return Promise.all(
      files.map(async ([name, csv]) => {
        const file = path.join(folder, name);
        await fs.writeFile(file, csv, 'utf8');
        return file;
      }),
    );
  }

  private names() {
    const { services, counters } = this.deps.config();
    return {
      services: new Map(services.map((s) => [s.id, s.name])),
      counters: new Map(counters.map((c) => [c.id, c.name])),
    };
  }

  /** The announcement for a queue event, or null when the event is not a call. */
  callOf(event: QueueEvent): (BoardCall & { recall: boolean }) | null {
    if (event.type !== 'ticket-called' && event.type !== 'ticket-recalled') return null;
    const t = event.ticket;
    const counter = this.deps.config().counters.find((c) => c.id === t?.counterId);
    if (!t || !counter) return null;
    return {
      label: t.label,
      counterNumber: counter.number,
      serviceName: this.service(t.serviceId).name,
      calledAt: t.lastCalledAt ?? event.at,
      recall: event.type === 'ticket-recalled',
    };
  }

  private async print(
    ticket: Ticket,
    waitingAhead: number,
    counterNumbers: number[],
  ): Promise<PrintOutcome> {
    const printer = this.deps.printer();
    if (!printer) {
      this.deps.alerts.raise('printer', 'PRINTER_NOT_CONFIGURED', 'No ticket printer configured');
      return { printed: false, errorCode: 'PRINTER_NOT_CONFIGURED' };
    }
    const report = await printer.printTicket({
      centreName: this.deps.config().centreName,
      serviceName: this.service(ticket.serviceId).name,
      number: ticket.label,
      ...(ticket.priority ? { priority: PRIORITY_LABELS_VI[ticket.priority] } : {}),
      issuedAt: new Date(ticket.issuedAt),
      waitingAhead,
      ...(counterNumbers.length ? { counters: `Quầy ${counterNumbers.join(', ')}` } : {}),
      trackingQr: queueTicketQr(ticket.id),
      footer: 'Xin cảm ơn quý khách',
    });
    // A printer without a back channel cannot confirm: the citizen is told to remember the number.
    if (report.printed && report.warnings.includes('status-unconfirmed')) {
      this.deps.alerts.raise('printer', 'PRINTER_UNCONFIRMED', 'Printer status cannot be read');
      return { printed: false, errorCode: 'PRINTER_UNCONFIRMED' };
    }
    if (report.printed) {
      if (report.warnings.includes('paper-near-end')) {
        this.deps.alerts.raise('printer', 'PRINTER_PAPER_NEAR_END', 'Paper is running low');
      } else {
        this.deps.alerts.clear('printer');
      }
      return { printed: true, errorCode: null };
    }
    const code = report.error?.code ?? 'PRINTER_NOT_PRINTED';
    this.deps.alerts.raise('printer', code, report.error?.message ?? 'Ticket not printed');
    return { printed: false, errorCode: code };
  }

  private service(id: string): ServiceArea {
    const s = this.deps.config().services.find((x) => x.id === id);
    if (!s) throw new AppError('QUEUE_UNKNOWN_SERVICE', `Unknown service ${id}`);
    return s;
  }

  private thisCounter(): Counter {
    const { counters, counterNumber } = this.deps.config();
    const c = counters.find((x) => x.number === counterNumber);
    if (!c) {
      throw new AppError('QUEUE_UNKNOWN_COUNTER', `No counter number ${counterNumber} configured`);
    }
    return c;
  }
}
