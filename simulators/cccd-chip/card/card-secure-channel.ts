import { aesCmac } from '../../../main/devices/id-card/icao9303/crypto/aes-cmac';
import {
  aesCbcDecrypt,
  aesCbcEncrypt,
  aesEcbEncrypt,
  tdesCbcDecrypt,
  tdesCbcEncrypt,
} from '../../../main/devices/id-card/icao9303/crypto/block-ciphers';
import { retailMac } from '../../../main/devices/id-card/icao9303/crypto/retail-mac';
import { CARD_SW, type CardCommand } from './card-apdu';
import { concat, equalBytes, splitTlvs, tlv } from './card-tlv';

/** Outcome of unwrapping a protected command: the plain command, or the SW to refuse it with. */
export type UnwrapResult =
  | { readonly ok: true; readonly command: CardCommand }
  | { readonly ok: false; readonly sw: number };

/**
 * The chip side of ICAO 9303-11 §9.8 secure messaging. Shares only block ciphers and MACs with
 * the reader; data objects, padding, SSC handling and MAC inputs are done here independently.
 */
export class CardSecureChannel {
  private readonly block: number;
  private readonly ssc: Uint8Array;

  constructor(
    readonly cipher: '3DES' | 'AES',
    private readonly ksEnc: Uint8Array,
    private readonly ksMac: Uint8Array,
    ssc: Uint8Array,
  ) {
    this.block = cipher === '3DES' ? 8 : 16;
    this.ssc = ssc.slice();
  }

  /** Current SSC (tests). */
  get counter(): Uint8Array {
    return this.ssc.slice();
  }

  private step(): Uint8Array {
    for (let i = this.ssc.length - 1; i >= 0; i--) {
      this.ssc[i] = (this.ssc[i]! + 1) & 0xff;
      if (this.ssc[i] !== 0) break;
    }
    return this.ssc.slice();
  }

  private padded(data: Uint8Array): Uint8Array {
    const out = new Uint8Array(data.length + this.block - (data.length % this.block));
    out.set(data);
    out[data.length] = 0x80;
    return out;
  }

  private mac(data: Uint8Array): Uint8Array {
    const input = this.padded(data);
    return this.cipher === '3DES'
      ? retailMac(this.ksMac, input)
      : aesCmac(this.ksMac, input).slice(0, 8);
  }

  private iv(ssc: Uint8Array): Uint8Array {
    return this.cipher === '3DES' ? new Uint8Array(8) : aesEcbEncrypt(this.ksEnc, ssc);
  }

  /** Verifies DO8E, decrypts DO87/85, reads DO97. SSC += 1. */
  unwrap(cla: number, ins: number, p1: number, p2: number, body: Uint8Array): UnwrapResult {
    const ssc = this.step();
    const objects = splitTlvs(body);
    if (objects === undefined) return { ok: false, sw: CARD_SW.SM_DATA_INCORRECT };
    const macIndex = objects.findIndex((o) => o.tag === 0x8e);
    if (macIndex < 0 || macIndex !== objects.length - 1)
      return { ok: false, sw: CARD_SW.SM_DATA_MISSING };
    const covered = concat(...objects.slice(0, macIndex).map((o) => o.raw));
    const header = this.padded(Uint8Array.of(cla, ins, p1, p2));
    if (!equalBytes(this.mac(concat(ssc, header, covered)), objects[macIndex]!.value)) {
      return { ok: false, sw: CARD_SW.SM_DATA_INCORRECT };
    }
    let data: Uint8Array = new Uint8Array(0);
    let ne = 0;
    for (const o of objects.slice(0, macIndex)) {
      if (o.tag === 0x87 || o.tag === 0x85) {
        const cryptogram = o.tag === 0x87 ? o.value.subarray(1) : o.value;
        if ((o.tag === 0x87 && o.value[0] !== 0x01) || cryptogram.length % this.block !== 0) {
          return { ok: false, sw: CARD_SW.SM_DATA_INCORRECT };
        }
        const plain =
          this.cipher === '3DES'
            ? tdesCbcDecrypt(this.ksEnc, this.iv(ssc), cryptogram)
            : aesCbcDecrypt(this.ksEnc, this.iv(ssc), cryptogram);
        let end = plain.length - 1;
        while (end >= 0 && plain[end] === 0) end--;
        if (end < 0 || plain[end] !== 0x80) return { ok: false, sw: CARD_SW.SM_DATA_INCORRECT };
        data = plain.slice(0, end);
      } else if (o.tag === 0x97) {
        if (o.value.length !== 1) return { ok: false, sw: CARD_SW.SM_DATA_INCORRECT };
        ne = o.value[0] === 0 ? 256 : o.value[0]!;
      } else {
        return { ok: false, sw: CARD_SW.SM_DATA_INCORRECT };
      }
    }
    return { ok: true, command: { cla: cla & ~0x0c, ins, p1, p2, data, ne } };
  }

  /** Builds DO87 ‖ DO99 ‖ DO8E ‖ SW for a response. SSC += 1. */
  wrap(data: Uint8Array, sw: number): Uint8Array {
    const ssc = this.step();
    let do87: Uint8Array = new Uint8Array(0);
    if (data.length > 0) {
      const encrypted =
        this.cipher === '3DES'
          ? tdesCbcEncrypt(this.ksEnc, this.iv(ssc), this.padded(data))
          : aesCbcEncrypt(this.ksEnc, this.iv(ssc), this.padded(data));
      do87 = tlv(0x87, concat(Uint8Array.of(0x01), encrypted));
    }
    const do99 = tlv(0x99, Uint8Array.of(sw >>> 8, sw & 0xff));
    const do8e = tlv(0x8e, this.mac(concat(ssc, do87, do99)));
    return concat(do87, do99, do8e, Uint8Array.of(sw >>> 8, sw & 0xff));
  }
}
