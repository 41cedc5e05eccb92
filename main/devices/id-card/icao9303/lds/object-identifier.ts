import { ldsError } from './lds-error.js';

/** Decodes the value of a DER OBJECT IDENTIFIER (ITU-T X.690 §8.19) to dotted form. */
export function decodeOid(value: Uint8Array): string {
  if (value.length === 0) throw ldsError('Empty OBJECT IDENTIFIER', value);
  const arcs: number[] = [];
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const b = value[i] ?? 0;
    if (n > 0x3fffffffffff) throw ldsError('OBJECT IDENTIFIER arc too large', value, i);
    n = n * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) {
      arcs.push(n);
      n = 0;
    } else if (i === value.length - 1) {
      throw ldsError('OBJECT IDENTIFIER truncated', value, i);
    }
  }
  const first = arcs.shift() ?? 0;
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...arcs].join('.');
}

/** Names of the OIDs met in CCCD files (BSI TR-03110-3 §A.1; ICAO 9303-11 §9.2; RFC 5912). */
export const OID_NAMES: Readonly<Record<string, string>> = {
  '0.4.0.127.0.7.2.2.1.1': 'id-PK-DH',
  '0.4.0.127.0.7.2.2.1.2': 'id-PK-ECDH',
  '0.4.0.127.0.7.2.2.2': 'id-TA',
  '0.4.0.127.0.7.2.2.3.1.1': 'id-CA-DH-3DES-CBC-CBC',
  '0.4.0.127.0.7.2.2.3.1.2': 'id-CA-DH-AES-CBC-CMAC-128',
  '0.4.0.127.0.7.2.2.3.1.3': 'id-CA-DH-AES-CBC-CMAC-192',
  '0.4.0.127.0.7.2.2.3.1.4': 'id-CA-DH-AES-CBC-CMAC-256',
  '0.4.0.127.0.7.2.2.3.2.1': 'id-CA-ECDH-3DES-CBC-CBC',
  '0.4.0.127.0.7.2.2.3.2.2': 'id-CA-ECDH-AES-CBC-CMAC-128',
  '0.4.0.127.0.7.2.2.3.2.3': 'id-CA-ECDH-AES-CBC-CMAC-192',
  '0.4.0.127.0.7.2.2.3.2.4': 'id-CA-ECDH-AES-CBC-CMAC-256',
  '0.4.0.127.0.7.2.2.4.1.1': 'id-PACE-DH-GM-3DES-CBC-CBC',
  '0.4.0.127.0.7.2.2.4.1.2': 'id-PACE-DH-GM-AES-CBC-CMAC-128',
  '0.4.0.127.0.7.2.2.4.1.3': 'id-PACE-DH-GM-AES-CBC-CMAC-192',
  '0.4.0.127.0.7.2.2.4.1.4': 'id-PACE-DH-GM-AES-CBC-CMAC-256',
  '0.4.0.127.0.7.2.2.4.2.1': 'id-PACE-ECDH-GM-3DES-CBC-CBC',
  '0.4.0.127.0.7.2.2.4.2.2': 'id-PACE-ECDH-GM-AES-CBC-CMAC-128',
  '0.4.0.127.0.7.2.2.4.2.3': 'id-PACE-ECDH-GM-AES-CBC-CMAC-192',
  '0.4.0.127.0.7.2.2.4.2.4': 'id-PACE-ECDH-GM-AES-CBC-CMAC-256',
  '0.4.0.127.0.7.2.2.4.3.1': 'id-PACE-DH-IM-3DES-CBC-CBC',
  '0.4.0.127.0.7.2.2.4.3.2': 'id-PACE-DH-IM-AES-CBC-CMAC-128',
  '0.4.0.127.0.7.2.2.4.4.1': 'id-PACE-ECDH-IM-3DES-CBC-CBC',
  '0.4.0.127.0.7.2.2.4.4.2': 'id-PACE-ECDH-IM-AES-CBC-CMAC-128',
  '0.4.0.127.0.7.2.2.4.6.2': 'id-PACE-ECDH-CAM-AES-CBC-CMAC-128',
  '2.23.136.1.1.1': 'id-icao-ldsSecurityObject',
  '2.23.136.1.1.5': 'id-icao-mrtd-security-aaProtocolObject',
  '1.2.840.113549.1.7.2': 'id-signedData',
  '1.2.840.113549.1.1.1': 'rsaEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'id-RSASSA-PSS',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.14': 'sha224WithRSAEncryption',
  '1.2.840.10045.2.1': 'id-ecPublicKey',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.1': 'ecdsa-with-SHA224',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.2.840.10045.3.1.7': 'prime256v1',
  '1.3.132.0.34': 'secp384r1',
  '1.3.132.0.35': 'secp521r1',
  '1.3.36.3.3.2.8.1.1.7': 'brainpoolP256r1',
  '1.3.36.3.3.2.8.1.1.11': 'brainpoolP384r1',
  '1.3.36.3.3.2.8.1.1.13': 'brainpoolP512r1',
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
  '2.16.840.1.101.3.4.2.4': 'SHA-224',
};
