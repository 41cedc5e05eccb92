/** SQLite-only behaviour: file setup, versioned migrations, events across connections. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { QueueEvent } from '../../../common/queue';
import { ManualClock, makeQueueService } from '../queue-test-fixtures';
import { SqliteQueueStore } from './sqlite-queue-store';

const dir = mkdtempSync(path.join(tmpdir(), 'motcua-sqlite-'));
let opened: SqliteQueueStore[] = [];
let n = 0;

function open(file: string): SqliteQueueStore {
  const store = SqliteQueueStore.open({ path: file, pollIntervalMs: 20 });
  opened.push(store);
  return store;
}

function query(file: string, sql: string): unknown[] {
  const db = new DatabaseSync(file);
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

afterEach(async () => {
  await Promise.all(opened.map((s) => s.close()));
  opened = [];
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SqliteQueueStore', () => {
  it('creates a WAL database with its schema version recorded, once', async () => {
    const file = path.join(dir, `q${++n}.db`);
    const store = open(file);
    await makeQueueService(store, new ManualClock('2026-03-02T01:00:00.000Z')).issueTicket({
      serviceId: 'ho-tich',
    });
    await store.close();
    open(file);
    expect(query(file, 'PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(query(file, 'SELECT version, name FROM schema_migrations')).toEqual([
      { version: 1, name: 'queue' },
    ]);
    expect(query(file, 'SELECT label FROM queue_tickets')).toEqual([{ label: 'A001' }]);
  });

  it('refuses a database from a newer app version', async () => {
    const file = path.join(dir, `q${++n}.db`);
    await open(file).close();
    query(file, `INSERT INTO schema_migrations VALUES (2, 'future', '2030-01-01') RETURNING 1`);
    expect(() => SqliteQueueStore.open({ path: file })).toThrow(
      expect.objectContaining({ code: 'STORAGE_MIGRATION_FAILED' }),
    );
  });

  it('fails with STORAGE_UNAVAILABLE on a path it cannot open, and after close', async () => {
    expect(() => SqliteQueueStore.open({ path: path.join(dir, 'missing', 'q.db') })).toThrow(
      expect.objectContaining({ code: 'STORAGE_UNAVAILABLE' }),
    );
    const store = open(path.join(dir, `q${++n}.db`));
    await store.close();
    await expect(store.lastEventId()).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
  });

  it('delivers events written through another connection (another process)', async () => {
    const file = path.join(dir, `q${++n}.db`);
    const display = open(file);
    const counter = open(file);
    const seen: QueueEvent[] = [];
    display.onEvent((e) => seen.push(e), { afterEventId: 0 });
    const queue = makeQueueService(counter, new ManualClock('2026-03-02T01:00:00.000Z'));
    const { ticket } = await queue.issueTicket({ serviceId: 'chung-thuc' });
    await queue.callNext('q1');
    await expect
      .poll(() => seen.map((e) => e.type), { timeout: 10_000 })
      .toEqual(['ticket-issued', 'ticket-called']);
    expect(seen[1]?.ticket).toMatchObject({ id: ticket.id, label: 'C001', counterId: 'q1' });
  });
});
