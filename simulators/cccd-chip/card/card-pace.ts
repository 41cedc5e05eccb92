import type { WeierstrassPoint } from '@noble/curves/abstract/weierstrass.js';
import { aesCmac } from '../../../main/devices/id-card/icao9303/crypto/aes-cmac';
import { aesCbcEncrypt } from '../../../main/devices/id-card/icao9303/crypto/block-ciphers';
import { deriveKey } from '../../../main/devices/id-card/icao9303/crypto/derive-key';
import { paceCurve, type PaceCurve } from '../../../main/devices/id-card/icao9303/pace/pace-curves';
import { CARD_SW } from './card-apdu';
import { cardPaceKey, type CardMrz } from './card-keys';
import { CardSecureChannel } from './card-secure-channel';
import { concat, equalBytes, splitTlvs, tlv } from './card-tlv';

type Point = WeierstrassPoint<bigint>;

export interface CardPaceConfig {
  /** DER content of the PACE protocol OID the chip advertises (ECDH-GM-AES-CBC-CMAC-128). */
  readonly oid: Uint8Array;
  /** Standardized domain parameter ID (13 = brainpoolP256r1). */
  readonly parameterId: number;
  readonly can?: string;
  readonly mrz?: CardMrz;
  readonly random: (n: number) => Uint8Array;
}

export type PaceOutcome = {
  readonly sw: number;
  readonly response?: Uint8Array;
  readonly channel?: CardSecureChannel;
};

type Run =
  | { stage: 'nonce'; kPi: Uint8Array }
  | { stage: 'map'; nonce: Uint8Array }
  | { stage: 'agree'; generator: Point }
  | { stage: 'token'; ksEnc: Uint8Array; ksMac: Uint8Array; pkIc: Uint8Array; pkIfd: Uint8Array };

function toScalar(bytes: Uint8Array): bigint {
  return bytes.reduce((v, b) => (v << 8n) | BigInt(b), 0n);
}

/** The chip side of PACE with ECDH generic mapping and AES-128 (ICAO 9303-11 §4.4). */
export class CardPace {
  private readonly curve: PaceCurve;
  private run: Run | undefined;

  constructor(private readonly config: CardPaceConfig) {
    const curve = paceCurve(config.parameterId);
    if (curve === undefined) throw new Error(`Simulator has no curve ${config.parameterId}`);
    this.curve = curve;
  }

  reset(): void {
    this.run = undefined;
  }

  /** MSE:Set AT (tags 80 OID, 83 password reference, optional 84 parameter ID). */
  setAuthenticationTemplate(data: Uint8Array): number {
    this.run = undefined;
    const objects = splitTlvs(data);
    if (objects === undefined) return CARD_SW.WRONG_DATA;
    const oid = objects.find((o) => o.tag === 0x80);
    const ref = objects.find((o) => o.tag === 0x83);
    const parameter = objects.find((o) => o.tag === 0x84);
    if (oid === undefined || !equalBytes(oid.value, this.config.oid)) return CARD_SW.WRONG_DATA;
    if (
      parameter !== undefined &&
      !equalBytes(parameter.value, Uint8Array.of(this.config.parameterId))
    ) {
      return CARD_SW.WRONG_DATA;
    }
    if (ref?.value.length !== 1) return CARD_SW.WRONG_DATA;
    if (ref.value[0] === 0x02 && this.config.can !== undefined) {
      this.run = { stage: 'nonce', kPi: cardPaceKey({ can: this.config.can }) };
    } else if (ref.value[0] === 0x01 && this.config.mrz !== undefined) {
      this.run = { stage: 'nonce', kPi: cardPaceKey({ mrz: this.config.mrz }) };
    } else {
      return CARD_SW.REFERENCE_NOT_FOUND;
    }
    return CARD_SW.OK;
  }

  private scalar(): bigint {
    for (;;) {
      const k = toScalar(this.config.random(this.curve.size));
      if (k > 0n && k < this.curve.Point.Fn.ORDER) return k;
    }
  }

