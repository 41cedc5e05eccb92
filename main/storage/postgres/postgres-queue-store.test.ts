/**
 * PostgreSQL-only behaviour: live events between terminals by LISTEN/NOTIFY, replay after the
 * listening connection is killed, versioned migrations, and typed errors when the server is away.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../common/errors';
import type { QueueEvent } from '../../../common/queue';
import { ManualClock, makeQueueService } from '../queue-test-fixtures';
import { PostgresQueueStore, QUEUE_NOTIFY_CHANNEL } from './postgres-queue-store';
import { freePort, startTestPostgres, type TestPostgres } from './test-postgres';

let server: TestPostgres;
let opened: PostgresQueueStore[] = [];

beforeAll(async () => {
  server = await startTestPostgres();
});

afterEach(async () => {
  await Promise.all(opened.map((s) => s.close()));
  opened = [];
});

afterAll(async () => {
  await server.stop();
});

async function open(
  connection: Awaited<ReturnType<TestPostgres['createDatabase']>>,
  onError?: (err: unknown) => void,
): Promise<PostgresQueueStore> {
  // A slow safety poll, so what arrives was delivered by NOTIFY or by the reconnect replay.
  const store = await PostgresQueueStore.open({
    connection,
    pollIntervalMs: 60_000,
    ...(onError ? { onError } : {}),
  });
  opened.push(store);
  return store;
}

async function listenerPids(database: string): Promise<number[]> {
  const r = await server.adminQuery(
    'postgres',
    `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND query = $2`,
    [database, `LISTEN "${QUEUE_NOTIFY_CHANNEL}"`],
  );
  return r.rows.map((row: { pid: number }) => row.pid);
}

describe('PostgresQueueStore', () => {
  it('pushes one terminal’s changes to another live (LISTEN/NOTIFY)', async () => {
    const db = await server.createDatabase();
    const display = await open(db);
    const kiosk = await open(db);
    const clock = new ManualClock('2026-03-02T01:00:00.000Z');
    const seen: QueueEvent[] = [];
    const stop = display.onEvent((e) => seen.push(e), {
      afterEventId: await display.lastEventId(),
    });
    await expect.poll(() => listenerPids(db.database ?? ''), { timeout: 10_000 }).toHaveLength(1);
    const queue = makeQueueService(kiosk, clock);
    const { ticket } = await queue.issueTicket({ serviceId: 'ho-tich' });
    await queue.callNext('q2');
    await expect
      .poll(() => seen.map((e) => `${e.type}:${e.ticket?.label ?? ''}`), { timeout: 10_000 })
      .toEqual(['ticket-issued:A001', 'ticket-called:A001']);
    expect(seen[1]?.ticket).toMatchObject({ id: ticket.id, counterId: 'q2' });
    stop();
    await expect.poll(() => listenerPids(db.database ?? ''), { timeout: 10_000 }).toHaveLength(0);
  });

  it('replays every event it missed while its connection was down', async () => {
    const db = await server.createDatabase();
    // The display logs in as its own role, so the test can keep it out while the kiosk writes.
    const role = `display_${process.pid}`;
    await server.adminQuery('postgres', `CREATE ROLE ${role} LOGIN SUPERUSER PASSWORD 'pw'`);
    const errors: unknown[] = [];
    const display = await open({ ...db, user: role, password: 'pw' }, (e) => errors.push(e));
    const kiosk = await open(db);
    const queue = makeQueueService(kiosk, new ManualClock('2026-03-02T01:00:00.000Z'));
    const seen: QueueEvent[] = [];
    display.onEvent((e) => seen.push(e), { afterEventId: 0 });
    await expect.poll(() => listenerPids(db.database ?? ''), { timeout: 10_000 }).toHaveLength(1);
    const [firstPid] = await listenerPids(db.database ?? '');
    for (let i = 0; i < 10; i++) await queue.issueTicket({ serviceId: 'ho-tich' });
    await expect.poll(() => seen.length, { timeout: 10_000 }).toBe(10);

    await server.adminQuery('postgres', `ALTER ROLE ${role} NOLOGIN`);
    await server.adminQuery('postgres', 'SELECT pg_terminate_backend($1)', [firstPid]);
    await expect.poll(() => errors.length, { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => listenerPids(db.database ?? ''), { timeout: 10_000 }).toHaveLength(0);
    for (let i = 0; i < 20; i++) await queue.issueTicket({ serviceId: 'ho-tich' });
    await queue.callNext('q1');
    // Nothing reaches the display while it cannot listen (its safety poll is a minute away).
    expect(seen).toHaveLength(10);

    await server.adminQuery('postgres', `ALTER ROLE ${role} LOGIN`);
    await expect.poll(() => seen.length, { timeout: 10_000 }).toBe(31);
    expect(seen.slice(0, 30).map((e) => e.ticket?.number)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    expect(seen[30]).toMatchObject({ type: 'ticket-called', ticket: { label: 'A001' } });
    expect(new Set(seen.map((e) => e.id)).size).toBe(31);
    // It listens again on a new backend, and live delivery goes on.
    const pids = await listenerPids(db.database ?? '');
    expect(pids).toHaveLength(1);
    expect(pids).not.toContain(firstPid);
    await queue.issueTicket({ serviceId: 'ho-tich' });
    await expect.poll(() => seen.length, { timeout: 10_000 }).toBe(32);
  });

  it('lets a second counter take the next ticket while the head is locked (SKIP LOCKED)', async () => {
    const db = await server.createDatabase();
    const a = await open(db);
    const b = await open(db);
    const clock = new ManualClock('2026-03-02T01:00:00.000Z');
    const queueB = makeQueueService(b, clock);
    await queueB.issueTicket({ serviceId: 'ho-tich' });
    await queueB.issueTicket({ serviceId: 'ho-tich' });
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked = (): void => undefined;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    // Terminal A holds the head of the line in an open transaction...
    const holder = a.transaction(async (tx) => {
      const head = await tx.nextWaitingForUpdate({
        serviceDay: '2026-03-02',
        serviceIds: ['ho-tich'],
        counterId: 'q1',
        priority: false,
      });
      locked();
      await held;
      return head?.label;
    });
    await isLocked;
    // ...and B's call-next neither waits for it nor takes it. (If it waited, this await would
    // hang until the statement timeout and fail.)
    try {
      expect((await queueB.callNext('q2'))?.label).toBe('A002');
    } finally {
      release();
    }
    expect(await holder).toBe('A001');
    expect((await queueB.callNext('q1'))?.label).toBe('A001');
  });

  it('carries on after the server killed its pooled connections', async () => {
    const db = await server.createDatabase();
    const kiosk = await open(db);
    const queue = makeQueueService(kiosk, new ManualClock('2026-03-02T01:00:00.000Z'));
    await queue.issueTicket({ serviceId: 'ho-tich' });
    const killed = await server.adminQuery(
      'postgres',
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1',
      [db.database],
    );
    expect(killed.rowCount).toBeGreaterThan(0);
    expect((await queue.issueTicket({ serviceId: 'ho-tich' })).ticket.label).toBe('A002');
  });

  it('applies versioned migrations once, even when terminals start together', async () => {
    const db = await server.createDatabase();
    const [a] = await Promise.all([open(db), open(db), open(db)]);
    const queue = makeQueueService(a, new ManualClock('2026-03-02T01:00:00.000Z'));
    await queue.issueTicket({ serviceId: 'ho-tich' });
    await open(db);
    const r = await server.adminQuery(
      db.database ?? '',
      'SELECT version, name FROM schema_migrations',
    );
    expect(r.rows).toEqual([{ version: 1, name: 'queue' }]);
    const tickets = await server.adminQuery(db.database ?? '', 'SELECT label FROM queue_tickets');
    expect(tickets.rows).toEqual([{ label: 'A001' }]);
  });

  it('refuses a database from a newer app version', async () => {
    const db = await server.createDatabase();
    await open(db);
    await server.adminQuery(
      db.database ?? '',
      `INSERT INTO schema_migrations (version, name) VALUES (2, 'future')`,
    );
    await expect(PostgresQueueStore.open({ connection: db })).rejects.toMatchObject({
      code: 'STORAGE_MIGRATION_FAILED',
    });
  });

  it('fails with STORAGE_UNAVAILABLE when no server answers, and after close', async () => {
    const port = await freePort();
    const err: unknown = await PostgresQueueStore.open({
      connection: { host: '127.0.0.1', port, user: 'x', password: 'x', database: 'x' },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('STORAGE_UNAVAILABLE');

    const store = await PostgresQueueStore.open({ connection: await server.createDatabase() });
    await store.close();
    await expect(store.lastEventId()).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
  });
});
