import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CITY_SIMULATOR_CATALOGUE_CLIENT,
  CITY_SIMULATOR_CLIENT,
  CityServerSimulator,
} from '../../simulators/city/city-server-simulator.js';
import type { paths } from './city-api-types.js';
import { CityRequestExecutor } from './city-request-executor.js';
import { HttpCityGateway, type HttpCityGatewayOptions } from './http-city-gateway.js';

const sim = new CityServerSimulator();
let baseUrl = '';

function gateway(overrides: Partial<HttpCityGatewayOptions> = {}): HttpCityGateway {
  return new HttpCityGateway({
    baseUrl,
    clientId: CITY_SIMULATOR_CLIENT.clientId,
    clientSecret: CITY_SIMULATOR_CLIENT.clientSecret,
    timeoutMs: 2000,
    backoffMs: 1,
    maxBackoffMs: 10,
    ...overrides,
  });
}

/** How many requests the simulator saw for a path since `mark`. */
function seen(path: string, mark: number): number {
  return sim.requests.slice(mark).filter((r) => r.path === path).length;
}

beforeAll(async () => {
  baseUrl = (await sim.start()).url;
});
afterAll(() => sim.stop());
beforeEach(() => {
  sim.faults.clearArmed();
  sim.setFaults({});
});

const lookup = {
  idNumber: '092185001234',
  fullName: 'Nguyễn Thị Thu Hà',
  dateOfBirth: '1985-03-14',
  purpose: 'p',
  consentRef: 'c',
  terminalId: 'K',
};

describe('HttpCityGateway errors (one stable code each)', () => {
  it('CITY_UNAUTHORIZED for a wrong client secret', async () => {
    await expect(gateway({ clientSecret: 'wrong' }).listProcedures()).rejects.toMatchObject({
      code: 'CITY_UNAUTHORIZED',
    });
  });

  it('CITY_FORBIDDEN for a client without the scope', async () => {
    const narrow = gateway({
      clientId: CITY_SIMULATOR_CATALOGUE_CLIENT.clientId,
      clientSecret: CITY_SIMULATOR_CATALOGUE_CLIENT.clientSecret,
    });
    await expect(narrow.lookupCitizen(lookup)).rejects.toMatchObject({ code: 'CITY_FORBIDDEN' });
  });

  it('CITY_RATE_LIMITED after the retries are spent, honouring Retry-After up to the cap', async () => {
    const mark = sim.requests.length;
    sim.injectNext('rate-limit', 3, '/api/v1/procedures');
    await expect(gateway().listProcedures()).rejects.toMatchObject({ code: 'CITY_RATE_LIMITED' });
    expect(seen('/api/v1/procedures', mark)).toBe(3);
  });

  it('CITY_SERVER_ERROR after the retries are spent', async () => {
    const mark = sim.requests.length;
    sim.injectNext('server-error', 3, '/api/v1/procedures');
    await expect(gateway().getProcedure('1.001193')).rejects.toMatchObject({
      code: 'CITY_SERVER_ERROR',
    });
    expect(seen('/api/v1/procedures/1.001193', mark)).toBe(3);
  });

  it('CITY_TIMEOUT when the server holds every attempt', async () => {
    const mark = sim.requests.length;
    sim.injectNext('timeout', 2, '/api/v1/procedures');
    await expect(gateway({ timeoutMs: 150, retries: 1 }).listProcedures()).rejects.toMatchObject({
      code: 'CITY_TIMEOUT',
    });
    expect(seen('/api/v1/procedures', mark)).toBe(2);
  });

  it('CITY_TIMEOUT when simulated latency exceeds the timeout, success when it does not', async () => {
    sim.setFaults({ latencyMs: 400 });
    await expect(gateway({ timeoutMs: 50, retries: 0 }).health()).rejects.toMatchObject({
      code: 'CITY_TIMEOUT',
    });
    sim.setFaults({ latencyMs: 20 });
    await expect(gateway({ timeoutMs: 5000 }).health()).resolves.toMatchObject({ ok: true });
  });

  it('CITY_UNREACHABLE when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((r) => closed.close(() => r()));
    const g = new HttpCityGateway({
      baseUrl: `http://127.0.0.1:${port}`,
      timeoutMs: 1000,
      retries: 1,
      backoffMs: 1,
    });
    await expect(g.health()).rejects.toMatchObject({ code: 'CITY_UNREACHABLE' });
    await expect(g.listProcedures()).rejects.toMatchObject({ code: 'CITY_UNREACHABLE' });
  });

  it('CITY_BAD_RESPONSE for a body that is not JSON, without retrying', async () => {
    const mark = sim.requests.length;
    sim.injectNext('malformed', 1, '/api/v1/procedures');
    await expect(gateway().listProcedures()).rejects.toMatchObject({ code: 'CITY_BAD_RESPONSE' });
    expect(seen('/api/v1/procedures', mark)).toBe(1);
  });

  it('CITY_REJECTED for a 4xx refusal, NOT_FOUND for 404, INVALID_INPUT for a bad URL', async () => {
    await expect(gateway().getDossier('000.00.17.H13-000000-0000')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      gateway().submitDossier({
        idempotencyKey: 'rejected-0001',
        procedureCode: '9.999999',
        channel: 'truc-tiep',
        receivingPointId: 'K',
        owner: { fullName: 'A', idNumber: '092185001234' },
        formData: {},
        attachments: [],
      }),
    ).rejects.toMatchObject({ code: 'CITY_REJECTED' });
    expect(() => new HttpCityGateway({ baseUrl: 'ftp://x', timeoutMs: 1000 })).toThrow(/http/);
  });
});

