import { AppError } from '../../../../common/errors';
import type { AccessKey } from './authenticate-chip';
import { bacExpiryCandidates } from './bac-expiry-candidates';
import { cccdCan, cccdDocumentNumber } from './bac-key';

export interface CccdKeyInput {
  /** The 12-digit ID (số định danh), e.g. from the card's QR code. */
  readonly idNumber: string;
  /** yyyy-mm-dd */
  readonly dateOfBirth: string;
  /** yyyy-mm-dd, from the QR code; sharpens the BAC expiry guess. */
  readonly issueDate?: string;
  /** yyyy-mm-dd when known (typed by staff); `null` for a card without expiry. */
  readonly expiryDate?: string | null;
  readonly today?: Date;
}

function yymmdd(iso: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso))
    throw new AppError('INVALID_INPUT', 'Dates must be yyyy-mm-dd');
  return iso.slice(2).replace(/-/g, '');
}

/**
 * Keys to try on a CCCD, best first: the CAN for PACE (last 6 digits of the ID), then the MRZ
 * key with each expiry candidate for BAC (research §2.1, §2.2). Feed to openSecureSession.
 */
export function cccdAccessKeys(input: CccdKeyInput): AccessKey[] {
  const documentNumber = cccdDocumentNumber(input.idNumber);
  const dateOfBirth = yymmdd(input.dateOfBirth);
  const expiries =
    input.expiryDate === undefined
      ? bacExpiryCandidates({
          dateOfBirth: input.dateOfBirth,
          ...(input.issueDate === undefined ? {} : { issueDate: input.issueDate }),
          ...(input.today === undefined ? {} : { today: input.today }),
        })
      : [input.expiryDate === null ? '991231' : yymmdd(input.expiryDate)];
  return [
    { kind: 'CAN', can: cccdCan(input.idNumber) },
    ...expiries.map((dateOfExpiry): AccessKey => ({
      kind: 'MRZ',
      documentNumber,
      dateOfBirth,
      dateOfExpiry,
    })),
  ];
}
