import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_CITIZENS } from '../data/card-citizens.js';
import {
  CITY_SIMULATOR_CATALOGUE_CLIENT,
  CITY_SIMULATOR_CLIENT,
  CityServerSimulator,
} from './city-server-simulator.js';
import { SEED_PROCEDURES } from './procedure-catalogue.js';
import { SpecValidator } from './spec-validator.js';
import { crc16CcittFalse } from './vietqr.js';

/** Raw HTTP against the simulator; every answer is checked against the OpenAPI spec. */
const spec = new SpecValidator();
// 2026-02-13 10:00 in Viet Nam (UTC+7): a Friday just before the Tết 2026 break.
let clock = new Date('2026-02-13T03:00:00Z');
const sim = new CityServerSimulator({ now: () => clock });
let base = '';

async function token(client = CITY_SIMULATOR_CLIENT): Promise<string> {
  const res = await fetch(`${base}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
    }),
  });
  const body = (await res.json()) as { access_token: string };
  expect(spec.responseErrors('POST', '/oauth/token', res.status, body)).toBeNull();
  return body.access_token;
}

let bearer = '';

/** Calls the simulator and validates the answer against the spec for `template`. */
async function call(
  method: 'GET' | 'POST',
  path: string,
  template: string,
  opts: { body?: unknown; headers?: Record<string, string>; auth?: string | null } = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const headers: Record<string, string> = { ...opts.headers };
  const auth = opts.auth === undefined ? bearer : opts.auth;
  if (auth !== null) headers.authorization = `Bearer ${auth}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
  });
  const body: unknown = await res.json();
  expect(spec.responseErrors(method, template, res.status, body)).toBeNull();
  return { status: res.status, body, headers: res.headers };
}

beforeAll(async () => {
  base = (await sim.start()).url;
  bearer = await token();
});
afterAll(() => sim.stop());

const thuHa = CARD_CITIZENS[0];
if (thuHa === undefined) throw new Error('card citizens missing');

function lookupBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    MaYeuCau: 'req-0001',
    SoDinhDanh: thuHa?.idNumber,
    HoVaTen: thuHa?.fullName,
    NgayThangNamSinh: thuHa?.dateOfBirth,
    MucDich: 'Điền sẵn tờ khai đăng ký khai sinh',
    MaDongY: 'consent-1',
    MaThietBi: 'KIOSK-01',
    ...overrides,
  };
}

function dossierBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    MaTTHC: '1.004222',
    KenhThucHien: 'TRUC_TIEP',
    MaDiemTiepNhan: 'KIOSK-01',
    ChuHoSo: { HoVaTen: thuHa?.fullName, SoDinhDanh: thuHa?.idNumber },
    DuLieuBieuMau: {
      hoTenNguoiYeuCau: thuHa?.fullName,
      soDinhDanhNguoiYeuCau: thuHa?.idNumber,
      noiCuTru: thuHa?.placeOfResidence,
      noiDungDeNghi: 'Đăng ký thường trú',
      diaChiDangKy: 'Số 5, đường Mậu Thân, phường An Bình, thành phố Cần Thơ',
    },
    ThanhPhanHoSo: [
      {
        MaThanhPhanHoSo: 'CT01',
        TenTep: 'tờ khai CT01.pdf',
        LoaiTep: 'application/pdf',
        DuLieu: Buffer.from('%PDF-1.4 synthetic').toString('base64'),
      },
    ],
    ...overrides,
  };
}

