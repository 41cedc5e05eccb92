import { AppError } from '../../../../common/errors.js';
import {
  BRTY_106_TYPE_A,
  BRTY_106_TYPE_B,
  IC_PN532,
  PARAM_AUTO_ATR_RES,
  PARAM_AUTO_RATS,
  Pn532Command,
  RfConfigItem,
  SAM_MODE_NORMAL,
  STATUS_MI,
  SUPPORT_ISO14443_B,
} from './pn532-constants.js';
import { frameDump } from './pn532-frame.js';

/**
 * Command bodies (the bytes after TFI D4) and response parsers. Parsers take the response body
 * after TFI D5 *and* the response code, i.e. the parameters only.
 */

export function getFirmwareVersion(): Uint8Array {
  return Uint8Array.of(Pn532Command.GetFirmwareVersion);
}

/** UM0701-02 §7.2.10: mode 1 = normal (no SAM), timeout 0, IRQ pin not used. */
export function samConfiguration(mode = SAM_MODE_NORMAL, timeout = 0x00, irq = 0x00): Uint8Array {
  return Uint8Array.of(Pn532Command.SAMConfiguration, mode, timeout, irq);
}

/** UM0701-02 §7.2.9; default AutoATR_RES | AutoRATS (0x14), as nfcpy and libnfc set it. */
export function setParameters(flags = PARAM_AUTO_ATR_RES | PARAM_AUTO_RATS): Uint8Array {
  return Uint8Array.of(Pn532Command.SetParameters, flags);
}

/**
 * RFConfiguration item 5 (UM0701-02 §7.3.1): retries for ATR_REQ, PSL_REQ and passive
 * activation. 0xFF means "forever" — the power-on default for passive activation, which makes
 * InListPassiveTarget block until a card comes, so the driver always sets a finite value.
 */
export function rfMaxRetries(atr: number, psl: number, passiveActivation: number): Uint8Array {
  return Uint8Array.of(
    Pn532Command.RFConfiguration,
    RfConfigItem.MaxRetries,
    atr,
    psl,
    passiveActivation,
  );
}

/**
 * RFConfiguration item 2: timeouts as exponents (UM0701-02 Table 11: 0x0B = 102.4 ms ATR_RES,
 * 0x0A = 51.2 ms retry timeout for non-DEP exchanges).
 */
export function rfTimings(atrResTimeout = 0x0b, retryTimeout = 0x0a): Uint8Array {
  return Uint8Array.of(
    Pn532Command.RFConfiguration,
    RfConfigItem.VariousTimings,
    0x00,
    atrResTimeout,
    retryTimeout,
  );
}

/** RFConfiguration item 1: RF field on/off. */
export function rfField(on: boolean): Uint8Array {
  return Uint8Array.of(Pn532Command.RFConfiguration, RfConfigItem.RfField, on ? 0x01 : 0x00);
}

/** InListPassiveTarget for one target: type A at 106 kbps, or type B with AFI (UM0701-02 §7.3.5). */
export function inListPassiveTarget(type: 'A' | 'B', afi = 0x00): Uint8Array {
  return type === 'A'
    ? Uint8Array.of(Pn532Command.InListPassiveTarget, 0x01, BRTY_106_TYPE_A)
    : Uint8Array.of(Pn532Command.InListPassiveTarget, 0x01, BRTY_106_TYPE_B, afi);
}

/** InDataExchange (UM0701-02 §7.3.8): Tg with bit 6 set when more host data follows. */
export function inDataExchange(tg: number, data: Uint8Array, more = false): Uint8Array {
  return Uint8Array.of(Pn532Command.InDataExchange, (tg & 0x3f) | (more ? STATUS_MI : 0), ...data);
}

export function inRelease(tg: number): Uint8Array {
  return Uint8Array.of(Pn532Command.InRelease, tg);
}

export interface Pn532Firmware {
  readonly ic: number;
  readonly version: number;
  readonly revision: number;
  readonly support: number;
  readonly supportsTypeB: boolean;
}

