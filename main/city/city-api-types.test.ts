import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../simulators/city/spec-validator.js';

/**
 * openapi-typescript cannot run here (TypeScript 6), so city-api-types.ts is hand-written. This
 * test reads its source and checks the names against the YAML: every path and method, every
 * component schema, and each schema's property names, both ways.
 */
const source = readFileSync(new URL('./city-api-types.ts', import.meta.url), 'utf8');
const spec = loadSpec() as unknown as {
  paths: Record<string, Record<string, { operationId: string }>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
};

/** The text of the `{ … }` block that starts at `from` (brace matching; no braces in strings). */
function block(from: number): string {
  const open = source.indexOf('{', from);
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === '{') depth++;
    if (source[i] === '}' && --depth === 0) return source.slice(open + 1, i);
  }
  throw new Error('unbalanced braces');
}

/** Property names at the top level of a block (members split on `;` and newlines). */
function topLevelKeys(body: string): string[] {
  const members: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of body) {
    if (ch === '{') depth++;
    if (ch === '}') depth--;
    if (depth === 0 && (ch === ';' || ch === '\n')) {
      members.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  members.push(current);
  return members
    .map((m) => /^\s*'?([\w-]+)'?\??:/.exec(m)?.[1])
    .filter((k): k is string => k !== undefined);
}

const schemasBody = block(source.indexOf('schemas: {'));
const typeSchemas = new Map<string, string>();
{
  let depth = 0;
  let offset = source.indexOf('schemas: {') + 'schemas: {'.length;
  for (const line of schemasBody.split('\n')) {
    const m = /^\s{4}(\w+): (.*)$/.exec(line);
    if (depth === 0 && m?.[1] !== undefined) {
      const at = source.indexOf(line, offset);
      const rest = m[2] ?? '';
      typeSchemas.set(m[1], rest.includes('{') ? block(at) : rest);
    }
    offset += line.length;
    for (const ch of line) {
      if (ch === '{') depth++;
      if (ch === '}') depth--;
    }
  }
}

describe('hand-written city-api-types.ts against docs/openapi/city-gateway.yaml', () => {
  it('declares the same paths and methods', () => {
    const typePaths = block(source.indexOf('export interface paths'));
    const declared = [...typePaths.matchAll(/'([^']+)': \{ (\w+): operations\['(\w+)'\] \}/g)].map(
      (m) => `${m[2]} ${m[1]} ${m[3]}`,
    );
    const inSpec = Object.entries(spec.paths).flatMap(([p, ops]) =>
      Object.entries(ops).map(([method, op]) => `${method} ${p} ${op.operationId}`),
    );
    expect(declared.sort()).toEqual(inSpec.sort());
  });

  it('declares every component schema the spec names that carries data', () => {
    const enums = ['KenhThucHien', 'TrangThaiHoSo'];
    const specNames = Object.keys(spec.components.schemas).filter((n) => !enums.includes(n));
    expect([...typeSchemas.keys()].sort()).toEqual(specNames.sort());
  });

  it('uses the same property names as the spec in every schema', () => {
    for (const [name, body] of typeSchemas) {
      const specProps = Object.keys(spec.components.schemas[name]?.properties ?? {});
      let keys = topLevelKeys(body);
      const base = /components\['schemas'\]\['(\w+)'\] &/.exec(body);
      const inherited = /^components\['schemas'\]\['(\w+)'\] & /.exec(
        source.slice(source.indexOf(`    ${name}: `) + name.length + 6),
      );
      const parent = base?.[1] ?? inherited?.[1];
      if (parent !== undefined) keys = [...keys, ...topLevelKeys(typeSchemas.get(parent) ?? '')];
      expect({ name, keys: keys.sort() }).toEqual({ name, keys: specProps.sort() });
    }
  });
});
