import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewDossierRecord } from '../../services/dossier/dossier-store';
import { SqliteAuditStore } from '../audit/sqlite-audit-store';
import { SqliteDossierStore } from './sqlite-dossier-store';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function dbPath(): string {
  const dir = fs.mkdtempSync(path.join(tmpdir(), 'motcua-dstore-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'dossiers.db');
}

function open(file: string): SqliteDossierStore {
  const store = SqliteDossierStore.open({ path: file });
  cleanups.push(() => store.close());
  return store;
}

function rec(localRef: string, createdAt = 1000): NewDossierRecord {
  return {
    localRef,
    idempotencyKey: `key-${localRef}`,
    procedureCode: '1.001193',
    caseCode: 'TH01',
    channel: 'truc-tiep',
    receivingPointId: 'KIOSK-01',
    createdAt,
    sealed: new Uint8Array([1, 2, 3]),
    attachmentCount: 1,
  };
}

describe('SqliteDossierStore', () => {
  it('opens in WAL with synchronous=FULL and records its migrations in its own table', () => {
    const file = dbPath();
    open(file).close();
    open(file); // reopening applies nothing twice
    const db = new DatabaseSync(file, { readOnly: true });
    cleanups.push(() => db.close());
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(db.prepare('SELECT version, name FROM dossier_schema_migrations').all()).toEqual([
      { version: 1, name: 'dossier outbox' },
    ]);
  });

  it('refuses a database written by a newer app', () => {
    const file = dbPath();
    open(file).close();
    const db = new DatabaseSync(file);
    db.exec("INSERT INTO dossier_schema_migrations VALUES (2, 'future', '2030-01-01')");
    db.close();
    expect(() => SqliteDossierStore.open({ path: file })).toThrow(
      expect.objectContaining({ code: 'STORAGE_MIGRATION_FAILED' }),
    );
  });

  it('shares a file with the audit store (separate migration tables)', async () => {
    const file = dbPath();
    const store = open(file);
    const audit = SqliteAuditStore.open({ path: file });
    cleanups.push(() => audit.close());
    expect(await store.insert(rec('TAM-261128-AAAAAAAA'), 'received')).toBe(true);
    expect(await audit.verifyChain()).toEqual({ ok: true, records: 0 });
  });

  it('inserts once per local reference, with a history entry', async () => {
    const store = open(dbPath());
    expect(await store.insert(rec('TAM-261128-AAAAAAAA'), 'received')).toBe(true);
    expect(await store.insert(rec('TAM-261128-AAAAAAAA'), 'again')).toBe(false);
    const r = await store.get('TAM-261128-AAAAAAAA');
    expect(r).toMatchObject({ state: 'pending', attempts: 0, code: null, attachmentCount: 1 });
    expect(Buffer.from(r?.sealed ?? [])).toEqual(Buffer.from([1, 2, 3]));
    expect(await store.history('TAM-261128-AAAAAAAA')).toEqual([
      { at: new Date(1000).toISOString(), state: 'pending', note: 'received' },
    ]);
  });

  it('applies a transition only from the given states, with its history in the same transaction', async () => {
    const store = open(dbPath());
    const ref = 'TAM-261128-BBBBBBBB';
    await store.insert(rec(ref), 'received');
    expect(
      await store.transition(ref, ['sent'], { state: 'acknowledged', code: 'X' }, 'no', 2000),
    ).toBeUndefined();
    const sent = await store.transition(
      ref,
      ['pending'],
      { state: 'sent', attempts: 1 },
      'sending',
      2000,
    );
    expect(sent).toMatchObject({ state: 'sent', attempts: 1, updatedAt: 2000 });
    // The schema refuses an acknowledgement without a code: nothing of it stays, history neither.
    await expect(
      store.transition(ref, ['sent'], { state: 'acknowledged' }, 'bad', 3000),
    ).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
    expect((await store.get(ref))?.state).toBe('sent');
    expect((await store.history(ref)).map((h) => h.note)).toEqual(['received', 'sending']);
    const acked = await store.transition(
      ref,
      ['sent'],
      {
        state: 'acknowledged',
        code: '000.00.17.H13-261128-0001',
        acknowledgedAt: 4000,
        purgeAfter: 5000,
      },
      'acknowledged',
      4000,
    );
    expect(acked).toMatchObject({ code: '000.00.17.H13-261128-0001', purgeAfter: 5000 });
    expect(await store.purgeDue(4999, 10)).toEqual([]);
    expect((await store.purgeDue(5000, 10)).map((r) => r.localRef)).toEqual([ref]);
    await store.transition(ref, ['acknowledged'], { sealed: null, purgedAt: 5000 }, 'purged', 5000);
    expect(await store.purgeDue(6000, 10)).toEqual([]);
    expect((await store.get(ref))?.sealed).toBeNull();
  });

  it('lists due dossiers oldest first, skipping those in flight and those waiting out a backoff', async () => {
    const store = open(dbPath());
    for (const [i, ref] of [
      'TAM-261128-0000000A',
      'TAM-261128-0000000B',
      'TAM-261128-0000000C',
    ].entries()) {
      await store.insert(rec(ref, 1000 + i), 'received');
    }
    await store.transition(
      'TAM-261128-0000000A',
      ['pending'],
      { state: 'failed-retrying', nextAttemptAt: 9000 },
      'wait',
      1500,
    );
    expect((await store.due(5000, 10, new Set())).map((r) => r.localRef)).toEqual([
      'TAM-261128-0000000B',
      'TAM-261128-0000000C',
    ]);
    expect(
      (await store.due(5000, 1, new Set(['TAM-261128-0000000B']))).map((r) => r.localRef),
    ).toEqual(['TAM-261128-0000000C']);
    expect(await store.nextDueAt(new Set(['TAM-261128-0000000B', 'TAM-261128-0000000C']))).toBe(
      9000,
    );
    expect((await store.due(9000, 10, new Set())).map((r) => r.localRef)).toEqual([
      'TAM-261128-0000000B',
      'TAM-261128-0000000C',
      'TAM-261128-0000000A',
    ]);
    expect(await store.rescheduleRetrying(2000)).toBe(1);
    expect((await store.get('TAM-261128-0000000A'))?.nextAttemptAt).toBe(2000);
    expect(await store.counts()).toEqual({
      pending: 2,
      sent: 0,
      acknowledged: 0,
      rejected: 0,
      'failed-retrying': 1,
    });
    expect((await store.list({ states: ['pending'], limit: 1 })).map((r) => r.localRef)).toEqual([
      'TAM-261128-0000000C',
    ]);
    store.close();
    await expect(store.get('TAM-261128-0000000A')).rejects.toMatchObject({
      code: 'STORAGE_UNAVAILABLE',
    });
  });
});
