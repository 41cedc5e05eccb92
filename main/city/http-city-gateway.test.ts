import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors.js';
import {
  CITY_SIMULATOR_CLIENT,
  CityServerSimulator,
} from '../../simulators/city/city-server-simulator.js';
import { SEED_PROCEDURES } from '../../simulators/city/procedure-catalogue.js';
import { HttpCityGateway } from './http-city-gateway.js';

const sim = new CityServerSimulator();
let gateway: HttpCityGateway;
let baseUrl: string;

beforeAll(async () => {
  baseUrl = (await sim.start()).url;
  gateway = new HttpCityGateway({
    baseUrl,
    clientId: CITY_SIMULATOR_CLIENT.clientId,
    clientSecret: CITY_SIMULATOR_CLIENT.clientSecret,
    timeoutMs: 2000,
  });
});
afterAll(() => sim.stop());

describe('HttpCityGateway ⇄ CityServerSimulator: catalogue', () => {
  it('reports health without credentials', async () => {
    const anonymous = new HttpCityGateway({ baseUrl, timeoutMs: 2000 });
    const h = await anonymous.health();
    expect(h.ok).toBe(true);
    expect(h.version).toBe('1.0.0-sim');
  });

  it('lists the whole catalogue (≥ 30 procedures over ≥ 5 fields)', async () => {
    const all = await gateway.listProcedures();
    expect(all.length).toBe(SEED_PROCEDURES.length);
    expect(all.length).toBeGreaterThanOrEqual(30);
    expect(new Set(all.map((p) => p.fieldCode)).size).toBeGreaterThanOrEqual(5);
  });

  it('finds "Đăng ký khai sinh" with and without diacritics', async () => {
    for (const q of ['Đăng ký khai sinh', 'dang ky khai sinh', 'DANG KY KHAI SINH']) {
      const found = await gateway.listProcedures({ q });
      expect(found.map((p) => p.code)).toContain('1.001193');
      expect(
        found.every((p) =>
          /khai sinh/i.test(p.name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd')),
        ),
      ).toBe(true);
    }
  });

  it('finds by code and by lĩnh vực (name or slug, with or without accents)', async () => {
    expect((await gateway.listProcedures({ q: '1.001193' })).map((p) => p.name)).toEqual([
      'Đăng ký khai sinh',
    ]);
    const hoTich = await gateway.listProcedures({ field: 'ho tich' });
    expect(hoTich.length).toBeGreaterThan(5);
    expect(hoTich.every((p) => p.field === 'Hộ tịch')).toBe(true);
    expect(await gateway.listProcedures({ field: 'Hộ tịch' })).toEqual(hoTich);
    expect(await gateway.listProcedures({ field: 'ho-tich' })).toEqual(hoTich);
    const both = await gateway.listProcedures({ q: 'thuong tru', field: 'cu tru' });
    expect(both.map((p) => p.code).sort()).toEqual(['1.003197', '1.004222']);
    expect(await gateway.listProcedures({ q: 'khong co thu tuc nay' })).toEqual([]);
  });

  it('returns a procedure identical to the seed after the wire round trip', async () => {
    for (const seed of SEED_PROCEDURES) {
      expect(await gateway.getProcedure(seed.code)).toEqual(seed);
    }
  });

  it('answers NOT_FOUND for an unknown code and INVALID_INPUT for a malformed one', async () => {
    await expect(gateway.getProcedure('9.999999')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(gateway.getProcedure('../etc')).rejects.toBeInstanceOf(AppError);
    await expect(gateway.getProcedure('a/b')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('caches the OAuth token across calls', async () => {
    const before = sim.oauth.issuedCount;
    await gateway.listProcedures({ q: 'khai tu' });
    await gateway.getProcedure('1.000656');
    expect(sim.oauth.issuedCount).toBe(before);
  });
});
