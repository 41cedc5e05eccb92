import { readFileTlv, readTlvList, findTlv } from './ber-tlv.js';
import { dataGroupOfTag, LDS_FILES } from './lds-files.js';
import { ldsError } from './lds-error.js';
import { byteString } from './byte-text.js';

/** EF.COM (ICAO 9303-10 §4.6.1): LDS and Unicode versions, and the data groups present. */
export interface EfCom {
  /** "0107" for LDS 1.7 (tag 5F01). */
  readonly ldsVersion: string;
  /** "040000" for Unicode 4.0.0 (tag 5F36). */
  readonly unicodeVersion: string;
  /** Outer tags listed in tag 5C, in file order. */
  readonly dataGroupTags: readonly number[];
  /** The same as data-group numbers (unknown tags left out), in file order. */
  readonly dataGroups: readonly number[];
}

const TAG_LDS_VERSION = 0x5f01;
const TAG_UNICODE_VERSION = 0x5f36;
const TAG_LIST = 0x5c;

export function parseEfCom(bytes: Uint8Array): EfCom {
  const outer = readFileTlv(bytes, LDS_FILES.com.tag, 'EF.COM');
  const children = readTlvList(outer.value);
  const lds = findTlv(children, TAG_LDS_VERSION);
  const unicode = findTlv(children, TAG_UNICODE_VERSION);
  const list = findTlv(children, TAG_LIST);
  if (!lds || !unicode || !list) throw ldsError('EF.COM: 5F01, 5F36 or 5C missing', bytes);
  const ldsVersion = byteString(lds.value);
  const unicodeVersion = byteString(unicode.value);
  if (!/^\d{4}$/.test(ldsVersion) || !/^\d{6}$/.test(unicodeVersion)) {
    throw ldsError('EF.COM: version fields are not digits', bytes);
  }
  const dataGroupTags = Array.from(list.value);
  const dataGroups = dataGroupTags
    .map((t) => dataGroupOfTag(t))
    .filter((dg): dg is number => dg !== undefined);
  return { ldsVersion, unicodeVersion, dataGroupTags, dataGroups };
}
