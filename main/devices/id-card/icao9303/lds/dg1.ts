import { readFileTlv, requireTlv } from './ber-tlv.js';
import { LDS_FILES } from './lds-files.js';
import { ldsError } from './lds-error.js';
import { mrzCheckDigit } from './mrz-check-digit.js';
import { byteString } from './byte-text.js';

/**
 * DG1: the MRZ (ICAO 9303-10 §4.7.1: 61 { 5F1F <MRZ> }), TD1 layout of ICAO 9303-5 §4.2.2.
 * The CCCD puts the last 9 digits of the 12-digit ID in the document number and the full ID at
 * the start of the line-1 optional data (research §2.1).
 */
export interface Dg1 {
  readonly lines: readonly [string, string, string];
  readonly documentCode: string;
  readonly issuingState: string;
  readonly documentNumber: string;
  /** Line 1 positions 16–30 with fillers kept. */
  readonly optionalData1: string;
  /** The 12-digit personal ID when the line-1 optional data starts with one (CCCD). */
  readonly idNumber?: string;
  /** YYMMDD */
  readonly dateOfBirth: string;
  readonly sex: 'M' | 'F' | 'X';
  /** YYMMDD; "991231" on CCCDs without expiry. */
  readonly dateOfExpiry: string;
  readonly nationality: string;
  readonly optionalData2: string;
  /** Primary identifier (surname), fillers turned into spaces. */
  readonly surname: string;
  readonly givenNames: string;
  readonly checkDigits: {
    readonly documentNumber: boolean;
    readonly dateOfBirth: boolean;
    readonly dateOfExpiry: boolean;
    readonly composite: boolean;
  };
}

export interface Dg1Options {
  /** Return the parsed MRZ even when check digits fail (default false: they throw). */
  readonly allowCheckDigitErrors?: boolean;
}

const TAG_MRZ = 0x5f1f;
const TD1_LINE = 30;
const MRZ_CHARS = /^[0-9A-Z<]+$/;

export function parseDg1(bytes: Uint8Array, options: Dg1Options = {}): Dg1 {
  const outer = readFileTlv(bytes, LDS_FILES.dg1.tag, 'DG1');
  const mrzTlv = requireTlv(outer, TAG_MRZ, 'DG1');
  const mrz = byteString(mrzTlv.value);
  if (mrz.length !== TD1_LINE * 3) {
    throw ldsError(`DG1: MRZ of ${mrz.length} characters, TD1 needs 90`, bytes);
  }
  if (!MRZ_CHARS.test(mrz)) throw ldsError('DG1: MRZ holds characters outside 0-9 A-Z <', bytes);
  const l1 = mrz.slice(0, 30);
  const l2 = mrz.slice(30, 60);
  const l3 = mrz.slice(60, 90);

  // ICAO 9303-5 §4.2.2 note j: a '<' at position 15 means the number continues in optional data.
  let documentNumber = l1.slice(5, 14);
  let docCheckOk = l1[14] === String(mrzCheckDigit(documentNumber));
  if (l1[14] === '<') {
    const rest = l1.slice(15).split('<')[0] ?? '';
    documentNumber += rest.slice(0, -1);
    docCheckOk = rest.length > 0 && rest.slice(-1) === String(mrzCheckDigit(documentNumber));
  }
  const dateOfBirth = l2.slice(0, 6);
  const dateOfExpiry = l2.slice(8, 14);
  const compositeInput = l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29);
  const checkDigits = {
    documentNumber: docCheckOk,
    dateOfBirth: l2[6] === String(mrzCheckDigit(dateOfBirth)),
    dateOfExpiry: l2[14] === String(mrzCheckDigit(dateOfExpiry)),
    composite: l2[29] === String(mrzCheckDigit(compositeInput)),
  };
  const failed = Object.entries(checkDigits)
    .filter(([, ok]) => !ok)
    .map(([k]) => k);
  if (failed.length > 0 && options.allowCheckDigitErrors !== true) {
    throw ldsError(`DG1: MRZ check digit wrong for ${failed.join(', ')}`, bytes);
  }
  const sexChar = l2[7];
  const sex = sexChar === 'M' ? 'M' : sexChar === 'F' ? 'F' : 'X';
  const sep = l3.indexOf('<<');
  const surname = sep < 0 ? l3 : l3.slice(0, sep);
  const givenNames = sep < 0 ? '' : l3.slice(sep + 2);
  const optionalData1 = l1.slice(15, 30);
  const idMatch = /^(\d{12})/.exec(optionalData1);
  return {
    lines: [l1, l2, l3],
    documentCode: l1.slice(0, 2).replace(/<+$/, ''),
    issuingState: l1.slice(2, 5),
    documentNumber,
    optionalData1,
    ...(idMatch?.[1] !== undefined ? { idNumber: idMatch[1] } : {}),
    dateOfBirth,
    sex,
    dateOfExpiry,
    nationality: l2.slice(15, 18),
    optionalData2: l2.slice(18, 29),
    surname: fillerToSpace(surname),
    givenNames: fillerToSpace(givenNames),
    checkDigits,
  };
}

function fillerToSpace(s: string): string {
  return s.replace(/</g, ' ').replace(/\s+/g, ' ').trim();
}
