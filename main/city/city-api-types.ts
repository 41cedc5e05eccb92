/**
 * Wire types of docs/openapi/city-gateway.yaml, written by hand in the shape openapi-typescript
 * emits (its peer range excludes our TypeScript 6, so it could not be installed). Keep in step
 * with the spec: city-api-types.test.ts compares these key names with the YAML.
 *
 * Domain data uses the provincial gateways' Vietnamese PascalCase names (LGSP/NDXP style,
 * research §5); protocol envelopes (health, OAuth2, errors) use their standard names.
 */

export type KenhThucHien = 'TRUC_TIEP' | 'TRUC_TUYEN' | 'BUU_CHINH';
export type MucDo = 'TOAN_TRINH' | 'MOT_PHAN';
export type CapThucHien = 'CAP_TINH' | 'CAP_XA';
export type LoaiBan = 'BAN_CHINH' | 'BAN_SAO' | 'BAN_CHUP' | 'BAN_CHINH_HOAC_BAN_SAO';
export type LoaiPhiLePhi = 'PHI' | 'LE_PHI';
export type TrangThaiHoSo =
  'DA_TIEP_NHAN' | 'DANG_XU_LY' | 'CHO_BO_SUNG' | 'CO_KET_QUA' | 'DA_TRA_KET_QUA' | 'TU_CHOI';
/** 0 chưa có thông tin, 1 Nam, 2 Nữ (CSDLQG về dân cư coding). */
export type GioiTinh = '0' | '1' | '2';

