import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../common/errors';
import { HttpCityGateway } from '../../city/http-city-gateway';
import { DossierKeyFile } from '../../platform/dossier-key-file';
import { SqliteDossierStore } from '../../storage/dossier/sqlite-dossier-store';
import {
  CITY_SIMULATOR_CLIENT,
  CityServerSimulator,
} from '../../../simulators/city/city-server-simulator';
import { DossierOutbox, type DossierOutboxOptions } from './dossier-outbox';
import type { DossierDraft, DossierState, DossierStatus } from './dossier-types';

const OWNER = {
  fullName: 'Nguyễn Thị Thu Hà',
  idNumber: '092185001234',
  dateOfBirth: '1985-03-14',
};
/** A JPEG-looking attachment with a recognisable plaintext marker. */
const PHOTO = new Uint8Array([
  0xff,
  0xd8,
  0xff,
  0xe0,
  ...Buffer.from('GIAY-CHUNG-SINH-PLAINTEXT'),
  0xff,
  0xd9,
]);

function draft(ownerName = OWNER.fullName, overrides: Partial<DossierDraft> = {}): DossierDraft {
  return {
    procedureCode: '1.001193',
    caseCode: 'TH01',
    channel: 'truc-tiep',
    receivingPointId: 'KIOSK-01',
    owner: { ...OWNER, fullName: ownerName },
    formData: {
      hoTenNguoiYeuCau: ownerName,
      soDinhDanhNguoiYeuCau: OWNER.idNumber,
      noiCuTru: 'Số 12 đường Mậu Thân, phường Ninh Kiều, thành phố Cần Thơ',
      quanHeVoiTre: 'Mẹ',
      treHoTen: 'Lê Hoàng Minh An',
      treNgaySinh: '2026-11-20',
      treGioiTinh: 'Nam',
      treNoiSinh: 'Bệnh viện Phụ sản thành phố Cần Thơ',
      meHoTen: ownerName,
    },
    attachments: [
      { documentCode: 'GCS', fileName: 'giấy chứng sinh.jpg', mimeType: 'image/jpeg', data: PHOTO },
    ],
    consentRef: 'consent-42',
    verifiedByChip: true,
    nationalDatabasesUsed: ['CSDLDC'],
    ...overrides,
  };
}

const sim = new CityServerSimulator({ seed: 11 });
let simUrl = '';
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  simUrl = (await sim.start()).url;
});
afterAll(() => sim.stop());
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  sim.faults.clearArmed();
});

interface Rig {
  outbox: DossierOutbox;
  store: SqliteDossierStore;
  dir: string;
  events: DossierStatus[];
}

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(tmpdir(), 'motcua-outbox-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function rig(
  opts: {
    dir?: string;
    url?: string;
    timeoutMs?: number;
    start?: boolean;
  } & Partial<DossierOutboxOptions> = {},
): Promise<Rig> {
  const dir = opts.dir ?? tempDir();
  const store = SqliteDossierStore.open({ path: path.join(dir, 'dossiers.db') });
  const gateway = new HttpCityGateway({
    baseUrl: opts.url ?? simUrl,
    clientId: CITY_SIMULATOR_CLIENT.clientId,
    clientSecret: CITY_SIMULATOR_CLIENT.clientSecret,
    timeoutMs: opts.timeoutMs ?? 2000,
    retries: 0, // the outbox does the retrying
  });
  const outbox = await DossierOutbox.open({
    store,
    gateway,
    keys: new DossierKeyFile({ dir: path.join(dir, 'keys') }),
    attachmentsDir: path.join(dir, 'attachments'),
    backoff: { baseMs: 10, maxMs: 80 },
    random: () => 0.5,
    ...opts,
  });
  const events: DossierStatus[] = [];
  outbox.onChange((s) => events.push(s));
  cleanups.push(async () => {
    await outbox.stop();
    store.close();
  });
  if (opts.start !== false) outbox.start();
  return { outbox, store, dir, events };
}

function atSimulator(ownerName: string): { code: string }[] {
  return sim.dossiers
    .all()
    .filter((d) => d.ChuHoSo.HoVaTen === ownerName)
    .map((d) => ({ code: d.MaHoSo }));
}

