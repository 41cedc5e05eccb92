/**
 * Test-only: validates JSON bodies against docs/openapi/city-gateway.yaml with Ajv (JSON Schema
 * 2020-12, the dialect of OpenAPI 3.1). Uses dev dependencies; never import from app code.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

export const SPEC_PATH = fileURLToPath(
  new URL('../../docs/openapi/city-gateway.yaml', import.meta.url),
);
const SPEC_ID = 'https://motcua-kiosk.invalid/city-gateway.yaml';

export interface OpenApiSpec {
  readonly paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  readonly components: { schemas: Record<string, unknown>; responses: Record<string, unknown> };
}

export function loadSpec(): OpenApiSpec {
  return parse(readFileSync(SPEC_PATH, 'utf8')) as OpenApiSpec;
}

const pointer = (...parts: string[]): string =>
  parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

export class SpecValidator {
  readonly spec = loadSpec();
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly cache = new Map<string, ValidateFunction>();

  constructor() {
    (addFormats as unknown as (ajv: Ajv2020) => void)(this.ajv);
    this.ajv.addSchema({ ...this.spec, $id: SPEC_ID });
  }

  /** Validates `body` against a component schema; returns error text or null when valid. */
  schemaErrors(schema: string, body: unknown): string | null {
    return this.check(`#/${pointer('components', 'schemas', schema)}`, body);
  }

  /** Validates a response body for `method path → status` as the spec declares it. */
  responseErrors(method: string, path: string, status: number, body: unknown): string | null {
    const op = this.spec.paths[path]?.[method.toLowerCase()];
    if (op === undefined) return `spec has no ${method} ${path}`;
    const response = op.responses[String(status)] as { $ref?: string } | undefined;
    if (response === undefined) return `spec declares no ${status} for ${method} ${path}`;
    const ptr =
      response.$ref ??
      `#/${pointer('paths', path, method.toLowerCase(), 'responses', String(status))}`;
    return this.check(`${ptr}/content/application~1json/schema`, body);
  }

  private check(ptr: string, body: unknown): string | null {
    let validate = this.cache.get(ptr);
    if (validate === undefined) {
      validate = this.ajv.compile({ $ref: `${SPEC_ID}${ptr}` });
      this.cache.set(ptr, validate);
    }
    return validate(body) ? null : this.ajv.errorsText(validate.errors);
  }
}
