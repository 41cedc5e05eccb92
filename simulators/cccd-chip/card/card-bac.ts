import {
  tdesCbcDecrypt,
  tdesCbcEncrypt,
} from '../../../main/devices/id-card/icao9303/crypto/block-ciphers';
import { deriveKey } from '../../../main/devices/id-card/icao9303/crypto/derive-key';
import { retailMac } from '../../../main/devices/id-card/icao9303/crypto/retail-mac';
import { CARD_SW } from './card-apdu';
import type { CardMrz } from './card-keys';
import { cardBacKeys } from './card-keys';
import { CardSecureChannel } from './card-secure-channel';
import { concat, equalBytes } from './card-tlv';

const ZERO_IV = new Uint8Array(8);

export type BacOutcome =
  | { readonly sw: number }
  | {
      readonly sw: typeof CARD_SW.OK;
      readonly response: Uint8Array;
      readonly channel: CardSecureChannel;
    };

function macOver(kMac: Uint8Array, data: Uint8Array): Uint8Array {
  const padded = new Uint8Array(data.length + 8 - (data.length % 8));
  padded.set(data);
  padded[data.length] = 0x80;
  return retailMac(kMac, padded);
}

/** The chip side of Basic Access Control (ICAO 9303-11 §4.3). */
export class CardBac {
  private readonly kEnc: Uint8Array;
  private readonly kMac: Uint8Array;
  private challenge: Uint8Array | undefined;

  constructor(
    mrz: CardMrz,
    private readonly random: (n: number) => Uint8Array,
  ) {
    ({ kEnc: this.kEnc, kMac: this.kMac } = cardBacKeys(mrz));
  }

  /** GET CHALLENGE: RND.IC, remembered for the next EXTERNAL AUTHENTICATE. */
  getChallenge(): Uint8Array {
    this.challenge = this.random(8);
    return this.challenge;
  }

  /** EXTERNAL AUTHENTICATE: checks M_IFD and RND.IC, answers E_IC ‖ M_IC, opens 3DES SM. */
  externalAuthenticate(data: Uint8Array): BacOutcome {
    const rndIc = this.challenge;
    this.challenge = undefined;
    if (rndIc === undefined) return { sw: CARD_SW.CONDITIONS_NOT_SATISFIED };
    if (data.length !== 40) return { sw: CARD_SW.WRONG_LENGTH };
    const eIfd = data.subarray(0, 32);
    if (!equalBytes(macOver(this.kMac, eIfd), data.subarray(32)))
      return { sw: CARD_SW.AUTH_FAILED };
    const s = tdesCbcDecrypt(this.kEnc, ZERO_IV, eIfd);
    const rndIfd = s.subarray(0, 8);
    if (!equalBytes(s.subarray(8, 16), rndIc)) return { sw: CARD_SW.AUTH_FAILED };
    const kIfd = s.subarray(16, 32);
    const kIc = this.random(16);
    const eIc = tdesCbcEncrypt(this.kEnc, ZERO_IV, concat(rndIc, rndIfd, kIc));
    const seed = kIfd.map((b, i) => b ^ kIc[i]!);
    const channel = new CardSecureChannel(
      '3DES',
      deriveKey(seed, 1, '3DES'),
      deriveKey(seed, 2, '3DES'),
      concat(rndIc.subarray(4), rndIfd.subarray(4)),
    );
    return { sw: CARD_SW.OK, response: concat(eIc, macOver(this.kMac, eIc)), channel };
  }
}
