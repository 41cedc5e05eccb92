/** Shared fixtures for the queue store tests (not production code). */
import {
  ServiceAreaSchema,
  type Counter,
  type PriorityPolicy,
  type ServiceArea,
} from '../../common/queue';
import { QueueService } from '../services/queue/queue-service';
import type { QueueStore } from '../services/queue/queue-store';
import type { Clock } from '../services/queue/service-day';

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  private t: number;
  constructor(iso: string) {
    this.t = Date.parse(iso);
  }
  now(): Date {
    return new Date(this.t);
  }
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
  advance(seconds: number): void {
    this.t += seconds * 1000;
  }
}

export const SERVICES: ServiceArea[] = [
  ServiceAreaSchema.parse({
    id: 'ho-tich',
    name: 'Hộ tịch',
    prefix: 'A',
    numberStart: 1,
    numberEnd: 999,
  }),
  ServiceAreaSchema.parse({
    id: 'dat-dai',
    name: 'Đất đai',
    prefix: 'B',
    numberStart: 100,
    numberEnd: 102,
  }),
  ServiceAreaSchema.parse({
    id: 'chung-thuc',
    name: 'Chứng thực',
    prefix: 'C',
    numberStart: 1,
    numberEnd: 999,
    defaultServiceMinutes: 4,
  }),
];

export const COUNTERS: Counter[] = [
  { id: 'q1', number: 1, name: 'Quầy 1', serviceIds: ['ho-tich', 'chung-thuc'] },
  { id: 'q2', number: 2, name: 'Quầy 2', serviceIds: ['ho-tich', 'dat-dai'] },
  { id: 'q3', number: 3, name: 'Quầy 3', serviceIds: ['dat-dai'] },
];

export function makeQueueService(
  store: QueueStore,
  clock: Clock,
  policy: PriorityPolicy = { kind: 'strict' },
): QueueService {
  return new QueueService({ store, clock, services: SERVICES, counters: COUNTERS, policy });
}
