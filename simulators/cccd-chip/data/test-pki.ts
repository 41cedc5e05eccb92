import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { webcrypto } from 'node:crypto';

type CryptoKey = webcrypto.CryptoKey;

/**
 * A throw-away test PKI: a self-signed CSCA and a document signer (DS) it certifies, ECDSA P-256
 * with SHA-256, made with pkijs over Node's WebCrypto (ICAO 9303-12 §7 profiles, reduced). Keys
 * exist only in memory; each label is generated once per process. Never a real country's CSCA.
 */
export interface TestPki {
  readonly label: string;
  readonly csca: pkijs.Certificate;
  /** DER of the CSCA certificate, for a test's trust-store folder. */
  readonly cscaDer: Uint8Array;
  readonly documentSigner: pkijs.Certificate;
  readonly documentSignerDer: Uint8Array;
  readonly documentSignerKey: CryptoKey;
}

export const PKI_ENGINE = new pkijs.CryptoEngine({
  name: 'node-webcrypto',
  crypto: globalThis.crypto,
});

const EC_P256: webcrypto.EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
const cache = new Map<string, Promise<TestPki>>();
let serial = 1;

/** The PKI for `label` ("default" signs the simulator's cards; use another for an unknown CSCA). */
export function createTestPki(label = 'default'): Promise<TestPki> {
  let pki = cache.get(label);
  if (!pki) {
    pki = generate(label);
    cache.set(label, pki);
  }
  return pki;
}

async function generate(label: string): Promise<TestPki> {
  const subtle = globalThis.crypto.subtle;
  const cscaKeys = await subtle.generateKey(EC_P256, true, ['sign', 'verify']);
  const dsKeys = await subtle.generateKey(EC_P256, true, ['sign', 'verify']);
  const cscaName = name(`CSCA TEST ${label} (synthetic)`);
  const csca = await certificate({
    subject: cscaName,
    issuer: cscaName,
    publicKey: cscaKeys.publicKey,
    signingKey: cscaKeys.privateKey,
    notBefore: new Date(Date.UTC(2020, 0, 1)),
    notAfter: new Date(Date.UTC(2040, 0, 1)),
    ca: true,
  });
  const documentSigner = await certificate({
    subject: name(`DS TEST ${label} (synthetic)`),
    issuer: cscaName,
    publicKey: dsKeys.publicKey,
    signingKey: cscaKeys.privateKey,
    notBefore: new Date(Date.UTC(2021, 0, 1)),
    notAfter: new Date(Date.UTC(2036, 0, 1)),
    ca: false,
  });
  return {
    label,
    csca,
    cscaDer: der(csca),
    documentSigner,
    documentSignerDer: der(documentSigner),
    documentSignerKey: dsKeys.privateKey,
  };
}

function der(cert: pkijs.Certificate): Uint8Array {
  return new Uint8Array(cert.toSchema(true).toBER(false));
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
  publicKey: CryptoKey;
  signingKey: CryptoKey;
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
  const basic = new pkijs.BasicConstraints({ cA: spec.ca });
  // keyUsage: keyCertSign + cRLSign for the CSCA, digitalSignature for the DS (RFC 5280 §4.2.1.3).
  const usage = spec.ca ? Uint8Array.of(0x01, 0x06) : Uint8Array.of(0x07, 0x80);
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
      extnValue: new asn1js.BitString({
        valueHex: usage.slice(1),
        unusedBits: usage[0] ?? 0,
      }).toBER(false),
    }),
  ];
  await cert.subjectPublicKeyInfo.importKey(spec.publicKey, PKI_ENGINE);
  await cert.sign(spec.signingKey, 'SHA-256', PKI_ENGINE);
  return cert;
}
