import type { CardCitizen } from '../../data/card-citizens.js';
import { ascii, concat, derInteger, derOid, tlv, utf8 } from './der-writer.js';
import { syntheticPortrait } from './synthetic-portrait.js';

/** Builders of the CCCD's LDS files (ICAO 9303-10 §4.6–4.7; research §2.3–2.4). */

export const ID_PK_ECDH = '0.4.0.127.0.7.2.2.1.2';
export const ID_CA_ECDH_AES_128 = '0.4.0.127.0.7.2.2.3.2.2';
export const ID_PACE_ECDH_GM_AES_128 = '0.4.0.127.0.7.2.2.4.2.2';
export const ID_TA = '0.4.0.127.0.7.2.2.2';
/** Standardized domain parameter 13 = brainpoolP256r1 (ICAO 9303-11 §9.5.1 table 6). */
export const PARAM_BRAINPOOL_P256R1 = 13;

/** EF.CardAccess as found on CCCDs (research §1.6): TA v1, CA-ECDH-AES-128 v1, PACE-ECDH-GM-AES-128 v2 p13. */
export function buildCardAccess(): Uint8Array {
  return tlv(
    0x31,
    tlv(0x30, derOid(ID_TA), derInteger(1)),
    tlv(0x30, derOid(ID_CA_ECDH_AES_128), derInteger(1)),
    tlv(0x30, derOid(ID_PACE_ECDH_GM_AES_128), derInteger(2), derInteger(PARAM_BRAINPOOL_P256R1)),
  );
}

/** EF.COM: LDS 1.7, Unicode 4.0.0, tag list of the DGs the card carries. */
export function buildEfCom(dataGroupTags: readonly number[]): Uint8Array {
  return tlv(
    0x60,
    tlv(0x5f01, ascii('0107')),
    tlv(0x5f36, ascii('040000')),
    tlv(0x5c, Uint8Array.from(dataGroupTags)),
  );
}

export function buildDg1(mrzLines: readonly string[]): Uint8Array {
  return tlv(0x61, tlv(0x5f1f, ascii(mrzLines.join(''))));
}

/** DG2 with an ISO/IEC 19794-5 facial record holding a synthetic JPEG. */
export function buildDg2(
  citizen: CardCitizen,
  jpeg = syntheticPortrait(seedOf(citizen.profileId)),
): Uint8Array {
  const width = 96;
  const height = 128;
  const facialInfo = concat(
    u32(20 + 12 + jpeg.length), // facial record data length
    u16(0), // feature points
    Uint8Array.of(citizen.sex === 'M' ? 1 : 2, 0, 0), // gender, eye colour, hair colour
    Uint8Array.of(0, 0, 0), // property mask
    u16(0), // expression
    Uint8Array.of(0, 0, 0, 0, 0, 0), // pose angles and their uncertainty
  );
  const imageInfo = concat(
    Uint8Array.of(0x01, 0x00), // full frontal, JPEG
    u16(width),
    u16(height),
    Uint8Array.of(0x03, 0x02), // colour space: greyscale; source: digital still
    u16(0), // device type
    u16(0), // quality
  );
  const body = concat(facialInfo, imageInfo, jpeg);
  const record = concat(
    ascii('FAC'),
    Uint8Array.of(0),
    ascii('010'),
    Uint8Array.of(0),
    u32(14 + body.length),
    u16(1),
    body,
  );
  const header = tlv(
    0xa1,
    tlv(0x80, Uint8Array.of(0x01, 0x01)), // ICAO header version
    tlv(0x81, Uint8Array.of(0x02)), // biometric type: facial features
    tlv(0x87, Uint8Array.of(0x01, 0x01)), // format owner
    tlv(0x88, Uint8Array.of(0x00, 0x08)), // format type
  );
  return tlv(
    0x75,
    tlv(0x7f61, tlv(0x02, Uint8Array.of(1)), tlv(0x7f60, header, tlv(0x5f2e, record))),
  );
}

export type ParentLayout = 'separate' | 'combined';

/** DG13 in the layout of research §2.4; `parentLayout` picks one of the two field-13 variants. */
export function buildDg13(c: CardCitizen, parentLayout: ParentLayout = 'separate'): Uint8Array {
  const field = (n: number, ...values: Uint8Array[]): Uint8Array =>
    tlv(0x30, derInteger(n), ...values);
  const text = (s: string): Uint8Array => tlv(0x0c, utf8(s));
  const printable = (s: string): Uint8Array => tlv(0x13, ascii(s));
  const parents =
    parentLayout === 'separate'
      ? field(13, tlv(0x30, text(c.fatherName)), tlv(0x30, text(c.motherName)))
      : field(13, tlv(0x30, text(c.fatherName), text(c.motherName)));
  const fields = [
    field(1, printable(c.idNumber)),
    field(2, text(c.fullName)),
    field(3, printable(dmy(c.dateOfBirth))),
    field(4, text(c.sex === 'M' ? 'Nam' : 'Nữ')),
    field(5, text(c.nationality)),
    field(6, text(c.ethnicity)),
    field(7, text(c.religion)),
    field(8, text(c.placeOfOrigin)),
    field(9, text(c.placeOfResidence)),
    field(10, text(c.identifyingMarks)),
    field(11, printable(dmy(c.issueDate))),
    field(12, text(c.expiryDate === null ? 'Không thời hạn' : dmy(c.expiryDate))),
    parents,
    c.spouseName !== undefined ? field(14, tlv(0x30, text(c.spouseName))) : field(14),
    ...(c.oldIdNumber !== undefined ? [field(15, printable(c.oldIdNumber))] : []),
    field(16, printable(seedOf(c.idNumber).toString(16).toUpperCase().padStart(16, '0'))),
  ];
  return tlv(0x6d, tlv(0x30, derInteger(1), derOid('1.0.10646.1.0.8'), tlv(0x31, ...fields)));
}

/** DG14: PACEInfo, ChipAuthenticationInfo and the chip's CA public key (ICAO 9303-11 §9.2.5). */
export function buildDg14(chipAuthSpki: Uint8Array): Uint8Array {
  return tlv(
    0x6e,
    tlv(
      0x31,
      tlv(0x30, derOid(ID_PACE_ECDH_GM_AES_128), derInteger(2), derInteger(PARAM_BRAINPOOL_P256R1)),
      tlv(0x30, derOid(ID_CA_ECDH_AES_128), derInteger(1)),
      tlv(0x30, derOid(ID_PK_ECDH), chipAuthSpki),
    ),
  );
}

/** DG15: the Active Authentication public key. */
export function buildDg15(spki: Uint8Array): Uint8Array {
  return tlv(0x6f, spki);
}

function dmy(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function u16(n: number): Uint8Array {
  return Uint8Array.of(n >> 8, n & 0xff);
}

function u32(n: number): Uint8Array {
  return Uint8Array.of((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

/** A stable small number from a string (FNV-1a), to vary synthetic data per citizen. */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