function malformed(what: string, params: Uint8Array): AppError {
  return new AppError(
    'DEVICE_PROTOCOL',
    `PN532 ${what}: malformed response [${frameDump(params)}]`,
  );
}

/** GetFirmwareVersion response: IC, Ver, Rev, Support (UM0701-02 §7.2.2). */
export function parseFirmwareVersion(params: Uint8Array): Pn532Firmware {
  const [ic, version, revision, support] = params;
  if (
    params.length !== 4 ||
    ic === undefined ||
    version === undefined ||
    revision === undefined ||
    support === undefined
  ) {
    throw malformed('GetFirmwareVersion', params);
  }
  if (ic !== IC_PN532) {
    throw new AppError(
      'DEVICE_PROTOCOL',
      `Not a PN532: IC 0x${ic.toString(16)} [${frameDump(params)}]`,
    );
  }
  return { ic, version, revision, support, supportsTypeB: (support & SUPPORT_ISO14443_B) !== 0 };
}

export interface PassiveTarget {
  readonly tg: number;
  readonly type: 'A' | 'B';
  /** NFCID1 (type A) or PUPI (type B). */
  readonly uid: Uint8Array;
  /** Type A: ATS historical bytes; type B: ATQB application data. */
  readonly ats?: Uint8Array;
  /** Type A: SENS_RES (ATQA) and SEL_RES (SAK); type B: ATQB protocol info. */
  readonly atqa?: Uint8Array;
  readonly sak?: number;
  readonly protocolInfo?: Uint8Array;
}

/** Historical bytes of an ATS given without its TL byte (ISO/IEC 14443-4 §5.2.2). */
export function atsHistoricalBytes(ats: Uint8Array): Uint8Array {
  const t0 = ats[0];
  if (t0 === undefined) return new Uint8Array(0);
  const interfaceBytes = ((t0 >> 4) & 1) + ((t0 >> 5) & 1) + ((t0 >> 6) & 1);
  return ats.slice(Math.min(ats.length, 1 + interfaceBytes));
}

/**
 * InListPassiveTarget response (UM0701-02 §7.3.5, decoded as libnfc `pn53x_decode_target_data`):
 * NbTg, then for type A: Tg SENS_RES(2) SEL_RES NFCIDLength NFCID1 [ATS with TL first];
 * for type B: Tg ATQB(12, 0x50 first) ATTRIB_RES length, ATTRIB_RES. Null when NbTg = 0.
 */
export function parseInListPassiveTarget(
  type: 'A' | 'B',
  params: Uint8Array,
): PassiveTarget | null {
  const nbTg = params[0];
  if (nbTg === undefined) throw malformed('InListPassiveTarget', params);
  if (nbTg === 0) return null;
  const tg = params[1];
  if (tg === undefined) throw malformed('InListPassiveTarget', params);
  if (type === 'A') {
    const uidLen = params[5];
    if (params.length < 6 || uidLen === undefined || params.length < 6 + uidLen) {
      throw malformed('InListPassiveTarget A', params);
    }
    const atqa = params.slice(2, 4);
    const sak = params[4] ?? 0;
    const uid = params.slice(6, 6 + uidLen);
    const rest = params.subarray(6 + uidLen);
    const tl = rest[0];
    if (tl === undefined) return { tg, type, uid, atqa, sak };
    if (tl < 1 || rest.length < tl) throw malformed('InListPassiveTarget A (ATS)', params);
    return { tg, type, uid, atqa, sak, ats: atsHistoricalBytes(rest.subarray(1, tl)) };
  }
  const atqb = params.subarray(2, 14);
  if (atqb.length !== 12 || atqb[0] !== 0x50) throw malformed('InListPassiveTarget B', params);
  return {
    tg,
    type,
    uid: atqb.slice(1, 5),
    ats: atqb.slice(5, 9),
    protocolInfo: atqb.slice(9, 12),
  };
}
