import { AppError } from '../../../common/errors.js';
import { parseCccdQr } from '../../../common/qr/cccd-qr.js';
import type { CccdQr } from '../../../common/qr/cccd-qr.js';
import type { DocumentAccessKey } from './card-document-port.js';

/** What the citizen or staff hands the kiosk to open the chip. */
export type IdentityKey =
  /** The text of the card's QR code (camera or scanner). */
  | { readonly kind: 'qr'; readonly text: string }
  /** 6 digits: the last 6 of the 12-digit ID (the CCCD has no printed CAN). */
  | { readonly kind: 'can'; readonly can: string }
  /** MRZ fields typed by staff: document number (9 digits or the 12-digit ID), yymmdd dates. */
  | {
      readonly kind: 'mrz';
      readonly documentNumber: string;
      readonly dateOfBirth: string;
      readonly dateOfExpiry: string;
    };

export interface ResolvedKey {
  readonly key: DocumentAccessKey;
  /** The parsed QR when the key came from one (to cross-check with the chip). */
  readonly qr?: CccdQr;
}

/**
 * Turns the citizen's key into chip key material: a CCCD QR gives the CAN (PACE) and, from the
 * date of birth and issue date, the BAC expiry candidates (research §2.2, §3). Throws
 * QR_PAYLOAD_INVALID for a QR that is not a CCCD's, INVALID_INPUT for malformed digits.
 */
export function resolveIdentityKey(key: IdentityKey): ResolvedKey {
  switch (key.kind) {
    case 'qr': {
      const parsed = parseCccdQr(key.text);
      if (!parsed.ok) {
        throw new AppError(
          'QR_PAYLOAD_INVALID',
          `Not a CCCD QR code (${parsed.error.code}: ${parsed.error.message})`,
        );
      }
      const qr = parsed.value;
      return {
        key: {
          kind: 'cccd',
          idNumber: qr.idNumber,
          dateOfBirth: qr.dateOfBirth,
          issueDate: qr.issueDate,
        },
        qr,
      };
    }
    case 'can': {
      const can = key.can.trim();
      if (!/^\d{6}$/.test(can)) throw new AppError('INVALID_INPUT', 'The CAN is 6 digits');
      return { key: { kind: 'can', can } };
    }
    case 'mrz': {
      const documentNumber = key.documentNumber.trim().toUpperCase();
      const dateOfBirth = key.dateOfBirth.trim();
      const dateOfExpiry = key.dateOfExpiry.trim();
      if (!/^(\d{12}|[0-9A-Z<]{1,9})$/.test(documentNumber)) {
        throw new AppError('INVALID_INPUT', 'Document number: 9 characters or the 12-digit ID');
      }
      if (!isYymmdd(dateOfBirth) || !isYymmdd(dateOfExpiry)) {
        throw new AppError('INVALID_INPUT', 'MRZ dates are yymmdd');
      }
      return { key: { kind: 'mrz', documentNumber, dateOfBirth, dateOfExpiry } };
    }
  }
}

function isYymmdd(value: string): boolean {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (!m) return false;
  if (value === '991231') return true;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}
