import { timingSafeEqual } from 'node:crypto';
import type { ApduTransceiver } from '../../apdu-transceiver';
import { cardError } from '../card-error';
import { decodeResponseApdu, encodeCommandApdu, INS, swHex, SW } from '../apdu';
import { secureRandom, type RandomSource } from '../random-source';
import { SecureMessaging } from '../secure-messaging';
import { concatBytes, decodeTlv, decodeTlvList, encodeTlv } from '../tlv';
import type { PaceInfo } from './card-access';
import {
  authenticationToken,
  decodePoint,
  decryptNonce,
  encodePoint,
  mapGenerator,
  PASSWORD_REF,
  pacePasswordKey,
  paceSessionKeys,
  randomScalar,
  sharedSecret,
  type PacePassword,
} from './pace-crypto';
import { paceCurve } from './pace-curves';

/** MSE:Set AT for mutual authentication (ISO/IEC 7816-4 §11.5.11, ICAO 9303-11 §4.4.4.1). */
const MSE_SET_AT = { p1: 0xc1, p2: 0xa4 } as const;
const CLA_CHAINING = 0x10;
const TAG_MSE_OID = 0x80;
const TAG_MSE_PASSWORD = 0x83;
const TAG_MSE_PARAMETER = 0x84;
/** GENERAL AUTHENTICATE dynamic authentication data and its objects (9303-11 §4.4.4.2). */
const TAG_DYNAMIC_AUTH = 0x7c;
const TAG_NONCE = 0x80;
const TAG_MAP_IFD = 0x81;
const TAG_MAP_IC = 0x82;
const TAG_EPHEMERAL_IFD = 0x83;
const TAG_EPHEMERAL_IC = 0x84;
const TAG_TOKEN_IFD = 0x85;
const TAG_TOKEN_IC = 0x86;

export interface PaceOptions {
  readonly random?: RandomSource;
  readonly timeoutMs?: number | undefined;
}

function deniedStatus(sw: number): boolean {
  return (
    sw === SW.AUTH_FAILED ||
    sw >>> 8 === 0x63 ||
    sw === SW.SECURITY_NOT_SATISFIED ||
    sw === SW.AUTH_METHOD_BLOCKED
  );
}

async function generalAuthenticate(
  transceiver: ApduTransceiver,
  inner: Uint8Array,
  expectedTag: number,
  last: boolean,
  step: string,
  timeoutMs: number | undefined,
): Promise<Uint8Array> {
  const command = encodeCommandApdu({
    cla: last ? 0x00 : CLA_CHAINING,
    ins: INS.GENERAL_AUTHENTICATE,
    p1: 0,
    p2: 0,
    data: encodeTlv(TAG_DYNAMIC_AUTH, inner),
    le: 256,
  });
  const response = decodeResponseApdu(await transceiver.transceive(command, timeoutMs));
  if (response.sw !== SW.OK) {
    throw cardError(
      deniedStatus(response.sw) ? 'CARD_ACCESS_DENIED' : 'CARD_PROTOCOL',
      `PACE ${step} refused, SW ${swHex(response.sw)}`,
    );
  }
  const outer = decodeTlv(response.data);
  if (outer.tag !== TAG_DYNAMIC_AUTH || outer.end !== response.data.length) {
    throw cardError('CARD_PROTOCOL', `PACE ${step}: expected 7C`, response.data);
  }
  const found = decodeTlvList(outer.value).find((tlv) => tlv.tag === expectedTag);
  if (found === undefined) {
    throw cardError(
      'CARD_PROTOCOL',
      `PACE ${step}: missing tag ${expectedTag.toString(16)}`,
      response.data,
    );
  }
  return found.value;
}

/** True when this engine implements the PACE variant named by the PACEInfo. */
export function isSupportedPace(info: PaceInfo): boolean {
  return (
    info.agreement === 'ECDH' &&
    info.mapping === 'GM' &&
    info.parameterId !== undefined &&
    paceCurve(info.parameterId) !== undefined
  );
}

/**
 * PACE with ECDH generic mapping (ICAO 9303-11 §4.4): MSE:Set AT, then four GENERAL
 * AUTHENTICATE steps (nonce, mapping, key agreement, mutual authentication). A wrong password
 * gives CARD_ACCESS_DENIED; an unsupported variant or a malformed answer CARD_PROTOCOL.
 */
