import { cardError } from './card-error';

/** A BER-TLV header (ISO/IEC 7816-4 §5.2, ITU-T X.690 §8.1). */
export interface TlvHeader {
  /** Tag bytes as a number, e.g. 0x7f49, 0x87. */
  readonly tag: number;
  /** Length of the value. */
  readonly length: number;
  /** Bytes taken by tag and length. */
  readonly headerLength: number;
}

export interface Tlv extends TlvHeader {
  readonly value: Uint8Array;
  /** Offset just past this TLV in the buffer it was decoded from. */
  readonly end: number;
}

const MAX_TAG_BYTES = 3;
const MAX_LENGTH_BYTES = 4;

/** Decodes only tag and length (enough to learn a file's size from its first bytes). */
export function decodeTlvHeader(bytes: Uint8Array, offset = 0): TlvHeader {
  let pos = offset;
  const byte = (): number => {
    const b = bytes[pos];
    if (b === undefined) throw cardError('CARD_PROTOCOL', 'Truncated TLV header', bytes);
    pos++;
    return b;
  };
  let tag = byte();
  if ((tag & 0x1f) === 0x1f) {
    let more = true;
    while (more) {
      const b = byte();
      tag = tag * 256 + b;
      more = (b & 0x80) !== 0;
      if (pos - offset > MAX_TAG_BYTES) throw cardError('CARD_PROTOCOL', 'TLV tag too long', bytes);
    }
  }
  const first = byte();
  let length = first;
  if (first === 0x80) throw cardError('CARD_PROTOCOL', 'Indefinite TLV length', bytes);
  if (first > 0x80) {
    const count = first & 0x7f;
    if (count > MAX_LENGTH_BYTES) throw cardError('CARD_PROTOCOL', 'TLV length too long', bytes);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + byte();
  }
  return { tag, length, headerLength: pos - offset };
}

/** Decodes one complete TLV at `offset`; throws CARD_PROTOCOL when it is truncated or malformed. */
export function decodeTlv(bytes: Uint8Array, offset = 0): Tlv {
  const header = decodeTlvHeader(bytes, offset);
  const start = offset + header.headerLength;
  const end = start + header.length;
  if (end > bytes.length) {
    throw cardError('CARD_PROTOCOL', `TLV value truncated (tag ${header.tag.toString(16)})`, bytes);
  }
  return { ...header, value: bytes.subarray(start, end), end };
}

/** Decodes back-to-back TLVs filling the whole buffer. */
export function decodeTlvList(bytes: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const tlv = decodeTlv(bytes, offset);
    out.push(tlv);
    offset = tlv.end;
  }
  return out;
}

/** DER length octets. */
export function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  if (length <= 0xff) return Uint8Array.of(0x81, length);
  if (length <= 0xffff) return Uint8Array.of(0x82, length >>> 8, length & 0xff);
  throw new RangeError(`TLV length ${length} too large`);
}

function tagBytes(tag: number): Uint8Array {
  const out: number[] = [];
  let t = tag;
  do {
    out.unshift(t & 0xff);
    t = Math.floor(t / 256);
  } while (t > 0);
  return Uint8Array.from(out);
}

export function encodeTlv(tag: number, value: Uint8Array): Uint8Array {
  return concatBytes(tagBytes(tag), encodeLength(value.length), value);
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
