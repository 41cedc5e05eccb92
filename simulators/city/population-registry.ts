import { CARD_CITIZENS, type CardCitizen } from '../data/card-citizens.js';
import type { components, GioiTinh } from '../../main/city/city-api-types.js';
import { foldVietnamese } from '../../common/text-search.js';
import { parseCardAddress, WARDS, wireAddress } from './admin-units.js';
import { seededRandom } from './fault-plan.js';

type CongDan = components['schemas']['CongDan'];
type MaTen = components['schemas']['MaTen'];

/** Ethnic group codes (GSO list: 01 Kinh, 04 Hoa, 05 Khmer). */
const DAN_TOC: Readonly<Record<string, MaTen>> = {
  Kinh: { Ma: '01', Ten: 'Kinh' },
  Hoa: { Ma: '04', Ten: 'Hoa' },
  Khmer: { Ma: '05', Ten: 'Khmer' },
};
/** Religion codes as the simulator assigns them. */
const TON_GIAO: Readonly<Record<string, MaTen>> = {
  Không: { Ma: '00', Ten: 'Không' },
  'Phật giáo': { Ma: '01', Ten: 'Phật giáo' },
  'Công giáo': { Ma: '02', Ten: 'Công giáo' },
  'Phật giáo Hòa Hảo': { Ma: '03', Ten: 'Phật giáo Hòa Hảo' },
  'Cao Đài': { Ma: '04', Ten: 'Cao Đài' },
  'Tin lành': { Ma: '05', Ten: 'Tin lành' },
};
const HON_NHAN = {
  single: { Ma: '1', Ten: 'Chưa kết hôn' },
  married: { Ma: '2', Ten: 'Đã kết hôn' },
} as const;

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Phan', 'Trương', 'Bùi', 'Đặng'];
const FAMILY_MORE = ['Đỗ', 'Ngô', 'Dương', 'Lý', 'Lâm', 'Thạch', 'Danh', 'Hồ', 'Châu', 'Tô'];
const MIDDLE_M = ['Văn', 'Minh', 'Quốc', 'Hoàng', 'Thanh', 'Hữu', 'Công', 'Đức'];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thanh', 'Kim', 'Thu', 'Mỹ', 'Bích', 'Hồng'];
const GIVEN_M = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Hải',
  'Hùng',
  'Khang',
  'Long',
  'Nam',
  'Phúc',
  'Quân',
  'Tài',
  'Thắng',
  'Trí',
  'Vinh',
  'Đạt',
];
const GIVEN_F = [
  'Anh',
  'Châu',
  'Diễm',
  'Giang',
  'Hạnh',
  'Hương',
  'Lan',
  'Linh',
  'Mai',
  'Ngân',
  'Nhung',
  'Oanh',
  'Phương',
  'Quyên',
  'Trâm',
  'Yến',
];
const STREETS = [
  'đường 30 Tháng 4',
  'đường Mậu Thân',
  'đường Trần Hưng Đạo',
  'đường Nguyễn Văn Cừ',
  'đường 3 Tháng 2',
  'đường Cách Mạng Tháng 8',
  'đường Võ Văn Kiệt',
  'đường Hùng Vương',
];

/** Number of synthetic citizens besides the card citizens. */
export const SYNTHETIC_CITIZEN_COUNT = 240;

interface StoredCitizen {
  readonly wire: CongDan;
  readonly fullName: string;
  /** yyyy-mm-dd */
  readonly dateOfBirth: string;
}

function splitName(fullName: string): CongDan['HoVaTen'] {
  const parts = fullName.split(' ');
  const ho = parts[0] ?? '';
  const ten = parts.length > 1 ? (parts[parts.length - 1] ?? '') : '';
  const chuDem = parts.slice(1, -1).join(' ');
  return { Ho: ho, ...(chuDem === '' ? {} : { ChuDem: chuDem }), Ten: ten };
}

