/** Validated queue configuration: services, counters and the priority policy. */
import type { z } from 'zod';
import { AppError } from '../../../common/errors';
import {
  CounterSchema,
  PriorityPolicySchema,
  ServiceAreaSchema,
  type Counter,
  type PriorityPolicy,
  type ServiceArea,
} from '../../../common/queue';

/** Parses input that crossed a boundary; failures are INVALID_INPUT, never a crash. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError(
      'INVALID_INPUT',
      `Invalid ${what}: ${result.error.issues[0]?.message ?? ''}`,
    );
  }
  return result.data;
}

export class QueueConfig {
  readonly services = new Map<string, ServiceArea>();
  readonly counters = new Map<string, Counter>();
  readonly policy: PriorityPolicy;

  /** Throws INVALID_INPUT for a configuration that would confuse citizens or staff. */
  constructor(input: {
    services: readonly ServiceArea[];
    counters: readonly Counter[];
    policy: PriorityPolicy;
  }) {
    const prefixes = new Set<string>();
    for (const raw of input.services) {
      const s = parseInput(ServiceAreaSchema, raw, 'service');
      // Two services with one prefix would both print "A001" today.
      if (this.services.has(s.id) || prefixes.has(s.prefix)) {
        throw new AppError(
          'INVALID_INPUT',
          `Duplicate service id or prefix: ${s.id} (${s.prefix})`,
        );
      }
      prefixes.add(s.prefix);
      this.services.set(s.id, s);
    }
    const numbers = new Set<number>();
    for (const raw of input.counters) {
      const c = parseInput(CounterSchema, raw, 'counter');
      // Two counters with one number would both be announced as "quầy số 3".
      if (this.counters.has(c.id) || numbers.has(c.number)) {
        throw new AppError(
          'INVALID_INPUT',
          `Duplicate counter id or number: ${c.id} (${c.number})`,
        );
      }
      for (const sid of c.serviceIds) this.service(sid);
      numbers.add(c.number);
      this.counters.set(c.id, c);
    }
    this.policy = parseInput(PriorityPolicySchema, input.policy, 'priority policy');
  }

  service(id: string): ServiceArea {
    const s = this.services.get(id);
    if (!s) throw new AppError('QUEUE_UNKNOWN_SERVICE', `Unknown service ${id}`);
    return s;
  }

  counter(id: string): Counter {
    const c = this.counters.get(id);
    if (!c) throw new AppError('QUEUE_UNKNOWN_COUNTER', `Unknown counter ${id}`);
    return c;
  }
}
