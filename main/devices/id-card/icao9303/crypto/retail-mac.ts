import { desCbcEncrypt, desEcbDecrypt, desEcbEncrypt } from './block-ciphers';

const ZERO_IV = new Uint8Array(8);

/**
 * ISO/IEC 9797-1 MAC algorithm 3 ("retail MAC") with DES, IV 0, as used by BAC and 3DES secure
 * messaging (ICAO 9303-11 §9.8, Appendix D). `paddedData` must already be padded (method 2).
 * key = Ka ‖ Kb (16 bytes); returns 8 bytes.
 */
export function retailMac(key: Uint8Array, paddedData: Uint8Array): Uint8Array {
  if (key.length !== 16) throw new RangeError(`Retail MAC key must be 16 bytes, got ${key.length}`);
  if (paddedData.length === 0 || paddedData.length % 8 !== 0) {
    throw new RangeError(`Retail MAC input must be a non-empty multiple of 8 bytes`);
  }
  const ka = key.subarray(0, 8);
  const kb = key.subarray(8, 16);
  const chained = desCbcEncrypt(ka, ZERO_IV, paddedData);
  const last = chained.subarray(chained.length - 8);
  return desEcbEncrypt(ka, desEcbDecrypt(kb, last));
}
