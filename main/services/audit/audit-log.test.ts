import { createHash, createHmac } from 'node:crypto';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { PopulationRegistry } from '../../../simulators/city/population-registry';
import { DossierKeyFile } from '../../platform/dossier-key-file';
import { SqliteAuditStore } from '../../storage/audit/sqlite-audit-store';
import { AuditLog } from './audit-log';
import type { ConsentAuditEntry, PopulationLookupAuditEntry } from './audit-port';

const ID = '092185001234';
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

async function openLog(dir = fs.mkdtempSync(path.join(tmpdir(), 'motcua-audit-'))) {
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const store = SqliteAuditStore.open({ path: path.join(dir, 'audit.db') });
  cleanups.push(() => store.close());
  let t = Date.parse('2026-11-28T02:00:00Z');
  const log = await AuditLog.open({
    store,
    keys: new DossierKeyFile({ dir: path.join(dir, 'keys') }),
    now: () => new Date((t += 1000)),
  });
  return { log, store, dir };
}

const lookup: PopulationLookupAuditEntry = {
  actor: { kind: 'kiosk', id: 'KIOSK-01' },
  terminalId: 'KIOSK-01',
  procedureCode: '1.001193',
  purpose: 'Điền sẵn tờ khai đăng ký khai sinh',
  idNumber: ID,
  consentRef: 'consent-42',
  outcome: 'found',
  fields: ['HoVaTen', 'NgayThangNamSinh', 'ThuongTru'],
};

const consent: ConsentAuditEntry = {
  actor: { kind: 'staff', id: 'CB-0007' },
  terminalId: 'QUAY-03',
  procedureCode: '1.001193',
  purpose: 'Điền sẵn tờ khai đăng ký khai sinh',
  idNumber: ID,
  consentRef: 'consent-43',
  decision: 'granted',
  fields: ['Họ và tên', 'Ngày sinh', 'Nơi thường trú'],
  legalBasis: 'Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15',
};

