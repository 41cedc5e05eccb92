import type { components } from '../../main/city/city-api-types.js';

type DiaChi = components['schemas']['DiaChi'];

/**
 * Administrative units of Cần Thơ after the 2025 two-level reform, as the simulator codes them.
 * The province code 92 is Cần Thơ's statistical code; the ward/commune codes here are SYNTHETIC
 * placeholders (the new official codes must come from the city), five digits like the real ones.
 */
export const PROVINCE = { code: '92', name: 'Thành phố Cần Thơ' } as const;

export const WARDS: readonly { readonly code: string; readonly name: string }[] = [
  { code: '31117', name: 'Phường Ninh Kiều' },
  { code: '31120', name: 'Phường Cái Khế' },
  { code: '31135', name: 'Phường Tân An' },
  { code: '31147', name: 'Phường An Bình' },
  { code: '31153', name: 'Phường Bình Thủy' },
  { code: '31157', name: 'Phường Long Tuyền' },
  { code: '31186', name: 'Phường Cái Răng' },
  { code: '31201', name: 'Phường Hưng Phú' },
  { code: '31213', name: 'Phường Ô Môn' },
  { code: '31228', name: 'Phường Thốt Nốt' },
  { code: '31261', name: 'Xã Phong Điền' },
  { code: '31273', name: 'Xã Thới Lai' },
  { code: '31288', name: 'Xã Cờ Đỏ' },
  { code: '31300', name: 'Xã Vĩnh Thạnh' },
];

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/** One line as on a card: detail, then units with a lower-case first letter. */
export function addressText(detail: string | undefined, wardName: string): string {
  return [detail, lowerFirst(wardName), lowerFirst(PROVINCE.name)]
    .filter((p): p is string => p !== undefined && p !== '')
    .join(', ');
}

export function wireAddress(
  detail: string | undefined,
  ward: { code: string; name: string },
): DiaChi {
  return {
    MaTinhThanh: PROVINCE.code,
    TenTinhThanh: PROVINCE.name,
    MaPhuongXa: ward.code,
    TenPhuongXa: ward.name,
    ...(detail === undefined ? {} : { ChiTiet: detail }),
    QuocGia: 'VN',
  };
}

/**
 * Splits a card's one-line address ("Số 12, đường 30 Tháng 4, phường Ninh Kiều, thành phố Cần
 * Thơ") into the gateway's parts, recognising the ward by name.
 */
export function parseCardAddress(text: string): DiaChi {
  const lower = text.toLowerCase();
  const ward = WARDS.find((w) => lower.includes(w.name.toLowerCase()));
  if (ward === undefined) return { ChiTiet: text, QuocGia: 'VN' };
  const at = lower.indexOf(ward.name.toLowerCase());
  const detail = text.slice(0, at).replace(/,\s*$/, '').trim();
  return wireAddress(detail === '' ? undefined : detail, ward);
}
