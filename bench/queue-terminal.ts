/**
 * Benchmark support (bench/queue.mjs), not production code: one terminal of the concurrency
 * benchmark in its own process — a kiosk issuing tickets or a counter calling and serving them,
 * through the real QueueService and store adapter. bench/queue.mjs bundles this file with esbuild
 * and runs it under plain `node`.
 *
 * argv[2]: JSON TerminalArgs. Protocol: prints "ready" once the store is open (migrations done,
 * connections made), waits for one line on stdin (the common start), works, then prints one JSON
 * line (TerminalResult) and exits.
 */
import { createInterface } from 'node:readline';
import { defaultSettings } from '../common/settings';
import type { Counter } from '../common/queue';
import { QueueService } from '../main/services/queue/queue-service';
import type { QueueStore } from '../main/services/queue/queue-store';
import { systemClock } from '../main/services/queue/service-day';
import { PostgresQueueStore } from '../main/storage/postgres/postgres-queue-store';
import { SqliteQueueStore } from '../main/storage/sqlite/sqlite-queue-store';

export interface TerminalArgs {
  store:
    { kind: 'sqlite'; path: string } | { kind: 'postgres'; connection: Record<string, unknown> };
  role: 'issue' | 'call';
  /** Tickets to issue, or tickets to call (and serve). */
  ops: number;
  index: number;
  /** A caller gives up after this long without reaching `ops` calls. */
  deadlineMs: number;
}

export interface TerminalResult {
  issued: { id: string; serviceId: string; serviceDay: string; number: number }[];
  called: string[];
  /** Wall-clock ms (epoch, sub-ms) when work started and ended. */
  startedAt: number;
  endedAt: number;
  /** Duration of each successful operation (issue, or call-next + serve), ms. */
  opMs: number[];
  /** State-changing store operations: issue, call-next, start, complete, no-show. */
  storeOps: number;
  /** call-next that found nothing waiting (the caller then polls again after 2 ms). */
  emptyPolls: number;
}

/** The centre's default services; four counters that serve all of them. */
const SETTINGS = defaultSettings();
export const BENCH_SERVICES = SETTINGS.queue.services;
export const BENCH_COUNTERS: Counter[] = [1, 2, 3, 4].map((n) => ({
  id: `quay-${n}`,
  number: n,
  name: `Quầy ${n}`,
  serviceIds: BENCH_SERVICES.map((s) => s.id),
}));

const now = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function openStore(args: TerminalArgs): Promise<QueueStore> {
  if (args.store.kind === 'sqlite') {
    return SqliteQueueStore.open({ path: args.store.path, busyTimeoutMs: 10_000 });
  }
  return PostgresQueueStore.open({ connection: args.store.connection });
}

function firstLine(): Promise<void> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin });
    rl.once('line', () => {
      rl.close();
      resolve();
    });
    rl.once('close', () => resolve());
  });
}

async function work(args: TerminalArgs, queue: QueueService, r: TerminalResult): Promise<void> {
  if (args.role === 'issue') {
    for (let i = 0; i < args.ops; i++) {
      const service = BENCH_SERVICES[(i + args.index) % BENCH_SERVICES.length];
      if (!service) throw new Error('no service configured');
      const t0 = now();
      const { ticket } = await queue.issueTicket({
        serviceId: service.id,
        priority: (i + args.index) % 5 === 0 ? 'elderly' : null,
      });
      r.opMs.push(now() - t0);
      r.storeOps++;
      r.issued.push({
        id: ticket.id,
        serviceId: ticket.serviceId,
        serviceDay: ticket.serviceDay,
        number: ticket.number,
      });
    }
    return;
  }
  const counterId = `quay-${args.index + 1}`;
  const deadline = Date.now() + args.deadlineMs;
  while (r.called.length < args.ops && Date.now() < deadline) {
    const t0 = now();
    const ticket = await queue.callNext(counterId);
    if (!ticket) {
      r.emptyPolls++;
      await sleep(2);
      continue;
    }
    r.called.push(ticket.id);
    if (r.called.length % 2 === 0) {
      await queue.noShow(counterId, ticket.id);
      r.storeOps += 2;
    } else {
      await queue.start(counterId, ticket.id);
      await queue.complete(counterId, ticket.id);
      r.storeOps += 3;
    }
    r.opMs.push(now() - t0);
  }
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '') as TerminalArgs;
  const store = await openStore(args);
  const queue = new QueueService({
    store,
    clock: systemClock,
    services: BENCH_SERVICES,
    counters: BENCH_COUNTERS,
    policy: SETTINGS.queue.policy,
  });
  const r: TerminalResult = {
    issued: [],
    called: [],
    startedAt: 0,
    endedAt: 0,
    opMs: [],
    storeOps: 0,
    emptyPolls: 0,
  };
  try {
    process.stdout.write('ready\n');
    await firstLine();
    r.startedAt = now();
    await work(args, queue, r);
    r.endedAt = now();
  } finally {
    await store.close();
  }
  process.stdout.write(`${JSON.stringify(r)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
