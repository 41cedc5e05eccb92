import { timingSafeEqual } from 'node:crypto';
import type { ApduTransceiver } from '../apdu-transceiver';
import { cardError } from './card-error';
import { decodeResponseApdu, encodeCommandApdu, INS, swHex, SW } from './apdu';
import type { BacKeys } from './bac-key';
import { tdesCbcDecrypt, tdesCbcEncrypt } from './crypto/block-ciphers';
import { deriveKey, KDF_ENC, KDF_MAC } from './crypto/derive-key';
import { pad } from './crypto/iso9797-padding';
import { retailMac } from './crypto/retail-mac';
import { secureRandom, type RandomSource } from './random-source';
import { SecureMessaging, type SessionKeys } from './secure-messaging';
import { concatBytes } from './tlv';

const ZERO_IV = new Uint8Array(8);
const CHALLENGE_LENGTH = 8;
const KEY_MATERIAL_LENGTH = 16;
/** E_IFD (32) ‖ M_IFD (8), ICAO 9303-11 §4.3.3.1. */
const AUTH_DATA_LENGTH = 40;

/** The terminal's random values for one BAC run. */
export interface BacTerminalNonces {
  readonly rndIfd: Uint8Array;
  readonly kIfd: Uint8Array;
}

/** EXTERNAL AUTHENTICATE data: E_IFD = 3DES(KEnc, RND.IFD ‖ RND.IC ‖ K.IFD) ‖ MAC(KMac, E_IFD). */
export function bacAuthenticationData(
  keys: BacKeys,
  rndIc: Uint8Array,
  nonces: BacTerminalNonces,
): Uint8Array {
  const s = concatBytes(nonces.rndIfd, rndIc, nonces.kIfd);
  const eIfd = tdesCbcEncrypt(keys.kEnc, ZERO_IV, s);
  return concatBytes(eIfd, retailMac(keys.kMac, pad(eIfd, 8)));
}

/**
 * Checks the chip's answer E_IC ‖ M_IC and derives the session keys and SSC
 * (ICAO 9303-11 §4.3.3.2, §9.7.4 SSC = RND.IC[4..8] ‖ RND.IFD[4..8]).
 */
export function bacSessionKeys(
  keys: BacKeys,
  rndIc: Uint8Array,
  nonces: BacTerminalNonces,
  response: Uint8Array,
): SessionKeys {
  if (response.length !== AUTH_DATA_LENGTH) {
    throw cardError('CARD_PROTOCOL', 'EXTERNAL AUTHENTICATE response must be 40 bytes', response);
  }
  const eIc = response.subarray(0, 32);
  const mIc = response.subarray(32);
  if (!timingSafeEqual(retailMac(keys.kMac, pad(eIc, 8)), mIc)) {
    throw cardError('CARD_ACCESS_DENIED', 'BAC: chip cryptogram MAC is wrong', response);
  }
  const r = tdesCbcDecrypt(keys.kEnc, ZERO_IV, eIc);
  if (
    !timingSafeEqual(r.subarray(0, 8), rndIc) ||
    !timingSafeEqual(r.subarray(8, 16), nonces.rndIfd)
  ) {
    throw cardError('CARD_ACCESS_DENIED', 'BAC: chip answered with other nonces', response);
  }
  const kIc = r.subarray(16, 32);
  const seed = nonces.kIfd.map((b, i) => b ^ kIc[i]!);
  return {
    cipher: '3DES',
    ksEnc: deriveKey(seed, KDF_ENC, '3DES'),
    ksMac: deriveKey(seed, KDF_MAC, '3DES'),
    ssc: concatBytes(rndIc.subarray(4, 8), nonces.rndIfd.subarray(4, 8)),
  };
}

export interface BacOptions {
  readonly random?: RandomSource;
  readonly timeoutMs?: number | undefined;
}

/**
 * Runs Basic Access Control (ICAO 9303-11 §4.3) on an already selected eMRTD application:
 * GET CHALLENGE, EXTERNAL AUTHENTICATE, session keys. Wrong keys → CARD_ACCESS_DENIED.
 */
export async function performBac(
  transceiver: ApduTransceiver,
  keys: BacKeys,
  options: BacOptions = {},
): Promise<SecureMessaging> {
  const random = options.random ?? secureRandom;
  const challenge = decodeResponseApdu(
    await transceiver.transceive(
      encodeCommandApdu({ cla: 0, ins: INS.GET_CHALLENGE, p1: 0, p2: 0, le: CHALLENGE_LENGTH }),
      options.timeoutMs,
    ),
  );
  if (challenge.sw !== SW.OK || challenge.data.length !== CHALLENGE_LENGTH) {
    throw cardError(
      'CARD_PROTOCOL',
      `GET CHALLENGE failed, SW ${swHex(challenge.sw)}`,
      challenge.data,
    );
  }
  const rndIc = challenge.data;
  const nonces = { rndIfd: random(CHALLENGE_LENGTH), kIfd: random(KEY_MATERIAL_LENGTH) };
  const answer = decodeResponseApdu(
    await transceiver.transceive(
      encodeCommandApdu({
        cla: 0,
        ins: INS.EXTERNAL_AUTHENTICATE,
        p1: 0,
        p2: 0,
        data: bacAuthenticationData(keys, rndIc, nonces),
        le: AUTH_DATA_LENGTH,
      }),
      options.timeoutMs,
    ),
  );
  if (answer.sw !== SW.OK) {
    const denied =
      answer.sw === SW.AUTH_FAILED ||
      answer.sw === SW.SECURITY_NOT_SATISFIED ||
      answer.sw === SW.AUTH_METHOD_BLOCKED ||
      answer.sw === SW.WRONG_DATA ||
      answer.sw >>> 8 === 0x63;
    throw cardError(
      denied ? 'CARD_ACCESS_DENIED' : 'CARD_PROTOCOL',
      `BAC EXTERNAL AUTHENTICATE refused, SW ${swHex(answer.sw)}`,
    );
  }
  return new SecureMessaging(bacSessionKeys(keys, rndIc, nonces, answer.data));
}
