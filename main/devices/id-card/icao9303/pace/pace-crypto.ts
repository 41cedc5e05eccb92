import { createHash } from 'node:crypto';
import type { WeierstrassPoint } from '@noble/curves/abstract/weierstrass.js';
import { cardError } from '../card-error';
import { aesCmac } from '../crypto/aes-cmac';
import { aesCbcDecrypt, tdesCbcDecrypt } from '../crypto/block-ciphers';
import { deriveKey, KDF_ENC, KDF_MAC, KDF_PACE } from '../crypto/derive-key';
import { pad } from '../crypto/iso9797-padding';
import { retailMac } from '../crypto/retail-mac';
import { mrzInformation, type MrzKeyData } from '../bac-key';
import { concatBytes, encodeTlv } from '../tlv';
import type { PaceInfo } from './card-access';
import { bigIntToBytes, bytesToBigInt, type PaceCurve } from './pace-curves';

/** The PACE password (ICAO 9303-11 §9.7.3): a CAN or the MRZ key data. */
export type PacePassword =
  | { readonly kind: 'CAN'; readonly can: string }
  | { readonly kind: 'MRZ'; readonly mrz: MrzKeyData };

/** MSE:Set AT password references (ICAO 9303-11 §9.7.3 / BSI TR-03110-3 D.2.1.1). */
export const PASSWORD_REF = { MRZ: 0x01, CAN: 0x02 } as const;

type Point = WeierstrassPoint<bigint>;

/**
 * K_π = KDF(f(π), 3) (ICAO 9303-11 §9.7.3): f(π) = SHA-1(MRZ_information) (all 20 bytes) for the
 * MRZ, the raw ASCII digits for a CAN.
 */
export function pacePasswordKey(password: PacePassword, cipher: PaceInfo['cipher']): Uint8Array {
  const seed =
    password.kind === 'CAN'
      ? new Uint8Array(Buffer.from(password.can, 'ascii'))
      : new Uint8Array(createHash('sha1').update(mrzInformation(password.mrz), 'ascii').digest());
  return deriveKey(seed, KDF_PACE, cipher);
}

/** s = D(K_π, z), CBC with a zero IV (ICAO 9303-11 §4.4.3.3.1). */
export function decryptNonce(
  kPi: Uint8Array,
  z: Uint8Array,
  cipher: PaceInfo['cipher'],
): Uint8Array {
  if (cipher === '3DES') {
    if (z.length !== 8 && z.length !== 16)
      throw cardError('CARD_PROTOCOL', 'Bad PACE nonce length', z);
    return tdesCbcDecrypt(kPi, new Uint8Array(8), z);
  }
  if (z.length % 16 !== 0 || z.length === 0)
    throw cardError('CARD_PROTOCOL', 'Bad PACE nonce length', z);
  return aesCbcDecrypt(kPi, new Uint8Array(16), z);
}

/** Decodes an uncompressed point and checks it lies on the curve (not the point at infinity). */
export function decodePoint(curve: PaceCurve, bytes: Uint8Array): Point {
  if (bytes.length !== 1 + 2 * curve.size || bytes[0] !== 0x04) {
    throw cardError('CARD_PROTOCOL', 'Expected an uncompressed EC point', bytes);
  }
  try {
    const point = curve.Point.fromBytes(bytes);
    point.assertValidity();
    return point;
  } catch (err) {
    throw cardError('CARD_PROTOCOL', 'EC point is not on the curve', bytes, err);
  }
}

export function encodePoint(point: Point): Uint8Array {
  return point.toBytes(false);
}

/** ECDH generic mapping (ICAO 9303-11 §4.4.3.3.1): Ĝ = s·G + H with H = SK_map·PK_map'. */
export function mapGenerator(
  curve: PaceCurve,
  nonce: Uint8Array,
  skMap: bigint,
  pkMapOther: Point,
): Point {
  const h = pkMapOther.multiply(skMap);
  const s = bytesToBigInt(nonce) % curve.Point.Fn.ORDER;
  const mapped = curve.Point.BASE.multiply(s).add(h);
  if (mapped.is0()) throw cardError('CARD_PROTOCOL', 'PACE mapping produced the point at infinity');
  return mapped;
}

/** Shared secret K = x(SK·PK') (ICAO 9303-11 §4.4.3.4). */
export function sharedSecret(curve: PaceCurve, sk: bigint, pkOther: Point): Uint8Array {
  const k = pkOther.multiply(sk);
  if (k.is0())
    throw cardError('CARD_PROTOCOL', 'PACE key agreement produced the point at infinity');
  return bigIntToBytes(k.x, curve.size);
}

export interface PaceSessionKeys {
  readonly ksEnc: Uint8Array;
  readonly ksMac: Uint8Array;
}

export function paceSessionKeys(secret: Uint8Array, cipher: PaceInfo['cipher']): PaceSessionKeys {
  return { ksEnc: deriveKey(secret, KDF_ENC, cipher), ksMac: deriveKey(secret, KDF_MAC, cipher) };
}

const TAG_PUBLIC_KEY = 0x7f49;
const TAG_OID = 0x06;
const TAG_EC_POINT = 0x86;

/**
 * Authentication token T = MAC(KS_MAC, 7F49{06 OID, 86 PK'}) over the other side's ephemeral key
 * (ICAO 9303-11 §4.4.3.5, §9.4.5): CMAC truncated to 8 bytes, or the retail MAC for 3DES.
 */
export function authenticationToken(
  cipher: PaceInfo['cipher'],
  ksMac: Uint8Array,
  oidBytes: Uint8Array,
  publicKey: Uint8Array,
): Uint8Array {
  const data = encodeTlv(
    TAG_PUBLIC_KEY,
    concatBytes(encodeTlv(TAG_OID, oidBytes), encodeTlv(TAG_EC_POINT, publicKey)),
  );
  if (cipher === '3DES') return retailMac(ksMac, pad(data, 8));
  return aesCmac(ksMac, data).slice(0, 8);
}

/** A random private key in [1, n-1] from the given random source. */
export function randomScalar(curve: PaceCurve, random: (n: number) => Uint8Array): bigint {
  const order = curve.Point.Fn.ORDER;
  for (let i = 0; i < 64; i++) {
    const k = bytesToBigInt(random(curve.size));
    if (k > 0n && k < order) return k;
  }
  throw new Error('Random source keeps producing out-of-range scalars');
}
