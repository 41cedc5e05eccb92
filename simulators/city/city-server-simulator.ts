import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { CITY_SCOPES } from '../../main/city/city-api-types.js';
import { FaultPlan, type CityFaultKind, type CityFaults } from './fault-plan.js';
import { HttpProblem, sendError, sendJson, type Handler } from './http-util.js';
import { registerCitizenAndDossierRoutes } from './citizen-dossier-routes.js';
import { DossierRegistry } from './dossier-registry.js';
import { PopulationRegistry } from './population-registry.js';
import {
  CITY_SIMULATOR_CATALOGUE_CLIENT,
  CITY_SIMULATOR_CLIENT,
  OAuthClients,
} from './oauth-clients.js';
import type { SimulatedClient } from './oauth-clients.js';
import type { Procedure } from '../../common/procedure.js';
import { ProcedureCatalogue } from './procedure-catalogue.js';

export const CITY_SIMULATOR_VERSION = '1.0.0-sim';
const MAX_LOG = 10_000;

export interface CityServerSimulatorOptions {
  readonly faults?: CityFaults;
  /** Seeds fault draws (and nothing else: data is always the same). */
  readonly seed?: number;
  readonly clients?: readonly SimulatedClient[];
  readonly tokenTtlSeconds?: number;
  /** The simulator's clock (tests pin dates for dossier codes and due dates). */
  readonly now?: () => Date;
  /**
   * Unit code that prefixes dossier codes (QCVN 102:2016 style). A placeholder: Cần Thơ's real
   * code must come from the city (research §3.3).
   */
  readonly agencyCode?: string;
  /** Demo mode: dossiers move received → processing → result ready, one stage per interval. */
  readonly autoProgressMs?: number;
  /** Replaces the seeded catalogue (tests of paging, province-specific demos). */
  readonly procedures?: readonly Procedure[];
}

export const CITY_SIMULATOR_AGENCY_CODE = '000.00.17.H13';

interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  readonly handler: Handler;
}

/**
 * The city system's gateway (docs/openapi/city-gateway.yaml) on loopback HTTP: OAuth2 client
 * credentials, the procedure catalogue, and fault injection. Demo mode and the tests talk to it
 * exactly as to the real gateway.
 */
export class CityServerSimulator {
  readonly faults: FaultPlan;
  readonly catalogue: ProcedureCatalogue;
  readonly population = new PopulationRegistry();
  readonly dossiers: DossierRegistry;
  readonly oauth: OAuthClients;
  readonly now: () => Date;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly routes: Route[] = [];
  private requestSeq = 0;
  /** Every request received (method and path), in order: tests count retries with it. */
  readonly requests: { readonly method: string; readonly path: string }[] = [];

