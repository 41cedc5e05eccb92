import type {
  AdministrativeLevel,
  DocumentCopyType,
  Fee,
  FormSchema,
  ProcessingTime,
  Procedure,
  ProcedureCase,
  ProcedureSummary,
  ServiceLevel,
  SubmissionChannel,
} from '../../common/procedure.js';
import type { Sex } from '../../common/citizen-identity.js';
import type {
  CitizenLookupRequest,
  PopulationAddress,
  PopulationRecord,
  PopulationRelative,
} from '../../common/population-record.js';
import type { components } from './city-api-types.js';
import type {
  CityApplicant,
  CityDossier,
  CityDossierFees,
  CityDossierStatus,
  CityDossierSubmission,
} from './city-gateway-port.js';
import { arr, badResponse, bool, num, obj, oneOf, opt, optStr, str } from './wire-reader.js';

type S = components['schemas'];

/**
 * The one place where the city gateway's wire names (Vietnamese PascalCase, docs/openapi/
 * city-gateway.yaml) become our domain types. A province-specific adapter replaces this file and
 * the client, never the services.
 */

const CHANNEL: Readonly<Record<string, SubmissionChannel>> = {
  TRUC_TIEP: 'truc-tiep',
  TRUC_TUYEN: 'truc-tuyen',
  BUU_CHINH: 'buu-chinh',
};
export const CHANNEL_TO_WIRE = {
  'truc-tiep': 'TRUC_TIEP',
  'truc-tuyen': 'TRUC_TUYEN',
  'buu-chinh': 'BUU_CHINH',
} as const satisfies Record<SubmissionChannel, string>;
const SERVICE_LEVEL: Readonly<Record<string, ServiceLevel>> = {
  TOAN_TRINH: 'toan-trinh',
  MOT_PHAN: 'mot-phan',
};
const LEVEL: Readonly<Record<string, AdministrativeLevel>> = {
  CAP_TINH: 'cap-tinh',
  CAP_XA: 'cap-xa',
};
const COPY: Readonly<Record<string, DocumentCopyType>> = {
  BAN_CHINH: 'ban-chinh',
  BAN_SAO: 'ban-sao',
  BAN_CHUP: 'ban-chup',
  BAN_CHINH_HOAC_BAN_SAO: 'ban-chinh-hoac-ban-sao',
};
const FEE_KIND: Readonly<Record<string, Fee['kind']>> = { PHI: 'phi', LE_PHI: 'le-phi' };

function toProcessingTime(value: unknown, path: string): ProcessingTime {
  const o = obj(value, path);
  return {
    channel: oneOf(o, 'KenhThucHien', path, CHANNEL),
    workingDays: num(o, 'SoNgayLamViec', path),
    ...opt('note', optStr(o, 'MoTa', path)),
  };
}

export function toProcedureSummary(value: unknown, path = 'ThuTuc'): ProcedureSummary {
  const o = obj(value, path);
  return {
    code: str(o, 'MaTTHC', path),
    name: str(o, 'TenTTHC', path),
    field: str(o, 'TenLinhVuc', path),
    fieldCode: str(o, 'MaLinhVuc', path),
    agency: str(o, 'CoQuanThucHien', path),
    level: oneOf(o, 'CapThucHien', path, LEVEL),
    serviceLevel: oneOf(o, 'MucDo', path, SERVICE_LEVEL),
    processingTimes: arr(o.ThoiHanGiaiQuyet, `${path}.ThoiHanGiaiQuyet`).map((t, i) =>
      toProcessingTime(t, `${path}.ThoiHanGiaiQuyet[${i}]`),
    ),
    hasFee: bool(o, 'CoPhiLePhi', path),
  };
}

export function toProcedureList(value: unknown): { total: number; items: ProcedureSummary[] } {
  const o = obj(value, 'DanhSachThuTuc');
  return {
    total: num(o, 'TongSo', 'DanhSachThuTuc'),
    items: arr(o.DanhSach, 'DanhSachThuTuc.DanhSach').map((p, i) =>
      toProcedureSummary(p, `DanhSach[${i}]`),
    ),
  };
}

function toFee(value: unknown, path: string): Fee {
  const o = obj(value, path);
  const channel =
    o.KenhThucHien === undefined ? undefined : oneOf(o, 'KenhThucHien', path, CHANNEL);
  return {
    name: str(o, 'TenPhiLePhi', path),
    kind: oneOf(o, 'LoaiPhiLePhi', path, FEE_KIND),
    amountVnd: num(o, 'MucThu', path),
    ...opt('channel', channel),
    ...opt('note', optStr(o, 'MoTa', path)),
  };
}

