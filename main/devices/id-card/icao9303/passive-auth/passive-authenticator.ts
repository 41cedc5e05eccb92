import { createHash, timingSafeEqual } from 'node:crypto';
import * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';
import type { PassiveAuthResult } from '../../../../../common/citizen-identity.js';
import { AppError } from '../../../../../common/errors.js';
import { parseSod } from '../lds/sod.js';
import type { Sod } from '../lds/sod.js';
import { distinguishedName, PKI_ENGINE } from './pki-engine.js';
import { digestName, verifyWithNode } from './node-signature.js';
import type { TrustAnchor, TrustStore } from './trust-store.js';

/**
 * Passive authentication (ICAO 9303-11 §5.1; ICAO 9303-12 §7): the hashes of the data groups
 * read against the SOD's LDSSecurityObject, the document signer's CMS signature over the signed
 * attributes (messageDigest = hash of the LDSSecurityObject), and the DS certificate's signature
 * by a CSCA of the trust store.
 *   verified     — all three hold;
 *   untrusted-ca — hashes and signature hold, but no CSCA in the store signs the DS;
 *   failed       — anything else (a read data group not matching or not listed, a bad signature,
 *                  an unreadable SOD).
 * Certificate validity dates are reported in `detail`, not enforced: ICAO 9303-12 §7.1 lets a DS
 * certificate expire long before the documents it signed.
 */
export interface PassiveAuthInput {
  /** EF.SOD as read (tag 77). */
  readonly sod: Uint8Array;
  /** Data-group number → file as read (outer tag included). */
  readonly dataGroups: ReadonlyMap<number, Uint8Array>;
  readonly trustStore: TrustStore;
  /** Date for the validity report (default now). */
  readonly now?: Date;
}

export interface PassiveAuthReport extends PassiveAuthResult {
  /** Data groups whose hash matched the SOD. */
  readonly hashesVerified: readonly number[];
  readonly signatureVerified: boolean;
  /** The trust-store file of the CSCA that signs the DS, when one does. */
  readonly cscaFile?: string;
}

const ID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const HASHES: Readonly<Record<string, string>> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

export async function verifyPassiveAuth(input: PassiveAuthInput): Promise<PassiveAuthReport> {
  try {
    return await verifyUnguarded(input);
  } catch (err) {
    // Whatever odd structure got this far, passive authentication did not succeed.
    const why = err instanceof Error ? err.message : String(err);
    return {
      status: 'failed',
      detail: `verification error: ${why}`,
      hashesVerified: [],
      signatureVerified: false,
    };
  }
}

async function verifyUnguarded(input: PassiveAuthInput): Promise<PassiveAuthReport> {
  const now = input.now ?? new Date();
  const fail = (
    detail: string,
    hashesVerified: number[] = [],
    signatureVerified = false,
  ): PassiveAuthReport => ({
    status: 'failed',
    detail,
    hashesVerified,
    signatureVerified,
  });
  let sod: Sod;
  try {
    sod = parseSod(input.sod);
  } catch (err) {
    return fail(`SOD unreadable: ${err instanceof AppError ? err.message : String(err)}`);
  }

  // 1. Data-group hashes (ICAO 9303-11 §5.1.1 step 3).
  const lso = sod.ldsSecurityObject;
  const hashName = HASHES[lso.hashAlgorithm];
  if (!hashName) return fail(`SOD hash algorithm ${lso.hashAlgorithm} not supported`);
  if (input.dataGroups.size === 0) return fail('no data group to check against the SOD');
  const hashesVerified: number[] = [];
  for (const [dg, bytes] of [...input.dataGroups].sort(([a], [b]) => a - b)) {
    const expected = lso.dataGroupHashes.get(dg);
    if (!expected) return fail(`DG${dg} was read but the SOD lists no hash for it`, hashesVerified);
    const actual = createHash(hashName).update(bytes).digest();
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
      return fail(
        `DG${dg} hash mismatch (${hashName}): the data group was altered`,
        hashesVerified,
      );
    }
    hashesVerified.push(dg);
  }
  const hashNote = `hashes ${hashName} ok for ${hashesVerified.map((d) => `DG${d}`).join(', ') || 'no DG'}`;

  // 2. CMS signature of the document signer (RFC 5652 §5.6).
  const ds = sod.documentSigner;
  if (!ds) return fail(`${hashNote}; SOD carries no document signer certificate`, hashesVerified);
  const dsName = distinguishedName(ds.subject);
  const signature = await verifyCmsSignature(sod, ds, now);
  if (!signature.ok) {
    return fail(
      `${hashNote}; SOD signature by ${dsName} invalid${signature.problem ? `: ${signature.problem}` : ''}`,
      hashesVerified,
    );
  }
  const validity = [validityNote('DS', ds, now)];

  const signatureNote = `SOD signature by ${dsName} ok${signature.via === 'node' ? ' (OpenSSL fallback)' : ''}`;

  // 3. DS certificate signed by a CSCA of the trust store (ICAO 9303-11 §5.1.1 step 2).
  const csca = await findIssuingCsca(ds, input.trustStore.anchors);
  const storeNote =
    `trust store ${input.trustStore.directory}: ${input.trustStore.anchors.length} CSCA certificate(s)` +
    (input.trustStore.problems.length > 0
      ? `, problems: ${input.trustStore.problems.join('; ')}`
      : '');
  if (!csca) {
    return {
      status: 'untrusted-ca',
      detail: `${hashNote}; ${signatureNote}; no CSCA signs the DS (issuer ${distinguishedName(ds.issuer)}); ${storeNote}; ${validity.join('; ')}`,
      hashesVerified,
      signatureVerified: true,
    };
  }
  validity.push(validityNote('CSCA', csca.certificate, now));
  return {
    status: 'verified',
    detail: `${hashNote}; ${signatureNote}; DS signed by CSCA ${distinguishedName(csca.certificate.subject)} (${csca.file}); ${validity.join('; ')}`,
    hashesVerified,
    signatureVerified: true,
    cscaFile: csca.file,
  };
}