export interface components {
  schemas: {
    Health: { status: 'ok' | 'degraded'; version: string; time: string };
    Error: { error: { code: string; message: string; requestId?: string } };
    TokenResponse: {
      access_token: string;
      token_type: 'Bearer';
      expires_in: number;
      scope: string;
    };
    TokenError: { error: string; error_description?: string };
    ThoiHanGiaiQuyet: { KenhThucHien: KenhThucHien; SoNgayLamViec: number; MoTa?: string };
    ThuTucTomTat: {
      MaTTHC: string;
      TenTTHC: string;
      MaLinhVuc: string;
      TenLinhVuc: string;
      CoQuanThucHien: string;
      CapThucHien: CapThucHien;
      MucDo: MucDo;
      ThoiHanGiaiQuyet: components['schemas']['ThoiHanGiaiQuyet'][];
      CoPhiLePhi: boolean;
    };
    DanhSachThuTuc: { TongSo: number; DanhSach: components['schemas']['ThuTucTomTat'][] };
    PhiLePhi: {
      TenPhiLePhi: string;
      LoaiPhiLePhi: LoaiPhiLePhi;
      MucThu: number;
      KenhThucHien?: KenhThucHien;
      MoTa?: string;
    };
    GiayTo: {
      MaThanhPhanHoSo: string;
      TenThanhPhanHoSo: string;
      LoaiBan: LoaiBan;
      SoLuong: number;
      BatBuoc: boolean;
      MauDon?: string;
    };
    TruongHop: {
      MaTruongHop: string;
      TenTruongHop: string;
      ThanhPhanHoSo: components['schemas']['GiayTo'][];
    };
    ThuTuc: components['schemas']['ThuTucTomTat'] & {
      PhiLePhi: components['schemas']['PhiLePhi'][];
      TruongHop: components['schemas']['TruongHop'][];
      KetQuaThucHien: string;
      CanCuPhapLy: string[];
      YeuCauDieuKien?: string;
      BieuMau: { [key: string]: unknown };
    };
    TraCuuCongDanRequest: {
      MaYeuCau: string;
      SoDinhDanh: string;
      HoVaTen: string;
      /** yyyy-mm-dd, or yyyy when only the year is known. */
      NgayThangNamSinh: string;
      MucDich: string;
      MaDongY: string;
      MaDVC?: string;
      MaCanBo?: string;
      MaThietBi?: string;
    };
    DiaChi: {
      MaTinhThanh?: string;
      TenTinhThanh?: string;
      MaQuanHuyen?: string;
      TenQuanHuyen?: string;
      MaPhuongXa?: string;
      TenPhuongXa?: string;
      ChiTiet?: string;
      QuocGia: string;
    };
    MaTen: { Ma: string; Ten: string };
    NguoiThan: { HoVaTen: string; QuocTich?: string; SoDinhDanh?: string; SoCMND?: string };
    CongDan: {
      SoDinhDanh: string;
      SoCMND?: string;
      HoVaTen: { Ho: string; ChuDem?: string; Ten: string };
      GioiTinh: GioiTinh;
      NgayThangNamSinh: { Nam: string; NgayThangNam?: string };
      DanToc?: components['schemas']['MaTen'];
      TonGiao?: components['schemas']['MaTen'];
      QuocTich: string;
      TinhTrangHonNhan?: components['schemas']['MaTen'];
      NhomMau?: string;
      NoiDangKyKhaiSinh?: components['schemas']['DiaChi'];
      QueQuan?: components['schemas']['DiaChi'];
      ThuongTru?: components['schemas']['DiaChi'];
      NoiOHienTai?: components['schemas']['DiaChi'];
      Cha?: components['schemas']['NguoiThan'];
      Me?: components['schemas']['NguoiThan'];
      VoChong?: components['schemas']['NguoiThan'];
      NguoiDaiDien?: components['schemas']['NguoiThan'];
      ChuHo?: { QuanHe: string; HoVaTen: string; SoDinhDanh?: string };
    };
    TraCuuCongDanResponse: {
      MaYeuCau: string;
      ThoiGian: string;
      CongDan: components['schemas']['CongDan'];
    };
    NguoiNop: {
      HoVaTen: string;
      SoDinhDanh: string;
      NgaySinh?: string;
      SoDienThoai?: string;
      Email?: string;
      DiaChi?: string;
    };
    TepDinhKemMoi: {
      MaThanhPhanHoSo: string;
      TenTep: string;
      LoaiTep: string;
      /** base64 */
      DuLieu: string;
    };
    TaoHoSoRequest: {
      MaTTHC: string;
      MaTruongHop?: string;
      KenhThucHien: KenhThucHien;
      MaDiemTiepNhan: string;
      ChuHoSo: components['schemas']['NguoiNop'];
      NguoiNop?: components['schemas']['NguoiNop'];
      TrichYeu?: string;
      DuLieuBieuMau: { [key: string]: unknown };
      ThanhPhanHoSo: components['schemas']['TepDinhKemMoi'][];
      MaDongY?: string;
      DaXacThucChip?: boolean;
      DSKetNoiCSDL?: string[];
    };
    TepDinhKem: {
      MaTep: string;
      MaThanhPhanHoSo: string;
      TenTep: string;
      LoaiTep: string;
      KichThuoc: number;
      /** sha256, hex */
      BamTep: string;
    };
    TienTrinh: { ThoiGian: string; TrangThai: TrangThaiHoSo; NoiDung: string };
    HoSo: {
      MaHoSo: string;
      MaTTHC: string;
      TenTTHC: string;
      KenhThucHien: KenhThucHien;
      TrangThai: TrangThaiHoSo;
      NgayTiepNhan: string;
      /** yyyy-mm-dd */
      NgayHenTra: string;
      ChuHoSo: { HoVaTen: string };
      ThanhPhanHoSo: components['schemas']['TepDinhKem'][];
      TongPhiLePhi: number;
      QuaTrinhXuLy: components['schemas']['TienTrinh'][];
    };
    KhoanPhi: {
      TenPhiLePhi: string;
      LoaiPhiLePhi: LoaiPhiLePhi;
      MucThu: number;
      SoLuong: number;
      ThanhTien: number;
    };
    ThongTinThanhToan: {
      MaNganHang: string;
      TenNganHang: string;
      SoTaiKhoan: string;
      TenTaiKhoan: string;
      NoiDung: string;
      /** EMVCo MPM payload (NAPAS VietQR), to be drawn as a QR code. */
      VietQR: string;
    };
    PhiHoSo: {
      MaHoSo: string;
      TongTien: number;
      DaThanhToan: boolean;
      KhoanPhi: components['schemas']['KhoanPhi'][];
      ThanhToan?: components['schemas']['ThongTinThanhToan'];
    };
  };
}

