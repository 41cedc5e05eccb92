import { describe, it, expect } from 'vitest';
import { constants, generateKeyPairSync, sign } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { verifyWithNode } from './node-signature.js';

const DATA = new TextEncoder().encode('LDSSecurityObject signed attributes');
const alg = (algorithmId: string, algorithmParams?: unknown): pkijs.AlgorithmIdentifier =>
  new pkijs.AlgorithmIdentifier({
    algorithmId,
    ...(algorithmParams !== undefined ? { algorithmParams } : {}),
  });
const SHA256 = '2.16.840.1.101.3.4.2.1';

describe('verifyWithNode (algorithms WebCrypto lacks)', () => {
  it('verifies ECDSA on brainpoolP256r1 with explicit domain parameters in the SPKI', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', {
      namedCurve: 'brainpoolP256r1',
      paramEncoding: 'explicit',
    });
    const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
    // Explicit parameters: the SPKI carries a SEQUENCE (the curve), not a curve OID.
    expect(spki.length).toBeGreaterThan(200);
    const der = new Uint8Array(sign('sha256', DATA, { key: privateKey, dsaEncoding: 'der' }));
    expect(verifyWithNode(spki, alg('1.2.840.10045.4.3.2'), DATA, der)).toBe(true);
    // id-ecPublicKey as the signature algorithm (seen in SODs): the digest comes from the SignerInfo.
    expect(verifyWithNode(spki, alg('1.2.840.10045.2.1'), DATA, der, SHA256)).toBe(true);
    const plain = new Uint8Array(
      sign('sha256', DATA, { key: privateKey, dsaEncoding: 'ieee-p1363' }),
    );
    expect(verifyWithNode(spki, alg('0.4.0.127.0.7.1.1.4.1.3'), DATA, plain)).toBe(true);
    expect(verifyWithNode(spki, alg('1.2.840.10045.4.3.2'), DATA.subarray(1), der)).toBe(false);
  });

  it('verifies RSA PKCS#1 v1.5 and RSASSA-PSS with its parameters', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
    const pkcs1 = new Uint8Array(sign('sha256', DATA, privateKey));
    expect(verifyWithNode(spki, alg('1.2.840.113549.1.1.11'), DATA, pkcs1)).toBe(true);
    expect(verifyWithNode(spki, alg('1.2.840.113549.1.1.1'), DATA, pkcs1, SHA256)).toBe(true);
    const pss = new Uint8Array(
      sign('sha256', DATA, {
        key: privateKey,
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: 32,
      }),
    );
    const params = new pkijs.RSASSAPSSParams({
      hashAlgorithm: alg(SHA256, new asn1js.Null()),
      maskGenAlgorithm: alg('1.2.840.113549.1.1.8', alg(SHA256, new asn1js.Null()).toSchema()),
      saltLength: 32,
    }).toSchema();
    expect(verifyWithNode(spki, alg('1.2.840.113549.1.1.10', params), DATA, pss)).toBe(true);
    expect(verifyWithNode(spki, alg('1.2.840.113549.1.1.10', params), DATA, pkcs1)).toBe(false);
  });

  it('names an algorithm it does not know', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
    expect(() => verifyWithNode(spki, alg('1.2.3.4'), DATA, new Uint8Array(64))).toThrow(
      /1\.2\.3\.4 not supported/,
    );
  });
});
