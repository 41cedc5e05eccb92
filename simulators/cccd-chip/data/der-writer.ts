/**
 * A small DER/BER-TLV writer for the simulator's card files (ISO/IEC 8825-1 §8.1.2–8.1.3).
 * Written apart from the reader in main/devices/id-card/icao9303/lds so that a bug in one cannot
 * hide a bug in the other.
 */
export function tlv(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const value = concat(...parts);
  return concat(tagBytes(tag), lengthBytes(value.length), value);
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}

export function tagBytes(tag: number): Uint8Array {
  const out: number[] = [];
  let t = tag;
  do {
    out.unshift(t & 0xff);
    t = Math.floor(t / 0x100);
  } while (t > 0);
  return Uint8Array.from(out);
}

export function lengthBytes(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const out: number[] = [];
  let n = length;
  while (n > 0) {
    out.unshift(n & 0xff);
    n = Math.floor(n / 0x100);
  }
  return Uint8Array.of(0x80 | out.length, ...out);
}

export function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** A non-negative INTEGER (X.690 §8.3) small enough for a JS number. */
export function derInteger(n: number): Uint8Array {
  const bytes: number[] = [];
  let v = n;
  do {
    bytes.unshift(v & 0xff);
    v = Math.floor(v / 0x100);
  } while (v > 0);
  if ((bytes[0] ?? 0) & 0x80) bytes.unshift(0);
  return tlv(0x02, Uint8Array.from(bytes));
}

/** OBJECT IDENTIFIER from dotted form (X.690 §8.19). */
export function derOid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(Number);
  const [a = 0, b = 0, ...rest] = arcs;
  const out: number[] = [];
  for (const arc of [a * 40 + b, ...rest]) {
    const chunk: number[] = [arc & 0x7f];
    let v = Math.floor(arc / 128);
    while (v > 0) {
      chunk.unshift((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    out.push(...chunk);
  }
  return tlv(0x06, Uint8Array.from(out));
}
