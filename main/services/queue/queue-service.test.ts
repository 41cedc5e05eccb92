/** QueueService input and configuration checks (the behaviour is in the storage contract suite). */
import { afterEach, describe, expect, it } from 'vitest';
import type { PauseReason, PriorityCategory, ServiceArea } from '../../../common/queue';
import { SqliteQueueStore } from '../../storage/sqlite/sqlite-queue-store';
import { COUNTERS, ManualClock, SERVICES } from '../../storage/queue-test-fixtures';
import { QueueService, type QueueServiceOptions } from './queue-service';

let store: SqliteQueueStore | null = null;

afterEach(async () => {
  await store?.close();
  store = null;
});

function make(overrides: Partial<QueueServiceOptions> = {}): QueueService {
  store ??= SqliteQueueStore.open({ path: ':memory:' });
  return new QueueService({
    store,
    clock: new ManualClock('2026-03-02T01:00:00.000Z'),
    services: SERVICES,
    counters: COUNTERS,
    policy: { kind: 'strict' },
    ...overrides,
  });
}

const invalid: unknown = expect.objectContaining({ code: 'INVALID_INPUT' });

describe('QueueService configuration', () => {
  it('refuses two services with one prefix (both would print A001)', () => {
    const twin: ServiceArea = { ...SERVICES[0], id: 'twin' } as ServiceArea;
    expect(() => make({ services: [...SERVICES, twin] })).toThrow(invalid);
  });

  it('refuses duplicate counter numbers, unknown services and bad policies', () => {
    expect(() =>
      make({
        counters: [...COUNTERS, { id: 'q9', number: 1, name: 'x', serviceIds: ['ho-tich'] }],
      }),
    ).toThrow(invalid);
    expect(() =>
      make({ counters: [{ id: 'q9', number: 9, name: 'x', serviceIds: ['nope'] }] }),
    ).toThrow(expect.objectContaining({ code: 'QUEUE_UNKNOWN_SERVICE' }));
    expect(() => make({ policy: { kind: 'interleave', normalsPerPriority: 0 } })).toThrow(invalid);
    expect(() => make({ services: [{ ...SERVICES[0], prefix: 'a1' } as ServiceArea] })).toThrow(
      invalid,
    );
  });
});

describe('QueueService input', () => {
  it('rejects an unknown priority category and pause reason with INVALID_INPUT', async () => {
    const queue = make();
    await expect(
      queue.issueTicket({ serviceId: 'ho-tich', priority: 'vip' as PriorityCategory }),
    ).rejects.toEqual(invalid);
    await expect(queue.pause('q1', 'nap' as PauseReason)).rejects.toEqual(invalid);
    await expect(queue.pause('q1', 'other', 'x'.repeat(501))).rejects.toEqual(invalid);
    expect((await queue.snapshot()).tickets).toEqual([]);
  });

  it('rejects unknown counters and tickets with their own codes', async () => {
    const queue = make();
    await expect(queue.recall('q0', 'x')).rejects.toEqual(
      expect.objectContaining({ code: 'QUEUE_UNKNOWN_COUNTER' }),
    );
    await expect(queue.waitingAhead('x')).rejects.toEqual(
      expect.objectContaining({ code: 'QUEUE_TICKET_NOT_FOUND' }),
    );
  });
});