describe('AuditLog', () => {
  it('records every lookup and consent completely, with the ID only as a salted hash', async () => {
    const { log, dir } = await openLog();
    const a = await log.recordLookup(lookup);
    const b = await log.recordConsent(consent);
    expect(a).toMatchObject({
      id: 1,
      kind: 'population-lookup',
      actorKind: 'kiosk',
      actorId: 'KIOSK-01',
      terminalId: 'KIOSK-01',
      procedureCode: '1.001193',
      purpose: lookup.purpose,
      consentRef: 'consent-42',
      outcome: 'found',
      fields: lookup.fields,
      at: '2026-11-28T02:00:01.000Z',
    });
    expect(b).toMatchObject({
      id: 2,
      kind: 'consent',
      actorKind: 'staff',
      actorId: 'CB-0007',
      terminalId: 'QUAY-03',
      outcome: 'granted',
      legalBasis: consent.legalBasis,
    });
    const stored = await log.query();
    expect(stored).toEqual([b, a]);
    for (const r of stored) {
      for (const [k, v] of Object.entries(r)) expect(v, k).not.toBe('');
      expect(r.idHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(r)).not.toContain(ID);
    }
    // Nowhere on disk either (database and its WAL).
    for (const f of fs.readdirSync(dir).filter((n) => n.startsWith('audit.db'))) {
      expect(fs.readFileSync(path.join(dir, f)).includes(Buffer.from(ID)), f).toBe(false);
    }
  });

  it('hashes with HMAC-SHA-256 under the installation salt: not reversible without it', async () => {
    const { log, dir } = await openLog();
    const r = await log.recordLookup(lookup);
    const salt = fs.readFileSync(path.join(dir, 'keys', 'audit-id-salt.key'));
    expect(salt).toHaveLength(32);
    expect(r.idHash).toBe(createHmac('sha256', salt).update(ID).digest('hex'));

    // An attacker with the database but not the salt tries every known citizen's number.
    const candidates = [
      ...new Set([...new PopulationRegistry().all().map((c) => c.SoDinhDanh), ID]),
    ];
    expect(candidates.length).toBeGreaterThan(200);
    const guesses = new Set<string>();
    for (const id of candidates) {
      guesses.add(createHash('sha256').update(id).digest('hex'));
      guesses.add(createHmac('sha256', '').update(id).digest('hex'));
      guesses.add(createHmac('sha256', Buffer.alloc(32)).update(id).digest('hex'));
    }
    expect(guesses.has(r.idHash)).toBe(false);
    // With the salt the same search finds it: the salt is what protects the number.
    const withSalt = candidates.filter(
      (id) => createHmac('sha256', salt).update(id).digest('hex') === r.idHash,
    );
    expect(withSalt).toEqual([ID]);

    // Another installation hashes the same number differently (no linking across sites).
    const other = await openLog();
    expect((await other.log.recordLookup(lookup)).idHash).not.toBe(r.idHash);
  });

  it('finds a citizen’s records by ID number and filters for the audit screen', async () => {
    const { log } = await openLog();
    await log.recordConsent(consent);
    await log.recordLookup(lookup);
    await log.recordLookup({ ...lookup, idNumber: '092190004321', outcome: 'not-found' });
    await log.recordLookup({
      ...lookup,
      terminalId: 'KIOSK-02',
      actor: { kind: 'kiosk', id: 'KIOSK-02' },
    });
    expect((await log.query({ idNumber: ID })).map((r) => r.id)).toEqual([4, 2, 1]);
    expect((await log.query({ idNumber: '092190004321' })).map((r) => r.outcome)).toEqual([
      'not-found',
    ]);
    expect((await log.query({ kind: 'consent' })).map((r) => r.id)).toEqual([1]);
    expect((await log.query({ terminalId: 'KIOSK-02' })).map((r) => r.id)).toEqual([4]);
    expect((await log.query({ actorId: 'CB-0007' })).map((r) => r.id)).toEqual([1]);
    expect((await log.query({ limit: 2 })).map((r) => r.id)).toEqual([4, 3]);
    expect((await log.query({ limit: 2, beforeId: 3 })).map((r) => r.id)).toEqual([2, 1]);
    expect(
      (await log.query({ from: '2026-11-28T02:00:02.000Z', to: '2026-11-28T02:00:03.000Z' })).map(
        (r) => r.id,
      ),
    ).toEqual([3, 2]);
    await expect(log.query({ idNumber: '12' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('refuses incomplete records and writes nothing', async () => {
    const { log } = await openLog();
    const bad: unknown[] = [
      { ...lookup, purpose: ' ' },
      { ...lookup, idNumber: '09218500123' },
      { ...lookup, actor: { kind: 'kiosk', id: '' } },
      { ...lookup, actor: { kind: 'robot', id: 'x' } },
      { ...lookup, terminalId: undefined },
      { ...lookup, procedureCode: '' },
      { ...lookup, consentRef: '' },
      { ...lookup, fields: [] },
      { ...lookup, outcome: 'maybe' },
    ];
    for (const e of bad) {
      await expect(log.recordLookup(e as PopulationLookupAuditEntry)).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
    }
    await expect(log.recordConsent({ ...consent, legalBasis: '' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(
      log.recordConsent({ ...consent, decision: 'perhaps' as 'granted' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await log.query()).toEqual([]);
  });

  it('is append-only, and the hash chain shows an edit made behind its back', async () => {
    const { log, store, dir } = await openLog();
    for (let i = 0; i < 3; i++) await log.recordLookup(lookup);
    expect(await log.verify()).toEqual({ ok: true, records: 3 });
    const db = new DatabaseSync(path.join(dir, 'audit.db'));
    expect(() => db.exec("UPDATE audit_records SET purpose = 'x' WHERE id = 2")).toThrow(
      /append-only/,
    );
    expect(() => db.exec('DELETE FROM audit_records WHERE id = 1')).toThrow(/append-only/);
    // Someone with the file drops the trigger and edits a record: the chain breaks there.
    db.exec('DROP TRIGGER audit_no_update');
    db.exec("UPDATE audit_records SET outcome = 'not-found' WHERE id = 2");
    db.close();
    expect(await store.verifyChain()).toEqual({ ok: false, records: 2, firstBadId: 2 });
  });
});
