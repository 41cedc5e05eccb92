import { readFileTlv, readTlv, readTlvList } from './ber-tlv.js';
import { LDS_FILES } from './lds-files.js';
import { ldsError } from './lds-error.js';
import { decodeOid, OID_NAMES } from './object-identifier.js';

/**
 * SecurityInfos (ICAO 9303-11 §9.2; BSI TR-03110-3 §A.1.1): SET OF SEQUENCE { protocol OID,
 * requiredData, optionalData OPTIONAL }. Carried by EF.CardAccess (bare SET) and DG14 (6E { SET }).
 * Every entry keeps its raw bytes; INTEGERs are decoded so that PACEInfo / ChipAuthenticationInfo
 * give their version and parameter or key id.
 */
export interface SecurityInfo {
  readonly protocol: string;
  /** Known name of the protocol OID (id-PACE-ECDH-GM-AES-CBC-CMAC-128, id-PK-ECDH, …). */
  readonly name?: string;
  /** The INTEGERs directly inside the entry, in order (PACEInfo: version, parameterId). */
  readonly integers: readonly number[];
  /** The DER of the whole entry. */
  readonly raw: Uint8Array;
}

const TAG_SET = 0x31;
const TAG_SEQUENCE = 0x30;
const TAG_OID = 0x06;
const TAG_INTEGER = 0x02;
const MAX_SMALL_INTEGER_BYTES = 4;

/** Parses a DER SET OF SecurityInfo. */
export function parseSecurityInfos(bytes: Uint8Array): SecurityInfo[] {
  const set = readTlv(bytes, 0);
  if (set.tag !== TAG_SET) throw ldsError('SecurityInfos: expected a SET (31)', bytes);
  return readTlvList(set.value).map((entry) => {
    if (entry.tag !== TAG_SEQUENCE)
      throw ldsError('SecurityInfo is not a SEQUENCE', bytes, entry.offset);
    const children = readTlvList(entry.value);
    const oid = children[0];
    if (oid?.tag !== TAG_OID)
      throw ldsError('SecurityInfo without protocol OID', bytes, entry.offset);
    const protocol = decodeOid(oid.value);
    const integers = children
      .slice(1)
      .filter(
        (c) =>
          c.tag === TAG_INTEGER && c.value.length > 0 && c.value.length <= MAX_SMALL_INTEGER_BYTES,
      )
      .map((c) => c.value.reduce((n, b) => n * 0x100 + b, 0));
    const name = OID_NAMES[protocol];
    return { protocol, ...(name !== undefined ? { name } : {}), integers, raw: entry.raw };
  });
}

/** EF.CardAccess (ICAO 9303-10 §3.11.3): a bare SecurityInfos SET. */
export function parseCardAccess(bytes: Uint8Array): SecurityInfo[] {
  return parseSecurityInfos(bytes);
}

/** DG14 (ICAO 9303-10 §4.7.14): 6E { SecurityInfos }. */
export interface Dg14 {
  readonly securityInfos: readonly SecurityInfo[];
}

export function parseDg14(bytes: Uint8Array): Dg14 {
  const outer = readFileTlv(bytes, LDS_FILES.dg14.tag, 'DG14');
  return { securityInfos: parseSecurityInfos(outer.value) };
}

/** The PACEInfo entries (protocol id-PACE-*) with their version and standardized parameter id. */
export function paceInfos(
  infos: readonly SecurityInfo[],
): { protocol: string; version: number; parameterId?: number }[] {
  return infos
    .filter((i) => i.protocol.startsWith('0.4.0.127.0.7.2.2.4.'))
    .map((i) => {
      const [version = 0, parameterId] = i.integers;
      return {
        protocol: i.protocol,
        version,
        ...(parameterId !== undefined ? { parameterId } : {}),
      };
    });
}
