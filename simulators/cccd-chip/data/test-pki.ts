import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { generateKeyPairSync, sign } from 'node:crypto';
import type { KeyObject, webcrypto } from 'node:crypto';

/**
 * A throw-away test PKI: a self-signed CSCA and a document signer (DS) it certifies, ECDSA with
 * SHA-256 (ICAO 9303-12 §7 profiles, reduced). P-256 keys are made and used through pkijs over
 * Node's WebCrypto; brainpoolP256r1 (which WebCrypto lacks, but eMRTD PKIs use) through Node's
 * OpenSSL, so that the reader's fallback is exercised. Keys exist only in memory; each
 * label + curve is generated once per process. Never a real country's CSCA.
 */
export type TestPkiCurve = 'P-256' | 'brainpoolP256r1';

/** How the DS signs: a WebCrypto key (pkijs signs) or an OpenSSL key (we sign DER ourselves). */
export type DsSigningKey =
  | { readonly kind: 'webcrypto'; readonly key: webcrypto.CryptoKey }
  | { readonly kind: 'node'; readonly key: KeyObject };

export interface TestPki {
  readonly label: string;
  readonly curve: TestPkiCurve;
  readonly csca: pkijs.Certificate;
  /** DER of the CSCA certificate, for a test's trust-store folder. */
  readonly cscaDer: Uint8Array;
  readonly documentSigner: pkijs.Certificate;
  readonly documentSignerDer: Uint8Array;
  readonly documentSignerKey: DsSigningKey;
}

export const PKI_ENGINE = new pkijs.CryptoEngine({
  name: 'node-webcrypto',
  crypto: globalThis.crypto,
});
export const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';

const cache = new Map<string, Promise<TestPki>>();
let serial = 1;

/** The PKI for `label` ("default" signs the simulator's cards; use another for an unknown CSCA). */
export function createTestPki(label = 'default', curve: TestPkiCurve = 'P-256'): Promise<TestPki> {
  const key = `${label}/${curve}`;
  let pki = cache.get(key);
  if (!pki) {
    pki = generate(label, curve);
    cache.set(key, pki);
  }
  return pki;
}

/** Signs `data` with an OpenSSL key: ECDSA-SHA256, DER-encoded signature (X9.62 Ecdsa-Sig-Value). */
export function signEcdsaSha256(key: KeyObject, data: Uint8Array): Uint8Array {
  return new Uint8Array(sign('sha256', data, { key, dsaEncoding: 'der' }));
}

interface KeyPair {
  readonly signing: DsSigningKey;
  readonly spki: Uint8Array;
}

async function keyPair(curve: TestPkiCurve): Promise<KeyPair> {
  if (curve === 'brainpoolP256r1') {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
    return {
      signing: { kind: 'node', key: privateKey },
      spki: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
    };
  }
  const pair = await globalThis.crypto.subtle.generateKey(
    { name: 'ECDSA', namedCurve: 'P-256' },
    true,
    ['sign', 'verify'],
  );
  return {
    signing: { kind: 'webcrypto', key: pair.privateKey },
    spki: new Uint8Array(await globalThis.crypto.subtle.exportKey('spki', pair.publicKey)),
  };
}

async function generate(label: string, curve: TestPkiCurve): Promise<TestPki> {
  const cscaKeys = await keyPair(curve);
  const dsKeys = await keyPair(curve);
  const cscaName = name(`CSCA TEST ${label} ${curve} (synthetic)`);
  const csca = await certificate({
    subject: cscaName,
    issuer: cscaName,
    spki: cscaKeys.spki,
    signingKey: cscaKeys.signing,
    notBefore: new Date(Date.UTC(2020, 0, 1)),
    notAfter: new Date(Date.UTC(2040, 0, 1)),
    ca: true,
  });
  const documentSigner = await certificate({
    subject: name(`DS TEST ${label} ${curve} (synthetic)`),
    issuer: cscaName,
    spki: dsKeys.spki,
    signingKey: cscaKeys.signing,
    notBefore: new Date(Date.UTC(2021, 0, 1)),
    notAfter: new Date(Date.UTC(2036, 0, 1)),
    ca: false,
  });
  return {
    label,
    curve,
    csca,
    cscaDer: der(csca),
    documentSigner,
    documentSignerDer: der(documentSigner),
    documentSignerKey: dsKeys.signing,
  };
}

function der(cert: pkijs.Certificate): Uint8Array {
  return new Uint8Array(cert.toSchema().toBER(false));
}

function name(commonName: string): pkijs.RelativeDistinguishedNames {
  return new pkijs.RelativeDistinguishedNames({
    typesAndValues: [
      new pkijs.AttributeTypeAndValue({
        type: '2.5.4.6',
        value: new asn1js.PrintableString({ value: 'VN' }),
      }),
      new pkijs.AttributeTypeAndValue({
        type: '2.5.4.10',
        value: new asn1js.Utf8String({ value: 'Test only' }),
      }),
      new pkijs.AttributeTypeAndValue({
        type: '2.5.4.3',
        value: new asn1js.Utf8String({ value: commonName }),
      }),
    ],
  });
}

interface CertSpec {
  subject: pkijs.RelativeDistinguishedNames;
  issuer: pkijs.RelativeDistinguishedNames;
  spki: Uint8Array;
  signingKey: DsSigningKey;
  notBefore: Date;
  notAfter: Date;
  ca: boolean;
}

async function certificate(spec: CertSpec): Promise<pkijs.Certificate> {
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ value: serial++ });
  cert.subject = spec.subject;
  cert.issuer = spec.issuer;
  cert.notBefore.value = spec.notBefore;
  cert.notAfter.value = spec.notAfter;
  cert.subjectPublicKeyInfo = pkijs.PublicKeyInfo.fromBER(spec.spki);
  const basic = new pkijs.BasicConstraints({ cA: spec.ca });
  // keyUsage: keyCertSign + cRLSign for the CSCA, digitalSignature for the DS (RFC 5280 §4.2.1.3).
  const usage = spec.ca ? Uint8Array.of(0x06) : Uint8Array.of(0x80);
  cert.extensions = [
    new pkijs.Extension({
      extnID: '2.5.29.19',
      critical: true,
      extnValue: basic.toSchema().toBER(false),
      parsedValue: basic,
    }),
    new pkijs.Extension({
      extnID: '2.5.29.15',
      critical: true,
      extnValue: new asn1js.BitString({ valueHex: usage, unusedBits: spec.ca ? 1 : 7 }).toBER(
        false,
      ),
    }),
  ];
  if (spec.signingKey.kind === 'webcrypto') {
    await cert.sign(spec.signingKey.key, 'SHA-256', PKI_ENGINE);
    return cert;
  }
  cert.signature = new pkijs.AlgorithmIdentifier({ algorithmId: ECDSA_WITH_SHA256 });
  cert.signatureAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: ECDSA_WITH_SHA256 });
  cert.tbsView = new Uint8Array(cert.encodeTBS().toBER(false));
  cert.signatureValue = new asn1js.BitString({
    valueHex: signEcdsaSha256(spec.signingKey.key, cert.tbsView),
  });
  return cert;
}