  private point(bytes: Uint8Array | undefined): Point | undefined {
    if (bytes?.length !== 1 + 2 * this.curve.size || bytes[0] !== 0x04) return undefined;
    try {
      const p = this.curve.Point.fromBytes(bytes);
      p.assertValidity();
      return p;
    } catch {
      return undefined;
    }
  }

  private token(ksMac: Uint8Array, publicKey: Uint8Array): Uint8Array {
    const input = tlv(0x7f49, concat(tlv(0x06, this.config.oid), tlv(0x86, publicKey)));
    return aesCmac(ksMac, input).slice(0, 8);
  }

  /** One GENERAL AUTHENTICATE step; `chained` is CLA bit 0x10 (set on all but the last). */
  generalAuthenticate(data: Uint8Array, chained: boolean): PaceOutcome {
    const run = this.run;
    if (run === undefined) return { sw: CARD_SW.CONDITIONS_NOT_SATISFIED };
    const outer = splitTlvs(data);
    const inner =
      outer?.length === 1 && outer[0]!.tag === 0x7c ? splitTlvs(outer[0]!.value) : undefined;
    if (inner === undefined) return this.fail(CARD_SW.WRONG_DATA);
    if (chained !== (run.stage !== 'token')) return this.fail(CARD_SW.LAST_COMMAND_EXPECTED);
    const field = (tag: number): Uint8Array | undefined => inner.find((o) => o.tag === tag)?.value;
    const answer = (tag: number, value: Uint8Array): PaceOutcome => ({
      sw: CARD_SW.OK,
      response: tlv(0x7c, tlv(tag, value)),
    });
    const G = this.curve.Point.BASE;
    switch (run.stage) {
      case 'nonce': {
        if (inner.length !== 0) return this.fail(CARD_SW.WRONG_DATA);
        const nonce = this.config.random(16);
        this.run = { stage: 'map', nonce };
        return answer(0x80, aesCbcEncrypt(run.kPi, new Uint8Array(16), nonce));
      }
      case 'map': {
        const pkIfd = this.point(field(0x81));
        if (pkIfd === undefined) return this.fail(CARD_SW.WRONG_DATA);
        const sk = this.scalar();
        const h = pkIfd.multiply(sk);
        const generator = G.multiply(toScalar(run.nonce) % this.curve.Point.Fn.ORDER).add(h);
        if (generator.is0()) return this.fail(CARD_SW.WRONG_DATA);
        this.run = { stage: 'agree', generator };
        return answer(0x82, G.multiply(sk).toBytes(false));
      }
      case 'agree': {
        const pkIfdBytes = field(0x83);
        const pkIfd = this.point(pkIfdBytes);
        if (pkIfd === undefined || pkIfdBytes === undefined) return this.fail(CARD_SW.WRONG_DATA);
        const sk = this.scalar();
        const pkIc = run.generator.multiply(sk).toBytes(false);
        if (equalBytes(pkIc, pkIfdBytes)) return this.fail(CARD_SW.WRONG_DATA);
        const shared = pkIfd.multiply(sk);
        const x = shared.toBytes(false).slice(1, 1 + this.curve.size);
        this.run = {
          stage: 'token',
          ksEnc: deriveKey(x, 1, 'AES-128'),
          ksMac: deriveKey(x, 2, 'AES-128'),
          pkIc,
          pkIfd: pkIfdBytes,
        };
        return answer(0x84, pkIc);
      }
      case 'token': {
        const tIfd = field(0x85);
        if (tIfd === undefined || !equalBytes(tIfd, this.token(run.ksMac, run.pkIc))) {
          return this.fail(CARD_SW.AUTH_FAILED);
        }
        this.run = undefined;
        return {
          ...answer(0x86, this.token(run.ksMac, run.pkIfd)),
          channel: new CardSecureChannel('AES', run.ksEnc, run.ksMac, new Uint8Array(16)),
        };
      }
    }
  }

  private fail(sw: number): PaceOutcome {
    this.run = undefined;
    return { sw };
  }
}
