import { fromHex } from '../../../../../common/hex';
import { cardError } from '../card-error';
import { decodeTlv, decodeTlvList } from '../tlv';

/** PACE variant named by a PACEInfo protocol OID (ICAO 9303-11 §9.2.1, BSI TR-03110-3 A.1.1). */
export interface PaceInfo {
  /** Dotted OID, e.g. 0.4.0.127.0.7.2.2.4.2.2 (id-PACE-ECDH-GM-AES-CBC-CMAC-128). */
  readonly oid: string;
  /** DER content bytes of the OID, as sent in MSE:Set AT tag 80 and in the tokens. */
  readonly oidBytes: Uint8Array;
  readonly version: number;
  /** Standardized domain parameter ID (ICAO 9303-11 §9.5.1), 13 = brainpoolP256r1. */
  readonly parameterId?: number;
  readonly agreement: 'DH' | 'ECDH';
  readonly mapping: 'GM' | 'IM' | 'CAM';
  readonly cipher: '3DES' | 'AES-128' | 'AES-192' | 'AES-256';
}

export interface CardAccess {
  readonly pace: readonly PaceInfo[];
  /** OIDs of the other SecurityInfos (TA, CA, …), kept for diagnostics. */
  readonly otherProtocols: readonly string[];
}

const TAG_SET = 0x31;
const TAG_SEQUENCE = 0x30;
const TAG_OID = 0x06;
const TAG_INTEGER = 0x02;

/** id-PACE = 0.4.0.127.0.7.2.2.4 */
const ID_PACE = '0.4.0.127.0.7.2.2.4';
const PACE_KINDS: Record<number, Pick<PaceInfo, 'agreement' | 'mapping'>> = {
  1: { agreement: 'DH', mapping: 'GM' },
  2: { agreement: 'ECDH', mapping: 'GM' },
  3: { agreement: 'DH', mapping: 'IM' },
  4: { agreement: 'ECDH', mapping: 'IM' },
  6: { agreement: 'ECDH', mapping: 'CAM' },
};
const PACE_CIPHERS: Record<number, PaceInfo['cipher']> = {
  1: '3DES',
  2: 'AES-128',
  3: 'AES-192',
  4: 'AES-256',
};

/**
 * EF.CardAccess of the CCCD as published by several Vietnamese apps (research §1.6): TA v1,
 * CA-ECDH-AES-128 v1, PACE-ECDH-GM-AES-128 v2 with brainpoolP256r1. A fallback when the file
 * cannot be read.
 */
export const CCCD_CARD_ACCESS = fromHex(
  '3134' +
    '300D 060804007F0007020202 020101' +
    '300F 060A04007F00070202030202 020101' +
    '3012 060A04007F00070202040202 020102 02010D',
);

export function decodeOid(bytes: Uint8Array): string {
  if (bytes.length === 0) throw cardError('CARD_PROTOCOL', 'Empty OID');
  const arcs: number[] = [];
  let value = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    value = value * 128 + (b & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 256)
      throw cardError('CARD_PROTOCOL', 'OID arc too large', bytes);
    if ((b & 0x80) === 0) {
      if (arcs.length === 0) {
        const first = value < 80 ? Math.floor(value / 40) : 2;
        arcs.push(first, value - first * 40);
      } else {
        arcs.push(value);
      }
      value = 0;
    } else if (i === bytes.length - 1) {
      throw cardError('CARD_PROTOCOL', 'Truncated OID', bytes);
    }
  }
  return arcs.join('.');
}

function decodeSmallInteger(bytes: Uint8Array): number {
  if (bytes.length === 0 || bytes.length > 4) {
    throw cardError('CARD_PROTOCOL', 'INTEGER out of range in EF.CardAccess', bytes);
  }
  let v = 0;
  for (const b of bytes) v = v * 256 + b;
  return v;
}

/** Parses EF.CardAccess (SecurityInfos, ICAO 9303-11 §9.2) and picks out the PACEInfos. */
export function parseCardAccess(bytes: Uint8Array): CardAccess {
  const set = decodeTlv(bytes);
  if (set.tag !== TAG_SET) throw cardError('CARD_PROTOCOL', 'EF.CardAccess is not a SET', bytes);
  const pace: PaceInfo[] = [];
  const otherProtocols: string[] = [];
  for (const info of decodeTlvList(set.value)) {
    if (info.tag !== TAG_SEQUENCE)
      throw cardError('CARD_PROTOCOL', 'SecurityInfo is not a SEQUENCE', bytes);
    const fields = decodeTlvList(info.value);
    const oidField = fields[0];
    if (oidField?.tag !== TAG_OID)
      throw cardError('CARD_PROTOCOL', 'SecurityInfo without OID', bytes);
    const oid = decodeOid(oidField.value);
    const arcs = oid.split('.');
    const kind = PACE_KINDS[Number(arcs[9])];
    const cipher = PACE_CIPHERS[Number(arcs[10])];
    if (
      !oid.startsWith(`${ID_PACE}.`) ||
      arcs.length !== 11 ||
      kind === undefined ||
      cipher === undefined
    ) {
      otherProtocols.push(oid);
      continue;
    }
    const version = fields[1];
    if (version?.tag !== TAG_INTEGER)
      throw cardError('CARD_PROTOCOL', 'PACEInfo without version', bytes);
    const parameter = fields[2];
    pace.push({
      oid,
      oidBytes: oidField.value.slice(),
      version: decodeSmallInteger(version.value),
      ...(parameter?.tag === TAG_INTEGER
        ? { parameterId: decodeSmallInteger(parameter.value) }
        : {}),
      ...kind,
      cipher,
    });
  }
  return { pace, otherProtocols };
}
