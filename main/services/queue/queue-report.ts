/** Reports over service days: tickets per service, wait and service times per counter. */
import type { ServiceDay, Ticket } from '../../../common/queue';

export interface ServiceReportRow {
  serviceId: string;
  /** Tickets issued in this service (transfers into it not counted: they were issued elsewhere). */
  issued: number;
  priority: number;
  done: number;
  noShow: number;
  cancelled: number;
  transferredOut: number;
  transferredIn: number;
  /** Still waiting, called or serving at the end of the range. */
  unfinished: number;
}

export interface CounterReportRow {
  counterId: string;
  /** Tickets this counter called (any outcome). */
  called: number;
  done: number;
  noShow: number;
  /** Mean seconds from entering the queue to the first call; null when nothing was called. */
  averageWaitSeconds: number | null;
  /** Mean seconds from start to completion of done tickets; null when none was done. */
  averageServiceSeconds: number | null;
}

export interface QueueReport {
  fromDay: ServiceDay;
  toDay: ServiceDay;
  services: ServiceReportRow[];
  counters: CounterReportRow[];
}

function seconds(from: string | null, to: string | null): number | null {
  if (from === null || to === null) return null;
  return (Date.parse(to) - Date.parse(from)) / 1000;
}

function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;
}

export function buildQueueReport(
  fromDay: ServiceDay,
  toDay: ServiceDay,
  tickets: readonly Ticket[],
): QueueReport {
  const services = new Map<string, ServiceReportRow>();
  const counterTickets = new Map<string, Ticket[]>();
  for (const t of tickets) {
    let row = services.get(t.serviceId);
    if (!row) {
      row = {
        serviceId: t.serviceId,
        issued: 0,
        priority: 0,
        done: 0,
        noShow: 0,
        cancelled: 0,
        transferredOut: 0,
        transferredIn: 0,
        unfinished: 0,
      };
      services.set(t.serviceId, row);
    }
    if (t.originTicketId === null) {
      row.issued++;
      if (t.priority !== null) row.priority++;
    } else {
      row.transferredIn++;
    }
    switch (t.state) {
      case 'done':
        row.done++;
        break;
      case 'no-show':
        row.noShow++;
        break;
      case 'cancelled':
        row.cancelled++;
        break;
      case 'transferred':
        row.transferredOut++;
        break;
      case 'issued':
      case 'called':
      case 'serving':
        row.unfinished++;
        break;
    }
    if (t.counterId !== null) {
      const list = counterTickets.get(t.counterId) ?? [];
      list.push(t);
      counterTickets.set(t.counterId, list);
    }
  }
  const counters: CounterReportRow[] = [...counterTickets.entries()].map(([counterId, list]) => {
    const waits = list.map((t) => seconds(t.issuedAt, t.calledAt)).filter((s) => s !== null);
    const done = list.filter((t) => t.state === 'done');
    const serviceTimes = done.map((t) => seconds(t.startedAt, t.endedAt)).filter((s) => s !== null);
    return {
      counterId,
      called: list.length,
      done: done.length,
      noShow: list.filter((t) => t.state === 'no-show').length,
      averageWaitSeconds: mean(waits),
      averageServiceSeconds: mean(serviceTimes),
    };
  });
  const byId = (a: { serviceId?: string; counterId?: string }, b: typeof a): number =>
    (a.serviceId ?? a.counterId ?? '').localeCompare(b.serviceId ?? b.counterId ?? '');
  return {
    fromDay,
    toDay,
    services: [...services.values()].sort(byId),
    counters: counters.sort(byId),
  };
}
