import { createHash } from 'node:crypto';
import { AppError } from '../../../../common/errors';
import { deriveKey, KDF_ENC, KDF_MAC } from './crypto/derive-key';
import { mrzCheckDigit } from './mrz-check-digit';

/** The three MRZ fields BAC (and PACE with an MRZ password) is keyed with. */
export interface MrzKeyData {
  /** Document number as printed in the MRZ (CCCD: the last 9 digits of the 12-digit ID). */
  readonly documentNumber: string;
  /** yymmdd */
  readonly dateOfBirth: string;
  /** yymmdd (`991231` on CCCDs without an expiry date) */
  readonly dateOfExpiry: string;
}

export interface BacKeys {
  readonly kSeed: Uint8Array;
  readonly kEnc: Uint8Array;
  readonly kMac: Uint8Array;
}

const YYMMDD = /^\d{6}$/;
const DOC_NUMBER = /^[0-9A-Z<]{1,9}$/;

/**
 * MRZ_information of ICAO 9303-11 §9.7.2: document number (padded with '<' to 9) ‖ check digit ‖
 * date of birth ‖ check digit ‖ date of expiry ‖ check digit.
 */
export function mrzInformation(key: MrzKeyData): string {
  const doc = key.documentNumber.toUpperCase();
  if (!DOC_NUMBER.test(doc)) {
    throw new AppError('INVALID_INPUT', 'Document number must be 1-9 characters 0-9, A-Z or <');
  }
  if (!YYMMDD.test(key.dateOfBirth) || !YYMMDD.test(key.dateOfExpiry)) {
    throw new AppError('INVALID_INPUT', 'Dates for BAC must be yymmdd');
  }
  const docField = doc.padEnd(9, '<');
  return (
    docField +
    String(mrzCheckDigit(docField)) +
    key.dateOfBirth +
    String(mrzCheckDigit(key.dateOfBirth)) +
    key.dateOfExpiry +
    String(mrzCheckDigit(key.dateOfExpiry))
  );
}

/** K_seed = SHA-1(MRZ_information)[0..16] (ICAO 9303-11 §9.7.2). */
export function mrzKeySeed(key: MrzKeyData): Uint8Array {
  const hash = createHash('sha1').update(mrzInformation(key), 'ascii').digest();
  return new Uint8Array(hash.subarray(0, 16));
}

/** BAC document basic access keys (ICAO 9303-11 §4.3.2, Appendix D.2). */
export function deriveBacKeys(key: MrzKeyData): BacKeys {
  const kSeed = mrzKeySeed(key);
  return {
    kSeed,
    kEnc: deriveKey(kSeed, KDF_ENC, '3DES'),
    kMac: deriveKey(kSeed, KDF_MAC, '3DES'),
  };
}

/** CCCD: the BAC document number is the 12-digit ID without its 3-digit province code. */
export function cccdDocumentNumber(idNumber: string): string {
  if (!/^\d{12}$/.test(idNumber)) {
    throw new AppError('INVALID_INPUT', 'A CCCD ID number has exactly 12 digits');
  }
  return idNumber.slice(3);
}

/** CCCD: the PACE CAN is the last 6 digits of the 12-digit ID (the card has no printed CAN). */
export function cccdCan(idNumber: string): string {
  if (!/^\d{12}$/.test(idNumber)) {
    throw new AppError('INVALID_INPUT', 'A CCCD ID number has exactly 12 digits');
  }
  return idNumber.slice(6);
}
