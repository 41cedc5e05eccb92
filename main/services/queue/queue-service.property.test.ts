/**
 * Call order against a model: random sequences of issues (normal or priority) and calls on one
 * counter, under both policies, compared with two FIFO lines and the "N normal, then 1 priority"
 * counter. Runs on a real (in-memory) SQLite store.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PriorityPolicy } from '../../../common/queue';
import { SqliteQueueStore } from '../../storage/sqlite/sqlite-queue-store';
import { ManualClock, makeQueueService } from '../../storage/queue-test-fixtures';

type Op = { kind: 'issue'; priority: boolean } | { kind: 'call' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('issue' as const), priority: fc.boolean() }),
  fc.constant({ kind: 'call' as const }),
);

function modelOrder(ops: readonly Op[], policy: PriorityPolicy): (string | null)[] {
  const normal: string[] = [];
  const priority: string[] = [];
  let next = 1;
  let sincePriority = 0;
  const out: (string | null)[] = [];
  for (const op of ops) {
    if (op.kind === 'issue') {
      (op.priority ? priority : normal).push(`A${String(next++).padStart(3, '0')}`);
      continue;
    }
    const wantPriority = policy.kind === 'strict' || sincePriority >= policy.normalsPerPriority;
    const lines = wantPriority ? [priority, normal] : [normal, priority];
    const line = lines.find((l) => l.length > 0);
    const label = line?.shift() ?? null;
    if (label !== null) sincePriority = line === priority ? 0 : sincePriority + 1;
    out.push(label);
  }
  return out;
}

describe.each<PriorityPolicy>([{ kind: 'strict' }, { kind: 'interleave', normalsPerPriority: 2 }])(
  'call order matches the model ($kind)',
  (policy) => {
    it('for random issue/call sequences', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(opArb, { maxLength: 40 }), async (ops) => {
          const store = SqliteQueueStore.open({ path: ':memory:' });
          try {
            const clock = new ManualClock('2026-03-02T01:00:00.000Z');
            const queue = makeQueueService(store, clock, policy);
            const got: (string | null)[] = [];
            for (const op of ops) {
              clock.advance(1);
              if (op.kind === 'issue') {
                await queue.issueTicket({
                  serviceId: 'ho-tich',
                  priority: op.priority ? 'elderly' : null,
                });
              } else {
                const t = await queue.callNext('q1');
                got.push(t?.label ?? null);
                if (t) await queue.noShow('q1', t.id);
              }
            }
            expect(got).toEqual(modelOrder(ops, policy));
          } finally {
            await store.close();
          }
        }),
        { numRuns: 60 },
      );
    });
  },
);
