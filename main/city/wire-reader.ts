import { AppError } from '../../common/errors.js';

/**
 * Strict readers for the city system's JSON: a missing or mistyped field becomes
 * CITY_BAD_RESPONSE naming the path, never an undefined deep inside a service.
 */
export function badResponse(path: string, expected: string, got: unknown): AppError {
  return new AppError(
    'CITY_BAD_RESPONSE',
    `City response: ${path} should be ${expected}, got ${describe(got)}`,
  );
}

/**
 * What a wrong value was, without its content: responses carry personal data (names, ID
 * numbers) and error messages end up in logs. Short codes and numbers are shown.
 */
function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Math.abs(value) < 1e6 ? String(value) : 'a large number';
  if (typeof value === 'string') {
    return /^[A-Z0-9_.-]{0,20}$/.test(value) && !/\d{9}/.test(value)
      ? JSON.stringify(value)
      : `a string of ${value.length} characters`;
  }
  return typeof value === 'object' ? 'an object' : typeof value;
}

export function obj(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badResponse(path, 'an object', value);
  }
  return value as Record<string, unknown>;
}

export function arr(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw badResponse(path, 'an array', value);
  return value;
}

export function str(o: Record<string, unknown>, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw badResponse(`${path}.${key}`, 'a string', v);
  return v.normalize('NFC');
}

export function optStr(o: Record<string, unknown>, key: string, path: string): string | undefined {
  return o[key] === undefined || o[key] === null ? undefined : str(o, key, path);
}

export function num(o: Record<string, unknown>, key: string, path: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw badResponse(`${path}.${key}`, 'a number', v);
  return v;
}

export function bool(o: Record<string, unknown>, key: string, path: string): boolean {
  const v = o[key];
  if (typeof v !== 'boolean') throw badResponse(`${path}.${key}`, 'a boolean', v);
  return v;
}

export function oneOf<T extends string>(
  o: Record<string, unknown>,
  key: string,
  path: string,
  table: Readonly<Record<string, T>>,
): T {
  const v = o[key];
  const mapped = typeof v === 'string' ? table[v] : undefined;
  if (mapped === undefined) {
    throw badResponse(`${path}.${key}`, `one of ${Object.keys(table).join('|')}`, v);
  }
  return mapped;
}

/** Adds `key: value` only when value is defined (exactOptionalPropertyTypes). */
export function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
