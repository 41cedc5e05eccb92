import { createHash } from 'node:crypto';
import { deriveKey } from '../../../main/devices/id-card/icao9303/crypto/derive-key';

/** MRZ key data stored in the chip at personalisation. */
export interface CardMrz {
  readonly documentNumber: string;
  /** yymmdd */
  readonly dateOfBirth: string;
  /** yymmdd */
  readonly dateOfExpiry: string;
}

function digit(field: string): string {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < field.length; i++) {
    const c = field.charCodeAt(i);
    const value = c === 60 ? 0 : c <= 57 ? c - 48 : c - 55; // '<', '0'-'9', 'A'-'Z'
    sum += value * weights[i % 3]!;
  }
  return String(sum % 10);
}

/** MRZ_information (ICAO 9303-11 §9.7.2), computed on the card side. */
export function cardMrzInformation(mrz: CardMrz): string {
  const doc = mrz.documentNumber.toUpperCase().padEnd(9, '<');
  return (
    doc +
    digit(doc) +
    mrz.dateOfBirth +
    digit(mrz.dateOfBirth) +
    mrz.dateOfExpiry +
    digit(mrz.dateOfExpiry)
  );
}

function sha1(text: string): Uint8Array {
  return new Uint8Array(createHash('sha1').update(text, 'ascii').digest());
}

/** BAC KEnc / KMac (ICAO 9303-11 §9.7.2 and §9.7.1). */
export function cardBacKeys(mrz: CardMrz): { kEnc: Uint8Array; kMac: Uint8Array } {
  const seed = sha1(cardMrzInformation(mrz)).slice(0, 16);
  return { kEnc: deriveKey(seed, 1, '3DES'), kMac: deriveKey(seed, 2, '3DES') };
}

/** PACE K_π for AES-128 (§9.7.3): SHA-1(MRZ_information) for the MRZ, the ASCII CAN as is. */
export function cardPaceKey(password: { mrz: CardMrz } | { can: string }): Uint8Array {
  const seed =
    'can' in password
      ? new Uint8Array(Buffer.from(password.can, 'ascii'))
      : sha1(cardMrzInformation(password.mrz));
  return deriveKey(seed, 3, 'AES-128');
}
