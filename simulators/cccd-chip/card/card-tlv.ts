/** Minimal BER-TLV reading and writing for the chip simulator (separate from the reader's). */

export interface CardTlv {
  readonly tag: number;
  readonly value: Uint8Array;
  /** The whole encoded object (tag, length and value). */
  readonly raw: Uint8Array;
}

/** Splits back-to-back TLVs; undefined when anything is malformed or truncated. */
export function splitTlvs(bytes: Uint8Array): CardTlv[] | undefined {
  const out: CardTlv[] = [];
  let i = 0;
  while (i < bytes.length) {
    const start = i;
    let tag = bytes[i++]!;
    if ((tag & 0x1f) === 0x1f) {
      const next = bytes[i++];
      if (next === undefined || (next & 0x80) !== 0) return undefined;
      tag = (tag << 8) | next;
    }
    const first = bytes[i++];
    if (first === undefined) return undefined;
    let length = first;
    if (first === 0x81 || first === 0x82) {
      const count = first - 0x80;
      length = 0;
      for (let k = 0; k < count; k++) {
        const b = bytes[i++];
        if (b === undefined) return undefined;
        length = (length << 8) | b;
      }
    } else if (first > 0x7f) {
      return undefined;
    }
    if (i + length > bytes.length) return undefined;
    out.push({ tag, value: bytes.slice(i, i + length), raw: bytes.slice(start, i + length) });
    i += length;
  }
  return out;
}

export function tlv(tag: number, value: Uint8Array): Uint8Array {
  const tagBytes = tag > 0xff ? [tag >>> 8, tag & 0xff] : [tag];
  const n = value.length;
  const lengthBytes = n < 0x80 ? [n] : n <= 0xff ? [0x81, n] : [0x82, n >>> 8, n & 0xff];
  const out = new Uint8Array(tagBytes.length + lengthBytes.length + n);
  out.set(tagBytes);
  out.set(lengthBytes, tagBytes.length);
  out.set(value, tagBytes.length + lengthBytes.length);
  return out;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
