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
import { arr, badResponse, bool, num, obj, oneOf, opt, optStr, str } from './wire-reader.js';

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

export function toProcedureList(value: unknown): ProcedureSummary[] {
  const o = obj(value, 'DanhSachThuTuc');
  return arr(o.DanhSach, 'DanhSachThuTuc.DanhSach').map((p, i) =>
    toProcedureSummary(p, `DanhSach[${i}]`),
  );
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
