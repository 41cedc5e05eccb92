import { createHash } from 'node:crypto';
import holidaysSeed from '../../resources/holidays/vn-public-holidays.json' with { type: 'json' };
import type { Procedure, SubmissionChannel } from '../../common/procedure.js';
import { addWorkingDays, feesFor, processingDays } from '../../common/procedure.js';
import type { components, TrangThaiHoSo } from '../../main/city/city-api-types.js';
import { HttpProblem } from './http-util.js';
import { buildVietQr } from './vietqr.js';

type S = components['schemas'];

export const HOLIDAYS: ReadonlySet<string> = new Set(
  (holidaysSeed as unknown as { days: { date: string }[] }).days.map((d) => d.date),
);

/** Attachment limits the simulated gateway enforces (the kiosk shows them in plain words). */
export const ATTACHMENT_LIMITS = {
  maxFiles: 20,
  maxBytes: 5 * 1024 * 1024,
  types: ['image/jpeg', 'image/png', 'application/pdf'],
} as const;

/** Where fees are paid (a simulated treasury-linked account; research §4). */
export const FEE_ACCOUNT = {
  bin: '970415',
  bankName: 'VietinBank',
  accountNumber: '113000000017',
  accountName: 'TRUNG TAM PHUC VU HANH CHINH CONG PHUONG NINH KIEU (MO PHONG)',
} as const;

const CHANNELS: Readonly<Record<string, SubmissionChannel>> = {
  TRUC_TIEP: 'truc-tiep',
  TRUC_TUYEN: 'truc-tuyen',
  BUU_CHINH: 'buu-chinh',
};

/** The lifecycle demo mode walks through when auto-progress is on. */
const AUTO_STAGES: readonly [TrangThaiHoSo, string][] = [
  ['DANG_XU_LY', 'Chuyển bộ phận chuyên môn xử lý'],
  ['CO_KET_QUA', 'Đã có kết quả, mời công dân đến nhận'],
];

interface StoredDossier {
  dossier: S['HoSo'];
  /** Auto stages applied so far. */
  autoStage: number;
  fees: S['KhoanPhi'][];
  paid: boolean;
  readonly clientId: string;
  readonly idempotencyKey: string;
  readonly bodyHash: string;
}

const fail = (message: string): never => {
  throw new HttpProblem(400, 'VALIDATION', message);
};

function record(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(`${path} must be an object`);
  }
  return value as Record<string, unknown>;
}

function text(
  o: Record<string, unknown>,
  key: string,
  max: number,
  required = true,
): string | undefined {
  const v = o[key];
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string' || v.trim() === '' || v.length > max) {
    return fail(`${key} must be a non-empty string of at most ${max} characters`);
  }
  return v;
}

/** Viet Nam local time (UTC+7, no daylight saving). */
function vnDate(now: Date): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Dossiers received by the simulated city system. Codes follow TT 01/2018/TT-VPCP Điều 19
 * (research §3.3): `<unit code>-YYMMDD-<4-digit daily sequence>`, assigned here, never by the
 * kiosk. An Idempotency-Key seen before returns the dossier it created (never a second one).
 */
export class DossierRegistry {
  private readonly byCode = new Map<string, StoredDossier>();
  private readonly byKey = new Map<string, StoredDossier>();
  private readonly sequences = new Map<string, number>();

  constructor(
    private readonly agencyCode: string,
    private readonly procedures: (code: string) => Procedure | undefined,
    private readonly now: () => Date,
    /** Demo mode: each dossier moves one stage on every this many ms (off when undefined). */
    private readonly autoProgressMs?: number,
  ) {}

  count(): number {
    return this.byCode.size;
  }

  all(): S['HoSo'][] {
    return [...this.byCode.values()].map((d) => d.dossier);
  }

  /** The dossier an earlier request with this key created, or a 409 when the body differs. */
  replay(clientId: string, key: string, body: Buffer): S['HoSo'] | undefined {
    const stored = this.byKey.get(`${clientId}\u0000${key}`);
    if (stored === undefined) return undefined;
    if (stored.bodyHash !== sha256(body)) {
      throw new HttpProblem(
        409,
        'IDEMPOTENCY_KEY_REUSED',
        'Idempotency-Key reused with another body',
      );
    }
    return stored.dossier;
  }

