import { createCipheriv, createDecipheriv } from 'node:crypto';

/**
 * Raw block-cipher operations (no padding: callers pad with ISO 9797-1 method 2 themselves).
 * OpenSSL 3's default provider has no single DES, so single DES is 3DES with K‖K‖K.
 */

function run(
  algorithm: string,
  key: Uint8Array,
  iv: Uint8Array | null,
  data: Uint8Array,
  encrypt: boolean,
): Uint8Array {
  const cipher = encrypt
    ? createCipheriv(algorithm, key, iv)
    : createDecipheriv(algorithm, key, iv);
  cipher.setAutoPadding(false);
  const head = cipher.update(data);
  const tail = cipher.final();
  const out = new Uint8Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}

function checkBlocks(data: Uint8Array, blockSize: number): void {
  if (data.length % blockSize !== 0) {
    throw new RangeError(`Data length ${data.length} is not a multiple of ${blockSize}`);
  }
}

function tdesAlgorithm(key: Uint8Array, mode: 'cbc' | 'ecb'): string {
  if (key.length === 16) return `des-ede-${mode}`;
  if (key.length === 24) return `des-ede3-${mode}`;
  throw new RangeError(`3DES key must be 16 or 24 bytes, got ${key.length}`);
}

/** Two- or three-key 3DES in CBC mode. */
export function tdesCbcEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  checkBlocks(data, 8);
  return run(tdesAlgorithm(key, 'cbc'), key, iv, data, true);
}

export function tdesCbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  checkBlocks(data, 8);
  return run(tdesAlgorithm(key, 'cbc'), key, iv, data, false);
}

function singleDesKey(key: Uint8Array): Uint8Array {
  if (key.length !== 8) throw new RangeError(`DES key must be 8 bytes, got ${key.length}`);
  const k = new Uint8Array(24);
  k.set(key, 0);
  k.set(key, 8);
  k.set(key, 16);
  return k;
}

/** Single DES in CBC mode (emulated as 3DES with K‖K‖K). */
export function desCbcEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  checkBlocks(data, 8);
  return run('des-ede3-cbc', singleDesKey(key), iv, data, true);
}

export function desEcbDecrypt(key: Uint8Array, data: Uint8Array): Uint8Array {
  checkBlocks(data, 8);
  return run('des-ede3-ecb', singleDesKey(key), null, data, false);
}

export function desEcbEncrypt(key: Uint8Array, data: Uint8Array): Uint8Array {
  checkBlocks(data, 8);
  return run('des-ede3-ecb', singleDesKey(key), null, data, true);
}

function aesAlgorithm(key: Uint8Array, mode: 'cbc' | 'ecb'): string {
  if (key.length !== 16 && key.length !== 24 && key.length !== 32) {
    throw new RangeError(`AES key must be 16, 24 or 32 bytes, got ${key.length}`);
  }
  return `aes-${key.length * 8}-${mode}`;
}

export function aesCbcEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  checkBlocks(data, 16);
  return run(aesAlgorithm(key, 'cbc'), key, iv, data, true);
}

export function aesCbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  checkBlocks(data, 16);
  return run(aesAlgorithm(key, 'cbc'), key, iv, data, false);
}

export function aesEcbEncrypt(key: Uint8Array, data: Uint8Array): Uint8Array {
  checkBlocks(data, 16);
  return run(aesAlgorithm(key, 'ecb'), key, null, data, true);
}
