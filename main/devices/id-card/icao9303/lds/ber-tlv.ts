import { ldsError } from './lds-error.js';

/**
 * BER-TLV reader for ICAO 9303 LDS files (ICAO 9303-10 §4.4 and ISO/IEC 8825-1 §8.1).
 * Tags are returned as the integer of their bytes (`0x5F1F`, `0x7F61`); only definite lengths
 * are accepted (the LDS never uses the indefinite form); every length is checked against the
 * buffer, so truncated data gives ID_CARD_DATA_INVALID instead of a short or shifted value.
 */
export interface Tlv {
  /** Tag bytes as one integer, e.g. 0x61, 0x5F1F, 0x7F61. */
  readonly tag: number;
  /** Bit 6 of the first tag byte: the value is itself a TLV list. */
  readonly constructed: boolean;
  /** The value bytes (a view into the input, not a copy). */
  readonly value: Uint8Array;
  /** Offset of the first tag byte in the input. */
  readonly offset: number;
  /** Offset just past the value. */
  readonly end: number;
  /** Tag + length + value, as read. */
  readonly raw: Uint8Array;
}

/** Tags longer than 3 bytes do not occur in the LDS; refusing them bounds the integer. */
const MAX_TAG_BYTES = 3;
/** Long-form lengths of up to 4 bytes (a value of up to 4 GiB is more than any chip holds). */
const MAX_LENGTH_BYTES = 4;
const TAG_NUMBER_MASK = 0x1f;
const CONSTRUCTED_BIT = 0x20;
const MORE_TAG_BYTES = 0x80;
const LONG_FORM = 0x80;

/** Reads the TLV at `offset`. Throws ID_CARD_DATA_INVALID on truncation or malformed headers. */
export function readTlv(bytes: Uint8Array, offset = 0): Tlv {
  let pos = offset;
  const first = bytes[pos];
  if (first === undefined)
    throw ldsError(`TLV expected at offset ${offset}, data ends`, bytes, offset);
  if (first === 0x00 || first === 0xff) {
    throw ldsError(`Invalid TLV tag byte ${first.toString(16)} at offset ${offset}`, bytes, offset);
  }
  let tag = first;
  pos++;
  if ((first & TAG_NUMBER_MASK) === TAG_NUMBER_MASK) {
    let count = 1;
    for (;;) {
      const next = bytes[pos];
      if (next === undefined)
        throw ldsError(`TLV tag truncated at offset ${offset}`, bytes, offset);
      if (++count > MAX_TAG_BYTES) {
        throw ldsError(
          `TLV tag longer than ${MAX_TAG_BYTES} bytes at offset ${offset}`,
          bytes,
          offset,
        );
      }
      tag = tag * 0x100 + next;
      pos++;
      if ((next & MORE_TAG_BYTES) === 0) break;
    }
  }
  const lengthByte = bytes[pos];
  if (lengthByte === undefined) throw ldsError(`TLV length missing at offset ${pos}`, bytes, pos);
  pos++;
  let length = lengthByte;
  if (lengthByte & LONG_FORM) {
    const count = lengthByte & 0x7f;
    if (count === 0) throw ldsError(`Indefinite TLV length at offset ${pos - 1}`, bytes, pos - 1);
    if (count > MAX_LENGTH_BYTES) {
      throw ldsError(`TLV length of ${count} bytes at offset ${pos - 1}`, bytes, pos - 1);
    }
    length = 0;
    for (let i = 0; i < count; i++) {
      const b = bytes[pos];
      if (b === undefined) throw ldsError(`TLV length truncated at offset ${pos}`, bytes, pos);
      length = length * 0x100 + b;
      pos++;
    }
  }
  const end = pos + length;
  if (end > bytes.length) {
    throw ldsError(
      `TLV ${tag.toString(16).toUpperCase()} at offset ${offset} declares ${length} bytes, ` +
        `${bytes.length - pos} available`,
      bytes,
      offset,
    );
  }
  return {
    tag,
    constructed: (first & CONSTRUCTED_BIT) !== 0,
    value: bytes.subarray(pos, end),
    offset,
    end,
    raw: bytes.subarray(offset, end),
  };
}

/** Reads consecutive TLVs filling `bytes` exactly (the value of a constructed TLV). */
export function readTlvList(bytes: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const tlv = readTlv(bytes, pos);
    out.push(tlv);
    pos = tlv.end;
  }
  return out;
}

/**
 * Reads a file's outer TLV and checks its tag. Bytes after it are ignored: some chips pad a file
 * beyond its TLV, and the TLV header is what says where the data ends (ICAO 9303-10 §3.6.3).
 */
export function readFileTlv(bytes: Uint8Array, expectedTag: number, what: string): Tlv {
  const tlv = readTlv(bytes, 0);
  if (tlv.tag !== expectedTag) {
    throw ldsError(
      `${what}: expected tag ${expectedTag.toString(16).toUpperCase()}, found ${tlv.tag.toString(16).toUpperCase()}`,
      bytes,
    );
  }
  return tlv;
}

/** The first child with `tag`, or undefined. */
export function findTlv(list: readonly Tlv[], tag: number): Tlv | undefined {
  return list.find((t) => t.tag === tag);
}

/** The first child with `tag`; throws ID_CARD_DATA_INVALID naming `what` when absent. */
export function requireTlv(parent: Tlv, tag: number, what: string): Tlv {
  const found = findTlv(readTlvList(parent.value), tag);
  if (!found) {
    throw ldsError(`${what}: tag ${tag.toString(16).toUpperCase()} missing`, parent.raw);
  }
  return found;
}
