import { readFileTlv, readTlvList } from './ber-tlv.js';
import type { Tlv } from './ber-tlv.js';
import { LDS_FILES } from './lds-files.js';
import { ldsError } from './lds-error.js';
import { byteString } from './byte-text.js';

/**
 * DG13 of the Vietnamese CCCD (research §2.4): 6D { 30 { 02 version, 06 1.0.10646.1.0.8,
 * 31 { 30 { 02 <n>, <value…> } … } } }. Fields are keyed by the INTEGER n, never by position;
 * absent fields are omitted. Values are returned as on the card (dates "dd/mm/yyyy").
 */
export interface Dg13 {
  /** 1: số định danh cá nhân (12 digits). */
  readonly idNumber?: string;
  /** 2 */
  readonly fullName?: string;
  /** 3: "dd/mm/yyyy" */
  readonly dateOfBirth?: string;
  /** 4: "Nam" / "Nữ" */
  readonly sex?: string;
  /** 5 */
  readonly nationality?: string;
  /** 6 */
  readonly ethnicity?: string;
  /** 7 */
  readonly religion?: string;
  /** 8: quê quán */
  readonly placeOfOrigin?: string;
  /** 9: nơi thường trú */
  readonly placeOfResidence?: string;
  /** 10: đặc điểm nhận dạng */
  readonly identifyingMarks?: string;
  /** 11: "dd/mm/yyyy" */
  readonly issueDate?: string;
  /** 12: "dd/mm/yyyy" or text such as "Không thời hạn" */
  readonly expiryDate?: string;
  /** 13, first name */
  readonly fatherName?: string;
  /** 13, second name */
  readonly motherName?: string;
  /** 14 (empty on cards of unmarried holders) */
  readonly spouseName?: string;
  /** 15: old 9-digit CMND number */
  readonly oldIdNumber?: string;
  /** Every field's strings by its integer tag, including unknown ones (16: meaning unconfirmed). */
  readonly fields: ReadonlyMap<number, readonly string[]>;
}

const TAG_INTEGER = 0x02;
const TAG_OID = 0x06;
const TAG_SEQUENCE = 0x30;
const TAG_UTF8 = 0x0c;
const TAG_PRINTABLE = 0x13;
const TAG_T61 = 0x14;
const TAG_IA5 = 0x16;
const TAG_BMP = 0x1e;
/** Nesting deeper than this is not DG13; the limit keeps recursion bounded on hostile input. */
const MAX_DEPTH = 8;
const FIELD_PARENTS = 13;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

const SIMPLE_FIELDS = {
  1: 'idNumber',
  2: 'fullName',
  3: 'dateOfBirth',
  4: 'sex',
  5: 'nationality',
  6: 'ethnicity',
  7: 'religion',
  8: 'placeOfOrigin',
  9: 'placeOfResidence',
  10: 'identifyingMarks',
  11: 'issueDate',
  12: 'expiryDate',
  14: 'spouseName',
  15: 'oldIdNumber',
} as const satisfies Record<number, keyof Dg13>;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function parseDg13(bytes: Uint8Array): Dg13 {
  const outer = readFileTlv(bytes, LDS_FILES.dg13.tag, 'DG13');
  const fields = new Map<number, string[]>();
  const parents: (string | undefined)[] = [];
  const visit = (list: Tlv[], depth: number): void => {
    if (depth > MAX_DEPTH) throw ldsError('DG13: nesting too deep', bytes);
    for (const tlv of list) {
      if (!tlv.constructed) continue;
      const children = readTlvList(tlv.value);
      const first = children[0];
      const isField =
        tlv.tag === TAG_SEQUENCE &&
        first?.tag === TAG_INTEGER &&
        !children.some((c) => c.tag === TAG_OID);
      if (!isField) {
        visit(children, depth + 1);
        continue;
      }
      const n = fieldNumber(first, bytes);
      const items = children.slice(1);
      if (fields.has(n)) continue; // the first occurrence wins
      const strings = collectStrings(items, depth + 1, bytes);
      fields.set(n, strings);
      if (n === FIELD_PARENTS && parents.length === 0)
        parents.push(...parentNames(items, bytes, depth));
    }
  };
  visit([outer], 0);
  const out: Partial<Mutable<Dg13>> = {};
  for (const [n, key] of Object.entries(SIMPLE_FIELDS)) {
    const value = fields.get(Number(n))?.find((s) => s.length > 0);
    if (value !== undefined) out[key] = value;
  }
  const [father, mother] = parents;
  if (father) out.fatherName = father;
  if (mother) out.motherName = mother;
  return { ...out, fields };
}

/**
 * Field 13 comes in two layouts (research §2.4): one SEQUENCE per parent
 * (SEQ{13, SEQ{father}, SEQ{mother}}) or both names in one (SEQ{13, SEQ{father, mother}}).
 * With one SEQUENCE per parent an empty one keeps its place, so a missing father does not turn
 * the mother into the father.
 */
function parentNames(items: Tlv[], all: Uint8Array, depth: number): (string | undefined)[] {
  if (items.length >= 2 && items.every((t) => t.tag === TAG_SEQUENCE)) {
    return items.map((t) => collectStrings([t], depth + 1, all).find((s) => s.length > 0));
  }
  return collectStrings(items, depth + 1, all).filter((s) => s.length > 0);
}

function fieldNumber(tlv: Tlv, all: Uint8Array): number {
  if (tlv.value.length === 0 || tlv.value.length > 2) {
    throw ldsError('DG13: field number is not a small INTEGER', all, tlv.offset);
  }
  return tlv.value.reduce((n, b) => n * 0x100 + b, 0);
}

function collectStrings(list: Tlv[], depth: number, all: Uint8Array): string[] {
  if (depth > MAX_DEPTH) throw ldsError('DG13: nesting too deep', all);
  const out: string[] = [];
  for (const tlv of list) {
    const s = decodeString(tlv, all);
    if (s !== undefined) out.push(s);
    else if (tlv.constructed) out.push(...collectStrings(readTlvList(tlv.value), depth + 1, all));
  }
  return out;
}

function decodeString(tlv: Tlv, all: Uint8Array): string | undefined {
  switch (tlv.tag) {
    case TAG_UTF8:
      try {
        return UTF8.decode(tlv.value);
      } catch {
        throw ldsError('DG13: UTF8String is not valid UTF-8', all, tlv.offset);
      }
    case TAG_PRINTABLE:
    case TAG_IA5:
    case TAG_T61:
      return byteString(tlv.value);
    case TAG_BMP: {
      if (tlv.value.length % 2 !== 0)
        throw ldsError('DG13: BMPString of odd length', all, tlv.offset);
      let s = '';
      for (let i = 0; i < tlv.value.length; i += 2)
        s += String.fromCharCode((tlv.value[i] ?? 0) * 256 + (tlv.value[i + 1] ?? 0));
      return s;
    }
    default:
      return undefined;
  }
}
