import type { components } from '../../main/city/city-api-types.js';
import type { DossierRegistry } from './dossier-registry.js';
import type { FaultPlan } from './fault-plan.js';
import { HttpProblem, readBody, readJson, type Handler } from './http-util.js';
import type { OAuthClients } from './oauth-clients.js';
import type { PopulationRegistry } from './population-registry.js';

/** What these routes need of the simulator (no import of the class: no cycle). */
export interface SimulatorHost {
  route(method: string, path: string, handler: Handler): void;
  readonly oauth: OAuthClients;
  readonly population: PopulationRegistry;
  readonly dossiers: DossierRegistry;
  readonly faults: FaultPlan;
  now(): Date;
}

type S = components['schemas'];

/** Request bodies above this are refused with 413 (attachments travel inline, base64). */
const MAX_DOSSIER_BODY = 30 * 1024 * 1024;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

function idempotencyKey(
  header: string | string[] | undefined,
  required: boolean,
): string | undefined {
  const key = Array.isArray(header) ? header[0] : header;
  if (key === undefined) {
    if (required)
      throw new HttpProblem(400, 'IDEMPOTENCY_KEY_REQUIRED', 'Idempotency-Key header required');
    return undefined;
  }
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new HttpProblem(400, 'VALIDATION', 'Idempotency-Key must be 8–128 of [A-Za-z0-9._:-]');
  }
  return key;
}

function field(
  o: Record<string, unknown>,
  key: string,
  pattern: RegExp,
  required = true,
): string | undefined {
  const v = o[key];
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string' || !pattern.test(v)) {
    throw new HttpProblem(400, 'VALIDATION', `${key} is missing or malformed`);
  }
  return v;
}

const ANY = /^[\s\S]{1,500}$/;
const MAX_REMEMBERED = 10_000;

/** Citizen lookup (national population data) and dossier routes of the simulated gateway. */
export function registerCitizenAndDossierRoutes(sim: SimulatorHost): void {
  const lookups = new Map<string, S['TraCuuCongDanResponse'] | null>();

  sim.route('POST', '/api/v1/citizens/lookup', async (ctx) => {
    const clientId = sim.oauth.authorize(ctx.req, 'citizen.lookup');
    const key = idempotencyKey(ctx.req.headers['idempotency-key'], false);
    const body = await readJson(ctx.req, 64 * 1024);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new HttpProblem(400, 'VALIDATION', 'Body must be an object');
    }
    const o = body as Record<string, unknown>;
    const requestId = field(o, 'MaYeuCau', /^[\w.:-]{1,40}$/) ?? '';
    const idNumber = field(o, 'SoDinhDanh', /^\d{12}$/) ?? '';
    const fullName = field(o, 'HoVaTen', /^[\s\S]{1,100}$/) ?? '';
    const dob = field(o, 'NgayThangNamSinh', /^\d{4}(-\d{2}-\d{2})?$/) ?? '';
    const purpose = field(o, 'MucDich', ANY) ?? '';
    const consentRef = field(o, 'MaDongY', /^[\s\S]{1,100}$/) ?? '';
    const staffId = field(o, 'MaCanBo', /^[\s\S]{1,64}$/, false);
    const terminalId = field(o, 'MaThietBi', /^[\s\S]{1,64}$/, false);
    const procedureCode = field(o, 'MaDVC', /^[\s\S]{1,40}$/, false);
    if (staffId === undefined && terminalId === undefined) {
      throw new HttpProblem(400, 'VALIDATION', 'MaCanBo or MaThietBi is required');
    }
    const replayKey = key === undefined ? undefined : `${clientId}\u0000${key}`;
    const previous = replayKey === undefined ? undefined : lookups.get(replayKey);
    if (previous === null) throw new HttpProblem(404, 'CITIZEN_NOT_FOUND', 'No matching citizen');
    if (previous !== undefined) return [200, previous];

    const found = sim.population.find(idNumber, fullName, dob);
    if (sim.population.audit.length >= MAX_REMEMBERED) sim.population.audit.shift();
    sim.population.audit.push({
      at: sim.now().toISOString(),
      requestId,
      clientId,
      idNumber,
      purpose,
      consentRef,
      found: found !== undefined,
      ...(staffId === undefined ? {} : { staffId }),
      ...(terminalId === undefined ? {} : { terminalId }),
      ...(procedureCode === undefined ? {} : { procedureCode }),
    });
    const answer =
      found === undefined
        ? null
        : { MaYeuCau: requestId, ThoiGian: sim.now().toISOString(), CongDan: found };
    if (replayKey !== undefined) {
      lookups.set(replayKey, answer);
      // Replays matter for seconds, not days: forget the oldest beyond the cap.
      if (lookups.size > MAX_REMEMBERED) lookups.delete(lookups.keys().next().value ?? '');
    }
    if (answer === null) {
      // Never says which of id, name or birth date was wrong.
      throw new HttpProblem(404, 'CITIZEN_NOT_FOUND', 'No citizen matches id, name and birth date');
    }
    return [200, answer];
  });

  sim.route('POST', '/api/v1/dossiers', async (ctx) => {
    const clientId = sim.oauth.authorize(ctx.req, 'dossier.write');
    const key = idempotencyKey(ctx.req.headers['idempotency-key'], true) ?? '';
    const type = ctx.req.headers['content-type'] ?? '';
    if (!type.startsWith('application/json')) {
      throw new HttpProblem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Expected application/json');
    }
    const raw = await readBody(ctx.req, MAX_DOSSIER_BODY);
    const replayed = sim.dossiers.replay(clientId, key, raw);
    let status = 200;
    let dossier = replayed;
    if (dossier === undefined) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new HttpProblem(400, 'VALIDATION', 'Body is not valid JSON');
      }
      dossier = sim.dossiers.create(clientId, key, raw, parsed);
      status = 201;
    }
    if (sim.faults.dropAfterCommit(ctx.url.pathname)) {
      // Committed, but the answer never leaves: the client must retry with the same key.
      ctx.res.socket?.destroy();
      return null;
    }
    return [
      status,
      dossier,
      {
        location: `/api/v1/dossiers/${encodeURIComponent(dossier.MaHoSo)}`,
        ...(replayed === undefined ? {} : { 'idempotent-replayed': 'true' }),
      },
    ];
  });

  sim.route('GET', '/api/v1/dossiers/:code', (ctx) => {
    sim.oauth.authorize(ctx.req, 'dossier.read');
    const dossier = sim.dossiers.get(ctx.params.code ?? '');
    if (dossier === undefined) throw new HttpProblem(404, 'NOT_FOUND', 'No such dossier');
    return Promise.resolve([200, dossier]);
  });

  sim.route('GET', '/api/v1/dossiers/:code/fees', (ctx) => {
    sim.oauth.authorize(ctx.req, 'dossier.read');
    const fees = sim.dossiers.fees(ctx.params.code ?? '');
    if (fees === undefined) throw new HttpProblem(404, 'NOT_FOUND', 'No such dossier');
    return Promise.resolve([200, fees]);
  });
}