function birth(date: string): CongDan['NgayThangNamSinh'] {
  return { Nam: date.slice(0, 4), NgayThangNam: date.replace(/-/g, '') };
}

function fromCard(c: CardCitizen): StoredCitizen {
  const permanent = parseCardAddress(c.placeOfResidence);
  // Thu Hà has moved: where she lives now differs from her permanent address (demo of a diff).
  const current =
    c.profileId === 'thu-ha'
      ? wireAddress('Số 5, hẻm 12, đường Mậu Thân', WARDS[3] ?? { code: '', name: '' })
      : permanent;
  const gioiTinh: GioiTinh = c.sex === 'M' ? '1' : '2';
  return {
    fullName: c.fullName,
    dateOfBirth: c.dateOfBirth,
    wire: {
      SoDinhDanh: c.idNumber,
      ...(c.oldIdNumber === undefined ? {} : { SoCMND: c.oldIdNumber }),
      HoVaTen: splitName(c.fullName),
      GioiTinh: gioiTinh,
      NgayThangNamSinh: birth(c.dateOfBirth),
      DanToc: DAN_TOC[c.ethnicity] ?? { Ma: '99', Ten: c.ethnicity },
      TonGiao: TON_GIAO[c.religion] ?? { Ma: '99', Ten: c.religion },
      QuocTich: 'VN',
      TinhTrangHonNhan: c.spouseName === undefined ? HON_NHAN.single : HON_NHAN.married,
      NoiDangKyKhaiSinh: parseCardAddress(c.placeOfOrigin),
      QueQuan: parseCardAddress(c.placeOfOrigin),
      ThuongTru: permanent,
      NoiOHienTai: current,
      Cha: { HoVaTen: c.fatherName, QuocTich: 'VN' },
      Me: { HoVaTen: c.motherName, QuocTich: 'VN' },
      ...(c.spouseName === undefined ? {} : { VoChong: { HoVaTen: c.spouseName, QuocTich: 'VN' } }),
      ChuHo: { QuanHe: 'Chủ hộ', HoVaTen: c.fullName, SoDinhDanh: c.idNumber },
    },
  };
}

function pick<T>(rnd: () => number, list: readonly T[]): T {
  const v = list[Math.floor(rnd() * list.length)];
  if (v === undefined) throw new Error('empty list');
  return v;
}

