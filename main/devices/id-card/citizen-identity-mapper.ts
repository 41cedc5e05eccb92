import type { CitizenIdentity, PassiveAuthResult, Sex } from '../../../common/citizen-identity.js';
import { AppError } from '../../../common/errors.js';
import { isoDate, parseVnDate } from '../../../common/qr/vn-date.js';
import { parseDg1 } from './icao9303/lds/dg1.js';
import type { Dg1 } from './icao9303/lds/dg1.js';
import { parseDg13 } from './icao9303/lds/dg13.js';
import type { Dg13 } from './icao9303/lds/dg13.js';
import { parseDg2 } from './icao9303/lds/dg2.js';
import type { Dg2 } from './icao9303/lds/dg2.js';
import { verifyPassiveAuth } from './icao9303/passive-auth/passive-authenticator.js';
import type { PassiveAuthReport } from './icao9303/passive-auth/passive-authenticator.js';
import type { TrustStore } from './icao9303/passive-auth/trust-store.js';

export interface CitizenIdentitySources {
  readonly dg1: Dg1;
  readonly dg2?: Dg2;
  readonly dg13?: Dg13;
  readonly passiveAuth: PassiveAuthResult;
  readonly access: 'PACE' | 'BAC';
  /** Reference date to place a two-digit MRZ birth year in its century (default now). */
  readonly now?: Date;
}

/** The MRZ expiry of CCCDs without one (research §2.2). */
const NO_EXPIRY_MRZ = '991231';
const ID_NUMBER = /^\d{12}$/;

/**
 * Maps parsed data groups to a CitizenIdentity. DG13 (Vietnamese, with diacritics) wins over the
 * MRZ (ASCII); the MRZ fills in when DG13 lacks a field. All text is NFC (DESIGN.md). Throws
 * ID_CARD_DATA_INVALID when there is no valid 12-digit ID or DG1 and DG13 disagree on it.
 */
export function toCitizenIdentity(src: CitizenIdentitySources): CitizenIdentity {
  const { dg1, dg13 } = src;
  const idNumber = text(dg13?.idNumber) ?? dg1.idNumber;
  if (idNumber === undefined || !ID_NUMBER.test(idNumber)) {
    throw new AppError('ID_CARD_DATA_INVALID', 'No 12-digit ID number in DG13 or the DG1 MRZ');
  }
  if (dg1.idNumber !== undefined && dg1.idNumber !== idNumber) {
    throw new AppError('ID_CARD_DATA_INVALID', 'DG1 and DG13 carry different ID numbers');
  }
  const now = src.now ?? new Date();
  const photo = src.dg2?.images.find((i) => i.mime === 'image/jpeg')?.bytes;
  const optional = {
    ethnicity: text(dg13?.ethnicity),
    religion: text(dg13?.religion),
    placeOfOrigin: text(dg13?.placeOfOrigin),
    placeOfResidence: text(dg13?.placeOfResidence),
    identifyingMarks: text(dg13?.identifyingMarks),
    issueDate: dg13?.issueDate !== undefined ? parseVnDate(dg13.issueDate) : undefined,
    fatherName: text(dg13?.fatherName),
    motherName: text(dg13?.motherName),
    spouseName: text(dg13?.spouseName),
    oldIdNumber: text(dg13?.oldIdNumber),
  };
  return {
    idNumber,
    fullName: text(dg13?.fullName) ?? mrzFullName(dg1),
    dateOfBirth:
      (dg13?.dateOfBirth !== undefined ? birthDateOf(dg13.dateOfBirth) : undefined) ??
      mrzBirthDate(dg1.dateOfBirth, now),
    sex: sexOf(dg13?.sex) ?? dg1.sex,
    nationality:
      text(dg13?.nationality) ?? (dg1.nationality === 'VNM' ? 'Việt Nam' : dg1.nationality),
    ...definedOnly(optional),
    expiryDate: expiryOf(dg13?.expiryDate, dg1.dateOfExpiry),
    ...(photo ? { photo: photo.slice() } : {}),
    passiveAuth: { status: src.passiveAuth.status, detail: src.passiveAuth.detail },
    access: src.access,
  };
}

function text(value: string | undefined): string | undefined {
  const t = value?.normalize('NFC').replace(/\s+/g, ' ').trim();
  return t ? t : undefined;
}

