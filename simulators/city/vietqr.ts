/**
 * VietQR payloads (NAPAS, on EMVCo QR Code Specification for Payment Systems — Merchant-
 * Presented Mode v1.1): ID(2) + LEN(2) + VALUE, CRC-16/CCITT-FALSE over everything up to and
 * including "6304" (EMVCo MPM §4.7.3). Research §4 has the field table and a worked example.
 */

/** Application identifier of NAPAS in tag 38.00. */
export const NAPAS_GUID = 'A000000727';

function tlv(id: string, value: string): string {
  const len = [...value].length;
  if (len > 99) throw new Error(`VietQR field ${id} longer than 99 characters`);
  return `${id}${String(len).padStart(2, '0')}${value}`;
}

/** CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no final XOR. */
export function crc16CcittFalse(text: string): number {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc;
}

export interface VietQrInput {
  /** Acquirer BIN (6 digits), e.g. 970415 VietinBank. */
  readonly bin: string;
  readonly accountNumber: string;
  /** VND, integer; omitted for a static QR. */
  readonly amountVnd?: number;
  /** Nội dung chuyển khoản (tag 62.08): ASCII, ≤ 25 characters for bank apps. */
  readonly purpose?: string;
  /** Bill number (tag 62.01). */
  readonly billNumber?: string;
}

/** Builds a VietQR transfer-to-account payload (service code QRIBFTTA). */
export function buildVietQr(input: VietQrInput): string {
  if (!/^\d{6}$/.test(input.bin)) throw new Error('VietQR BIN must be 6 digits');
  if (!/^[0-9A-Za-z]{1,19}$/.test(input.accountNumber)) throw new Error('Bad account number');
  const beneficiary = tlv('00', input.bin) + tlv('01', input.accountNumber);
  const merchant = tlv('00', NAPAS_GUID) + tlv('01', beneficiary) + tlv('02', 'QRIBFTTA');
  const dynamic = input.amountVnd !== undefined;
  let payload =
    tlv('00', '01') + tlv('01', dynamic ? '12' : '11') + tlv('38', merchant) + tlv('53', '704');
  if (dynamic) {
    if (!Number.isInteger(input.amountVnd) || (input.amountVnd ?? 0) <= 0) {
      throw new Error('VietQR amount must be a positive integer of VND');
    }
    payload += tlv('54', String(input.amountVnd));
  }
  payload += tlv('58', 'VN');
  const extra =
    (input.billNumber === undefined ? '' : tlv('01', input.billNumber)) +
    (input.purpose === undefined ? '' : tlv('08', input.purpose));
  if (extra !== '') payload += tlv('62', extra);
  payload += '6304';
  return payload + crc16CcittFalse(payload).toString(16).toUpperCase().padStart(4, '0');
}
