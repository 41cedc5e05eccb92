import { crc16CcittFalse, utf8Bytes } from './crc16-ccitt-false.js';
import { emvMap, parseEmvTlv } from './emv-tlv.js';
import { cleanScannedText, MAX_QR_TEXT, qrError, qrOk } from './qr-result.js';
import type { QrResult } from './qr-result.js';

/**
 * VietQR (NAPAS, on EMVCo MPM; research one-stop-shop §4): 00 "01", 01 "11"/"12", 38 merchant
 * account {00 GUID A000000727, 01 {00 acquirer BIN, 01 account}, 02 service code}, 53 currency
 * (704 = VND), 54 amount, 58 country, 59/60 name/city, 62 additional {01 bill, 05 reference,
 * 07 terminal, 08 purpose}, 63 CRC-16/CCITT-FALSE over everything up to and including "6304".
 */
export interface VietQr {
  /** 01: "11" static (amount typed by the payer) or "12" dynamic (one payment). */
  readonly initiation?: 'static' | 'dynamic';
  readonly acquirerBin: string;
  readonly accountNumber: string;
  /** QRIBFTTA (to account), QRIBFTTC (to card), QRPUSH (merchant). */
  readonly serviceCode?: string;
  /** ISO 4217 numeric; "704" = VND. */
  readonly currency: string;
  /** Whole VND as written (no decimals for VND). */
  readonly amount?: number;
  readonly countryCode?: string;
  readonly merchantName?: string;
  readonly merchantCity?: string;
  readonly billNumber?: string;
  readonly referenceLabel?: string;
  readonly terminalLabel?: string;
  /** 62/08: nội dung chuyển khoản. */
  readonly purpose?: string;
  /** Every root data object by ID. */
  readonly fields: ReadonlyMap<string, string>;
}

export const NAPAS_GUID = 'A000000727';
export const CURRENCY_VND = '704';
const CRC_TAG = '6304';

export function parseVietQr(input: string): QrResult<VietQr> {
  if (input.length > MAX_QR_TEXT)
    return qrError('TOO_LONG', `QR text of ${input.length} characters`);
  const text = cleanScannedText(input);
  // EMV QRCPS-MPM §4.7.3: CRC is the last object; computed over the payload including "6304".
  if (text.length < 8 || text.slice(-8, -4) !== CRC_TAG) {
    return qrError('VIETQR_CRC', 'no CRC object (63) at the end');
  }
  const stated = text.slice(-4).toUpperCase();
  if (!/^[0-9A-F]{4}$/.test(stated)) return qrError('VIETQR_CRC', 'CRC is not 4 hex digits');
  const computed = crc16CcittFalse(utf8Bytes(text.slice(0, -4)))
    .toString(16)
    .toUpperCase()
    .padStart(4, '0');
  if (computed !== stated)
    return qrError('VIETQR_CRC', `CRC ${stated} does not match the payload (${computed})`);

  const root = parseEmvTlv(text);
  if (!root.ok) return root;
  const last = root.value.at(-1);
  if (last?.id !== '63')
    return qrError('VIETQR_TLV', 'CRC object is not where the TLV structure ends');
  const fields = emvMap(root.value);
  if (fields.get('00') !== '01')
    return qrError('VIETQR_FIELD', 'payload format indicator (00) is not "01"');
  const init = fields.get('01');
  if (init !== undefined && init !== '11' && init !== '12') {
    return qrError('VIETQR_FIELD', 'point of initiation (01) is neither 11 nor 12');
  }
  const merchantRaw = fields.get('38');
  if (merchantRaw === undefined)
    return qrError('VIETQR_FIELD', 'no NAPAS merchant account information (38)');
  const merchant = parseEmvTlv(merchantRaw);
  if (!merchant.ok) return merchant;
  const m = emvMap(merchant.value);
  if (m.get('00')?.toUpperCase() !== NAPAS_GUID)
    return qrError('VIETQR_FIELD', 'merchant GUID is not A000000727');
  const beneficiary = parseEmvTlv(m.get('01') ?? '');
  if (!beneficiary.ok) return beneficiary;
  const b = emvMap(beneficiary.value);
  const acquirerBin = b.get('00') ?? '';
  const accountNumber = b.get('01') ?? '';
  if (!/^\d{6}$/.test(acquirerBin))
    return qrError('VIETQR_FIELD', 'acquirer BIN (38/01/00) is not 6 digits');
  if (!/^[0-9A-Za-z]{1,19}$/.test(accountNumber))
    return qrError('VIETQR_FIELD', 'account number (38/01/01) malformed');
  const currency = fields.get('53') ?? '';
  if (!/^\d{3}$/.test(currency)) return qrError('VIETQR_FIELD', 'currency (53) is not 3 digits');
  const amountText = fields.get('54');
  if (amountText !== undefined && !/^\d{1,13}(\.\d{1,2})?$/.test(amountText)) {
    return qrError('VIETQR_FIELD', 'amount (54) is not a number');
  }
  const extra = fields.has('62') ? parseEmvTlv(fields.get('62') ?? '') : qrOk([]);
  if (!extra.ok) return extra;
  const e = emvMap(extra.value);
  const optional: Record<string, string | undefined> = {
    serviceCode: m.get('02'),
    countryCode: fields.get('58'),
    merchantName: fields.get('59'),
    merchantCity: fields.get('60'),
    billNumber: e.get('01'),
    referenceLabel: e.get('05'),
    terminalLabel: e.get('07'),
    purpose: e.get('08'),
  };
  const present = Object.fromEntries(
    Object.entries(optional).filter(([, v]) => v !== undefined),
  ) as Record<string, string>;
  return qrOk({
    ...(init !== undefined
      ? { initiation: init === '11' ? ('static' as const) : ('dynamic' as const) }
      : {}),
    acquirerBin,
    accountNumber,
    currency,
    ...(amountText !== undefined ? { amount: Number(amountText) } : {}),
    ...present,
    fields,
  });
}

/** Builds a VietQR payload with its CRC (for the fee-payment screen and for tests). */
export function formatVietQr(objects: readonly (readonly [string, string])[]): string {
  const body = objects.map(([id, value]) => emvObject(id, value)).join('') + CRC_TAG;
  return body + crc16CcittFalse(utf8Bytes(body)).toString(16).toUpperCase().padStart(4, '0');
}

/** One data object: ID + 2-digit length (in characters) + value. */
export function emvObject(id: string, value: string): string {
  return `${id}${String(Array.from(value).length).padStart(2, '0')}${value}`;
}
