import createClient from 'openapi-fetch';
import { AppError } from '../../common/errors.js';
import type { Procedure, ProcedureQuery, ProcedureSummary } from '../../common/procedure.js';
import type { paths } from './city-api-types.js';
import type { CityGateway, CityHealthStatus } from './city-gateway.js';
import { toProcedure, toProcedureList } from './city-mappers.js';
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
    const q: { q?: string; field?: string; limit: number } = { limit: 500 };
    if (query.q !== undefined && query.q.trim() !== '') q.q = query.q.normalize('NFC');
    if (query.field !== undefined && query.field.trim() !== '')
      q.field = query.field.normalize('NFC');
    const { data } = await this.executor.run({
      idempotent: true,
      what: 'GET /api/v1/procedures',
      send: (signal, authorization) =>
        this.client.GET('/api/v1/procedures', {
          params: { query: q, header: auth(authorization) },
          signal,
        }),
    });
    return toProcedureList(data);
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
}

function auth(authorization: string | undefined): { Authorization?: string } {
  return authorization === undefined ? {} : { Authorization: authorization };
}