function toCase(value: unknown, path: string): ProcedureCase {
  const o = obj(value, path);
  return {
    code: str(o, 'MaTruongHop', path),
    name: str(o, 'TenTruongHop', path),
    documents: arr(o.ThanhPhanHoSo, `${path}.ThanhPhanHoSo`).map((d, i) => {
      const p = `${path}.ThanhPhanHoSo[${i}]`;
      const doc = obj(d, p);
      return {
        code: str(doc, 'MaThanhPhanHoSo', p),
        name: str(doc, 'TenThanhPhanHoSo', p),
        copyType: oneOf(doc, 'LoaiBan', p, COPY),
        quantity: num(doc, 'SoLuong', p),
        required: bool(doc, 'BatBuoc', p),
        ...opt('template', optStr(doc, 'MauDon', p)),
      };
    }),
  };
}

function toFormSchema(value: unknown, path: string): FormSchema {
  const o = obj(value, path);
  if (o.type !== 'object') throw badResponse(`${path}.type`, '"object"', o.type);
  const properties = obj(o.properties, `${path}.properties`);
  for (const [k, v] of Object.entries(properties)) obj(v, `${path}.properties.${k}`);
  const required =
    o.required === undefined
      ? undefined
      : arr(o.required, `${path}.required`).map((r, i) => {
          if (typeof r !== 'string') throw badResponse(`${path}.required[${i}]`, 'a string', r);
          return r;
        });
  return {
    type: 'object',
    properties: properties as FormSchema['properties'],
    ...opt('title', optStr(o, 'title', path)),
    ...opt('required', required),
  };
}

export function toProcedure(value: unknown): Procedure {
  const path = 'ThuTuc';
  const o = obj(value, path);
  return {
    ...toProcedureSummary(o, path),
    fees: arr(o.PhiLePhi, `${path}.PhiLePhi`).map((f, i) => toFee(f, `${path}.PhiLePhi[${i}]`)),
    cases: arr(o.TruongHop, `${path}.TruongHop`).map((c, i) =>
      toCase(c, `${path}.TruongHop[${i}]`),
    ),
    result: str(o, 'KetQuaThucHien', path),
    legalBasis: arr(o.CanCuPhapLy, `${path}.CanCuPhapLy`).map((l, i) => {
      if (typeof l !== 'string') throw badResponse(`${path}.CanCuPhapLy[${i}]`, 'a string', l);
      return l;
    }),
    ...opt('conditions', optStr(o, 'YeuCauDieuKien', path)),
    formSchema: toFormSchema(o.BieuMau, `${path}.BieuMau`),
  };
}

// ---- population data (CSDLQG về dân cư via the sharing service) ----

const SEX: Readonly<Record<string, Sex>> = { '0': 'X', '1': 'M', '2': 'F' };
const COUNTRY: Readonly<Record<string, string>> = { VN: 'Việt Nam' };
const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

export function toPopulationAddress(value: unknown, path: string): PopulationAddress {
  const o = obj(value, path);
  const country = str(o, 'QuocGia', path);
  const detail = optStr(o, 'ChiTiet', path);
  const wardName = optStr(o, 'TenPhuongXa', path);
  const districtName = optStr(o, 'TenQuanHuyen', path);
  const provinceName = optStr(o, 'TenTinhThanh', path);
  const units = [wardName, districtName, provinceName].filter((u): u is string => u !== undefined);
  const parts = [detail, ...units.map(lowerFirst)].filter(
    (p): p is string => p !== undefined && p !== '',
  );
  return {
    ...opt('provinceCode', optStr(o, 'MaTinhThanh', path)),
    ...opt('provinceName', provinceName),
    ...opt('districtCode', optStr(o, 'MaQuanHuyen', path)),
    ...opt('districtName', districtName),
    ...opt('wardCode', optStr(o, 'MaPhuongXa', path)),
    ...opt('wardName', wardName),
    ...opt('detail', detail),
    country: COUNTRY[country] ?? country,
    text: parts.join(', '),
  };
}

function toRelative(value: unknown, path: string): PopulationRelative | undefined {
  if (value === undefined || value === null) return undefined;
  const o = obj(value, path);
  const nationality = optStr(o, 'QuocTich', path);
  return {
    fullName: str(o, 'HoVaTen', path),
    ...opt('idNumber', optStr(o, 'SoDinhDanh', path)),
    ...opt('oldIdNumber', optStr(o, 'SoCMND', path)),
    ...opt(
      'nationality',
      nationality === undefined ? undefined : (COUNTRY[nationality] ?? nationality),
    ),
  };
}

const optAddress = (o: Record<string, unknown>, key: string, path: string) =>
  o[key] === undefined || o[key] === null
    ? undefined
    : toPopulationAddress(o[key], `${path}.${key}`);
