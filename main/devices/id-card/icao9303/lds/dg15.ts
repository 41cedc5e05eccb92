import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { readFileTlv } from './ber-tlv.js';
import { LDS_FILES } from './lds-files.js';
import { ldsError } from './lds-error.js';
import { OID_NAMES } from './object-identifier.js';

/** DG15 (ICAO 9303-10 §4.7.15): 6F { SubjectPublicKeyInfo } — the Active Authentication key. */
export interface Dg15 {
  /** DER of the SubjectPublicKeyInfo. */
  readonly subjectPublicKeyInfo: Uint8Array;
  readonly algorithm: string;
  readonly algorithmName?: string;
  /** Named curve of an EC key, when the parameters name one. */
  readonly curve?: string;
  readonly curveName?: string;
}

export function parseDg15(bytes: Uint8Array): Dg15 {
  const outer = readFileTlv(bytes, LDS_FILES.dg15.tag, 'DG15');
  let info: pkijs.PublicKeyInfo;
  try {
    info = pkijs.PublicKeyInfo.fromBER(outer.value);
  } catch (err) {
    throw ldsError(`DG15: not a SubjectPublicKeyInfo (${String(err)})`, bytes);
  }
  const algorithm = info.algorithm.algorithmId;
  const params: unknown = info.algorithm.algorithmParams;
  const curve = params instanceof asn1js.ObjectIdentifier ? params.getValue() : undefined;
  const algorithmName = OID_NAMES[algorithm];
  const curveName = curve !== undefined ? OID_NAMES[curve] : undefined;
  return {
    subjectPublicKeyInfo: outer.value.slice(),
    algorithm,
    ...(algorithmName !== undefined ? { algorithmName } : {}),
    ...(curve !== undefined ? { curve } : {}),
    ...(curveName !== undefined ? { curveName } : {}),
  };
}
