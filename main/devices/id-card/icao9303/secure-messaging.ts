import { timingSafeEqual } from 'node:crypto';
import { cardError } from './card-error';
import { decodeResponseApdu, encodeCommandApdu, swHex, SW } from './apdu';
import type { CommandApdu, ResponseApdu } from './apdu';
import { aesCmac } from './crypto/aes-cmac';
import {
  aesCbcDecrypt,
  aesCbcEncrypt,
  aesEcbEncrypt,
  tdesCbcDecrypt,
  tdesCbcEncrypt,
} from './crypto/block-ciphers';
import { pad, unpad } from './crypto/iso9797-padding';
import { retailMac } from './crypto/retail-mac';
import { concatBytes, decodeTlv, encodeTlv } from './tlv';

/** Session keys established by BAC or PACE (ICAO 9303-11 §9.8). */
export interface SessionKeys {
  readonly cipher: '3DES' | 'AES';
  readonly ksEnc: Uint8Array;
  readonly ksMac: Uint8Array;
  /** Initial send sequence counter: 8 bytes for 3DES, 16 bytes for AES. */
  readonly ssc: Uint8Array;
}

/** Secure-messaging data objects (ICAO 9303-11 §9.8, ISO/IEC 7816-4 §10). */
const DO_CRYPTOGRAM_PI = 0x87; // padding-content indicator ‖ cryptogram (even INS)
const DO_CRYPTOGRAM = 0x85; // cryptogram without indicator (odd INS)
const DO_LE = 0x97;
const DO_STATUS = 0x99;
const DO_MAC = 0x8e;
const PADDING_INDICATOR = 0x01;
const SM_CLA_BITS = 0x0c;
const MAC_LENGTH = 8;