  constructor(opts: CityServerSimulatorOptions = {}) {
    this.faults = new FaultPlan(opts.faults, opts.seed);
    this.now = opts.now ?? (() => new Date());
    this.catalogue = new ProcedureCatalogue(opts.procedures);
    this.oauth = new OAuthClients(
      opts.clients ?? [CITY_SIMULATOR_CLIENT, CITY_SIMULATOR_CATALOGUE_CLIENT],
      opts.tokenTtlSeconds ?? 3600,
      () => this.now().getTime(),
    );
    const agencyCode = opts.agencyCode ?? CITY_SIMULATOR_AGENCY_CODE;
    // QCVN 102:2016 unit identifier (V1V2V3.Z1Z2.Y1Y2.MX1X2), as the spec's MaHoSo pattern says.
    if (!/^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9A-Z]{2}$/.test(agencyCode)) {
      throw new Error(`Agency code ${agencyCode} is not V1V2V3.Z1Z2.Y1Y2.MX1X2`);
    }
    this.dossiers = new DossierRegistry(
      agencyCode,
      (code) => this.catalogue.get(code),
      () => this.now(),
      opts.autoProgressMs,
    );
    this.route('GET', '/api/v1/health', () =>
      Promise.resolve([
        200,
        { status: 'ok', version: CITY_SIMULATOR_VERSION, time: this.now().toISOString() },
      ]),
    );
    this.route('GET', '/api/v1/procedures', (ctx) => {
      this.oauth.authorize(ctx.req, 'catalogue.read');
      const q = ctx.url.searchParams.get('q') ?? undefined;
      const field = ctx.url.searchParams.get('field') ?? undefined;
      const limit = intParam(ctx.url, 'limit', 100, 1, 500);
      const offset = intParam(ctx.url, 'offset', 0, 0, 1_000_000);
      const found = this.catalogue.search({
        ...(q === undefined ? {} : { q }),
        ...(field === undefined ? {} : { field }),
      });
      return Promise.resolve([
        200,
        {
          TongSo: found.length,
          DanhSach: found
            .slice(offset, offset + limit)
            .map((p) => ProcedureCatalogue.toSummaryWire(p)),
        },
      ]);
    });
    this.route('GET', '/api/v1/procedures/:code', (ctx) => {
      this.oauth.authorize(ctx.req, 'catalogue.read');
      const p = this.catalogue.get(ctx.params.code ?? '');
      if (p === undefined) throw new HttpProblem(404, 'NOT_FOUND', 'No such procedure');
      return Promise.resolve([200, ProcedureCatalogue.toWire(p)]);
    });
    registerCitizenAndDossierRoutes(this);
  }

  /** Registers a route; `:name` segments become params. Later modules add theirs here. */
  route(method: string, path: string, handler: Handler): void {
    const names: string[] = [];
    const source = path
      .split('/')
      .map((seg) => {
        if (!seg.startsWith(':')) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(seg.slice(1));
        return '([^/]+)';
      })
      .join('/');
    this.routes.push({ method, pattern: new RegExp(`^${source}$`), names, handler });
  }

  /** Replaces the probabilistic faults (latency, rates). */
  setFaults(faults: CityFaults): void {
    this.faults.set(faults);
  }

  /** Arms one-shot faults for the next matching requests. */
  injectNext(kind: CityFaultKind, count = 1, pathPrefix?: string): void {
    this.faults.arm(kind, count, pathPrefix);
  }

  async start(opts: { port?: number; host?: string } = {}): Promise<{ url: string }> {
    if (this.server !== undefined) throw new Error('CityServerSimulator already started');
    const server = createServer((req, res) => {
      void this.handle(req, res);
    });
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.server = server;
    const host = opts.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    return { url: `http://${host}:${port}` };
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = `sim-${++this.requestSeq}`;
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    this.requests.push({ method: req.method ?? '', path: url.pathname });
    // Demo mode runs for days: keep the log bounded.
    if (this.requests.length > MAX_LOG) this.requests.splice(0, this.requests.length - MAX_LOG);
    try {
      if (this.faults.latencyMs > 0) await delay(this.faults.latencyMs);
      const fault = this.faults.before(url.pathname);
      if (fault === 'timeout') return; // hold the socket: the client's timeout must fire
      if (fault === 'server-error') {
        throw new HttpProblem(503, 'UNAVAILABLE', 'Simulated outage');
      }
      if (fault === 'rate-limit') {
        throw new HttpProblem(429, 'RATE_LIMITED', 'Too many requests', { 'retry-after': '1' });
      }
      if (fault === 'malformed') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"TongSo": 1, "DanhSach": [');
        return;
      }
      if (req.method === 'POST' && url.pathname === '/oauth/token') {
        await this.token(req, res);
        return;
      }
      const match = this.match(req.method ?? 'GET', url.pathname);
      const result = await match.route.handler({
        req,
        res,
        url,
        params: match.params,
        requestId,
      });
      if (result !== null) sendJson(res, result[0], result[1], result[2] ?? {});
    } catch (err) {
      if (res.headersSent || res.destroyed) return;
      const problem =
        err instanceof HttpProblem ? err : new HttpProblem(500, 'INTERNAL', 'Simulator error');
      sendError(res, problem, requestId);
    }
  }

  private async token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      sendJson(res, 200, await this.oauth.issue(req));
    } catch (err) {
      if (!(err instanceof HttpProblem)) throw err;
      sendJson(res, err.status, { error: err.code, error_description: err.message }, err.headers);
    }
  }

  private match(method: string, path: string): { route: Route; params: Record<string, string> } {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.pattern.exec(path);
      if (m === null) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        try {
          params[name] = decodeURIComponent(m[i + 1] ?? '');
        } catch {
          throw new HttpProblem(400, 'VALIDATION', 'Malformed percent-encoding in the path');
        }
      });
      return { route, params };
    }
    throw pathMatched
      ? new HttpProblem(405, 'METHOD_NOT_ALLOWED', `${method} not allowed`)
      : new HttpProblem(404, 'NOT_FOUND', 'No such resource');
  }
}

function intParam(url: URL, name: string, dflt: number, min: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new HttpProblem(400, 'VALIDATION', `${name} must be an integer in ${min}..${max}`);
  }
  return n;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export { CITY_SCOPES };
export type { CityFaultKind, CityFaults };
export { CITY_SIMULATOR_CLIENT, CITY_SIMULATOR_CATALOGUE_CLIENT };