describe('HttpCityGateway resilience', () => {
  it('retries an idempotent call through transient 5xx and 429 and succeeds', async () => {
    const mark = sim.requests.length;
    sim.injectNext('server-error', 1, '/api/v1/procedures');
    sim.injectNext('rate-limit', 1, '/api/v1/procedures');
    const list = await gateway().listProcedures({ q: 'khai sinh' });
    expect(list.length).toBeGreaterThan(0);
    expect(seen('/api/v1/procedures', mark)).toBe(3);
  });

  it('fetches a new token once when the server forgets the old one', async () => {
    const g = gateway();
    await g.listProcedures();
    const issued = sim.oauth.issuedCount;
    sim.oauth.revokeAll();
    await g.listProcedures();
    expect(sim.oauth.issuedCount).toBe(issued + 1);
  });

  it('never sends a non-idempotent call twice', async () => {
    const client = createClient<paths>({ baseUrl });
    const executor = new CityRequestExecutor({ timeoutMs: 1000, backoffMs: 1 }, undefined);
    const mark = sim.requests.length;
    sim.injectNext('server-error', 1, '/api/v1/health');
    await expect(
      executor.run({
        idempotent: false,
        what: 'GET /api/v1/health',
        send: (signal) => client.GET('/api/v1/health', { signal }),
      }),
    ).rejects.toMatchObject({ code: 'CITY_SERVER_ERROR' });
    expect(seen('/api/v1/health', mark)).toBe(1);
  });
});

describe('HttpCityGateway paging', () => {
  it('reads a catalogue larger than one page', async () => {
    const [seed] = sim.catalogue.procedures;
    if (seed === undefined) throw new Error('empty catalogue');
    const many = Array.from({ length: 450 }, (_, i) => ({
      ...seed,
      code: `9.${String(i).padStart(6, '0')}`,
    }));
    const big = new CityServerSimulator({ procedures: many });
    const { url } = await big.start();
    try {
      const list = await gateway({ baseUrl: url }).listProcedures();
      expect(list.map((p) => p.code)).toEqual(many.map((p) => p.code));
      expect(big.requests.filter((r) => r.path === '/api/v1/procedures')).toHaveLength(3);
    } finally {
      await big.stop();
    }
  });
});

describe('HttpCityGateway against a server that breaks the contract', () => {
  let rogue: Server;
  let rogueUrl = '';
  beforeAll(async () => {
    rogue = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.url?.startsWith('/api/v1/health')) res.end('{"status":"ok"}');
      else if (req.url?.startsWith('/api/v1/citizens')) {
        // Wrong types (a name string, a numeric id): errors must not repeat name or id.
        const numericId = req.headers['idempotency-key'] === 'numeric-id-01';
        res.end(
          JSON.stringify({
            MaYeuCau: 'r',
            ThoiGian: '2026-11-28T00:00:00Z',
            CongDan: numericId
              ? {
                  SoDinhDanh: 92185001234,
                  HoVaTen: { Ho: 'Nguyễn', Ten: 'Hà' },
                  NgayThangNamSinh: { Nam: '1985' },
                  GioiTinh: '2',
                  QuocTich: 'VN',
                }
              : { SoDinhDanh: '092185001234', HoVaTen: 'Nguyễn Thị Thu Hà' },
          }),
        );
      } else res.end('{"TongSo":1,"DanhSach":[{"MaTTHC":1193}]}');
    });
    await new Promise<void>((r) => rogue.listen(0, '127.0.0.1', r));
    rogueUrl = `http://127.0.0.1:${(rogue.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => rogue.close(() => r())));

  it('answers CITY_BAD_RESPONSE naming the field', async () => {
    const g = new HttpCityGateway({ baseUrl: rogueUrl, timeoutMs: 1000 });
    await expect(g.health()).rejects.toMatchObject({
      code: 'CITY_BAD_RESPONSE',
      message: expect.stringContaining('Health.version') as unknown,
    });
    await expect(g.listProcedures()).rejects.toMatchObject({
      code: 'CITY_BAD_RESPONSE',
      message: expect.stringContaining('DanhSach[0].MaTTHC') as unknown,
    });
  });

  it('keeps personal data out of the error message', async () => {
    const g = new HttpCityGateway({ baseUrl: rogueUrl, timeoutMs: 1000 });
    const err: unknown = await g
      .lookupCitizen({ ...lookup, idNumber: '092185001234' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CITY_BAD_RESPONSE' });
    const message = (err as Error).message;
    expect(message).toContain('CongDan.HoVaTen');
    expect(message).not.toMatch(/Nguy|Thu Hà|092185001234|92185001234/);
    const err2: unknown = await g
      .lookupCitizen({ ...lookup, requestId: 'numeric-id-01' })
      .catch((e: unknown) => e);
    expect((err2 as Error).message).toContain('CongDan.SoDinhDanh');
    expect((err2 as Error).message).not.toMatch(/92185001234/);
  });
});
