import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import * as pkijs from 'pkijs';

/**
 * The CSCA trust store: a folder of CSCA certificates (.cer, .crt, .der as DER; .pem, or any of
 * them holding PEM text) that a technician fills from an official channel (research §2.5).
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

const CERT_EXTENSIONS = new Set(['.cer', '.crt', '.pem', '.der']);
/** Far more than any certificate; bounds what a misplaced file can make us read. */
const MAX_FILE_BYTES = 1024 * 1024;
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
      for (const der of certificateBlobs(await readFile(path))) {
        anchors.push({ certificate: pkijs.Certificate.fromBER(der), file: name });
      }
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

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
