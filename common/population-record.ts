import type { CitizenIdentity, Sex } from './citizen-identity.js';

/**
 * A citizen as the national population database (CSDLQG về dân cư) shares it through the
 * city's gateway (research §5: HoVaTen, GioiTinh, DanToc, TonGiao, QueQuan, ThuongTru,
 * NoiOHienTai, Cha, Me, VoChong…), in our own names. Ethnicity and religion are sensitive data
 * (Law 91/2025/QH15): request and show them only when the procedure needs them.
 */
export interface PopulationAddress {
  /** Administrative unit codes (two-level since 2025: province and commune/ward). */
  readonly provinceCode?: string;
  readonly provinceName?: string;
  /** Only on records still carrying the old three-level address. */
  readonly districtCode?: string;
  readonly districtName?: string;
  readonly wardCode?: string;
  readonly wardName?: string;
  /** House number, street, hamlet. */
  readonly detail?: string;
  readonly country: string;
  /** One line, as printed on a card: "Số 12, đường 30 Tháng 4, phường Ninh Kiều, thành phố Cần Thơ". */
  readonly text: string;
}

export interface PopulationRelative {
  readonly fullName: string;
  readonly idNumber?: string;
  readonly oldIdNumber?: string;
  readonly nationality?: string;
}

export interface PopulationRecord {
  readonly idNumber: string;
  readonly oldIdNumber?: string;
  readonly fullName: string;
  readonly familyName: string;
  readonly middleName?: string;
  readonly givenName: string;
  /** yyyy-mm-dd, or yyyy when only the year of birth is registered. */
  readonly dateOfBirth: string;
  readonly sex: Sex;
  readonly ethnicity?: string;
  readonly religion?: string;
  readonly nationality: string;
  readonly maritalStatus?: string;
  readonly bloodType?: string;
  readonly birthRegistrationPlace?: PopulationAddress;
  /** Quê quán. */
  readonly placeOfOrigin?: PopulationAddress;
  /** Thường trú. */
  readonly permanentAddress?: PopulationAddress;
  /** Nơi ở hiện tại. */
  readonly currentAddress?: PopulationAddress;
  readonly father?: PopulationRelative;
  readonly mother?: PopulationRelative;
  readonly spouse?: PopulationRelative;
  readonly representative?: PopulationRelative;
  readonly householdHead?: {
    readonly relation: string;
    readonly fullName: string;
    readonly idNumber?: string;
  };
  /** The request id (MaYeuCau) the lookup was made under, for the audit trail. */
  readonly lookupId: string;
  /** ISO date-time the gateway answered. */
  readonly retrievedAt: string;
}

/** Why and by whom a lookup is made: the gateway logs all of it (research §3.7). */
export interface CitizenLookupRequest {
  /** 12-digit personal identification number. */
  readonly idNumber: string;
  readonly fullName: string;
  /** yyyy-mm-dd or yyyy. */
  readonly dateOfBirth: string;
  /** Plain words, e.g. "Điền sẵn tờ khai đăng ký khai sinh". */
  readonly purpose: string;
  /** Reference of the consent the citizen gave this session. */
  readonly consentRef: string;
  /** The procedure the lookup serves (mã TTHC). */
  readonly procedureCode?: string;
  /** Counter staff id, or the kiosk's terminal id (at least one). */
  readonly staffId?: string;
  readonly terminalId?: string;
  /** Idempotent request id (MaYeuCau); generated when absent. */
  readonly requestId?: string;
}

export interface PopulationDifference {
  readonly field:
    | 'fullName'
    | 'dateOfBirth'
    | 'sex'
    | 'placeOfOrigin'
    | 'placeOfResidence'
    | 'fatherName'
    | 'motherName'
    | 'spouseName';
  readonly card: string;
  readonly population: string;
}

/**
 * Differences between what the chip says and what the population database says. NFC/NFD,
 * capitalisation and spacing never count; diacritics do ("Dung" and "Dũng" are different
 * names). Fields missing on either side are not differences.
 */
export function compareCardWithPopulation(
  card: Pick<
    CitizenIdentity,
    | 'fullName'
    | 'dateOfBirth'
    | 'sex'
    | 'placeOfOrigin'
    | 'placeOfResidence'
    | 'fatherName'
    | 'motherName'
    | 'spouseName'
  >,
  record: PopulationRecord,
): PopulationDifference[] {
  const pairs: [PopulationDifference['field'], string | undefined, string | undefined][] = [
    ['fullName', card.fullName, record.fullName],
    ['dateOfBirth', card.dateOfBirth, record.dateOfBirth],
    ['sex', card.sex, record.sex],
    ['placeOfOrigin', card.placeOfOrigin, record.placeOfOrigin?.text],
    ['placeOfResidence', card.placeOfResidence, record.permanentAddress?.text],
    ['fatherName', card.fatherName, record.father?.fullName],
    ['motherName', card.motherName, record.mother?.fullName],
    ['spouseName', card.spouseName, record.spouse?.fullName],
  ];
  const out: PopulationDifference[] = [];
  for (const [field, a, b] of pairs) {
    if (a === undefined || b === undefined) continue;
    if (normalise(a) !== normalise(b)) out.push({ field, card: a, population: b });
  }
  return out;
}

function normalise(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();
}
