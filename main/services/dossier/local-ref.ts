import { randomBytes } from 'node:crypto';

/** Crockford base32: no I, L, O, U — nothing to misread on a slip or over the phone. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Viet Nam local date (UTC+7, no daylight saving) as YYMMDD. */
export function vnYymmdd(epochMs: number): string {
  return new Date(epochMs + 7 * 3600_000).toISOString().slice(2, 10).replace(/-/g, '');
}

/**
 * A provisional receipt reference, `<prefix>-YYMMDD-XXXXXXXX`: 40 random bits, readable, unique
 * per installation in practice (the store refuses a duplicate and the outbox draws again). It
 * never looks like the city's mã hồ sơ (TT 01/2018/TT-VPCP Điều 19), which only the city assigns.
 */
export function newLocalRef(prefix: string, epochMs: number): string {
  const bytes = randomBytes(5);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let tail = '';
  for (let i = 0; i < 8; i++) {
    tail = (ALPHABET[Number(bits & 31n)] ?? '0') + tail;
    bits >>= 5n;
  }
  return `${prefix}-${vnYymmdd(epochMs)}-${tail}`;
}

export const LOCAL_REF_PREFIX = /^[A-Z]{2,8}$/;
