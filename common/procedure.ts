import { foldVietnamese, matchesQuery } from './text-search.js';

/**
 * Administrative procedures (thủ tục hành chính) as the app sees them, whatever the city system
 * calls its fields. Catalogue sections follow the national portal (research §3.4): Cách thức
 * thực hiện (time and fees per channel), Thành phần hồ sơ (documents per case), Lĩnh vực, Cơ
 * quan thực hiện, Cấp thực hiện, Căn cứ pháp lý, and the online service level of ND 42/2022.
 */

/** DVC trực tuyến toàn trình (fully online) or một phần (partly online). */
export type ServiceLevel = 'toan-trinh' | 'mot-phan';

/** Hình thức nộp: at the counter, online, or by post. */
export type SubmissionChannel = 'truc-tiep' | 'truc-tuyen' | 'buu-chinh';

/** Cấp thực hiện after the two-level reform of 2025: province or commune/ward. */
export type AdministrativeLevel = 'cap-tinh' | 'cap-xa';

/** Hình thức of a document: original, certified copy, plain copy/photo, or either. */
export type DocumentCopyType = 'ban-chinh' | 'ban-sao' | 'ban-chup' | 'ban-chinh-hoac-ban-sao';

export interface ProcessingTime {
  readonly channel: SubmissionChannel;
  /** Thời hạn giải quyết in working days; 0 means the same day ("trong ngày"). */
  readonly workingDays: number;
  /** Plain-Vietnamese detail, e.g. "Trường hợp cần xác minh thì không quá 05 ngày làm việc". */
  readonly note?: string;
}

export interface Fee {
  readonly name: string;
  /** Phí (a charge for a service) or lệ phí (a state levy). */
  readonly kind: 'phi' | 'le-phi';
  /** Amount in VND, integer; 0 when exempt. */
  readonly amountVnd: number;
  /** The channel this amount applies to, when it differs by channel (online often cheaper). */
  readonly channel?: SubmissionChannel;
  readonly note?: string;
}

export interface RequiredDocument {
  /** Mã thành phần hồ sơ, stable within the procedure, referenced by dossier attachments. */
  readonly code: string;
  readonly name: string;
  readonly copyType: DocumentCopyType;
  readonly quantity: number;
  readonly required: boolean;
  /** The form template to fill in, e.g. "Mẫu số 01 TT 04/2020/TT-BTP". */
  readonly template?: string;
}

/** Trường hợp: documents differ by the citizen's situation. */
export interface ProcedureCase {
  readonly code: string;
  readonly name: string;
  readonly documents: readonly RequiredDocument[];
}

/**
 * JSON Schema (draft 2020-12 subset) of the application form. Properties may carry
 * `x-prefill`: the `PopulationRecord` path to prefill from (e.g. "fullName",
 * "permanentAddress.text").
 */
export interface FormSchema {
  readonly type: 'object';
  readonly title?: string;
  readonly properties: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly required?: readonly string[];
}

export interface ProcedureSummary {
  /** National code (mã TTHC), e.g. "1.001193". */
  readonly code: string;
  readonly name: string;
  /** Lĩnh vực, in words, e.g. "Hộ tịch". */
  readonly field: string;
  /** Our stable slug for the field, e.g. "ho-tich". */
  readonly fieldCode: string;
  /** Cơ quan thực hiện. */
  readonly agency: string;
  readonly level: AdministrativeLevel;
  readonly serviceLevel: ServiceLevel;
  readonly processingTimes: readonly ProcessingTime[];
  /** True when any fee is above 0. */
  readonly hasFee: boolean;
}

export interface Procedure extends ProcedureSummary {
  readonly fees: readonly Fee[];
  readonly cases: readonly ProcedureCase[];
  /** Kết quả thực hiện. */
  readonly result: string;
  /** Căn cứ pháp lý. */
  readonly legalBasis: readonly string[];
  /** Yêu cầu, điều kiện, when any. */
  readonly conditions?: string;
  readonly formSchema: FormSchema;
}

/** Shortest processing time across channels (or for one channel); undefined when unknown. */
export function processingDays(
  procedure: Pick<ProcedureSummary, 'processingTimes'>,
  channel?: SubmissionChannel,
): number | undefined {
  const times = procedure.processingTimes
    .filter((t) => channel === undefined || t.channel === channel)
    .map((t) => t.workingDays);
  return times.length === 0 ? undefined : Math.min(...times);
}