describe('CityServerSimulator: OAuth2', () => {
  it('refuses a wrong secret (401) and an unsupported grant (400) in RFC 6749 §5.2 form', async () => {
    const wrong = await fetch(`${base}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=motcua-kiosk&client_secret=nope',
    });
    const wrongBody = await wrong.json();
    expect(wrong.status).toBe(401);
    expect(wrongBody).toMatchObject({ error: 'invalid_client' });
    expect(spec.responseErrors('POST', '/oauth/token', 401, wrongBody)).toBeNull();
    const grant = await fetch(`${base}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=password',
    });
    expect(grant.status).toBe(400);
    expect(await grant.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('accepts HTTP Basic client authentication', async () => {
    const basic = Buffer.from('motcua-kiosk:demo-secret').toString('base64');
    const res = await fetch(`${base}/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${basic}`,
      },
      body: 'grant_type=client_credentials',
    });
    expect(res.status).toBe(200);
  });

  it('answers 401 without a token and 403 without the scope', async () => {
    const none = await call('GET', '/api/v1/procedures', '/api/v1/procedures', { auth: null });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const narrow = await token(CITY_SIMULATOR_CATALOGUE_CLIENT);
    const denied = await call('POST', '/api/v1/citizens/lookup', '/api/v1/citizens/lookup', {
      auth: narrow,
      body: lookupBody(),
    });
    expect(denied.status).toBe(403);
  });
});

