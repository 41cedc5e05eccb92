import type { Procedure, ProcedureQuery, ProcedureSummary } from '../../common/procedure.js';

export interface CityHealthStatus {
  readonly ok: boolean;
  readonly version: string;
  readonly latencyMs: number;
}

/**
 * The city system as services see it (port). Adapters: HttpCityGateway (our OpenAPI contract,
 * docs/openapi/city-gateway.yaml); a province-specific adapter may replace it. Every method
 * rejects with an AppError: CITY_UNAUTHORIZED, CITY_FORBIDDEN, CITY_RATE_LIMITED,
 * CITY_SERVER_ERROR, CITY_TIMEOUT, CITY_UNREACHABLE, CITY_BAD_RESPONSE, CITY_REJECTED, NOT_FOUND.
 */
export interface CityGateway {
  health(): Promise<CityHealthStatus>;
  /** Diacritics-insensitive search by name, code and lĩnh vực; all procedures without a query. */
  listProcedures(query?: ProcedureQuery): Promise<ProcedureSummary[]>;
  /** NOT_FOUND when the code is unknown. */
  getProcedure(code: string): Promise<Procedure>;
}
