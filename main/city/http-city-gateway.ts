import createClient from 'openapi-fetch';
import { AppError } from '../../common/errors.js';
import type { Procedure, ProcedureQuery, ProcedureSummary } from '../../common/procedure.js';
import type { paths } from './city-api-types.js';
import { randomUUID } from 'node:crypto';
import type { CitizenLookupRequest, PopulationRecord } from '../../common/population-record.js';
import type {
  CityDossier,
  CityDossierFees,
  CityDossierSubmission,
  CityGateway,
  CityHealthStatus,
} from './city-gateway-port.js';
import {
  toDossier,
  toDossierFees,
  toDossierWire,
  toLookupWire,
  toPopulationRecord,
  toProcedure,
  toProcedureList,
} from './city-mappers.js';
import { CityRequestExecutor, type ExecutorOptions } from './city-request-executor.js';
import { OAuthTokenCache } from './oauth-token-cache.js';
import { obj, str } from './wire-reader.js';

export interface HttpCityGatewayOptions extends ExecutorOptions {
  /** e.g. https://lgsp.cantho.gov.vn/motcua (no trailing slash needed). */
  readonly baseUrl: string;
  /** OAuth2 client credentials; without them requests go unauthenticated. */
  readonly clientId?: string;
  readonly clientSecret?: string;
}

/** Procedure codes: national x.yyyyyy, optionally with a local suffix. */
const PROCEDURE_CODE = /^[0-9A-Za-z.\-_]{1,40}$/;
/** Dossier codes: unit code, date, sequence — dots, dashes, letters and digits. */
const DOSSIER_CODE = /^[0-9A-Za-z.\-_]{1,64}$/;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;
const PAGE_SIZE = 200;
const MAX_PAGES = 50;

/** The city gateway over HTTP, typed from docs/openapi/city-gateway.yaml (openapi-fetch). */
export class HttpCityGateway implements CityGateway {
  private readonly client;
  private readonly executor: CityRequestExecutor;

  constructor(opts: HttpCityGatewayOptions) {
    let base: URL;
    try {
      base = new URL(opts.baseUrl);
    } catch {
      throw new AppError('INVALID_INPUT', `City base URL is not a URL: ${opts.baseUrl}`);
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') {
      throw new AppError('INVALID_INPUT', `City base URL must be http(s): ${opts.baseUrl}`);
    }
    const baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.client = createClient<paths>({ baseUrl });
    const tokens =
      opts.clientId !== undefined && opts.clientId !== ''
        ? new OAuthTokenCache(this.client, opts.clientId, opts.clientSecret ?? '')
        : undefined;
    this.executor = new CityRequestExecutor(opts, tokens);
  }

  async health(): Promise<CityHealthStatus> {
    const started = performance.now();
    const { data } = await this.executor.run({
      idempotent: true,
      retries: 0,
      what: 'GET /api/v1/health',
      send: (signal) => this.client.GET('/api/v1/health', { signal }),
    });
    const o = obj(data, 'Health');
    return {
      ok: str(o, 'status', 'Health') === 'ok',
      version: str(o, 'version', 'Health'),
      latencyMs: Math.round(performance.now() - started),
    };
  }

  async listProcedures(query: ProcedureQuery = {}): Promise<ProcedureSummary[]> {
    const filter: { q?: string; field?: string } = {};
    if (query.q !== undefined && query.q.trim() !== '') filter.q = query.q.normalize('NFC');
    if (query.field !== undefined && query.field.trim() !== '') {
      filter.field = query.field.normalize('NFC');
    }
    const items: ProcedureSummary[] = [];
    // Pages until the total is reached; the cap keeps a misbehaving server from looping us.
    for (let page = 0; page < MAX_PAGES; page++) {
      const q = { ...filter, limit: PAGE_SIZE, offset: items.length };
      const { data } = await this.executor.run({
        idempotent: true,
        what: 'GET /api/v1/procedures',
        send: (signal, authorization) =>
          this.client.GET('/api/v1/procedures', {
            params: { query: q, header: auth(authorization) },
            signal,
          }),
      });
      const { total, items: got } = toProcedureList(data);
      items.push(...got);
      if (got.length === 0 || items.length >= total) break;
    }
    return items;
  }

