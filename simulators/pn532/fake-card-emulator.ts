import type { CardEmulator } from './card-emulator.js';

export interface FakeCardOptions {
  readonly type?: 'A' | 'B';
  readonly uid?: Uint8Array;
  readonly ats?: Uint8Array;
  /** Delay before each answer (a slow chip). */
  readonly delayMs?: number;
  /** The card leaves the field while processing this APDU (1-based): taken away mid-exchange. */
  readonly leaveDuringApdu?: number;
}

/**
 * A tiny card for reader tests and demos — not a CCCD (see simulators/cccd-chip for that):
 * - SELECT by AID `00 A4 04 0C 07 A0 00 00 02 47 10 01` (eMRTD) → 90 00
 * - GET CHALLENGE `00 84 00 00 08` → 8 bytes ‖ 90 00
 * - `80 EE HH LL` → HHLL bytes (i & 0xFF) ‖ 90 00, for long responses and chaining
 * - `80 EC` + data → data echoed ‖ 90 00
 * - anything else → 6D 00
 */
export class FakeCardEmulator implements CardEmulator {
  readonly type: 'A' | 'B';
  readonly uid: Uint8Array;
  readonly ats?: Uint8Array;
  present = true;
  readonly apdus: Uint8Array[] = [];
  private challenge = 0;

  constructor(private readonly options: FakeCardOptions = {}) {
    this.type = options.type ?? 'A';
    this.uid = options.uid ?? Uint8Array.of(0x08, 0x12, 0x34, 0x56);
    this.ats = options.ats ?? Uint8Array.of(0x80, 0x31, 0x80, 0x65);
  }

  async transceive(apdu: Uint8Array): Promise<Uint8Array> {
    this.apdus.push(apdu.slice());
    if (this.apdus.length === this.options.leaveDuringApdu) this.present = false;
    if (this.options.delayMs) await new Promise((r) => setTimeout(r, this.options.delayMs));
    return this.answer(apdu);
  }

  private answer(apdu: Uint8Array): Uint8Array {
    const hex = Array.from(apdu, (b) => b.toString(16).padStart(2, '0')).join('');
    if (hex === '00a4040c07a0000002471001') return Uint8Array.of(0x90, 0x00);
    if (hex === '0084000008') {
      this.challenge++;
      return Uint8Array.of(
        ...Array.from({ length: 8 }, (_, i) => (this.challenge * 31 + i) & 0xff),
        0x90,
        0x00,
      );
    }
    if (apdu[0] === 0x80 && apdu[1] === 0xee && apdu.length >= 4) {
      const n = ((apdu[2] ?? 0) << 8) | (apdu[3] ?? 0);
      const out = new Uint8Array(n + 2);
      for (let i = 0; i < n; i++) out[i] = i & 0xff;
      out.set([0x90, 0x00], n);
      return out;
    }
    if (apdu[0] === 0x80 && apdu[1] === 0xec) return Uint8Array.of(...apdu.subarray(2), 0x90, 0x00);
    return Uint8Array.of(0x6d, 0x00);
  }
}
