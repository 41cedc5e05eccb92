/**
 * Test support, not production code: one terminal of the concurrency test. The test bundles this
 * file with esbuild and runs it under plain `node` as a child process, so each terminal has its
 * own process, connection and (for SQLite) file lock. Prints one JSON line with what it did.
 *
 * argv[2]: JSON WorkerArgs.
 */
import { ServiceAreaSchema, type Counter } from '../../common/queue';
import { QueueService } from '../services/queue/queue-service';
import type { QueueStore } from '../services/queue/queue-store';
import { PostgresQueueStore } from './postgres/postgres-queue-store';
import { ManualClock } from './queue-test-fixtures';
import { SqliteQueueStore } from './sqlite/sqlite-queue-store';

export interface WorkerArgs {
  store:
    { kind: 'sqlite'; path: string } | { kind: 'postgres'; connection: Record<string, unknown> };
  role: 'issue' | 'call';
  /** Tickets to issue, or tickets to call (and serve). */
  ops: number;
  index: number;
  deadlineMs: number;
}

export interface WorkerResult {
  issued: { id: string; serviceId: string; number: number }[];
  called: string[];
}

export const CONCURRENCY_SERVICES = [
  ServiceAreaSchema.parse({
    id: 'ho-tich',
    name: 'Hộ tịch',
    prefix: 'A',
    numberStart: 1,
    numberEnd: 9999,
  }),
  ServiceAreaSchema.parse({
    id: 'chung-thuc',
    name: 'Chứng thực',
    prefix: 'C',
    numberStart: 1,
    numberEnd: 9999,
  }),
];

export const CONCURRENCY_COUNTERS: Counter[] = [1, 2, 3, 4].map((n) => ({
  id: `c${n}`,
  number: n,
  name: `Quầy ${n}`,
  serviceIds: ['ho-tich', 'chung-thuc'],
}));

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function openStore(args: WorkerArgs): Promise<QueueStore> {
  if (args.store.kind === 'sqlite') {
    return SqliteQueueStore.open({ path: args.store.path, busyTimeoutMs: 10_000 });
  }
  return PostgresQueueStore.open({ connection: args.store.connection, maxConnections: 2 });
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '') as WorkerArgs;
  const store = await openStore(args);
  const queue = new QueueService({
    store,
    // One fixed instant for every terminal: no midnight can fall inside the test.
    clock: new ManualClock('2026-03-02T03:00:00.000Z'),
    services: CONCURRENCY_SERVICES,
    counters: CONCURRENCY_COUNTERS,
    policy: { kind: 'interleave', normalsPerPriority: 2 },
  });
  const result: WorkerResult = { issued: [], called: [] };
  const deadline = Date.now() + args.deadlineMs;
  try {
    if (args.role === 'issue') {
      for (let i = 0; i < args.ops; i++) {
        const { ticket } = await queue.issueTicket({
          serviceId: i % 2 === 0 ? 'ho-tich' : 'chung-thuc',
          priority: (i + args.index) % 5 === 0 ? 'elderly' : null,
        });
        result.issued.push({ id: ticket.id, serviceId: ticket.serviceId, number: ticket.number });
      }
    } else {
      const counterId = `c${args.index + 1}`;
      while (result.called.length < args.ops && Date.now() < deadline) {
        const ticket = await queue.callNext(counterId);
        if (!ticket) {
          await sleep(5);
          continue;
        }
        result.called.push(ticket.id);
        if (result.called.length % 2 === 0) {
          await queue.noShow(counterId, ticket.id);
        } else {
          await queue.start(counterId, ticket.id);
          await queue.complete(counterId, ticket.id);
        }
      }
    }
  } finally {
    await store.close();
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
