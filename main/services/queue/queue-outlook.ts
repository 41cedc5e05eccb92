/** People ahead and wait estimates: pure arithmetic over what the store counted. */
import type { PriorityPolicy } from '../../../common/queue';
import type { QueuePosition, ServiceTime } from './queue-store';

export interface ServiceOutlook {
  serviceId: string;
  /** Tickets waiting (issued, not yet called) today. */
  waiting: number;
  /** Open (not paused) counters serving this service. */
  openCounters: number;
  /** Mean service time of recent completed tickets, or the service's default when none. */
  averageServiceSeconds: number;
  /** True when `averageServiceSeconds` comes from completed tickets, false for the default. */
  fromHistory: boolean;
}

/**
 * People who will be called before a ticket as things stand: under `strict`, a priority ticket
 * waits only behind earlier priority tickets and a normal one behind every priority ticket and
 * earlier normal ones; under `interleave`, behind every earlier ticket. 0 once called.
 */
export function peopleAhead(pos: QueuePosition, policy: PriorityPolicy): number {
  if (pos.ticket.state !== 'issued') return 0;
  if (policy.kind === 'interleave') return pos.priorityAhead + pos.normalAhead;
  if (pos.ticket.priority !== null) return pos.priorityAhead;
  return pos.priorityAhead + pos.priorityBehind + pos.normalAhead;
}

export function averageServiceSeconds(
  times: readonly ServiceTime[],
  defaultMinutes: number,
): { seconds: number; fromHistory: boolean } {
  if (times.length === 0) return { seconds: defaultMinutes * 60, fromHistory: false };
  const total = times.reduce(
    (sum, t) => sum + (Date.parse(t.endedAt) - Date.parse(t.startedAt)),
    0,
  );
  return { seconds: total / 1000 / times.length, fromHistory: true };
}

/** People ahead × mean service time ÷ open counters (at least one), in whole seconds. */
export function estimateSeconds(ahead: number, outlook: ServiceOutlook): number {
  return Math.round((ahead * outlook.averageServiceSeconds) / Math.max(1, outlook.openCounters));
}