  create(clientId: string, key: string, body: Buffer, parsed: unknown): S['HoSo'] {
    const req = record(parsed, 'body');
    const procedure = this.procedures(text(req, 'MaTTHC', 40) ?? '');
    if (procedure === undefined) return fail('MaTTHC is not in the catalogue');
    const channel = CHANNELS[String(req.KenhThucHien)];
    if (channel === undefined)
      return fail('KenhThucHien must be TRUC_TIEP, TRUC_TUYEN or BUU_CHINH');
    const caseCode = text(req, 'MaTruongHop', 40, false);
    if (caseCode !== undefined && !procedure.cases.some((c) => c.code === caseCode)) {
      fail('MaTruongHop is not a case of this procedure');
    }
    text(req, 'MaDiemTiepNhan', 64);
    const owner = record(req.ChuHoSo, 'ChuHoSo');
    const ownerName = text(owner, 'HoVaTen', 100) ?? '';
    if (typeof owner.SoDinhDanh !== 'string' || !/^\d{12}$/.test(owner.SoDinhDanh)) {
      fail('ChuHoSo.SoDinhDanh must be 12 digits');
    }
    const form = record(req.DuLieuBieuMau, 'DuLieuBieuMau');
    for (const name of procedure.formSchema.required ?? []) {
      const v = form[name];
      if (v === undefined || v === null || v === '') fail(`DuLieuBieuMau.${name} is required`);
    }
    const files = this.attachments(req.ThanhPhanHoSo, procedure);

    const received = this.now();
    const day = vnDate(received);
    const yymmdd = day.slice(2).replace(/-/g, '');
    const seq = (this.sequences.get(day) ?? 0) + 1;
    if (seq > 9999) throw new HttpProblem(503, 'SEQUENCE_EXHAUSTED', 'Daily sequence exhausted');
    this.sequences.set(day, seq);
    const code = `${this.agencyCode}-${yymmdd}-${String(seq).padStart(4, '0')}`;
    const fees = feesFor(procedure, channel)
      .filter((f) => f.amountVnd > 0)
      .map((f) => ({
        TenPhiLePhi: f.name,
        LoaiPhiLePhi: f.kind === 'phi' ? ('PHI' as const) : ('LE_PHI' as const),
        MucThu: f.amountVnd,
        SoLuong: 1,
        ThanhTien: f.amountVnd,
      }));
    const dossier: S['HoSo'] = {
      MaHoSo: code,
      MaTTHC: procedure.code,
      TenTTHC: procedure.name,
      KenhThucHien: req.KenhThucHien as S['HoSo']['KenhThucHien'],
      TrangThai: 'DA_TIEP_NHAN',
      NgayTiepNhan: received.toISOString(),
      NgayHenTra: addWorkingDays(day, processingDays(procedure, channel) ?? 0, HOLIDAYS),
      ChuHoSo: { HoVaTen: ownerName.normalize('NFC') },
      ThanhPhanHoSo: files.map((f, i) => ({ ...f, MaTep: `${code}-T${i + 1}` })),
      TongPhiLePhi: fees.reduce((sum, f) => sum + f.ThanhTien, 0),
      QuaTrinhXuLy: [
        { ThoiGian: received.toISOString(), TrangThai: 'DA_TIEP_NHAN', NoiDung: 'Tiếp nhận hồ sơ' },
      ],
    };
    const stored: StoredDossier = {
      dossier,
      autoStage: 0,
      fees,
      paid: false,
      clientId,
      idempotencyKey: key,
      bodyHash: sha256(body),
    };
    this.byCode.set(code, stored);
    this.byKey.set(`${clientId}\u0000${key}`, stored);
    return dossier;
  }

  get(code: string): S['HoSo'] | undefined {
    const stored = this.byCode.get(code);
    if (stored === undefined) return undefined;
    this.progress(stored);
    return stored.dossier;
  }

  private progress(stored: StoredDossier): void {
    const every = this.autoProgressMs;
    if (every === undefined || every <= 0) return;
    const received = Date.parse(stored.dossier.NgayTiepNhan);
    const due = Math.min(AUTO_STAGES.length, Math.floor((this.now().getTime() - received) / every));
    while (stored.autoStage < due) {
      const stage = AUTO_STAGES[stored.autoStage];
      stored.autoStage++;
      // A dossier a person moved by hand (rejected, needs supplement…) is left alone.
      const current = stored.dossier.TrangThai;
      if (stage === undefined || (current !== 'DA_TIEP_NHAN' && current !== 'DANG_XU_LY')) return;
      const at = new Date(received + stored.autoStage * every).toISOString();
      stored.dossier = {
        ...stored.dossier,
        TrangThai: stage[0],
        QuaTrinhXuLy: [
          ...stored.dossier.QuaTrinhXuLy,
          { ThoiGian: at, TrangThai: stage[0], NoiDung: stage[1] },
        ],
      };
    }
  }