function waitForState(r: Rig, localRef: string, state: DossierState): Promise<DossierStatus> {
  return new Promise((resolve) => {
    const off = r.outbox.onChange((s) => {
      if (s.localRef === localRef && s.state === state) {
        off();
        resolve(s);
      }
    });
  });
}

describe('DossierOutbox against the city simulator over HTTP', () => {
  it('stores first, answers with a provisional receipt, then gets the city code', async () => {
    const r = await rig();
    const name = 'Nguyễn Thị Hạnh Phúc';
    const receipt = await r.outbox.submit(draft(name));
    expect(receipt.localRef).toMatch(/^TAM-\d{6}-[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(receipt.procedureCode).toBe('1.001193');

    const status = await r.outbox.waitForCode(receipt.localRef, 10_000);
    expect(status.state).toBe('acknowledged');
    const atCity = atSimulator(name);
    expect(atCity).toEqual([{ code: status.code }]);
    expect(status.code).toMatch(/^000\.00\.17\.H13-\d{6}-\d{4}$/);
    expect(status.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(status.attempts).toBe(1);

    const details = await r.outbox.details(receipt.localRef);
    expect(details.draft?.owner.fullName).toBe(name);
    expect(details.draft?.attachments[0]).toMatchObject({
      fileName: 'giấy chứng sinh.jpg',
      size: PHOTO.length,
    });
    expect(details.history.map((h) => h.state)).toEqual(['pending', 'sent', 'acknowledged']);
    expect(r.events.map((e) => e.state)).toEqual(['pending', 'sent', 'acknowledged']);
    expect(await r.outbox.counts()).toMatchObject({ acknowledged: 1, pending: 0, sent: 0 });
  });

  it('with the city down the citizen still gets a receipt, and the code follows when it is back', async () => {
    const down = new CityServerSimulator({ seed: 3 });
    const { url } = await down.start();
    const port = Number(new URL(url).port);
    await down.stop();
    cleanups.push(() => down.stop());
    const r = await rig({ url });
    const receipt = await r.outbox.submit(draft('Trần Văn Mất Mạng'));
    const failed = await waitForState(r, receipt.localRef, 'failed-retrying');
    expect(failed.lastError?.code).toBe('CITY_UNREACHABLE');
    expect(failed.code).toBeUndefined();
    const counter = await r.outbox.list({ states: ['pending', 'sent', 'failed-retrying'] });
    expect(counter.map((s) => s.localRef)).toContain(receipt.localRef);
    // The kiosk waits briefly, then prints the provisional receipt.
    expect((await r.outbox.waitForCode(receipt.localRef, 50)).code).toBeUndefined();

    await down.start({ port });
    const acked = await r.outbox.waitForCode(receipt.localRef, 10_000);
    expect(acked.state).toBe('acknowledged');
    expect(down.dossiers.all().map((d) => d.MaHoSo)).toEqual([acked.code]);
    expect(acked.attempts).toBeGreaterThanOrEqual(2);
  });

  it('staff can retry now; once the city answers, the other waiting dossiers go at once', async () => {
    const down = new CityServerSimulator({ seed: 4 });
    const { url } = await down.start();
    const port = Number(new URL(url).port);
    await down.stop();
    cleanups.push(() => down.stop());
    // Backoff of 30 s (pinned jitter): without the two mechanisms nothing would move in this test.
    const r = await rig({ url, backoff: { baseMs: 60_000, maxMs: 60_000 } });
    const a = await r.outbox.submit(draft('Đỗ Văn Thứ Nhất'));
    const b = await r.outbox.submit(draft('Đỗ Văn Thứ Hai'));
    await Promise.all([
      waitForState(r, a.localRef, 'failed-retrying'),
      waitForState(r, b.localRef, 'failed-retrying'),
    ]);
    const resent = waitForState(r, b.localRef, 'sent');
    expect(await r.outbox.retryNow(b.localRef)).toMatchObject({ state: 'failed-retrying' });
    expect((await resent).attempts).toBe(2);
    await waitForState(r, b.localRef, 'failed-retrying'); // still down: back to waiting
    await down.start({ port });
    await r.outbox.retryNow(a.localRef);
    const [ackA, ackB] = await Promise.all([
      r.outbox.waitForCode(a.localRef, 10_000),
      r.outbox.waitForCode(b.localRef, 10_000),
    ]);
    expect([ackA.state, ackB.state]).toEqual(['acknowledged', 'acknowledged']);
    expect(down.dossiers.count()).toBe(2);
  });

  it('retries 5xx, timeouts and an answer dropped after the commit with backoff, and creates one dossier', async () => {
    const r = await rig({ timeoutMs: 300 });
    sim.injectNext('server-error', 2, '/api/v1/dossiers');
    sim.injectNext('timeout', 1, '/api/v1/dossiers');
    sim.injectNext('drop-after-commit', 1, '/api/v1/dossiers');
    const name = 'Lê Thị Kiên Nhẫn';
    const receipt = await r.outbox.submit(draft(name));
    const status = await r.outbox.waitForCode(receipt.localRef, 15_000);
    expect(status.state).toBe('acknowledged');
    expect(status.attempts).toBe(5);
    expect(atSimulator(name)).toEqual([{ code: status.code }]);

    const notes = (await r.outbox.details(receipt.localRef)).history.map((h) => h.note);
    const retries = notes.filter((n) => n.includes('next attempt'));
    // Full jitter pinned at 0.5: half of 10·2^(n-1) ms, capped at 80.
    expect(retries).toEqual([
      'CITY_SERVER_ERROR; next attempt in 5 ms',
      'CITY_SERVER_ERROR; next attempt in 10 ms',
      'CITY_TIMEOUT; next attempt in 20 ms',
      'CITY_UNREACHABLE; next attempt in 40 ms',
    ]);
    expect(notes.at(-1)).toBe(`acknowledged by the city: ${status.code} (replayed answer)`);
  });

  it('keeps the city’s rejection reason for staff and does not send again', async () => {
    let now = Date.now();
    const r = await rig({ retentionMs: 60_000, now: () => now });
    const receipt = await r.outbox.submit(draft('Phạm Văn Sai Mẫu', { procedureCode: '9.999999' }));
    const status = await r.outbox.waitForCode(receipt.localRef, 10_000);
    expect(status.state).toBe('rejected');
    expect(status.rejectionReason).toContain('MaTTHC is not in the catalogue');
    expect(status.code).toBeUndefined();
    const before = sim.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sim.requests.length).toBe(before);
    expect((await r.outbox.list({ states: ['rejected'] })).map((s) => s.localRef)).toEqual([
      receipt.localRef,
    ]);
    expect((await r.outbox.details(receipt.localRef)).draft?.owner.fullName).toBe(
      'Phạm Văn Sai Mẫu',
    );
    // After the retention period the personal data goes; the reason stays.
    now += 60_001;
    expect(await r.outbox.purgeExpired()).toBe(1);
    const purged = await r.outbox.details(receipt.localRef);
    expect(purged.draft).toBeUndefined();
    expect(purged.status.rejectionReason).toBe(status.rejectionReason);
  });

  it('resumes after a restart: dossiers stored while stopped are sent by the next process', async () => {
    const dir = tempDir();
    const first = await rig({ dir, start: false });
    const names = ['Võ Văn Một', 'Võ Văn Hai', 'Võ Văn Ba'];
    const refs = [];
    for (const n of names) refs.push((await first.outbox.submit(draft(n))).localRef);
    // A crash mid-send leaves a dossier in `sent`: it must be sent again with the same key.
    await first.store.transition(
      refs[0] ?? '',
      ['pending'],
      { state: 'sent', attempts: 1 },
      'test: crash mid-send',
      Date.now(),
    );
    await first.outbox.stop();
    first.store.close();

    const second = await rig({ dir });
    for (const ref of refs) {
      expect((await second.outbox.waitForCode(ref, 10_000)).state).toBe('acknowledged');
    }
    for (const n of names) expect(atSimulator(n)).toHaveLength(1);
  });

  it('encrypts personal data at rest: neither the SQLite files nor the attachment files hold it', async () => {
    const r = await rig({ start: false });
    const name = 'Đặng Thị Bảo Mật';
    const receipt = await r.outbox.submit(draft(name));
    const files = filesUnder(r.dir).filter((f) => !f.includes(`${path.sep}keys${path.sep}`));
    expect(files.some((f) => f.endsWith('.bin'))).toBe(true);
    expect(files.some((f) => f.endsWith('dossiers.db'))).toBe(true);
    const secrets = [
      name,
      OWNER.idNumber,
      'Mậu Thân',
      'Lê Hoàng Minh An',
      'giấy chứng sinh',
      'GIAY-CHUNG-SINH-PLAINTEXT',
    ];
    for (const f of files) {
      const bytes = fs.readFileSync(f);
      for (const s of secrets) {
        for (const form of [s, s.normalize('NFD')]) {
          expect(bytes.includes(Buffer.from(form, 'utf8')), `${s} in ${f}`).toBe(false);
        }
      }
    }
    // The row is there, sealed.
    const db = new DatabaseSync(path.join(r.dir, 'dossiers.db'), { readOnly: true });
    const row = db.prepare('SELECT sealed FROM dossiers WHERE local_ref = ?').get(receipt.localRef);
    db.close();
    expect((row?.sealed as Uint8Array)[0]).toBe(0x01);
  });

  it('purges personal data and attachments after the retention period, keeping code and status', async () => {
    let now = Date.now();
    const r = await rig({ retentionMs: 60_000, now: () => now });
    const receipt = await r.outbox.submit(draft('Huỳnh Văn Xoá'));
    const acked = await r.outbox.waitForCode(receipt.localRef, 10_000);
    expect(await r.outbox.purgeExpired()).toBe(0);
    expect(fs.existsSync(path.join(r.dir, 'attachments', receipt.localRef))).toBe(true);
    now += 60_001;
    expect(await r.outbox.purgeExpired()).toBe(1);
    const after = await r.outbox.details(receipt.localRef);
    expect(after.draft).toBeUndefined();
    expect(after.status).toMatchObject({ state: 'acknowledged', code: acked.code });
    expect(after.status.purgedAt).toBeDefined();
    expect(fs.existsSync(path.join(r.dir, 'attachments', receipt.localRef))).toBe(false);
  });

  it('refuses a malformed draft before storing anything', async () => {
    const r = await rig({ start: false });
    const bad = draft('Ai Đó', { owner: { fullName: 'Ai Đó', idNumber: '12345' } });
    await expect(r.outbox.submit(bad)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const noFile = draft('Ai Đó', {
      attachments: [
        {
          documentCode: 'GCS',
          fileName: 'x.gif',
          mimeType: 'image/gif' as 'image/png',
          data: PHOTO,
        },
      ],
    });
    await expect(r.outbox.submit(noFile)).rejects.toBeInstanceOf(AppError);
    expect(await r.outbox.list()).toEqual([]);
    expect(fs.readdirSync(path.join(r.dir, 'attachments'))).toEqual([]);
    await expect(r.outbox.waitForCode('TAM-000000-00000000', 10)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('cannot read stored data with another installation’s key, and removes orphan folders at start', async () => {
    const dir = tempDir();
    const first = await rig({ dir, start: false });
    const receipt = await first.outbox.submit(draft('Bùi Văn Khoá'));
    await first.outbox.stop();
    first.store.close();
    fs.mkdirSync(path.join(dir, 'attachments', 'TAM-261128-ORPHAN00'));
    fs.rmSync(path.join(dir, 'keys'), { recursive: true });
    const second = await rig({ dir, start: false, orphanGraceMs: 0 });
    await expect(second.outbox.details(receipt.localRef)).rejects.toMatchObject({
      code: 'DOSSIER_DATA_UNREADABLE',
    });
    expect(fs.readdirSync(path.join(dir, 'attachments'))).toEqual([receipt.localRef]);
  });
});

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}
