import { constants, createPublicKey, verify } from 'node:crypto';
import * as pkijs from 'pkijs';

/**
 * Signature verification with Node's OpenSSL, for what WebCrypto cannot do: brainpool curves
 * (common in eMRTD PKIs, BSI TR-03110), EC keys with explicit domain parameters, SHA-224,
 * ECDSA "plain" signatures (BSI TR-03111 §5.2.1). Used when pkijs over WebCrypto throws.
 * Throws an Error naming the algorithm when it is not one of these.
 */
const ECDSA_DER: Readonly<Record<string, string>> = {
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.1': 'sha224',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};
const ECDSA_PLAIN: Readonly<Record<string, string>> = {
  '0.4.0.127.0.7.1.1.4.1.1': 'sha1',
  '0.4.0.127.0.7.1.1.4.1.2': 'sha224',
  '0.4.0.127.0.7.1.1.4.1.3': 'sha256',
  '0.4.0.127.0.7.1.1.4.1.4': 'sha384',
  '0.4.0.127.0.7.1.1.4.1.5': 'sha512',
};
const RSA_PKCS1: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.14': 'sha224',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
};
const DIGESTS: Readonly<Record<string, string>> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
const ID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const RSASSA_PSS = '1.2.840.113549.1.1.10';

/** Node digest name of a hash OID, or undefined. */
export function digestName(oid: string): string | undefined {
  return DIGESTS[oid];
}

export function verifyWithNode(
  spkiDer: Uint8Array,
  algorithm: pkijs.AlgorithmIdentifier,
  data: Uint8Array,
  signature: Uint8Array,
  /** Digest OID, for signature algorithms that do not name one (rsaEncryption, id-ecPublicKey). */
  digestOid?: string,
): boolean {
  const key = createPublicKey({ key: Buffer.from(spkiDer), format: 'der', type: 'spki' });
  const oid = algorithm.algorithmId;
  const fromDigest = digestOid !== undefined ? DIGESTS[digestOid] : undefined;
  const ecDer = ECDSA_DER[oid] ?? (oid === ID_EC_PUBLIC_KEY ? fromDigest : undefined);
  if (ecDer) return verify(ecDer, data, { key, dsaEncoding: 'der' }, signature);
  const ecPlain = ECDSA_PLAIN[oid];
  if (ecPlain) return verify(ecPlain, data, { key, dsaEncoding: 'ieee-p1363' }, signature);
  const rsa = RSA_PKCS1[oid] ?? (oid === RSA_ENCRYPTION ? fromDigest : undefined);
  if (rsa) return verify(rsa, data, { key, padding: constants.RSA_PKCS1_PADDING }, signature);
  if (oid === RSASSA_PSS) {
    const params = new pkijs.RSASSAPSSParams({ schema: algorithm.algorithmParams });
    const hash = DIGESTS[params.hashAlgorithm.algorithmId];
    if (!hash)
      throw new Error(`RSASSA-PSS with hash ${params.hashAlgorithm.algorithmId} not supported`);
    return verify(
      hash,
      data,
      { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: params.saltLength },
      signature,
    );
  }
  throw new Error(`signature algorithm ${oid} not supported`);
}
