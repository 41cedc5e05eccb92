/**
 * Eight terminals at once, each its own process: 4 kiosks issuing and 4 counters calling, 500
 * operations each, on PostgreSQL and on one SQLite file. No number twice, no ticket called twice,
 * nothing lost.
 *
 * The worker is TypeScript that imports extensionless paths, which plain `node` cannot run, so the
 * test bundles it once with esbuild (a dev dependency) into a temp CommonJS file and runs that
 * with the same node binary: the terminals run exactly the adapters under test.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPostgres, type TestPostgres } from './postgres/test-postgres';
import type { WorkerArgs, WorkerResult } from './queue-concurrency-worker';

const OPS = 500;
const TERMINALS = 4;
/** Callers give up (and the test fails) if tickets stay missing this long; generous for CI load. */
const WORKER_TIMEOUT_MS = 100_000;

let tmp = '';
let workerJs = '';
let server: TestPostgres | undefined;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'motcua-conc-'));
  workerJs = path.join(tmp, 'worker.cjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./queue-concurrency-worker.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node24',
    outfile: workerJs,
    external: ['pg-native', 'pg-cloudflare'],
    logLevel: 'silent',
  });
  server = await startTestPostgres();
});

afterAll(async () => {
  await server?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

function runWorker(args: WorkerArgs): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--no-warnings', workerJs, JSON.stringify(args)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), WORKER_TIMEOUT_MS + 5000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`worker ${args.role}#${args.index} exited ${code}: ${err}`));
      else resolve(JSON.parse(out) as WorkerResult);
    });
  });
}

async function runTerminals(store: WorkerArgs['store']): Promise<WorkerResult[]> {
  const jobs: Promise<WorkerResult>[] = [];
  for (let i = 0; i < TERMINALS; i++) {
    for (const role of ['issue', 'call'] as const) {
      jobs.push(runWorker({ store, role, ops: OPS, index: i, deadlineMs: WORKER_TIMEOUT_MS }));
    }
  }
  return Promise.all(jobs);
}

interface Row {
  id: string;
  service_id: string;
  number: number;
  state: string;
  call_count: number;
}

function check(results: WorkerResult[], rows: Row[], eventCounts: Map<string, number>): void {
  const total = OPS * TERMINALS;
  const issued = results.flatMap((r) => r.issued);
  const called = results.flatMap((r) => r.called);
  expect(issued).toHaveLength(total);
  // Numbers: distinct per service and gap-free from 1.
  for (const serviceId of ['ho-tich', 'chung-thuc']) {
    const numbers = issued
      .filter((t) => t.serviceId === serviceId)
      .map((t) => t.number)
      .sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: total / 2 }, (_, i) => i + 1));
  }
  // Every ticket called exactly once.
  expect(called).toHaveLength(total);
  expect(new Set(called).size).toBe(total);
  expect(new Set(called)).toEqual(new Set(issued.map((t) => t.id)));
  // The database agrees: every ticket there, ended (each counter alternates no-show and
  // start + complete), called once.
  expect(rows).toHaveLength(total);
  expect(rows.filter((r) => Number(r.call_count) === 1)).toHaveLength(total);
  expect(rows.filter((r) => r.state === 'done')).toHaveLength(total / 2);
  expect(rows.filter((r) => r.state === 'no-show')).toHaveLength(total / 2);
  expect(Object.fromEntries(eventCounts)).toEqual({
    'ticket-issued': total,
    'ticket-called': total,
    'ticket-started': total / 2,
    'ticket-completed': total / 2,
    'ticket-no-show': total / 2,
  });
}

describe('queue store under 8 concurrent terminals', () => {
  it('PostgreSQL: no duplicate number, no double call, nothing lost', async () => {
    if (!server) throw new Error('PostgreSQL did not start');
    const connection = await server.createDatabase();
    const results = await runTerminals({ kind: 'postgres', connection: { ...connection } });
    const db = connection.database ?? '';
    const rows = (await server.adminQuery(db, 'SELECT * FROM queue_tickets')).rows as Row[];
    const events = await server.adminQuery(
      db,
      'SELECT type, count(*)::int AS n FROM queue_events GROUP BY type',
    );
    const counts = new Map(events.rows.map((r: { type: string; n: number }) => [r.type, r.n]));
    check(results, rows, counts);
  }, 150_000);

  it('SQLite (one file, eight processes): no duplicate number, no double call, nothing lost', async () => {
    const file = path.join(tmp, 'queue.db');
    const results = await runTerminals({ kind: 'sqlite', path: file });
    const db = new DatabaseSync(file);
    try {
      const rows = db.prepare('SELECT * FROM queue_tickets').all() as unknown as Row[];
      const events = db
        .prepare('SELECT type, count(*) AS n FROM queue_events GROUP BY type')
        .all() as { type: string; n: number }[];
      check(results, rows, new Map(events.map((r) => [r.type, r.n])));
    } finally {
      db.close();
    }
  }, 150_000);
});
