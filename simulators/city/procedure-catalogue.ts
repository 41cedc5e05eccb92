import seed from '../../resources/procedures/can-tho-procedures.json' with { type: 'json' };
import type {
  DocumentCopyType,
  Procedure,
  ProcedureQuery,
  SubmissionChannel,
} from '../../common/procedure.js';
import { matchesProcedureQuery } from '../../common/procedure.js';
import type {
  CapThucHien,
  components,
  KenhThucHien,
  LoaiBan,
} from '../../main/city/city-api-types.js';

type S = components['schemas'];

/** The seeded catalogue (resources/procedures), in our domain shape. */
export const SEED_PROCEDURES: readonly Procedure[] = (
  seed as unknown as { procedures: Procedure[] }
).procedures;

const CHANNEL: Record<SubmissionChannel, KenhThucHien> = {
  'truc-tiep': 'TRUC_TIEP',
  'truc-tuyen': 'TRUC_TUYEN',
  'buu-chinh': 'BUU_CHINH',
};
const COPY: Record<DocumentCopyType, LoaiBan> = {
  'ban-chinh': 'BAN_CHINH',
  'ban-sao': 'BAN_SAO',
  'ban-chup': 'BAN_CHUP',
  'ban-chinh-hoac-ban-sao': 'BAN_CHINH_HOAC_BAN_SAO',
};
const LEVEL: Record<Procedure['level'], CapThucHien> = {
  'cap-tinh': 'CAP_TINH',
  'cap-xa': 'CAP_XA',
};

/** The catalogue the simulated city system serves, speaking the gateway's wire names. */
export class ProcedureCatalogue {
  private readonly byCode: Map<string, Procedure>;

  constructor(readonly procedures: readonly Procedure[] = SEED_PROCEDURES) {
    this.byCode = new Map(procedures.map((p) => [p.code, p]));
  }

  get(code: string): Procedure | undefined {
    return this.byCode.get(code);
  }

  search(query: ProcedureQuery): Procedure[] {
    return this.procedures.filter((p) => matchesProcedureQuery(p, query));
  }

  static toSummaryWire(p: Procedure): S['ThuTucTomTat'] {
    return {
      MaTTHC: p.code,
      TenTTHC: p.name,
      MaLinhVuc: p.fieldCode,
      TenLinhVuc: p.field,
      CoQuanThucHien: p.agency,
      CapThucHien: LEVEL[p.level],
      MucDo: p.serviceLevel === 'toan-trinh' ? 'TOAN_TRINH' : 'MOT_PHAN',
      ThoiHanGiaiQuyet: p.processingTimes.map((t) => ({
        KenhThucHien: CHANNEL[t.channel],
        SoNgayLamViec: t.workingDays,
        ...(t.note === undefined ? {} : { MoTa: t.note }),
      })),
      CoPhiLePhi: p.fees.some((f) => f.amountVnd > 0),
    };
  }

  static toWire(p: Procedure): S['ThuTuc'] {
    return {
      ...ProcedureCatalogue.toSummaryWire(p),
      PhiLePhi: p.fees.map((f) => ({
        TenPhiLePhi: f.name,
        LoaiPhiLePhi: f.kind === 'phi' ? 'PHI' : 'LE_PHI',
        MucThu: f.amountVnd,
        ...(f.channel === undefined ? {} : { KenhThucHien: CHANNEL[f.channel] }),
        ...(f.note === undefined ? {} : { MoTa: f.note }),
      })),
      TruongHop: p.cases.map((c) => ({
        MaTruongHop: c.code,
        TenTruongHop: c.name,
        ThanhPhanHoSo: c.documents.map((d) => ({
          MaThanhPhanHoSo: d.code,
          TenThanhPhanHoSo: d.name,
          LoaiBan: COPY[d.copyType],
          SoLuong: d.quantity,
          BatBuoc: d.required,
          ...(d.template === undefined ? {} : { MauDon: d.template }),
        })),
      })),
      KetQuaThucHien: p.result,
      CanCuPhapLy: [...p.legalBasis],
      ...(p.conditions === undefined ? {} : { YeuCauDieuKien: p.conditions }),
      BieuMau: { ...p.formSchema },
    };
  }
}