describe('CityServerSimulator: catalogue', () => {
  it('serves ≥ 30 procedures across hộ tịch, chứng thực, cư trú, đất đai, kinh doanh…', async () => {
    const { body } = await call('GET', '/api/v1/procedures', '/api/v1/procedures');
    const list = body as { TongSo: number; DanhSach: { MaLinhVuc: string }[] };
    expect(list.TongSo).toBeGreaterThanOrEqual(30);
    const fields = new Set(list.DanhSach.map((p) => p.MaLinhVuc));
    for (const f of ['ho-tich', 'chung-thuc', 'cu-tru', 'dat-dai', 'kinh-doanh']) {
      expect(fields).toContain(f);
    }
  });

  it('serves every procedure valid against the spec', async () => {
    for (const p of SEED_PROCEDURES) {
      const { status } = await call(
        'GET',
        `/api/v1/procedures/${p.code}`,
        '/api/v1/procedures/{code}',
      );
      expect(status).toBe(200);
    }
    const missing = await call('GET', '/api/v1/procedures/9.999999', '/api/v1/procedures/{code}');
    expect(missing.status).toBe(404);
  });

  it('rejects an out-of-range limit and a malformed path with 400, not a crash', async () => {
    const r = await call('GET', '/api/v1/procedures?limit=0', '/api/v1/procedures');
    expect(r.status).toBe(400);
    const bad = await fetch(`${base}/api/v1/procedures/%E0%A4%A`, {
      headers: { authorization: `Bearer ${bearer}` },
    });
    expect(bad.status).toBe(400);
    const unknown = await fetch(`${base}/api/v2/nothing`);
    expect(unknown.status).toBe(404);
    const wrongMethod = await fetch(`${base}/api/v1/health`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
  });
});

describe('CityServerSimulator: population data', () => {
  it('holds ≥ 200 citizens including every card citizen', () => {
    expect(sim.population.size).toBeGreaterThanOrEqual(200 + CARD_CITIZENS.length);
    const ids = new Set(sim.population.all().map((c) => c.SoDinhDanh));
    for (const c of CARD_CITIZENS) expect(ids).toContain(c.idNumber);
    for (const c of sim.population.all()) expect(spec.schemaErrors('CongDan', c)).toBeNull();
  });

  it('is the same on every run (deterministic synthetic citizens)', () => {
    const again = new CityServerSimulator();
    expect(again.population.all()).toEqual(sim.population.all());
  });

  it('finds each card citizen, with or without diacritics in the name', async () => {
    for (const c of CARD_CITIZENS) {
      const plain = c.fullName.normalize('NFD').replace(/\p{M}/gu, '').replace(/Đ/g, 'D');
      for (const name of [c.fullName, plain.toUpperCase()]) {
        const r = await call('POST', '/api/v1/citizens/lookup', '/api/v1/citizens/lookup', {
          body: lookupBody({
            SoDinhDanh: c.idNumber,
            HoVaTen: name,
            NgayThangNamSinh: c.dateOfBirth,
          }),
        });
        expect(r.status).toBe(200);
        expect(r.body).toMatchObject({ CongDan: { SoDinhDanh: c.idNumber } });
      }
    }
  });

  it('answers 404 without saying which field is wrong, and logs every lookup', async () => {
    const before = sim.population.audit.length;
    for (const wrong of [
      { HoVaTen: 'Nguyễn Văn A' },
      { NgayThangNamSinh: '1985-03-15' },
      { SoDinhDanh: '092000000000' },
    ]) {
      const r = await call('POST', '/api/v1/citizens/lookup', '/api/v1/citizens/lookup', {
        body: lookupBody(wrong),
      });
      expect(r.status).toBe(404);
      expect(r.body).toMatchObject({ error: { code: 'CITIZEN_NOT_FOUND' } });
    }
    const logged = sim.population.audit.slice(before);
    expect(logged).toHaveLength(3);
    expect(
      logged.every((a) => !a.found && a.terminalId === 'KIOSK-01' && a.consentRef === 'consent-1'),
    ).toBe(true);
  });

  it('requires staff or kiosk id, purpose and consent (400)', async () => {
    for (const body of [
      lookupBody({ MaThietBi: undefined }),
      lookupBody({ MaDongY: '' }),
      lookupBody({ SoDinhDanh: '12345' }),
    ]) {
      const r = await call('POST', '/api/v1/citizens/lookup', '/api/v1/citizens/lookup', { body });
      expect(r.status).toBe(400);
    }
  });

  it('replays a lookup with the same Idempotency-Key without logging it twice', async () => {
    const before = sim.population.audit.length;
    const headers = { 'idempotency-key': 'lookup-replay-1' };
    const a = await call('POST', '/api/v1/citizens/lookup', '/api/v1/citizens/lookup', {
      body: lookupBody(),
      headers,
    });
    const b = await call('POST', '/api/v1/citizens/lookup', '/api/v1/citizens/lookup', {
      body: lookupBody(),
      headers,
    });
    expect(b.body).toEqual(a.body);
    expect(sim.population.audit.length).toBe(before + 1);
  });
});

describe('CityServerSimulator: dossiers', () => {
  it('assigns unit-YYMMDD-sequence codes and an appointment date that skips Tết', async () => {
    const first = await call('POST', '/api/v1/dossiers', '/api/v1/dossiers', {
      body: dossierBody(),
      headers: { 'idempotency-key': 'dossier-key-0001' },
    });
    expect(first.status).toBe(201);
    const d = first.body as { MaHoSo: string; NgayHenTra: string; TongPhiLePhi: number };
    expect(d.MaHoSo).toBe('000.00.17.H13-260213-0001');
    // 7 working days from Fri 13 Feb 2026; 14–22 Feb is the Tết break.
    expect(d.NgayHenTra).toBe('2026-03-03');
    expect(d.TongPhiLePhi).toBe(20000);
    expect(first.headers.get('location')).toBe('/api/v1/dossiers/000.00.17.H13-260213-0001');
    const second = await call('POST', '/api/v1/dossiers', '/api/v1/dossiers', {
      body: dossierBody(),
      headers: { 'idempotency-key': 'dossier-key-0002' },
    });
    expect((second.body as { MaHoSo: string }).MaHoSo).toBe('000.00.17.H13-260213-0002');
    clock = new Date('2026-02-23T02:00:00Z');
    bearer = await token(); // ten days on, the old token has expired
    const nextDay = await call('POST', '/api/v1/dossiers', '/api/v1/dossiers', {
      body: dossierBody(),
      headers: { 'idempotency-key': 'dossier-key-0003' },
    });
    expect((nextDay.body as { MaHoSo: string }).MaHoSo).toBe('000.00.17.H13-260223-0001');
  });

  it('returns the same dossier for the same key and body, 409 for another body', async () => {
    const headers = { 'idempotency-key': 'dossier-replay-01' };
    const count = sim.dossiers.count();
    const a = await call('POST', '/api/v1/dossiers', '/api/v1/dossiers', {
      body: dossierBody(),
      headers,
    });
    const b = await call('POST', '/api/v1/dossiers', '/api/v1/dossiers', {
      body: dossierBody(),
      headers,
    });
    expect(a.status).toBe(201);
    expect(b.status).toBe(200);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    expect(b.body).toEqual(a.body);
    expect(sim.dossiers.count()).toBe(count + 1);
    const c = await call('POST', '/api/v1/dossiers', '/api/v1/dossiers', {
      body: dossierBody({ TrichYeu: 'khác' }),
      headers,
    });
    expect(c.status).toBe(409);
  });

  it('refuses invalid dossiers with 400 and stores nothing', async () => {
    const count = sim.dossiers.count();
    const bad: Record<string, unknown>[] = [
      dossierBody({ MaTTHC: '9.999999' }),
      dossierBody({ ChuHoSo: { HoVaTen: 'X', SoDinhDanh: '1' } }),
      dossierBody({ DuLieuBieuMau: {} }),
      dossierBody({
        ThanhPhanHoSo: [
          { MaThanhPhanHoSo: 'ZZZ', TenTep: 'a.pdf', LoaiTep: 'application/pdf', DuLieu: 'AAAA' },
        ],
      }),
      dossierBody({
        ThanhPhanHoSo: [
          {
            MaThanhPhanHoSo: 'CT01',
            TenTep: 'a.exe',
            LoaiTep: 'application/x-msdownload',
            DuLieu: 'AAAA',
          },
        ],
      }),
      dossierBody({
        ThanhPhanHoSo: [
          {
            MaThanhPhanHoSo: 'CT01',
            TenTep: 'a.pdf',
            LoaiTep: 'application/pdf',
            DuLieu: 'not base64!',
          },
        ],
      }),
    ];
    for (const [i, body] of bad.entries()) {
      const r = await call('POST', '/api/v1/dossiers', '/api/v1/dossiers', {
        body,
        headers: { 'idempotency-key': `invalid-dossier-${i}` },
      });
      expect(r.status).toBe(400);
    }
    const noKey = await call('POST', '/api/v1/dossiers', '/api/v1/dossiers', {
      body: dossierBody(),
    });
    expect(noKey.status).toBe(400);
    expect(sim.dossiers.count()).toBe(count);
  });

  it('tracks status and serves fees with a VietQR whose CRC is right', async () => {
    const created = await call('POST', '/api/v1/dossiers', '/api/v1/dossiers', {
      body: dossierBody(),
      headers: { 'idempotency-key': 'dossier-fees-001' },
    });
    const code = (created.body as { MaHoSo: string }).MaHoSo;
    sim.dossiers.setStatus(code, 'DANG_XU_LY', 'Chuyển Công an phường xử lý');
    const got = await call('GET', `/api/v1/dossiers/${code}`, '/api/v1/dossiers/{code}');
    expect(got.body).toMatchObject({ TrangThai: 'DANG_XU_LY' });
    const fees = await call('GET', `/api/v1/dossiers/${code}/fees`, '/api/v1/dossiers/{code}/fees');
    const f = fees.body as { TongTien: number; ThanhToan: { VietQR: string; NoiDung: string } };
    expect(f.TongTien).toBe(20000);
    const qr = f.ThanhToan.VietQR;
    expect(qr).toContain('540520000');
    expect(qr).toContain(f.ThanhToan.NoiDung);
    expect(qr.slice(-4)).toBe(
      crc16CcittFalse(qr.slice(0, -4)).toString(16).toUpperCase().padStart(4, '0'),
    );
    sim.dossiers.markPaid(code);
    const paid = await call('GET', `/api/v1/dossiers/${code}/fees`, '/api/v1/dossiers/{code}/fees');
    expect(paid.body).toMatchObject({ DaThanhToan: true });
    expect((paid.body as { ThanhToan?: unknown }).ThanhToan).toBeUndefined();
    const missing = await call(
      'GET',
      '/api/v1/dossiers/000.00.17.H13-000000-9999',
      '/api/v1/dossiers/{code}',
    );
    expect(missing.status).toBe(404);
  });
});

describe('CityServerSimulator: demo lifecycle', () => {
  it('moves dossiers received → processing → result ready when auto-progress is on', () => {
    let now = new Date('2026-11-26T02:00:00Z');
    const demo = new CityServerSimulator({ now: () => now, autoProgressMs: 60_000 });
    const d = demo.dossiers.create('c', 'auto-progress-1', Buffer.from('x'), dossierBody());
    expect(demo.dossiers.get(d.MaHoSo)?.TrangThai).toBe('DA_TIEP_NHAN');
    now = new Date(now.getTime() + 61_000);
    expect(demo.dossiers.get(d.MaHoSo)?.TrangThai).toBe('DANG_XU_LY');
    now = new Date(now.getTime() + 10 * 60_000);
    const done = demo.dossiers.get(d.MaHoSo);
    expect(done?.TrangThai).toBe('CO_KET_QUA');
    expect(done?.QuaTrinhXuLy.map((h) => h.TrangThai)).toEqual([
      'DA_TIEP_NHAN',
      'DANG_XU_LY',
      'CO_KET_QUA',
    ]);
    expect(spec.schemaErrors('HoSo', done)).toBeNull();
  });

  it('leaves a dossier alone once a person has rejected it', () => {
    let now = new Date('2026-11-26T02:00:00Z');
    const demo = new CityServerSimulator({ now: () => now, autoProgressMs: 1000 });
    const d = demo.dossiers.create('c', 'auto-progress-2', Buffer.from('x'), dossierBody());
    demo.dossiers.setStatus(d.MaHoSo, 'TU_CHOI', 'Hồ sơ không thuộc thẩm quyền');
    now = new Date(now.getTime() + 10_000);
    expect(demo.dossiers.get(d.MaHoSo)?.TrangThai).toBe('TU_CHOI');
  });
});

describe('CityServerSimulator: faults', () => {
  it('injects 503, 429 with Retry-After, and malformed bodies', async () => {
    sim.injectNext('server-error');
    const down = await call('GET', '/api/v1/procedures', '/api/v1/procedures');
    expect(down.status).toBe(503);
    sim.injectNext('rate-limit');
    const limited = await call('GET', '/api/v1/procedures', '/api/v1/procedures');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    sim.injectNext('malformed');
    const res = await fetch(`${base}/api/v1/procedures`, {
      headers: { authorization: `Bearer ${bearer}` },
    });
    await expect(res.json()).rejects.toThrow();
  });

  it('holds a request open on a timeout fault until the client gives up', async () => {
    sim.injectNext('timeout');
    const err = await fetch(`${base}/api/v1/health`, { signal: AbortSignal.timeout(150) }).catch(
      (e: unknown) => e,
    );
    expect((err as Error).name).toBe('TimeoutError');
    const ok = await fetch(`${base}/api/v1/health`);
    expect(ok.status).toBe(200);
  });

  it('drops the answer after committing a dossier', async () => {
    const count = sim.dossiers.count();
    sim.injectNext('drop-after-commit');
    const err = await fetch(`${base}/api/v1/dossiers`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${bearer}`,
        'content-type': 'application/json',
        'idempotency-key': 'dropped-answer-01',
      },
      body: JSON.stringify(dossierBody()),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect(sim.dossiers.count()).toBe(count + 1);
  });

  it('refuses an agency code that would make dossier codes off-spec', () => {
    expect(() => new CityServerSimulator({ agencyCode: 'CANTHO' })).toThrow(/V1V2V3/);
    expect(() => new CityServerSimulator({ agencyCode: '000.00.31.H13' })).not.toThrow();
  });

  it('keeps its data across stop and start on the same port (an outage)', async () => {
    const s = new CityServerSimulator();
    const { url } = await s.start();
    s.dossiers.create('c', 'outage-key-01', Buffer.from('x'), dossierBody());
    await s.stop();
    await expect(fetch(`${url}/api/v1/health`)).rejects.toThrow();
    const port = Number(new URL(url).port);
    expect((await s.start({ port })).url).toBe(url);
    expect((await fetch(`${url}/api/v1/health`)).status).toBe(200);
    expect(s.dossiers.count()).toBe(1);
    await s.stop();
  });

  it('draws rate-based faults deterministically from the seed', async () => {
    const runs: number[][] = [];
    for (let run = 0; run < 2; run++) {
      const s = new CityServerSimulator({ seed: 42, faults: { serverErrorRate: 0.5 } });
      const { url } = await s.start();
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await fetch(`${url}/api/v1/health`)).status);
      await s.stop();
      runs.push(statuses);
    }
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]).toContain(503);
    expect(runs[0]).toContain(200);
  });
});
