import { AppError } from '../../../../common/errors.js';
import { ACK_FRAME, EXTENDED_FRAME_MAX_LEN, NACK_FRAME, TFI_ERROR } from './pn532-constants.js';
import { frameDump } from './pn532-frame.js';

export type Pn532InvalidReason =
  'garbage' | 'length-checksum' | 'data-checksum' | 'bad-length' | 'bad-tfi' | 'truncated';

export type Pn532DecodedEvent =
  | { readonly kind: 'ack'; readonly raw: Uint8Array }
  | { readonly kind: 'nack'; readonly raw: Uint8Array }
  /** An application error frame (00 00 FF 01 FF 7F 81 00). */
  | { readonly kind: 'error-frame'; readonly raw: Uint8Array }
  | {
      readonly kind: 'frame';
      /** D4 (host → PN532) or D5 (PN532 → host). */
      readonly tfi: number;
      /** The bytes after TFI: command/response code and parameters. */
      readonly data: Uint8Array;
      readonly extended: boolean;
      readonly raw: Uint8Array;
    }
  /** Bytes that are not a valid frame; the decoder has already resynchronised past them. */
  | {
      readonly kind: 'invalid';
      readonly reason: Pn532InvalidReason;
      readonly error: AppError;
      readonly raw: Uint8Array;
    };

const EMPTY = new Uint8Array(0);

/**
 * Streaming PN532 frame decoder (UM0701-02 §6.2). Feed it bytes as they arrive in any chunking;
 * it returns ACK, NACK, error frames and information frames, and reports everything else as
 * `invalid` events carrying a typed AppError with a hex dump. It never throws and never waits
 * for more than one frame's worth of bytes: after a bad length or data checksum it skips the
 * false start code and scans again, so a frame hidden behind garbage is still found. A frame cut
 * short stays pending until the caller decides the line went quiet and calls `expire()`.
 */
export class Pn532FrameDecoder {
  private buf: Uint8Array = EMPTY;

  /** Bytes held while waiting for the rest of a frame. */
  get pending(): number {
    return this.buf.length;
  }

  /** True when the held bytes start a frame (so silence now means truncation). */
  get inFrame(): boolean {
    return this.buf.length >= 2 && this.buf[0] === 0x00 && this.buf[1] === 0xff;
  }

  push(chunk: Uint8Array): Pn532DecodedEvent[] {
    if (chunk.length === 0) return [];
    const next = new Uint8Array(this.buf.length + chunk.length);
    next.set(this.buf);
    next.set(chunk, this.buf.length);
    this.buf = next;
    return this.parse();
  }

  /** Gives up on a partial frame (the line went quiet), reports it, and rescans what is left. */
  expire(): Pn532DecodedEvent[] {
    if (this.buf.length === 0) return [];
    const events: Pn532DecodedEvent[] = [];
    if (this.inFrame) {
      events.push(invalid('truncated', 'PN532 frame truncated', this.buf));
      this.buf = this.buf.subarray(2);
      events.push(...this.parse());
      // Whatever is still held cannot be completed either.
      if (this.buf.length > 0) events.push(...this.expire());
    } else {
      if (this.buf.some((b) => b !== 0)) events.push(invalid('garbage', 'Garbage bytes', this.buf));
      this.buf = EMPTY;
    }
    return events;
  }

  /** Drops everything held (e.g. before a new command). */
  reset(): void {
    this.buf = EMPTY;
  }

  private parse(): Pn532DecodedEvent[] {
    const events: Pn532DecodedEvent[] = [];
    for (;;) {
      const buf = this.buf;
      let start = -1;
      for (let i = 0; i + 1 < buf.length; i++) {
        if (buf[i] === 0x00 && buf[i + 1] === 0xff) {
          start = i;
          break;
        }
      }
      if (start < 0) {
        // Keep a trailing 00: it may be the first byte of a start code.
        const keep = buf.length > 0 && buf[buf.length - 1] === 0x00 ? 1 : 0;
        const dropped = buf.subarray(0, buf.length - keep);
        if (dropped.some((b) => b !== 0)) {
          events.push(invalid('garbage', 'Garbage bytes', dropped));
        }
        this.buf = buf.subarray(buf.length - keep);
        return events;
      }
      if (start > 0) {
        const skipped = buf.subarray(0, start);
        if (skipped.some((b) => b !== 0)) {
          events.push(invalid('garbage', 'Garbage bytes', skipped));
        }
      }
      const f = buf.subarray(start);
      this.buf = f;
      if (f.length < 4) return events;
      const b2 = f[2] ?? 0;
      const b3 = f[3] ?? 0;
      if (b2 === 0x00 && b3 === 0xff) {
        events.push({ kind: 'ack', raw: ACK_FRAME.slice() });
        this.buf = f.subarray(4);
        continue;
      }
      if (b2 === 0xff && b3 === 0x00) {
        events.push({ kind: 'nack', raw: NACK_FRAME.slice() });
        this.buf = f.subarray(4);
        continue;
      }
      let len: number;
      let header: number;
      const extended = b2 === 0xff && b3 === 0xff;
      if (extended) {
        if (f.length < 7) return events;
        const lenM = f[4] ?? 0;
        const lenL = f[5] ?? 0;
        const lcs = f[6] ?? 0;
        if (((lenM + lenL + lcs) & 0xff) !== 0) {
          events.push(
            invalid('length-checksum', 'PN532 extended frame LCS mismatch', f.subarray(0, 7)),
          );
          this.buf = f.subarray(2);
          continue;
        }
        len = (lenM << 8) | lenL;
        header = 7;
      } else {
        if (((b2 + b3) & 0xff) !== 0) {
          events.push(invalid('length-checksum', 'PN532 frame LCS mismatch', f.subarray(0, 4)));
          this.buf = f.subarray(2);
          continue;
        }
        len = b2;
        header = 4;
      }
      if (len === 0 || len > EXTENDED_FRAME_MAX_LEN) {
        events.push(invalid('bad-length', `PN532 frame length ${len}`, f.subarray(0, header)));
        this.buf = f.subarray(2);
        continue;
      }
      const total = header + len + 1;
      if (f.length < total) return events;
      const body = f.subarray(header, header + len);
      let sum = f[header + len] ?? 0;
      for (const b of body) sum += b;
      const raw = f.slice(0, total);
      if ((sum & 0xff) !== 0) {
        events.push(invalid('data-checksum', 'PN532 frame DCS mismatch', raw));
        this.buf = f.subarray(2);
        continue;
      }
      const tfi = body[0] ?? 0;
      if (tfi === TFI_ERROR && len === 1) {
        events.push({ kind: 'error-frame', raw });
      } else if (tfi === 0xd4 || tfi === 0xd5) {
        events.push({ kind: 'frame', tfi, data: body.slice(1), extended, raw });
      } else {
        events.push(invalid('bad-tfi', `PN532 frame with unknown TFI ${tfi.toString(16)}`, raw));
      }
      this.buf = f.subarray(total);
    }
  }
}

function invalid(reason: Pn532InvalidReason, message: string, raw: Uint8Array): Pn532DecodedEvent {
  const copy = raw.slice();
  return {
    kind: 'invalid',
    reason,
    raw: copy,
    error: new AppError('DEVICE_PROTOCOL', `${message} [${frameDump(copy)}]`),
  };
}
