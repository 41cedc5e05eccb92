import { AppError } from '../../../../common/errors';

/** Renewal ages of the CCCD (Luật CCCD 2014 Art. 21: 25/40/60; Luật Căn cước 2023 Art. 21 adds 14). */
const RENEWAL_AGES = [14, 25, 40, 60] as const;
/** A card issued less than this many years before a renewal age stays valid until the next one. */
const GRACE_YEARS = 2;
/** MRZ expiry on cards without one ("Không thời hạn"), research §2.2. */
export const NO_EXPIRY_MRZ_DATE = '991231';

interface Ymd {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

function parseIsoDate(value: string, what: string): Ymd {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) throw new AppError('INVALID_INPUT', `${what} must be yyyy-mm-dd`);
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (m < 1 || m > 12 || d < 1 || d > 31) {
    throw new AppError('INVALID_INPUT', `${what} is not a calendar date`);
  }
  return { y, m, d };
}

function ageAt(dob: Ymd, at: Ymd): number {
  const beforeBirthday = at.m < dob.m || (at.m === dob.m && at.d < dob.d);
  return at.y - dob.y - (beforeBirthday ? 1 : 0);
}

function yymmdd(y: number, m: number, d: number): string {
  return [y % 100, m, d].map((n) => String(n).padStart(2, '0')).join('');
}

/** Birthday in the year the holder reaches `age`, as yymmdd, or 991231 past the last age. */
function expiryAtAge(dob: Ymd, age: number | undefined): string {
  return age === undefined ? NO_EXPIRY_MRZ_DATE : yymmdd(dob.y + age, dob.m, dob.d);
}

/** The renewal age that ends a card issued at `issueAge` (undefined: no expiry). */
function endingAge(issueAge: number): { primary: number | undefined; other: number | undefined } {
  const next = RENEWAL_AGES.find((age) => age > issueAge);
  const following = RENEWAL_AGES.find((age) => next !== undefined && age > next);
  if (next !== undefined && issueAge >= next - GRACE_YEARS) {
    return { primary: following, other: next };
  }
  return { primary: next, other: following };
}

export interface ExpiryCandidateInput {
  /** yyyy-mm-dd */
  readonly dateOfBirth: string;
  /** yyyy-mm-dd (from the card's QR code); improves the guess a lot. */
  readonly issueDate?: string;
  /** Defaults to the current date; used only when the issue date is unknown. */
  readonly today?: Date;
}

/**
 * BAC needs the MRZ expiry date, which the CCCD QR code does not carry. It is the holder's
 * birthday at the renewal age that ends the card (research §2.2), `991231` when there is none.
 * Returns yymmdd candidates, most likely first, for the caller to try in order.
 */
export function bacExpiryCandidates(input: ExpiryCandidateInput): string[] {
  const dob = parseIsoDate(input.dateOfBirth, 'Date of birth');
  const out: string[] = [];
  const add = (value: string): void => {
    if (!out.includes(value)) out.push(value);
  };
  if (input.issueDate !== undefined) {
    const issueAge = ageAt(dob, parseIsoDate(input.issueDate, 'Issue date'));
    if (issueAge < 0) throw new AppError('INVALID_INPUT', 'Issue date is before date of birth');
    const { primary, other } = endingAge(issueAge);
    add(expiryAtAge(dob, primary));
    // The grace-period boundary is fuzzy (days vs. years, law changes): try the neighbour too.
    add(expiryAtAge(dob, other));
    add(NO_EXPIRY_MRZ_DATE);
    return out;
  }
  const now = input.today ?? new Date();
  const todayAge = ageAt(dob, {
    y: now.getUTCFullYear(),
    m: now.getUTCMonth() + 1,
    d: now.getUTCDate(),
  });
  if (todayAge >= RENEWAL_AGES[RENEWAL_AGES.length - 1]! - GRACE_YEARS) add(NO_EXPIRY_MRZ_DATE);
  for (const age of RENEWAL_AGES) if (age > todayAge) add(expiryAtAge(dob, age));
  add(NO_EXPIRY_MRZ_DATE);
  // Expired cards still answer BAC: most recent past renewal first.
  for (const age of [...RENEWAL_AGES].reverse()) if (age <= todayAge) add(expiryAtAge(dob, age));
  return out;
}