/** A deterministic synthetic citizen: same index → same person, on every machine. */
function synthetic(i: number): StoredCitizen {
  const rnd = seededRandom(0x5eed0000 + i);
  const male = rnd() < 0.5;
  const year = 1940 + Math.floor(rnd() * 66);
  const month = 1 + Math.floor(rnd() * 12);
  const day = 1 + Math.floor(rnd() * 28);
  const dateOfBirth = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const family = pick(rnd, rnd() < 0.7 ? FAMILY : FAMILY_MORE);
  const fullName = `${family} ${pick(rnd, male ? MIDDLE_M : MIDDLE_F)} ${pick(rnd, male ? GIVEN_M : GIVEN_F)}`;
  // CCCD number: province 092, century/sex digit (0/1 for the 1900s, 2/3 for the 2000s), year,
  // serial. Serials from 500000 keep clear of the card citizens'.
  const centurySex = (year >= 2000 ? 2 : 0) + (male ? 0 : 1);
  const idNumber = `092${centurySex}${String(year % 100).padStart(2, '0')}${500000 + i}`;
  const ward = pick(rnd, WARDS);
  const detail = `Số ${1 + Math.floor(rnd() * 200)}, ${pick(rnd, STREETS)}`;
  const home = wireAddress(detail, ward);
  const origin = wireAddress(undefined, pick(rnd, WARDS));
  const married = year < 1998 && rnd() < 0.75;
  const kinh = rnd() < 0.85;
  const ethnicity = kinh ? 'Kinh' : pick(rnd, ['Hoa', 'Khmer']);
  const religion = pick(rnd, [
    'Không',
    'Không',
    'Không',
    'Phật giáo',
    'Công giáo',
    'Phật giáo Hòa Hảo',
    'Cao Đài',
  ]);
  const onlyYear = year < 1950 && rnd() < 0.5;
  return {
    fullName,
    dateOfBirth,
    wire: {
      SoDinhDanh: idNumber,
      HoVaTen: splitName(fullName),
      GioiTinh: male ? '1' : '2',
      NgayThangNamSinh: onlyYear ? { Nam: String(year) } : birth(dateOfBirth),
      DanToc: DAN_TOC[ethnicity] ?? { Ma: '01', Ten: 'Kinh' },
      TonGiao: TON_GIAO[religion] ?? { Ma: '00', Ten: 'Không' },
      QuocTich: 'VN',
      TinhTrangHonNhan: married ? HON_NHAN.married : HON_NHAN.single,
      NoiDangKyKhaiSinh: origin,
      QueQuan: origin,
      ThuongTru: home,
      NoiOHienTai: home,
      Cha: { HoVaTen: `${family} ${pick(rnd, MIDDLE_M)} ${pick(rnd, GIVEN_M)}`, QuocTich: 'VN' },
      Me: {
        HoVaTen: `${pick(rnd, FAMILY)} ${pick(rnd, MIDDLE_F)} ${pick(rnd, GIVEN_F)}`,
        QuocTich: 'VN',
      },
      ...(married
        ? {
            VoChong: {
              HoVaTen: `${pick(rnd, FAMILY)} ${pick(rnd, male ? MIDDLE_F : MIDDLE_M)} ${pick(rnd, male ? GIVEN_F : GIVEN_M)}`,
              QuocTich: 'VN',
            },
          }
        : {}),
      ChuHo: { QuanHe: 'Chủ hộ', HoVaTen: fullName, SoDinhDanh: idNumber },
    },
  };
}

export interface LookupAudit {
  readonly at: string;
  readonly requestId: string;
  readonly clientId: string;
  readonly idNumber: string;
  readonly purpose: string;
  readonly consentRef: string;
  readonly staffId?: string;
  readonly terminalId?: string;
  readonly procedureCode?: string;
  readonly found: boolean;
}

/** The simulated national population database: card citizens plus synthetic ones. */
export class PopulationRegistry {
  private readonly byId = new Map<string, StoredCitizen>();
  /** Every lookup, as a real gateway would log it. */
  readonly audit: LookupAudit[] = [];

  constructor(syntheticCount = SYNTHETIC_CITIZEN_COUNT) {
    for (const c of CARD_CITIZENS) this.byId.set(c.idNumber, fromCard(c));
    for (let i = 0; i < syntheticCount; i++) {
      const s = synthetic(i);
      if (!this.byId.has(s.wire.SoDinhDanh)) this.byId.set(s.wire.SoDinhDanh, s);
    }
  }

  get size(): number {
    return this.byId.size;
  }

  /** All citizens' wire records (tests and training material). */
  all(): CongDan[] {
    return [...this.byId.values()].map((c) => c.wire);
  }

  /**
   * The record when id, name and date of birth all match (name compared without diacritics
   * or case; a year-only birth date matches by year), else undefined — never a hint of which
   * field was wrong.
   */
  find(idNumber: string, fullName: string, dateOfBirth: string): CongDan | undefined {
    const c = this.byId.get(idNumber);
    if (c === undefined) return undefined;
    if (foldVietnamese(c.fullName) !== foldVietnamese(fullName)) return undefined;
    const registered = c.wire.NgayThangNamSinh;
    const sameDate =
      registered.NgayThangNam === undefined || dateOfBirth.length === 4
        ? registered.Nam === dateOfBirth.slice(0, 4)
        : c.dateOfBirth === dateOfBirth;
    return sameDate ? c.wire : undefined;
  }
}
