import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { AppError } from '../../../../../common/errors.js';
import { readFileTlv, readTlv, readTlvList } from './ber-tlv.js';
import { LDS_FILES } from './lds-files.js';
import { ldsError } from './lds-error.js';
import { decodeOid, OID_NAMES } from './object-identifier.js';
import { byteString } from './byte-text.js';

/**
 * EF.SOD (ICAO 9303-10 §4.6.2): 77 { ContentInfo { SignedData } } whose encapsulated content is
 * an LDSSecurityObject (ICAO 9303-10 §4.6.2.2):
 *   SEQUENCE { version INTEGER, hashAlgorithm AlgorithmIdentifier,
 *              dataGroupHashValues SEQUENCE OF SEQUENCE { dataGroupNumber INTEGER, hash OCTET STRING },
 *              ldsVersionInfo SEQUENCE { ldsVersion PrintableString, unicodeVersion PrintableString } OPTIONAL }
 */
export interface LdsSecurityObject {
  readonly version: number;
  readonly hashAlgorithm: string;
  /** 'SHA-256' etc., when the OID is a known hash. */
  readonly hashAlgorithmName?: string;
  readonly dataGroupHashes: ReadonlyMap<number, Uint8Array>;
  readonly ldsVersion?: string;
  readonly unicodeVersion?: string;
}

export interface Sod {
  readonly signedData: pkijs.SignedData;
  readonly ldsSecurityObject: LdsSecurityObject;
  /** DER of the encapsulated LDSSecurityObject (what the signed messageDigest covers). */
  readonly eContent: Uint8Array;
  /** The document signer certificate carried in the SignedData, if any. */
  readonly documentSigner?: pkijs.Certificate;
  /** DER of that certificate. */
  readonly documentSignerDer?: Uint8Array;
  /** Signature algorithm OID of the signer info (ecdsa-with-SHA256, id-RSASSA-PSS, …). */
  readonly signatureAlgorithm: string;
  readonly digestAlgorithm: string;
}

const ID_LDS_SECURITY_OBJECT = '2.23.136.1.1.1';
const TAG_SEQUENCE = 0x30;
const TAG_INTEGER = 0x02;
const TAG_OID = 0x06;
const TAG_OCTET_STRING = 0x04;

export function parseSod(bytes: Uint8Array): Sod {
  try {
    return parseSodUnguarded(bytes);
  } catch (err) {
    // pkijs and asn1js throw plain errors (or worse) on odd structures; the caller gets one type.
    if (err instanceof AppError) throw err;
    throw ldsError(`EF.SOD: malformed (${errorText(err)})`, bytes);
  }
}

function parseSodUnguarded(bytes: Uint8Array): Sod {
  const outer = readFileTlv(bytes, LDS_FILES.sod.tag, 'EF.SOD');
  let signedData: pkijs.SignedData;
  try {
    const contentInfo = pkijs.ContentInfo.fromBER(outer.value);
    if (contentInfo.contentType !== pkijs.ContentInfo.SIGNED_DATA) {
      throw new Error(`content type ${contentInfo.contentType}`);
    }
    signedData = new pkijs.SignedData({ schema: contentInfo.content });
  } catch (err) {
    throw ldsError(`EF.SOD: not a CMS SignedData (${errorText(err)})`, bytes);
  }
  const encap = signedData.encapContentInfo;
  if (encap.eContentType !== ID_LDS_SECURITY_OBJECT) {
    throw ldsError(
      `EF.SOD: encapsulated content ${encap.eContentType} is not an LDSSecurityObject`,
      bytes,
    );
  }
  if (!(encap.eContent instanceof asn1js.OctetString)) {
    throw ldsError('EF.SOD: encapsulated content is not an OCTET STRING', bytes);
  }
  const eContent = new Uint8Array(encap.eContent.getValue());
  const signer = signedData.signerInfos[0];
  if (!signer) throw ldsError('EF.SOD: no SignerInfo', bytes);
  const documentSigner = findSignerCertificate(signedData, signer);
  const documentSignerDer = documentSigner
    ? new Uint8Array(documentSigner.toSchema().toBER(false))
    : undefined;
  return {
    signedData,
    ldsSecurityObject: parseLdsSecurityObject(eContent),
    eContent,
    ...(documentSigner ? { documentSigner } : {}),
    ...(documentSignerDer ? { documentSignerDer } : {}),
    signatureAlgorithm: signer.signatureAlgorithm.algorithmId,
    digestAlgorithm: signer.digestAlgorithm.algorithmId,
  };
}

export function parseLdsSecurityObject(bytes: Uint8Array): LdsSecurityObject {
  const seq = readTlv(bytes, 0);
  if (seq.tag !== TAG_SEQUENCE) throw ldsError('LDSSecurityObject is not a SEQUENCE', bytes);
  const [version, algorithm, hashes, versionInfo] = readTlvList(seq.value);
  if (version?.tag !== TAG_INTEGER || version.value.length !== 1) {
    throw ldsError('LDSSecurityObject: bad version', bytes);
  }
  if (algorithm?.tag !== TAG_SEQUENCE)
    throw ldsError('LDSSecurityObject: bad hashAlgorithm', bytes);
  const algOid = readTlvList(algorithm.value)[0];
  if (algOid?.tag !== TAG_OID)
    throw ldsError('LDSSecurityObject: hashAlgorithm without OID', bytes);
  if (hashes?.tag !== TAG_SEQUENCE)
    throw ldsError('LDSSecurityObject: bad dataGroupHashValues', bytes);
  const dataGroupHashes = new Map<number, Uint8Array>();
  for (const entry of readTlvList(hashes.value)) {
    const [dg, hash] = entry.tag === TAG_SEQUENCE ? readTlvList(entry.value) : [];
    if (dg?.tag !== TAG_INTEGER || dg.value.length !== 1 || hash?.tag !== TAG_OCTET_STRING) {
      throw ldsError('LDSSecurityObject: bad DataGroupHash', bytes, entry.offset);
    }
    const number = dg.value[0] ?? 0;
    if (dataGroupHashes.has(number))
      throw ldsError(`LDSSecurityObject: DG${number} listed twice`, bytes);
    dataGroupHashes.set(number, hash.value.slice());
  }
  const hashAlgorithm = decodeOid(algOid.value);
  const hashAlgorithmName = OID_NAMES[hashAlgorithm];
  let ldsVersion: string | undefined;
  let unicodeVersion: string | undefined;
  if (versionInfo?.tag === TAG_SEQUENCE) {
    const [lds, uni] = readTlvList(versionInfo.value);
    ldsVersion = lds ? byteString(lds.value) : undefined;
    unicodeVersion = uni ? byteString(uni.value) : undefined;
  }
  return {
    version: version.value[0] ?? 0,
    hashAlgorithm,
    ...(hashAlgorithmName?.startsWith('SHA-') ? { hashAlgorithmName } : {}),
    dataGroupHashes,
    ...(ldsVersion !== undefined ? { ldsVersion } : {}),
    ...(unicodeVersion !== undefined ? { unicodeVersion } : {}),
  };
}

/** The certificate the SignerInfo's sid names (issuer + serial, or subject key identifier). */
function findSignerCertificate(
  sd: pkijs.SignedData,
  signer: pkijs.SignerInfo,
): pkijs.Certificate | undefined {
  const certs = (sd.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
  );
  const sid: unknown = signer.sid;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certs.find(
      (c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber),
    );
  }
  // A SubjectKeyIdentifier sid (version 3 SignerInfo) is rare on eMRTDs: take the one certificate.
  return certs[0];
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