const optName = (o: Record<string, unknown>, key: string, path: string) =>
  o[key] === undefined || o[key] === null
    ? undefined
    : str(obj(o[key], `${path}.${key}`), 'Ten', `${path}.${key}`);

export function toPopulationRecord(value: unknown): PopulationRecord {
  const r = obj(value, 'TraCuuCongDanResponse');
  const path = 'CongDan';
  const o = obj(r.CongDan, path);
  const name = obj(o.HoVaTen, `${path}.HoVaTen`);
  const familyName = str(name, 'Ho', `${path}.HoVaTen`);
  const middleName = optStr(name, 'ChuDem', `${path}.HoVaTen`);
  const givenName = str(name, 'Ten', `${path}.HoVaTen`);
  const birth = obj(o.NgayThangNamSinh, `${path}.NgayThangNamSinh`);
  const full = optStr(birth, 'NgayThangNam', `${path}.NgayThangNamSinh`);
  let dateOfBirth = str(birth, 'Nam', `${path}.NgayThangNamSinh`);
  if (full !== undefined) {
    const m = /^(\d{4})(\d{2})(\d{2})$/.exec(full);
    if (m === null) throw badResponse(`${path}.NgayThangNamSinh.NgayThangNam`, 'yyyyMMdd', full);
    dateOfBirth = `${m[1]}-${m[2]}-${m[3]}`;
  }
  const nationality = str(o, 'QuocTich', path);
  const head =
    o.ChuHo === undefined || o.ChuHo === null ? undefined : obj(o.ChuHo, `${path}.ChuHo`);
  return {
    idNumber: str(o, 'SoDinhDanh', path),
    ...opt('oldIdNumber', optStr(o, 'SoCMND', path)),
    fullName: [familyName, middleName, givenName]
      .filter((p) => p !== undefined && p !== '')
      .join(' '),
    familyName,
    ...opt('middleName', middleName),
    givenName,
    dateOfBirth,
    sex: oneOf(o, 'GioiTinh', path, SEX),
    ...opt('ethnicity', optName(o, 'DanToc', path)),
    ...opt('religion', optName(o, 'TonGiao', path)),
    nationality: COUNTRY[nationality] ?? nationality,
    ...opt('maritalStatus', optName(o, 'TinhTrangHonNhan', path)),
    ...opt('bloodType', optStr(o, 'NhomMau', path)),
    ...opt('birthRegistrationPlace', optAddress(o, 'NoiDangKyKhaiSinh', path)),
    ...opt('placeOfOrigin', optAddress(o, 'QueQuan', path)),
    ...opt('permanentAddress', optAddress(o, 'ThuongTru', path)),
    ...opt('currentAddress', optAddress(o, 'NoiOHienTai', path)),
    ...opt('father', toRelative(o.Cha, `${path}.Cha`)),
    ...opt('mother', toRelative(o.Me, `${path}.Me`)),
    ...opt('spouse', toRelative(o.VoChong, `${path}.VoChong`)),
    ...opt('representative', toRelative(o.NguoiDaiDien, `${path}.NguoiDaiDien`)),
    ...opt(
      'householdHead',
      head === undefined
        ? undefined
        : {
            relation: str(head, 'QuanHe', `${path}.ChuHo`),
            fullName: str(head, 'HoVaTen', `${path}.ChuHo`),
            ...opt('idNumber', optStr(head, 'SoDinhDanh', `${path}.ChuHo`)),
          },
    ),
    lookupId: str(r, 'MaYeuCau', 'TraCuuCongDanResponse'),
    retrievedAt: str(r, 'ThoiGian', 'TraCuuCongDanResponse'),
  };
}

export function toLookupWire(
  req: CitizenLookupRequest,
  requestId: string,
): S['TraCuuCongDanRequest'] {
  return {
    MaYeuCau: requestId,
    SoDinhDanh: req.idNumber,
    HoVaTen: req.fullName.normalize('NFC'),
    NgayThangNamSinh: req.dateOfBirth,
    MucDich: req.purpose.normalize('NFC'),
    MaDongY: req.consentRef,
    ...opt('MaDVC', req.procedureCode),
    ...opt('MaCanBo', req.staffId),
    ...opt('MaThietBi', req.terminalId),
  };
}

// ---- dossiers ----

const STATUS: Readonly<Record<string, CityDossierStatus>> = {
  DA_TIEP_NHAN: 'received',
  DANG_XU_LY: 'processing',
  CHO_BO_SUNG: 'needs-supplement',
  CO_KET_QUA: 'result-ready',
  DA_TRA_KET_QUA: 'returned',
  TU_CHOI: 'rejected',
};

