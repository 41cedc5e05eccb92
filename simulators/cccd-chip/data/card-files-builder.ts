import { generateKeyPairSync } from 'node:crypto';
import type { CardCitizen } from '../../data/card-citizens.js';
import { cccdMrzLines } from './cccd-mrz.js';
import {
  buildCardAccess,
  buildDg1,
  buildDg13,
  buildDg14,
  buildDg15,
  buildDg2,
  buildEfCom,
} from './data-group-builders.js';
import type { ParentLayout } from './data-group-builders.js';
import { buildSod } from './sod-signer.js';
import { createTestPki } from './test-pki.js';
import type { TestPki, TestPkiCurve } from './test-pki.js';

export interface CardFilesOptions {
  /** Sign with a CSCA that no trust store knows (→ passive authentication 'untrusted-ca'). */
  readonly unknownCsca?: boolean;
  /** Change this data group after signing (→ hash mismatch, passive authentication 'failed'). */
  readonly tamperDataGroup?: 1 | 2 | 13;
  /** Damage the SOD signature (→ passive authentication 'failed'). */
  readonly corruptSignature?: boolean;
  /** DG13 field-13 layout (research §2.4). Default 'separate'. */
  readonly parentLayout?: ParentLayout;
  /** Curve of the test PKI (default P-256; brainpoolP256r1 signs through OpenSSL). */
  readonly curve?: TestPkiCurve;
  /** A PKI of one's own instead of the cached test PKIs. */
  readonly pki?: TestPki;
}

export interface CardFiles {
  /** File identifier (4 hex digits, upper case: '011E', '0101', …) → file content. */
  readonly files: Map<string, Uint8Array>;
  /** EF.CardAccess (also in `files` under '011C'). */
  readonly cardAccess: Uint8Array;
  /** PACE CAN: last 6 digits of the 12-digit ID (research §1.6). */
  readonly can: string;
  readonly mrzLines: readonly [string, string, string];
  /** BAC inputs as the reader derives them: docNo (last 9 of ID), yymmdd birth, yymmdd expiry. */
  readonly bac: {
    readonly documentNumber: string;
    readonly dateOfBirth: string;
    readonly dateOfExpiry: string;
  };
  /** The text of the card's QR code (research §3). */
  readonly qrText: string;
  /** The PKI that signed the SOD (its `cscaDer` goes into a test trust store). */
  readonly pki: TestPki;
}

/** Label of the PKI whose CSCA is not handed to trust stores. */
export const UNKNOWN_CSCA_LABEL = 'unknown-csca';

/** Builds and signs the LDS files of a simulated CCCD for `citizen`. */
export async function buildCardFiles(
  citizen: CardCitizen,
  options: CardFilesOptions = {},
): Promise<CardFiles> {
  const pki =
    options.pki ??
    (await createTestPki(
      options.unknownCsca === true ? UNKNOWN_CSCA_LABEL : 'default',
      options.curve,
    ));
  const mrzLines = cccdMrzLines(citizen);
  const dataGroups = new Map<number, Uint8Array>([
    [1, buildDg1(mrzLines)],
    [2, buildDg2(citizen)],
    [13, buildDg13(citizen, options.parentLayout)],
    [14, buildDg14(ecSpki('brainpoolP256r1'))],
    [15, buildDg15(ecSpki('prime256v1'))],
  ]);
  const sod = await buildSod(dataGroups, pki, {
    corruptSignature: options.corruptSignature === true,
  });
  if (options.tamperDataGroup !== undefined) {
    dataGroups.set(
      options.tamperDataGroup,
      tampered(options.tamperDataGroup, citizen, mrzLines, options.parentLayout),
    );
  }
  const cardAccess = buildCardAccess();
  const files = new Map<string, Uint8Array>([
    ['011C', cardAccess],
    ['011E', buildEfCom([0x61, 0x75, 0x6d, 0x6e, 0x6f])],
    ['011D', sod],
  ]);
  for (const [dg, bytes] of dataGroups)
    files.set((0x0100 + dg).toString(16).toUpperCase().padStart(4, '0'), bytes);
  return {
    files,
    cardAccess,
    can: citizen.idNumber.slice(-6),
    mrzLines,
    bac: {
      documentNumber: mrzLines[0].slice(5, 14),
      dateOfBirth: mrzLines[1].slice(0, 6),
      dateOfExpiry: mrzLines[1].slice(8, 14),
    },
    qrText: cccdQrText(citizen),
    pki,
  };
}

/**
 * The card's QR text: ID|old ID|name|ddmmyyyy birth|Nam/Nữ|residence|ddmmyyyy issue (research §3);
 * cards of the Law on Identification model (issued from 1 July 2024) add 4 empty fields.
 */
export function cccdQrText(c: CardCitizen): string {
  const dmy = (iso: string): string => iso.slice(8, 10) + iso.slice(5, 7) + iso.slice(0, 4);
  const fields = [
    c.idNumber,
    c.oldIdNumber ?? '',
    c.fullName,
    dmy(c.dateOfBirth),
    c.sex === 'M' ? 'Nam' : 'Nữ',
    c.placeOfResidence,
    dmy(c.issueDate),
  ];
  return [...fields, ...(c.issueDate >= NEW_MODEL_FROM ? ['', '', '', ''] : [])].join('|');
}

/** Luật Căn cước 26/2023/QH15 in force: the 2024 card model. */
const NEW_MODEL_FROM = '2024-07-01';

/** A changed but well-formed data group: only the hash in the SOD gives it away. */
function tampered(
  dg: 1 | 2 | 13,
  citizen: CardCitizen,
  mrzLines: readonly [string, string, string],
  layout: ParentLayout | undefined,
): Uint8Array {
  switch (dg) {
    case 1:
      return buildDg1([mrzLines[0], mrzLines[1], 'TAMPERED<<NAME'.padEnd(30, '<')]);
    case 2: {
      // Change one letter of the JPEG's COM text: the image still decodes, only its hash differs.
      const bytes = buildDg2(citizen);
      const i = Buffer.from(bytes).indexOf('synthetic test portrait') + 10;
      bytes[i] = (bytes[i] ?? 0) ^ 0x20;
      return bytes;
    }
    case 13:
      return buildDg13({ ...citizen, fullName: `${citizen.fullName} Giả` }, layout);
  }
}

/** A fresh EC public key as DER SubjectPublicKeyInfo (chip-authentication / AA keys; unused). */
function ecSpki(namedCurve: string): Uint8Array {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve });
  return new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
}