  async getProcedure(code: string): Promise<Procedure> {
    if (!PROCEDURE_CODE.test(code)) {
      throw new AppError('INVALID_INPUT', `Not a procedure code: ${JSON.stringify(code)}`);
    }
    const { data } = await this.executor.run({
      idempotent: true,
      what: `GET /api/v1/procedures/${code}`,
      send: (signal, authorization) =>
        this.client.GET('/api/v1/procedures/{code}', {
          params: { path: { code }, header: auth(authorization) },
          signal,
        }),
    });
    return toProcedure(data);
  }

  async lookupCitizen(request: CitizenLookupRequest): Promise<PopulationRecord> {
    if (!/^\d{12}$/.test(request.idNumber)) {
      throw new AppError('INVALID_INPUT', 'A personal identification number has 12 digits');
    }
    if (request.staffId === undefined && request.terminalId === undefined) {
      throw new AppError('INVALID_INPUT', 'A lookup names the staff member or the kiosk');
    }
    if (request.consentRef.trim() === '' || request.purpose.trim() === '') {
      throw new AppError('INVALID_INPUT', 'A lookup needs a purpose and a consent reference');
    }
    // The request id doubles as the idempotency key: a retry is answered, not logged twice.
    const requestId = request.requestId ?? randomUUID();
    const body = toLookupWire(request, requestId);
    const { data } = await this.executor.run({
      idempotent: true,
      what: 'POST /api/v1/citizens/lookup',
      send: (signal, authorization) =>
        this.client.POST('/api/v1/citizens/lookup', {
          params: { header: { ...auth(authorization), 'Idempotency-Key': requestId } },
          body,
          signal,
        }),
    });
    return toPopulationRecord(data);
  }

  async submitDossier(
    submission: CityDossierSubmission,
  ): Promise<CityDossier & { replayed: boolean }> {
    if (!IDEMPOTENCY_KEY.test(submission.idempotencyKey)) {
      throw new AppError('INVALID_INPUT', 'Idempotency key must be 8–128 of [A-Za-z0-9._:-]');
    }
    const body = toDossierWire(submission);
    const { data, response } = await this.executor.run({
      idempotent: true,
      what: 'POST /api/v1/dossiers',
      send: (signal, authorization) =>
        this.client.POST('/api/v1/dossiers', {
          params: {
            header: { ...auth(authorization), 'Idempotency-Key': submission.idempotencyKey },
          },
          body,
          signal,
        }),
    });
    return { ...toDossier(data), replayed: response.status === 200 };
  }

  async getDossier(code: string): Promise<CityDossier> {
    checkDossierCode(code);
    const { data } = await this.executor.run({
      idempotent: true,
      what: `GET /api/v1/dossiers/${code}`,
      send: (signal, authorization) =>
        this.client.GET('/api/v1/dossiers/{code}', {
          params: { path: { code }, header: auth(authorization) },
          signal,
        }),
    });
    return toDossier(data);
  }

  async getDossierFees(code: string): Promise<CityDossierFees> {
    checkDossierCode(code);
    const { data } = await this.executor.run({
      idempotent: true,
      what: `GET /api/v1/dossiers/${code}/fees`,
      send: (signal, authorization) =>
        this.client.GET('/api/v1/dossiers/{code}/fees', {
          params: { path: { code }, header: auth(authorization) },
          signal,
        }),
    });
    return toDossierFees(data);
  }
}

function checkDossierCode(code: string): void {
  if (!DOSSIER_CODE.test(code)) {
    throw new AppError('INVALID_INPUT', `Not a dossier code: ${JSON.stringify(code)}`);
  }
}

function auth(authorization: string | undefined): { Authorization?: string } {
  return authorization === undefined ? {} : { Authorization: authorization };
}