function toApplicantWire(a: CityApplicant): S['NguoiNop'] {
  return {
    HoVaTen: a.fullName.normalize('NFC'),
    SoDinhDanh: a.idNumber,
    ...opt('NgaySinh', a.dateOfBirth),
    ...opt('SoDienThoai', a.phone),
    ...opt('Email', a.email),
    ...opt('DiaChi', a.address?.normalize('NFC')),
  };
}

export function toDossierWire(s: CityDossierSubmission): S['TaoHoSoRequest'] {
  return {
    MaTTHC: s.procedureCode,
    ...opt('MaTruongHop', s.caseCode),
    KenhThucHien: CHANNEL_TO_WIRE[s.channel],
    MaDiemTiepNhan: s.receivingPointId,
    ChuHoSo: toApplicantWire(s.owner),
    ...opt('NguoiNop', s.submitter === undefined ? undefined : toApplicantWire(s.submitter)),
    ...opt('TrichYeu', s.summary?.normalize('NFC')),
    DuLieuBieuMau: { ...s.formData },
    ThanhPhanHoSo: s.attachments.map((a) => ({
      MaThanhPhanHoSo: a.documentCode,
      TenTep: a.fileName.normalize('NFC'),
      LoaiTep: a.mimeType,
      DuLieu: Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength).toString('base64'),
    })),
    ...opt('MaDongY', s.consentRef),
    ...opt('DaXacThucChip', s.verifiedByChip),
    ...opt(
      'DSKetNoiCSDL',
      s.nationalDatabasesUsed === undefined ? undefined : [...s.nationalDatabasesUsed],
    ),
  };
}

export function toDossier(value: unknown): CityDossier {
  const path = 'HoSo';
  const o = obj(value, path);
  return {
    code: str(o, 'MaHoSo', path),
    procedureCode: str(o, 'MaTTHC', path),
    procedureName: str(o, 'TenTTHC', path),
    channel: oneOf(o, 'KenhThucHien', path, CHANNEL),
    status: oneOf(o, 'TrangThai', path, STATUS),
    receivedAt: str(o, 'NgayTiepNhan', path),
    dueDate: str(o, 'NgayHenTra', path),
    ownerName: str(obj(o.ChuHoSo, `${path}.ChuHoSo`), 'HoVaTen', `${path}.ChuHoSo`),
    attachments: arr(o.ThanhPhanHoSo, `${path}.ThanhPhanHoSo`).map((f, i) => {
      const p = `${path}.ThanhPhanHoSo[${i}]`;
      const t = obj(f, p);
      return {
        fileId: str(t, 'MaTep', p),
        documentCode: str(t, 'MaThanhPhanHoSo', p),
        fileName: str(t, 'TenTep', p),
        mimeType: str(t, 'LoaiTep', p),
        size: num(t, 'KichThuoc', p),
        sha256: str(t, 'BamTep', p),
      };
    }),
    totalFeeVnd: num(o, 'TongPhiLePhi', path),
    history: arr(o.QuaTrinhXuLy, `${path}.QuaTrinhXuLy`).map((h, i) => {
      const p = `${path}.QuaTrinhXuLy[${i}]`;
      const t = obj(h, p);
      return {
        at: str(t, 'ThoiGian', p),
        status: oneOf(t, 'TrangThai', p, STATUS),
        note: str(t, 'NoiDung', p),
      };
    }),
  };
}

export function toDossierFees(value: unknown): CityDossierFees {
  const path = 'PhiHoSo';
  const o = obj(value, path);
  const pay =
    o.ThanhToan === undefined || o.ThanhToan === null
      ? undefined
      : obj(o.ThanhToan, `${path}.ThanhToan`);
  const pp = `${path}.ThanhToan`;
  return {
    dossierCode: str(o, 'MaHoSo', path),
    totalVnd: num(o, 'TongTien', path),
    paid: bool(o, 'DaThanhToan', path),
    items: arr(o.KhoanPhi, `${path}.KhoanPhi`).map((k, i) => {
      const p = `${path}.KhoanPhi[${i}]`;
      const t = obj(k, p);
      return {
        name: str(t, 'TenPhiLePhi', p),
        kind: oneOf(t, 'LoaiPhiLePhi', p, FEE_KIND),
        unitVnd: num(t, 'MucThu', p),
        quantity: num(t, 'SoLuong', p),
        amountVnd: num(t, 'ThanhTien', p),
      };
    }),
    ...opt(
      'payment',
      pay === undefined
        ? undefined
        : {
            bankBin: str(pay, 'MaNganHang', pp),
            bankName: str(pay, 'TenNganHang', pp),
            accountNumber: str(pay, 'SoTaiKhoan', pp),
            accountName: str(pay, 'TenTaiKhoan', pp),
            purpose: str(pay, 'NoiDung', pp),
            vietQr: str(pay, 'VietQR', pp),
          },
    ),
  };
}
