/**
 * The PN532 side of the HSU framing (UM0701-02 §6.2), written independently of the driver's
 * codec in main/devices/id-card/pn532 so that one cannot hide a bug in the other.
 */

export const SIM_ACK = Uint8Array.of(0x00, 0x00, 0xff, 0x00, 0xff, 0x00);
export const SIM_NACK = Uint8Array.of(0x00, 0x00, 0xff, 0xff, 0x00, 0x00);
export const SIM_ERROR_FRAME = Uint8Array.of(0x00, 0x00, 0xff, 0x01, 0xff, 0x7f, 0x81, 0x00);

/** Builds a PN532 → host frame (TFI D5), normal or extended. */
export function responseFrame(body: Uint8Array): Uint8Array {
  const len = body.length + 1;
  let dcs = 0xd5;
  for (const b of body) dcs += b;
  dcs = (0x100 - (dcs & 0xff)) & 0xff;
  const head =
    len <= 0xff
      ? [0x00, 0x00, 0xff, len, (0x100 - len) & 0xff]
      : [
          0x00,
          0x00,
          0xff,
          0xff,
          0xff,
          len >> 8,
          len & 0xff,
          (0x100 - ((len >> 8) + (len & 0xff))) & 0xff,
        ];
  const out = new Uint8Array(head.length + 1 + body.length + 2);
  out.set(head);
  out[head.length] = 0xd5;
  out.set(body, head.length + 1);
  out[out.length - 2] = dcs;
  out[out.length - 1] = 0x00;
  return out;
}

export type HostMessage =
  | { readonly kind: 'wakeup' }
  | { readonly kind: 'ack' }
  | { readonly kind: 'nack' }
  /** A D4 frame: body = command code + parameters. */
  | { readonly kind: 'command'; readonly body: Uint8Array }
  /** A frame with a bad checksum or TFI: the PN532 ignores it (the host will time out). */
  | { readonly kind: 'bad-frame' };

/** Splits the host's byte stream into messages. Deliberately simple: drops a byte on doubt. */
export class HostStreamParser {
  private buf: number[] = [];

  /** Bytes held for an unfinished frame. */
  get pending(): number {
    return this.buf.length;
  }

  push(chunk: Uint8Array): HostMessage[] {
    this.buf.push(...chunk);
    const out: HostMessage[] = [];
    for (;;) {
      // 0x55 bytes only occur in the HSU wake-up sequence.
      while (this.buf.length > 0 && this.buf[0] !== 0x00) {
        if (this.buf.shift() === 0x55) out.push({ kind: 'wakeup' });
      }
      // Skip preamble zeros up to the 00 FF start code.
      let i = 0;
      while (i < this.buf.length && this.buf[i] === 0x00) i++;
      if (i === this.buf.length) {
        this.buf = this.buf.slice(Math.max(0, i - 1));
        return out;
      }
      if (this.buf[i] !== 0xff) {
        this.buf = this.buf.slice(i);
        continue;
      }
      const f = this.buf.slice(i - 1); // f[0] = 00, f[1] = FF
      if (f.length < 4) return out;
      const [, , a = 0, b = 0] = f;
      if (a === 0x00 && b === 0xff) {
        out.push({ kind: 'ack' });
        this.buf = f.slice(4);
        continue;
      }
      if (a === 0xff && b === 0x00) {
        out.push({ kind: 'nack' });
        this.buf = f.slice(4);
        continue;
      }
      let len: number;
      let head: number;
      if (a === 0xff && b === 0xff) {
        if (f.length < 7) return out;
        const [, , , , m = 0, l = 0, lcs = 0] = f;
        if (((m + l + lcs) & 0xff) !== 0) {
          out.push({ kind: 'bad-frame' });
          this.buf = f.slice(2);
          continue;
        }
        len = (m << 8) | l;
        head = 7;
      } else {
        if (((a + b) & 0xff) !== 0) {
          out.push({ kind: 'bad-frame' });
          this.buf = f.slice(2);
          continue;
        }
        len = a;
        head = 4;
      }
      // The PN532 buffer holds TFI + 264 bytes; a longer LEN is line noise.
      if (len === 0 || len > 265) {
        out.push({ kind: 'bad-frame' });
        this.buf = f.slice(2);
        continue;
      }
      if (f.length < head + len + 1) return out;
      const body = f.slice(head, head + len);
      const sum = body.reduce((s, x) => s + x, f[head + len] ?? 0);
      this.buf = f.slice(head + len + 1);
      if ((sum & 0xff) !== 0 || body[0] !== 0xd4) {
        out.push({ kind: 'bad-frame' });
        continue;
      }
      out.push({ kind: 'command', body: Uint8Array.from(body.slice(1)) });
    }
  }
}
