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

describe('docs/openapi/city-gateway.yaml is well-formed', () => {
  const doc = loadSpec() as unknown as Record<string, unknown>;

  it('resolves every $ref', () => {
    const refs: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (typeof node === 'object' && node !== null) {
        for (const [k, v] of Object.entries(node)) {
          if (k === '$ref' && typeof v === 'string') refs.push(v);
          else walk(v);
        }
      }
    };
    walk(doc);
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of refs) {
      expect(ref.startsWith('#/')).toBe(true);
      let node: unknown = doc;
      for (const part of ref.slice(2).split('/')) {
        node = (node as Record<string, unknown> | undefined)?.[
          part.replace(/~1/g, '/').replace(/~0/g, '~')
        ];
      }
      expect({ ref, resolved: node !== undefined }).toEqual({ ref, resolved: true });
    }
  });

  it('gives every operation an id, a tag and a JSON 2xx answer', () => {
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const o = op as unknown as {
          operationId?: string;
          tags?: string[];
          responses: Record<string, { content?: Record<string, unknown> }>;
        };
        const where = `${method} ${path}`;
        expect(o.operationId, where).toMatch(/^[a-z][A-Za-z]+$/);
        expect(o.tags?.length, where).toBe(1);
        const ok = Object.entries(o.responses).filter(([status]) => status.startsWith('2'));
        expect(ok.length, where).toBeGreaterThan(0);
        for (const [, r] of ok) expect(r.content?.['application/json'], where).toBeDefined();
      }
    }
  });
});