function definedOnly<T extends Record<string, string | undefined>>(
  o: T,
): { [K in keyof T]?: string } {
  const out: { [K in keyof T]?: string } = {};
  for (const key of Object.keys(o) as (keyof T)[]) {
    const v = o[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}

function sexOf(value: string | undefined): Sex | undefined {
  const v = text(value)?.toLowerCase();
  if (v === 'nam') return 'M';
  if (v === 'nữ' || v === 'nu') return 'F';
  return undefined;
}

/** DG13 field 12: a date, or a text such as "Không thời hạn" meaning no expiry; else the MRZ. */
function expiryOf(dg13Value: string | undefined, mrz: string): string | null {
  const t = text(dg13Value);
  if (t !== undefined) {
    const date = parseVnDate(t);
    if (date) return date;
    if (!/\d/.test(t)) return null;
  }
  if (mrz === NO_EXPIRY_MRZ) return null;
  // Expiry dates are in this century: cards are new since 2016.
  const date = isoDate(
    2000 + Number(mrz.slice(0, 2)),
    Number(mrz.slice(2, 4)),
    Number(mrz.slice(4, 6)),
  );
  if (!date) throw new AppError('ID_CARD_DATA_INVALID', `MRZ expiry ${mrz} is not a date`);
  return date;
}

/**
 * DG13 birth date. People born without a recorded day or month (common among the elderly) have
 * "00/00/yyyy", "00/mm/yyyy" or just "yyyy": those give ISO 8601 reduced precision ("1950",
 * "1950-07") rather than an invented day.
 */
function birthDateOf(value: string): string | undefined {
  const full = parseVnDate(value);
  if (full) return full;
  const m = /^(?:(\d{2})[/.-]?(\d{2})[/.-]?)?(\d{4})$/.exec(value.trim());
  if (!m) return undefined;
  const [, dd = '00', mm = '00', yyyy = ''] = m;
  const year = Number(yyyy);
  if (year < 1900 || year > 2199 || dd !== '00') return undefined;
  if (mm === '00') return yyyy;
  return Number(mm) >= 1 && Number(mm) <= 12 ? `${yyyy}-${mm}` : undefined;
}

/**
 * A two-digit birth year is in the past: 19yy when 20yy would lie after `now` (ICAO 9303-3 §4.7).
 * Unknown month or day are '<' in the MRZ (ICAO 9303-3 §4.7): reduced precision, as above.
 */
function mrzBirthDate(yymmdd: string, now: Date): string {
  const yy = Number(yymmdd.slice(0, 2));
  const year = 2000 + yy > now.getUTCFullYear() ? 1900 + yy : 2000 + yy;
  const [month, day] = [yymmdd.slice(2, 4), yymmdd.slice(4, 6)];
  if (/^\d{2}$/.test(yymmdd.slice(0, 2))) {
    if (month === '<<' && day === '<<') return String(year);
    if (/^\d{2}$/.test(month) && day === '<<' && Number(month) >= 1 && Number(month) <= 12) {
      return `${year}-${month}`;
    }
  }
  const date = isoDate(year, Number(month), Number(day));
  if (!date) throw new AppError('ID_CARD_DATA_INVALID', `MRZ birth date ${yymmdd} is not a date`);
  return date;
}

function mrzFullName(dg1: Dg1): string {
  return [dg1.surname, dg1.givenNames].filter((p) => p.length > 0).join(' ');
}

export interface CardFilesInput {
  /** Data-group number → file as read (outer tag included): at least DG1; DG2, DG13, … as read. */
  readonly dataGroups: ReadonlyMap<number, Uint8Array>;
  /** EF.SOD as read. */
  readonly sod: Uint8Array;
  readonly trustStore: TrustStore;
  readonly access: 'PACE' | 'BAC';
  readonly now?: Date;
}

export interface CardReadResult {
  readonly identity: CitizenIdentity;
  readonly passiveAuth: PassiveAuthReport;
  /** Data groups that were read but could not be parsed (the identity is built without them). */
  readonly warnings: readonly string[];
}

/**
 * The whole tail of a card read: parse DG1 (required), DG2 and DG13 (optional: a malformed one
 * is left out and reported in `warnings`), run passive authentication over every data group
 * read, and map to a CitizenIdentity. Throws ID_CARD_DATA_INVALID when DG1 is missing or broken.
 */
export async function citizenIdentityFromCardFiles(input: CardFilesInput): Promise<CardReadResult> {
  const dg1Bytes = input.dataGroups.get(1);
  if (!dg1Bytes) throw new AppError('ID_CARD_DATA_INVALID', 'DG1 was not read');
  const dg1 = parseDg1(dg1Bytes);
  const warnings: string[] = [];
  const optional = <T>(dg: number, parse: (b: Uint8Array) => T): T | undefined => {
    const bytes = input.dataGroups.get(dg);
    if (!bytes) return undefined;
    try {
      return parse(bytes);
    } catch (err) {
      warnings.push(`DG${dg}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  };
  const dg2 = optional(2, parseDg2);
  const dg13 = optional(13, parseDg13);
  const passiveAuth = await verifyPassiveAuth({
    sod: input.sod,
    dataGroups: input.dataGroups,
    trustStore: input.trustStore,
    ...(input.now ? { now: input.now } : {}),
  });
  const identity = toCitizenIdentity({
    dg1,
    ...(dg2 ? { dg2 } : {}),
    ...(dg13 ? { dg13 } : {}),
    passiveAuth,
    access: input.access,
    ...(input.now ? { now: input.now } : {}),
  });
  return { identity, passiveAuth, warnings };
}