  /** Moves a dossier along its lifecycle (demo console, training, tests). */
  setStatus(code: string, status: TrangThaiHoSo, note: string): void {
    const stored = this.byCode.get(code);
    if (stored === undefined) throw new Error(`No dossier ${code}`);
    const at = this.now().toISOString();
    stored.dossier = {
      ...stored.dossier,
      TrangThai: status,
      QuaTrinhXuLy: [
        ...stored.dossier.QuaTrinhXuLy,
        { ThoiGian: at, TrangThai: status, NoiDung: note },
      ],
    };
  }

  markPaid(code: string): void {
    const stored = this.byCode.get(code);
    if (stored === undefined) throw new Error(`No dossier ${code}`);
    stored.paid = true;
  }

  fees(code: string): S['PhiHoSo'] | undefined {
    const stored = this.byCode.get(code);
    if (stored === undefined) return undefined;
    const total = stored.dossier.TongPhiLePhi;
    const purpose = code.replace(/[^0-9A-Za-z.-]/g, '').slice(0, 25);
    return {
      MaHoSo: code,
      TongTien: total,
      DaThanhToan: stored.paid || total === 0,
      KhoanPhi: stored.fees,
      ...(total > 0 && !stored.paid
        ? {
            ThanhToan: {
              MaNganHang: FEE_ACCOUNT.bin,
              TenNganHang: FEE_ACCOUNT.bankName,
              SoTaiKhoan: FEE_ACCOUNT.accountNumber,
              TenTaiKhoan: FEE_ACCOUNT.accountName,
              NoiDung: purpose,
              VietQR: buildVietQr({
                bin: FEE_ACCOUNT.bin,
                accountNumber: FEE_ACCOUNT.accountNumber,
                amountVnd: total,
                purpose,
              }),
            },
          }
        : {}),
    };
  }

  private attachments(value: unknown, procedure: Procedure): Omit<S['TepDinhKem'], 'MaTep'>[] {
    if (!Array.isArray(value)) return fail('ThanhPhanHoSo must be an array');
    if (value.length > ATTACHMENT_LIMITS.maxFiles) {
      fail(`At most ${ATTACHMENT_LIMITS.maxFiles} attachments`);
    }
    const known = new Set(procedure.cases.flatMap((c) => c.documents.map((d) => d.code)));
    return value.map((item, i) => {
      const f = record(item, `ThanhPhanHoSo[${i}]`);
      const docCode = text(f, 'MaThanhPhanHoSo', 40) ?? '';
      if (!known.has(docCode))
        fail(`ThanhPhanHoSo[${i}].MaThanhPhanHoSo is not a document of this procedure`);
      const name = text(f, 'TenTep', 255) ?? '';
      const type = text(f, 'LoaiTep', 100) ?? '';
      if (!(ATTACHMENT_LIMITS.types as readonly string[]).includes(type)) {
        fail(`ThanhPhanHoSo[${i}].LoaiTep must be one of ${ATTACHMENT_LIMITS.types.join(', ')}`);
      }
      const data = f.DuLieu;
      if (
        typeof data !== 'string' ||
        !/^[A-Za-z0-9+/]*={0,2}$/.test(data) ||
        data.length % 4 !== 0
      ) {
        return fail(`ThanhPhanHoSo[${i}].DuLieu must be base64`);
      }
      const bytes = Buffer.from(data, 'base64');
      if (bytes.length === 0 || bytes.length > ATTACHMENT_LIMITS.maxBytes) {
        fail(`ThanhPhanHoSo[${i}] must be 1 byte to ${ATTACHMENT_LIMITS.maxBytes} bytes`);
      }
      return {
        MaThanhPhanHoSo: docCode,
        TenTep: name.normalize('NFC'),
        LoaiTep: type,
        KichThuoc: bytes.length,
        BamTep: createHash('sha256').update(bytes).digest('hex'),
      };
    });
  }
}

function sha256(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}
