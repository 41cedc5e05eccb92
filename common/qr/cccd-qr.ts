import { parseVnDate } from './vn-date.js';
import { cleanScannedText, MAX_QR_TEXT, qrError, qrOk } from './qr-result.js';
import type { QrResult } from './qr-result.js';

/**
 * The QR code printed on a CCCD / thẻ căn cước (research §3):
 *   ID(12)|old CMND (9, or empty)|full name|ddmmyyyy birth|Nam/Nữ|residence|ddmmyyyy issue
 * Cards of the 2024 model add 4 trailing fields (11 in all), empty so far. Fields are split
 * keeping empty ones so that positions stay fixed; more than 7 are accepted and the extras kept
 * (research: "accept ≥7 fields"). Dates also accepted as dd/mm/yyyy.
 */
export interface CccdQr {
  readonly idNumber: string;
  readonly oldIdNumber?: string;
  readonly fullName: string;
  /** yyyy-mm-dd */
  readonly dateOfBirth: string;
  readonly sex: 'M' | 'F';
  readonly placeOfResidence: string;
  /** yyyy-mm-dd */
  readonly issueDate: string;
  /** Fields after the 7th (4 empty ones on 2024 cards), as found. */
  readonly extraFields: readonly string[];
}

const MIN_FIELDS = 7;
const MAX_FIELDS = 16;

export function parseCccdQr(text: string): QrResult<CccdQr> {
  if (text.length > MAX_QR_TEXT) return qrError('TOO_LONG', `QR text of ${text.length} characters`);
  const fields = cleanScannedText(text).normalize('NFC').split('|');
  if (fields.length < MIN_FIELDS || fields.length > MAX_FIELDS) {
    return qrError('CCCD_FIELD_COUNT', `CCCD QR has ${fields.length} fields, expected 7 or 11`);
  }
  const [id = '', oldId = '', name = '', birth = '', sex = '', residence = '', issue = ''] =
    fields.map((f) => f.trim());
  if (!/^\d{12}$/.test(id)) return qrError('CCCD_ID_NUMBER', 'ID number is not 12 digits');
  if (oldId !== '' && !/^(\d{9}|\d{12})$/.test(oldId)) {
    return qrError('CCCD_OLD_ID_NUMBER', 'old ID number is not 9 or 12 digits');
  }
  const fullName = name.replace(/\s+/g, ' ');
  if (fullName === '') return qrError('CCCD_NAME', 'full name is empty');
  const dateOfBirth = parseVnDate(birth);
  if (!dateOfBirth)
    return qrError('CCCD_DATE', `date of birth "${birth.slice(0, 12)}" is not ddmmyyyy`);
  const issueDate = parseVnDate(issue);
  if (!issueDate) return qrError('CCCD_DATE', `issue date "${issue.slice(0, 12)}" is not ddmmyyyy`);
  const sexCode = sexOf(sex);
  if (!sexCode) return qrError('CCCD_SEX', `sex "${sex.slice(0, 8)}" is neither Nam nor Nữ`);
  return qrOk({
    idNumber: id,
    ...(oldId !== '' ? { oldIdNumber: oldId } : {}),
    fullName,
    dateOfBirth,
    sex: sexCode,
    placeOfResidence: residence.replace(/\s+/g, ' '),
    issueDate,
    extraFields: fields.slice(MIN_FIELDS),
  });
}

function sexOf(text: string): 'M' | 'F' | undefined {
  const t = text.toLowerCase();
  if (t === 'nam') return 'M';
  if (t === 'nữ' || t === 'nu') return 'F';
  return undefined;
}
