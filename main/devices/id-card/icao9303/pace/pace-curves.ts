import { weierstrass, type WeierstrassPointCons } from '@noble/curves/abstract/weierstrass.js';
import { p256 } from '@noble/curves/nist.js';

/** An elliptic-curve group usable for PACE ECDH generic mapping. */
export interface PaceCurve {
  readonly name: string;
  readonly Point: WeierstrassPointCons<bigint>;
  /** Field size in bytes (length of an x coordinate). */
  readonly size: number;
}

/** brainpoolP256r1, RFC 5639 §3.4. */
const brainpoolP256r1 = weierstrass({
  p: 0xa9fb57dba1eea9bc3e660a909d838d726e3bf623d52620282013481d1f6e5377n,
  a: 0x7d5a0975fc2c3057eef67530417affe7fb8055c126dc5c6ce94a4b44f330b5d9n,
  b: 0x26dc5c6ce94a4b44f330b5d9bbd77cbf958416295cf7e1ce6bccdc18ff8c07b6n,
  Gx: 0x8bd2aeb9cb7e57cb2c4b482ffc81b7afb9de27e1e3bd23c23a4453bd9ace3262n,
  Gy: 0x547ef835c3dac4fd97f8461a14611dc9c27745132ded8e545c1d54c72f046997n,
  n: 0xa9fb57dba1eea9bc3e660a909d838d718c397aa3b561a6f7901e0e82974856a7n,
  h: 1n,
});

/**
 * Standardized domain parameters (ICAO 9303-11 §9.5.1, table of parameter IDs) that this engine
 * implements: 12 = NIST P-256, 13 = brainpoolP256r1 (the CCCD's).
 */
const CURVES = new Map<number, PaceCurve>([
  [12, { name: 'secp256r1', Point: p256.Point, size: 32 }],
  [13, { name: 'brainpoolP256r1', Point: brainpoolP256r1, size: 32 }],
]);

export function paceCurve(parameterId: number): PaceCurve | undefined {
  return CURVES.get(parameterId);
}

export function bytesToBigInt(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

export function bigIntToBytes(value: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let v = value;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}