interface SignatureCheck {
  readonly ok: boolean;
  readonly via: 'pkijs' | 'node';
  readonly problem?: string;
}

/**
 * RFC 5652 §5.4/§5.6 with pkijs over WebCrypto; when that cannot run (brainpool or explicit-
 * parameter keys, unusual algorithms) the same check with OpenSSL: messageDigest attribute =
 * hash of the LDSSecurityObject, signature over the DER of the signed attributes.
 */
async function verifyCmsSignature(
  sod: Sod,
  ds: pkijs.Certificate,
  now: Date,
): Promise<SignatureCheck> {
  let pkijsProblem: string;
  try {
    const result = await sod.signedData.verify(
      { signer: 0, checkChain: false, extendedMode: true, checkDate: now },
      PKI_ENGINE,
    );
    return { ok: result.signatureVerified === true, via: 'pkijs' };
  } catch (err) {
    pkijsProblem = (err as { message?: string }).message ?? String(err);
  }
  try {
    const signer = sod.signedData.signerInfos[0];
    if (!signer) return { ok: false, via: 'node', problem: 'no SignerInfo' };
    const digestOid = signer.digestAlgorithm.algorithmId;
    const digest = digestName(digestOid);
    if (!digest) return { ok: false, via: 'node', problem: `digest ${digestOid} not supported` };
    let signed: Uint8Array = sod.eContent;
    if (signer.signedAttrs) {
      const md: unknown = signer.signedAttrs.attributes.find((a) => a.type === ID_MESSAGE_DIGEST)
        ?.values[0];
      const expected =
        md instanceof asn1js.OctetString ? new Uint8Array(md.valueBlock.valueHexView) : undefined;
      const actual = createHash(digest).update(sod.eContent).digest();
      if (!expected || expected.length !== actual.length || !timingSafeEqual(actual, expected)) {
        return {
          ok: false,
          via: 'node',
          problem: 'messageDigest does not match the LDSSecurityObject',
        };
      }
      signed = new Uint8Array(signer.signedAttrs.encodedValue);
    }
    const spki = new Uint8Array(ds.subjectPublicKeyInfo.toSchema().toBER(false));
    const ok = verifyWithNode(
      spki,
      signer.signatureAlgorithm,
      signed,
      new Uint8Array(signer.signature.valueBlock.valueHexView),
      digestOid,
    );
    return ok ? { ok, via: 'node' } : { ok, via: 'node', problem: pkijsProblem };
  } catch (err) {
    return {
      ok: false,
      via: 'node',
      problem: `${pkijsProblem}; ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}

/** X.509 signature of `cert` by `issuer`'s key: pkijs over WebCrypto, else OpenSSL. */
async function isSignedBy(cert: pkijs.Certificate, issuer: pkijs.Certificate): Promise<boolean> {
  try {
    return await cert.verify(issuer, PKI_ENGINE);
  } catch {
    try {
      const spki = new Uint8Array(issuer.subjectPublicKeyInfo.toSchema().toBER(false));
      return verifyWithNode(
        spki,
        cert.signatureAlgorithm,
        cert.tbsView,
        cert.signatureValue.valueBlock.valueHexView,
      );
    } catch {
      return false; // a key or algorithm neither can use does not sign this certificate
    }
  }
}

async function findIssuingCsca(
  ds: pkijs.Certificate,
  anchors: readonly TrustAnchor[],
): Promise<TrustAnchor | undefined> {
  // Names first, then every anchor: some CSCAs were re-keyed under a name spelt differently.
  const ordered = [...anchors].sort(
    (a, b) =>
      Number(b.certificate.subject.isEqual(ds.issuer)) -
      Number(a.certificate.subject.isEqual(ds.issuer)),
  );
  for (const anchor of ordered) {
    if (await isSignedBy(ds, anchor.certificate)) return anchor;
  }
  return undefined;
}

function validityNote(role: string, cert: pkijs.Certificate, now: Date): string {
  const from = cert.notBefore.value;
  const to = cert.notAfter.value;
  const range = `${day(from)}..${day(to)}`;
  if (now < from) return `${role} certificate not yet valid (${range})`;
  if (now > to) return `${role} certificate expired (${range})`;
  return `${role} certificate valid ${range}`;
}

function day(d: Date): string {
  return Number.isNaN(d.getTime()) ? 'invalid date' : d.toISOString().slice(0, 10);
}
