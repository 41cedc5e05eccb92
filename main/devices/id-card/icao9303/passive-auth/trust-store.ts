import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/**
 * The CSCA trust store: a folder of CSCA certificates (.cer, .crt, .der as DER; .pem, or any of
 * them holding PEM text; .ml ICAO master lists) that a technician fills from an official channel (research §2.5).
 * Unreadable files are reported, never fatal: a partly broken folder still trusts the good ones.
 */
export interface TrustAnchor {
  readonly certificate: pkijs.Certificate;
  /** File the certificate came from (for the technician-facing detail). */
  readonly file: string;
}

export interface TrustStore {
  readonly directory: string;
  readonly anchors: readonly TrustAnchor[];
  /** Files or the folder that could not be read, with the reason. */
  readonly problems: readonly string[];
}

const CERT_EXTENSIONS = new Set(['.cer', '.crt', '.pem', '.der', '.ml']);
const MASTER_LIST = '.ml';
const ID_CSCA_MASTER_LIST = '2.23.136.1.1.2';
/** Far more than any certificate; bounds what a misplaced file can make us read. */
const MAX_FILE_BYTES = 8 * 1024 * 1024; // a national master list holds hundreds of CSCAs
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+?)-----END CERTIFICATE-----/g;

export async function loadTrustStore(directory: string): Promise<TrustStore> {
  const anchors: TrustAnchor[] = [];
  const problems: string[] = [];
  let names: string[];
  try {
    names = (await readdir(directory)).sort();
  } catch (err) {
    return { directory, anchors, problems: [`trust store folder unreadable: ${reason(err)}`] };
  }
  for (const name of names) {
    if (!CERT_EXTENSIONS.has(extname(name).toLowerCase())) continue;
    const path = join(directory, name);
    try {
      const info = await stat(path);
      if (!info.isFile()) continue;
      if (info.size > MAX_FILE_BYTES)
        throw new Error(`${info.size} bytes is too large for a certificate`);
      const content = await readFile(path);
      const certificates =
        extname(name).toLowerCase() === MASTER_LIST
          ? masterListCertificates(content)
          : certificateBlobs(content).map((der) => pkijs.Certificate.fromBER(der));
      for (const certificate of certificates) anchors.push({ certificate, file: name });
    } catch (err) {
      problems.push(`${name}: ${reason(err)}`);
    }
  }
  return { directory, anchors, problems };
}

/** DER certificates in a file: every PEM block, or the whole file as DER. */
export function certificateBlobs(content: Uint8Array): Uint8Array[] {
  const text = new TextDecoder('latin1').decode(content);
  const pem = [...text.matchAll(PEM_BLOCK)].map(
    (m) => new Uint8Array(Buffer.from(m[1] ?? '', 'base64')),
  );
  if (pem.length > 0) return pem;
  if (text.includes('-----BEGIN')) throw new Error('PEM file without a CERTIFICATE block');
  return [content];
}

/**
 * The CSCA certificates of an ICAO CSCA master list (ICAO 9303-12 §9: CMS SignedData over
 * CscaMasterList ::= SEQUENCE { version INTEGER, certList SET OF Certificate }). The list's own
 * signature is not checked: putting the file in the folder is the technician's act of trust, as
 * for a single certificate file.
 */
export function masterListCertificates(content: Uint8Array): pkijs.Certificate[] {
  const info = pkijs.ContentInfo.fromBER(content);
  const signed = new pkijs.SignedData({ schema: info.content });
  if (signed.encapContentInfo.eContentType !== ID_CSCA_MASTER_LIST) {
    throw new Error(`not a CSCA master list (${signed.encapContentInfo.eContentType})`);
  }
  const eContent = signed.encapContentInfo.eContent;
  if (!(eContent instanceof asn1js.OctetString)) throw new Error('master list without content');
  const parsed = asn1js.fromBER(eContent.getValue());
  const list = parsed.result;
  if (parsed.offset === -1 || !(list instanceof asn1js.Sequence))
    throw new Error('master list content is not a SEQUENCE');
  const set = list.valueBlock.value[1];
  if (!(set instanceof asn1js.Set)) throw new Error('master list without certList');
  return set.valueBlock.value.map((cert) => new pkijs.Certificate({ schema: cert }));
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