function toBigInt(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

function toBytes(value: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let v = value;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/**
 * The terminal side of ICAO 9303-11 §9.8 secure messaging, 3DES (retail MAC) or AES (CMAC).
 * Protects command APDUs and checks/decrypts response APDUs, advancing the SSC for each.
 */
export class SecureMessaging {
  readonly cipher: '3DES' | 'AES';
  private readonly ksEnc: Uint8Array;
  private readonly ksMac: Uint8Array;
  private readonly blockSize: number;
  private ssc: bigint;
  /**
   * Set once the chip answered a command with a bare error status word: such chips usually close
   * the SM session (and their SSC may no longer match ours), so the session should re-authenticate.
   */
  plainErrorSeen = false;

  constructor(keys: SessionKeys) {
    this.cipher = keys.cipher;
    this.ksEnc = keys.ksEnc;
    this.ksMac = keys.ksMac;
    this.blockSize = keys.cipher === '3DES' ? 8 : 16;
    if (keys.ssc.length !== this.blockSize) {
      throw new RangeError(`SSC must be ${this.blockSize} bytes for ${keys.cipher}`);
    }
    this.ssc = toBigInt(keys.ssc);
  }

  /** The current send sequence counter (for diagnostics and tests). */
  get sendSequenceCounter(): Uint8Array {
    return toBytes(this.ssc, this.blockSize);
  }

  private increment(): Uint8Array {
    this.ssc = (this.ssc + 1n) % (1n << BigInt(this.blockSize * 8));
    return this.sendSequenceCounter;
  }

  private mac(data: Uint8Array): Uint8Array {
    const padded = pad(data, this.blockSize);
    if (this.cipher === '3DES') return retailMac(this.ksMac, padded);
    return aesCmac(this.ksMac, padded).slice(0, MAC_LENGTH);
  }

  private iv(ssc: Uint8Array): Uint8Array {
    return this.cipher === '3DES' ? new Uint8Array(8) : aesEcbEncrypt(this.ksEnc, ssc);
  }

  private encrypt(ssc: Uint8Array, data: Uint8Array): Uint8Array {
    const padded = pad(data, this.blockSize);
    return this.cipher === '3DES'
      ? tdesCbcEncrypt(this.ksEnc, this.iv(ssc), padded)
      : aesCbcEncrypt(this.ksEnc, this.iv(ssc), padded);
  }

  private decrypt(ssc: Uint8Array, data: Uint8Array): Uint8Array {
    if (data.length === 0 || data.length % this.blockSize !== 0) {
      throw cardError('CARD_PROTOCOL', 'SM cryptogram is not a whole number of blocks', data);
    }
    const plain =
      this.cipher === '3DES'
        ? tdesCbcDecrypt(this.ksEnc, this.iv(ssc), data)
        : aesCbcDecrypt(this.ksEnc, this.iv(ssc), data);
    return unpad(plain);
  }

  /** Wraps a plain command APDU into its protected form (SSC += 1). */
  protect(command: CommandApdu): Uint8Array {
    const ssc = this.increment();
    const cla = command.cla | SM_CLA_BITS;
    const header = pad(Uint8Array.of(cla, command.ins, command.p1, command.p2), this.blockSize);
    let cryptogram: Uint8Array = new Uint8Array(0);
    if (command.data !== undefined && command.data.length > 0) {
      const encrypted = this.encrypt(ssc, command.data);
      cryptogram =
        (command.ins & 1) === 1
          ? encodeTlv(DO_CRYPTOGRAM, encrypted)
          : encodeTlv(DO_CRYPTOGRAM_PI, concatBytes(Uint8Array.of(PADDING_INDICATOR), encrypted));
    }
    const le =
      command.le === undefined
        ? new Uint8Array(0)
        : encodeTlv(DO_LE, Uint8Array.of(command.le & 0xff));
    const cc = this.mac(concatBytes(ssc, header, cryptogram, le));
    const body = concatBytes(cryptogram, le, encodeTlv(DO_MAC, cc));
    return encodeCommandApdu({
      cla,
      ins: command.ins,
      p1: command.p1,
      p2: command.p2,
      data: body,
      le: 256,
    });
  }

  /**
   * Verifies and decrypts a protected response APDU (SSC += 1). A bare error status word (no
   * data objects) is passed through; a bare 9000 or a wrong MAC is CARD_SM_MAC_INVALID.
   */
  unprotect(responseBytes: Uint8Array): ResponseApdu {
    const ssc = this.increment();
    const { data, sw } = decodeResponseApdu(responseBytes);
    if (data.length === 0) {
      if (sw === SW.SM_DATA_MISSING || sw === SW.SM_DATA_INCORRECT) {
        throw cardError('CARD_SM_MAC_INVALID', `Card rejected secure messaging, SW ${swHex(sw)}`);
      }
      if (sw === SW.OK || sw >>> 8 === 0x61 || sw >>> 8 === 0x62 || sw >>> 8 === 0x63) {
        throw cardError('CARD_SM_MAC_INVALID', `Unprotected response SW ${swHex(sw)} under SM`);
      }
      // Many chips end the SM session after answering in plain; the caller should re-authenticate.
      this.plainErrorSeen = true;
      return { data, sw };
    }
    let cryptogram: { tag: number; value: Uint8Array } | undefined;
    let status: Uint8Array | undefined;
    let macStart = -1;
    let cc: Uint8Array | undefined;
    let offset = 0;
    while (offset < data.length) {
      const tlv = decodeTlv(data, offset);
      if (cc !== undefined)
        throw cardError('CARD_PROTOCOL', 'Data after DO8E in SM response', data);
      if (tlv.tag === DO_CRYPTOGRAM_PI || tlv.tag === DO_CRYPTOGRAM) {
        if (cryptogram !== undefined || status !== undefined) {
          throw cardError('CARD_PROTOCOL', 'Misplaced cryptogram DO in SM response', data);
        }
        cryptogram = { tag: tlv.tag, value: tlv.value };
      } else if (tlv.tag === DO_STATUS) {
        if (status !== undefined || tlv.length !== 2) {
          throw cardError('CARD_PROTOCOL', 'Bad DO99 in SM response', data);
        }
        status = tlv.value;
      } else if (tlv.tag === DO_MAC) {
        if (tlv.length !== MAC_LENGTH) throw cardError('CARD_PROTOCOL', 'Bad DO8E length', data);
        macStart = offset;
        cc = tlv.value;
      } else {
        throw cardError(
          'CARD_PROTOCOL',
          `Unexpected tag ${tlv.tag.toString(16)} in SM response`,
          data,
        );
      }
      offset = tlv.end;
    }
    if (cc === undefined) throw cardError('CARD_SM_MAC_INVALID', 'SM response without DO8E', data);
    const expected = this.mac(concatBytes(ssc, data.subarray(0, macStart)));
    if (!timingSafeEqual(expected, cc)) {
      throw cardError(
        'CARD_SM_MAC_INVALID',
        'Secure-messaging response MAC mismatch',
        responseBytes,
      );
    }
    const innerSw = status === undefined ? sw : (status[0]! << 8) | status[1]!;
    if (cryptogram === undefined) return { data: new Uint8Array(0), sw: innerSw };
    let encrypted = cryptogram.value;
    if (cryptogram.tag === DO_CRYPTOGRAM_PI) {
      if (encrypted[0] !== PADDING_INDICATOR) {
        throw cardError('CARD_PROTOCOL', 'Unknown padding-content indicator in DO87', data);
      }
      encrypted = encrypted.subarray(1);
    }
    return { data: this.decrypt(ssc, encrypted), sw: innerSw };
  }
}