export async function performPace(
  transceiver: ApduTransceiver,
  password: PacePassword,
  info: PaceInfo,
  options: PaceOptions = {},
): Promise<SecureMessaging> {
  const curve = info.parameterId === undefined ? undefined : paceCurve(info.parameterId);
  if (info.agreement !== 'ECDH' || info.mapping !== 'GM' || curve === undefined) {
    throw cardError(
      'CARD_PROTOCOL',
      `PACE variant ${info.oid} with parameter ${String(info.parameterId)} is not supported`,
    );
  }
  const random = options.random ?? secureRandom;
  const timeoutMs = options.timeoutMs;

  const mse = concatBytes(
    encodeTlv(TAG_MSE_OID, info.oidBytes),
    encodeTlv(TAG_MSE_PASSWORD, Uint8Array.of(PASSWORD_REF[password.kind])),
    info.parameterId === undefined
      ? new Uint8Array(0)
      : encodeTlv(TAG_MSE_PARAMETER, Uint8Array.of(info.parameterId)),
  );
  const mseResponse = decodeResponseApdu(
    await transceiver.transceive(
      encodeCommandApdu({ cla: 0, ins: INS.MSE, ...MSE_SET_AT, data: mse }),
      timeoutMs,
    ),
  );
  if (mseResponse.sw !== SW.OK) {
    throw cardError(
      deniedStatus(mseResponse.sw) ? 'CARD_ACCESS_DENIED' : 'CARD_PROTOCOL',
      `PACE MSE:Set AT refused, SW ${swHex(mseResponse.sw)}`,
    );
  }

  const z = await generalAuthenticate(
    transceiver,
    new Uint8Array(0),
    TAG_NONCE,
    false,
    'nonce',
    timeoutMs,
  );
  const nonce = decryptNonce(pacePasswordKey(password, info.cipher), z, info.cipher);

  const skMap = randomScalar(curve, random);
  const pkMap = curve.Point.BASE.multiply(skMap);
  const pkMapIc = decodePoint(
    curve,
    await generalAuthenticate(
      transceiver,
      encodeTlv(TAG_MAP_IFD, encodePoint(pkMap)),
      TAG_MAP_IC,
      false,
      'mapping',
      timeoutMs,
    ),
  );
  const mappedG = mapGenerator(curve, nonce, skMap, pkMapIc);

  const skDh = randomScalar(curve, random);
  const pkDh = encodePoint(mappedG.multiply(skDh));
  const pkDhIcBytes = await generalAuthenticate(
    transceiver,
    encodeTlv(TAG_EPHEMERAL_IFD, pkDh),
    TAG_EPHEMERAL_IC,
    false,
    'key agreement',
    timeoutMs,
  );
  const pkDhIc = decodePoint(curve, pkDhIcBytes);
  if (timingSafeEqual(pkDhIcBytes, pkDh)) {
    throw cardError('CARD_PROTOCOL', 'PACE: chip echoed our ephemeral public key', pkDhIcBytes);
  }
  const keys = paceSessionKeys(sharedSecret(curve, skDh, pkDhIc), info.cipher);

  const tIfd = authenticationToken(info.cipher, keys.ksMac, info.oidBytes, pkDhIcBytes);
  const tIc = await generalAuthenticate(
    transceiver,
    encodeTlv(TAG_TOKEN_IFD, tIfd),
    TAG_TOKEN_IC,
    true,
    'mutual authentication',
    timeoutMs,
  );
  const expected = authenticationToken(info.cipher, keys.ksMac, info.oidBytes, pkDh);
  if (tIc.length !== expected.length || !timingSafeEqual(tIc, expected)) {
    throw cardError('CARD_ACCESS_DENIED', 'PACE: chip authentication token is wrong', tIc);
  }
  const blockSize = info.cipher === '3DES' ? 8 : 16;
  return new SecureMessaging({
    cipher: info.cipher === '3DES' ? '3DES' : 'AES',
    ksEnc: keys.ksEnc,
    ksMac: keys.ksMac,
    ssc: new Uint8Array(blockSize),
  });
}