type S = components['schemas'];
type JsonContent<T> = { headers: { [name: string]: unknown }; content: { 'application/json': T } };
type ErrorResponses = {
  400: JsonContent<S['Error']>;
  401: JsonContent<S['Error']>;
  403: JsonContent<S['Error']>;
  404: JsonContent<S['Error']>;
  429: JsonContent<S['Error']>;
  500: JsonContent<S['Error']>;
  503: JsonContent<S['Error']>;
};
type AuthHeader = { Authorization?: string };

export interface operations {
  getHealth: {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    requestBody?: never;
    responses: { 200: JsonContent<S['Health']>; 503: JsonContent<S['Health']> };
  };
  requestToken: {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    requestBody: {
      content: {
        'application/x-www-form-urlencoded': {
          grant_type: 'client_credentials';
          client_id?: string;
          client_secret?: string;
          scope?: string;
        };
      };
    };
    responses: {
      200: JsonContent<S['TokenResponse']>;
      400: JsonContent<S['TokenError']>;
      401: JsonContent<S['TokenError']>;
    };
  };
  listProcedures: {
    parameters: {
      query?: { q?: string; field?: string; limit?: number; offset?: number };
      header?: AuthHeader;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: { 200: JsonContent<S['DanhSachThuTuc']> } & ErrorResponses;
  };
  getProcedure: {
    parameters: { query?: never; header?: AuthHeader; path: { code: string }; cookie?: never };
    requestBody?: never;
    responses: { 200: JsonContent<S['ThuTuc']> } & ErrorResponses;
  };
  lookupCitizen: {
    parameters: {
      query?: never;
      header?: AuthHeader & { 'Idempotency-Key'?: string };
      path?: never;
      cookie?: never;
    };
    requestBody: { content: { 'application/json': S['TraCuuCongDanRequest'] } };
    responses: { 200: JsonContent<S['TraCuuCongDanResponse']> } & ErrorResponses;
  };
  createDossier: {
    parameters: {
      query?: never;
      header: AuthHeader & { 'Idempotency-Key': string };
      path?: never;
      cookie?: never;
    };
    requestBody: { content: { 'application/json': S['TaoHoSoRequest'] } };
    responses: {
      200: JsonContent<S['HoSo']>;
      201: JsonContent<S['HoSo']>;
      409: JsonContent<S['Error']>;
      413: JsonContent<S['Error']>;
    } & ErrorResponses;
  };
  getDossier: {
    parameters: { query?: never; header?: AuthHeader; path: { code: string }; cookie?: never };
    requestBody?: never;
    responses: { 200: JsonContent<S['HoSo']> } & ErrorResponses;
  };
  getDossierFees: {
    parameters: { query?: never; header?: AuthHeader; path: { code: string }; cookie?: never };
    requestBody?: never;
    responses: { 200: JsonContent<S['PhiHoSo']> } & ErrorResponses;
  };
}

export interface paths {
  '/api/v1/health': { get: operations['getHealth'] };
  '/oauth/token': { post: operations['requestToken'] };
  '/api/v1/procedures': { get: operations['listProcedures'] };
  '/api/v1/procedures/{code}': { get: operations['getProcedure'] };
  '/api/v1/citizens/lookup': { post: operations['lookupCitizen'] };
  '/api/v1/dossiers': { post: operations['createDossier'] };
  '/api/v1/dossiers/{code}': { get: operations['getDossier'] };
  '/api/v1/dossiers/{code}/fees': { get: operations['getDossierFees'] };
}

/** Scopes the gateway grants (OAuth2 client credentials). */
export const CITY_SCOPES = [
  'catalogue.read',
  'citizen.lookup',
  'dossier.write',
  'dossier.read',
] as const;
export type CityScope = (typeof CITY_SCOPES)[number];
