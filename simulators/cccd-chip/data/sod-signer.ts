import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { createHash } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { derInteger, derOid, tlv } from './der-writer.js';
import { ECDSA_WITH_SHA256, PKI_ENGINE, signEcdsaSha256 } from './test-pki.js';
import type { TestPki } from './test-pki.js';

const ID_LDS_SECURITY_OBJECT = '2.23.136.1.1.1';
const ID_SHA256 = '2.16.840.1.101.3.4.2.1';
const ID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const ID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const ID_SIGNING_TIME = '1.2.840.113549.1.9.5';

export interface SodOptions {
  /** Flip a bit of the signature after signing (a forged or damaged SOD). */
  readonly corruptSignature?: boolean;
  /** Signing time written in the signed attributes. */
  readonly signingTime?: Date;
}

/**
 * EF.SOD (ICAO 9303-10 §4.6.2): LDSSecurityObject v0 with SHA-256 hashes of the given data groups,
 * in a CMS SignedData (RFC 5652 §5) signed by the test PKI's document signer, wrapped in tag 77.
 */
export async function buildSod(
  dataGroups: ReadonlyMap<number, Uint8Array>,
  pki: TestPki,
  options: SodOptions = {},
): Promise<Uint8Array> {
  const hashes = [...dataGroups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([dg, bytes]) => tlv(0x30, derInteger(dg), tlv(0x04, sha256(bytes))));
  const lso = tlv(
    0x30,
    derInteger(0),
    tlv(0x30, derOid(ID_SHA256), tlv(0x05)),
    tlv(0x30, ...hashes),
  );
  const ds = pki.documentSigner;
  const signedData = new pkijs.SignedData({
    version: 3,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: ID_LDS_SECURITY_OBJECT,
      eContent: new asn1js.OctetString({ valueHex: lso }),
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: ds.issuer, serialNumber: ds.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({
              type: ID_CONTENT_TYPE,
              values: [new asn1js.ObjectIdentifier({ value: ID_LDS_SECURITY_OBJECT })],
            }),
            new pkijs.Attribute({
              type: ID_SIGNING_TIME,
              values: [
                new asn1js.UTCTime({
                  valueDate: options.signingTime ?? new Date(Date.UTC(2024, 0, 15)),
                }),
              ],
            }),
            new pkijs.Attribute({
              type: ID_MESSAGE_DIGEST,
              values: [new asn1js.OctetString({ valueHex: sha256(lso) })],
            }),
          ],
        }),
      }),
    ],
    certificates: [ds],
  });
  const dsKey = pki.documentSignerKey;
  if (dsKey.kind === 'webcrypto') {
    await signedData.sign(dsKey.key, 0, 'SHA-256', undefined, PKI_ENGINE);
  } else {
    signWithNodeKey(signedData, dsKey.key);
  }
  if (options.corruptSignature === true) {
    const signer = signedData.signerInfos[0];
    if (signer) {
      const sig = new Uint8Array(signer.signature.valueBlock.valueHexView);
      sig[sig.length - 1] = (sig[sig.length - 1] ?? 0) ^ 0x01;
      signer.signature = new asn1js.OctetString({ valueHex: sig });
    }
  }
  const contentInfo = new pkijs.ContentInfo({
    contentType: pkijs.ContentInfo.SIGNED_DATA,
    content: signedData.toSchema(true),
  });
  return tlv(0x77, new Uint8Array(contentInfo.toSchema().toBER(false)));
}

/** RFC 5652 §5.4: the signature covers the DER of the signed attributes as a SET (tag 31). */
function signWithNodeKey(signedData: pkijs.SignedData, key: KeyObject): void {
  const signer = signedData.signerInfos[0];
  if (!signer?.signedAttrs) throw new Error('SignerInfo without signed attributes');
  const sha256Id = new pkijs.AlgorithmIdentifier({
    algorithmId: ID_SHA256,
    algorithmParams: new asn1js.Null(),
  });
  signedData.digestAlgorithms = [sha256Id];
  signer.digestAlgorithm = sha256Id;
  signer.signatureAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: ECDSA_WITH_SHA256 });
  const attrs = new Uint8Array(signer.signedAttrs.toSchema().toBER(false));
  attrs[0] = 0x31;
  signer.signature = new asn1js.OctetString({ valueHex: signEcdsaSha256(key, attrs) });
}

function sha256(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(bytes).digest());
}
