import { createHash } from 'node:crypto';
import { adjustDesParity } from './des-parity';

/** Cipher a derived key is meant for (ICAO 9303-11 §9.7.1). */
export type KeyCipher = '3DES' | 'AES-128' | 'AES-192' | 'AES-256';

/** KDF counter values c (ICAO 9303-11 §9.7.1). */
export const KDF_ENC = 1;
export const KDF_MAC = 2;
export const KDF_PACE = 3;

/**
 * ICAO 9303-11 §9.7.1 key derivation: H(seed ‖ c) with c a 32-bit big-endian counter.
 * 3DES and AES-128 use SHA-1 (first 16 bytes; 3DES keys get DES parity), AES-192/256 SHA-256.
 */
export function deriveKey(seed: Uint8Array, counter: number, cipher: KeyCipher): Uint8Array {
  const c = new Uint8Array(4);
  new DataView(c.buffer).setUint32(0, counter);
  const hash = cipher === 'AES-192' || cipher === 'AES-256' ? 'sha256' : 'sha1';
  const digest = new Uint8Array(createHash(hash).update(seed).update(c).digest());
  switch (cipher) {
    case '3DES':
      return adjustDesParity(digest.subarray(0, 16));
    case 'AES-128':
      return digest.slice(0, 16);
    case 'AES-192':
      return digest.slice(0, 24);
    case 'AES-256':
      return digest.slice(0, 32);
  }
}