/** Fees payable on a channel: channel-specific amounts win over general ones of the same name. */
export function feesFor(procedure: Pick<Procedure, 'fees'>, channel: SubmissionChannel): Fee[] {
  const specific = procedure.fees.filter((f) => f.channel === channel);
  const general = procedure.fees.filter(
    (f) => f.channel === undefined && !specific.some((s) => s.name === f.name),
  );
  return [...general, ...specific];
}

/** Catalogue query: free text over name, code and lĩnh vực; `field` by name or slug. */
export interface ProcedureQuery {
  readonly q?: string;
  readonly field?: string;
}

/**
 * Whether a procedure matches a catalogue query, diacritics-insensitively ("dang ky khai sinh"
 * finds "Đăng ký khai sinh", "ho tich" finds every procedure of lĩnh vực Hộ tịch).
 */
export function matchesProcedureQuery(
  procedure: Pick<ProcedureSummary, 'code' | 'name' | 'field' | 'fieldCode'>,
  query: ProcedureQuery,
): boolean {
  if (query.field !== undefined && foldVietnamese(query.field) !== '') {
    const wanted = foldVietnamese(query.field);
    const slug = procedure.fieldCode;
    const byName = foldVietnamese(procedure.field).includes(wanted);
    if (!byName && wanted !== slug && wanted !== slug.replace(/-/g, ' ')) return false;
  }
  return matchesQuery(query.q ?? '', [
    procedure.code,
    procedure.name,
    procedure.field,
    procedure.fieldCode.replace(/-/g, ' '),
  ]);
}

/** Parses yyyy-mm-dd as a calendar day (UTC midnight, so no time zone can shift it). */
function calendarDay(date: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (m === null) throw new RangeError(`Not a yyyy-mm-dd date: ${date}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

function isWorkingDay(day: Date, holidays: ReadonlySet<string>): boolean {
  const dow = day.getUTCDay();
  return dow !== 0 && dow !== 6 && !holidays.has(day.toISOString().slice(0, 10));
}

/**
 * The appointment date (ngày hẹn trả) for a dossier received on `received` (yyyy-mm-dd, local
 * date in Viet Nam) with a processing time of `workingDays`: counting starts the next working
 * day, skipping Saturdays, Sundays and `holidays` (yyyy-mm-dd). 0 days → the receipt day itself
 * when it is a working day, else the next working day.
 */
export function addWorkingDays(
  received: string,
  workingDays: number,
  holidays: ReadonlySet<string>,
): string {
  if (!Number.isInteger(workingDays) || workingDays < 0) {
    throw new RangeError(`Working days must be a non-negative integer: ${workingDays}`);
  }
  const day = calendarDay(received);
  let left = workingDays;
  while (left > 0 || !isWorkingDay(day, holidays)) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (isWorkingDay(day, holidays)) left = Math.max(0, left - 1);
  }
  return day.toISOString().slice(0, 10);
}

const SEX_WORDS: Readonly<Record<string, string>> = { M: 'Nam', F: 'Nữ' };

/**
 * Initial form values from population data (or anything shaped like it, e.g. a chip read turned
 * into `{ fullName, idNumber, dateOfBirth, sex, permanentAddress: { text } }`): every property
 * with `x-prefill: "a.b"` takes the string at that path. Values the property would refuse are
 * left out (a year-only birth date for a `format: date` field, a value outside `enum` or
 * `pattern`); sex codes M/F become "Nam"/"Nữ" for an enum of words.
 */
export function prefillForm(schema: FormSchema, source: object): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, prop] of Object.entries(schema.properties)) {
    const path = prop['x-prefill'];
    if (typeof path !== 'string') continue;
    let value: unknown = source;
    for (const key of path.split('.')) {
      value =
        typeof value === 'object' && value !== null
          ? (value as Record<string, unknown>)[key]
          : undefined;
    }
    if (typeof value !== 'string' || value === '') continue;
    const choices = Array.isArray(prop.enum) ? (prop.enum as unknown[]) : undefined;
    if (choices !== undefined && !choices.includes(value)) {
      const word = SEX_WORDS[value];
      if (word === undefined || !choices.includes(word)) continue;
      value = word;
    }
    const text = (value as string).normalize('NFC');
    if (prop.format === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(text)) continue;
    if (typeof prop.pattern === 'string' && !new RegExp(prop.pattern, 'u').test(text)) continue;
    if (typeof prop.maxLength === 'number' && [...text].length > prop.maxLength) continue;
    out[name] = text;
  }
  return out;
}
