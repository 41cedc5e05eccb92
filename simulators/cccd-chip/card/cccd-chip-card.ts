import { randomBytes } from 'node:crypto';
import { AppError } from '../../../common/errors';
import type { CardEmulator } from '../../pn532/card-emulator';
import { CARD_SW, parseCardCommand, withStatus, type CardCommand } from './card-apdu';
import { CardBac } from './card-bac';
import type { CardMrz } from './card-keys';
import { CardPace } from './card-pace';
import type { CardSecureChannel } from './card-secure-channel';
import { equalBytes, splitTlvs } from './card-tlv';
import { CCCD_CARD_ACCESS_BYTES } from './cccd-card-access';

export interface CccdChipCardOptions {
  /** LDS files of the eMRTD application by 4-hex-digit FID ('011E', '0101', …, '011D'). */
  readonly files: ReadonlyMap<string, Uint8Array>;
  /** EF.CardAccess; default the CCCD's (PACE-GM brainpoolP256r1). `null`: no PACE, BAC only. */
  readonly cardAccess?: Uint8Array | null;
  /** PACE CAN (CCCD: last 6 digits of the ID). Omit to refuse PACE-CAN. */
  readonly can?: string;
  /** BAC / PACE-MRZ key data. Omit to refuse BAC. */
  readonly mrz?: CardMrz;
  /** READ BINARY with Le above this answers 6700 (default 256, no limit). */
  readonly maxReadLength?: number;
  /** The card leaves the field after answering this many APDUs. */
  readonly removeAfterApdus?: number;
  /**
   * Answer failing commands under SM with a bare status word and end the SM session, as some
   * chips do (default: errors are answered protected, as in ICAO 9303-11 §9.8).
   */
  readonly plainErrorsUnderSm?: boolean;
  /** FIDs protected by Terminal Authentication (answer 6982); default DG3 '0103'. */
  readonly eacProtectedFiles?: readonly string[];
  readonly type?: 'A' | 'B';
  readonly uid?: Uint8Array;
  readonly ats?: Uint8Array;
  /** Random source (tests replay the ICAO worked examples with it). */
  readonly random?: (n: number) => Uint8Array;
}

/** One command the chip processed, for tests and the technician's raw log. */
export interface CardCommandRecord {
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  readonly ne: number;
  readonly secure: boolean;
  readonly sw: number;
}

const EMRTD_AID = Uint8Array.of(0xa0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01);
const CARD_ACCESS_FID = '011C';
const ID_PACE_PREFIX = Uint8Array.of(0x04, 0x00, 0x7f, 0x00, 0x07, 0x02, 0x02, 0x04);

interface Reply {
  readonly data: Uint8Array;
  readonly sw: number;
}

const status = (sw: number): Reply => ({ data: new Uint8Array(0), sw });

/** The PACE OID and parameter the chip advertises in its own EF.CardAccess. */
function advertisedPace(
  cardAccess: Uint8Array,
): { oid: Uint8Array; parameterId: number } | undefined {
  const set = splitTlvs(cardAccess)?.[0];
  if (set?.tag !== 0x31) return undefined;
  for (const info of splitTlvs(set.value) ?? []) {
    const fields = info.tag === 0x30 ? splitTlvs(info.value) : undefined;
    const oid = fields?.[0];
    const parameter = fields?.[2];
    if (
      oid?.tag === 0x06 &&
      oid.value.length === 10 &&
      equalBytes(oid.value.subarray(0, 8), ID_PACE_PREFIX) &&
      parameter?.tag === 0x02 &&
      parameter.value.length === 1
    ) {
      return { oid: oid.value, parameterId: parameter.value[0]! };
    }
  }
  return undefined;
}

/**
 * A simulated CCCD chip (ICAO 9303 eMRTD application): SELECT by AID / FID, READ BINARY,
 * BAC (GET CHALLENGE, EXTERNAL AUTHENTICATE), PACE-GM (MSE:Set AT, GENERAL AUTHENTICATE),
 * 3DES / AES secure messaging with real MAC checks, and the CCCD's quirks (SELECT MF → 6D00).
 */
export class CccdChipCard implements CardEmulator {
  readonly type: 'A' | 'B';
  readonly uid: Uint8Array;
  readonly ats?: Uint8Array;
  /** Every command processed since the card was placed (plain view of SM commands). */
  readonly history: CardCommandRecord[] = [];

  private readonly options: CccdChipCardOptions;
  private readonly cardAccess: Uint8Array | undefined;
  private readonly bac: CardBac | undefined;
  private readonly pace: CardPace | undefined;
  private inField = true;
  private apduCount = 0;
  private applicationSelected = false;
  private selectedFile: string | undefined;
  private channel: CardSecureChannel | undefined;

  constructor(options: CccdChipCardOptions) {
    this.options = options;
    this.type = options.type ?? 'A';
    this.uid = options.uid ?? Uint8Array.of(0x08, 0x12, 0x34, 0x56);
    if (options.ats !== undefined) this.ats = options.ats;
    const random = options.random ?? ((n: number) => new Uint8Array(randomBytes(n)));
    this.cardAccess =
      options.cardAccess === null ? undefined : (options.cardAccess ?? CCCD_CARD_ACCESS_BYTES);
    if (options.mrz !== undefined) this.bac = new CardBac(options.mrz, random);
    const advertised = this.cardAccess === undefined ? undefined : advertisedPace(this.cardAccess);
    if (advertised !== undefined) {
      this.pace = new CardPace({
        ...advertised,
        random,
        ...(options.can === undefined ? {} : { can: options.can }),
        ...(options.mrz === undefined ? {} : { mrz: options.mrz }),
      });
    }
  }

  get present(): boolean {
    return this.inField;
  }

  /** Takes the card out of the field. */
  remove(): void {
    this.inField = false;
  }

  /** Puts the card (back) into the field: a power-up reset of all volatile state. */
  place(): void {
    this.inField = true;
    this.apduCount = 0;
    this.history.length = 0;
    this.applicationSelected = false;
    this.selectedFile = undefined;
    this.resetSecurity();
  }

  transceive(apdu: Uint8Array): Uint8Array {
    if (!this.inField) throw new AppError('CARD_REMOVED', 'Simulated CCCD is not in the field');
    this.apduCount++;
    const response = this.process(apdu);
    const limit = this.options.removeAfterApdus;
    if (limit !== undefined && this.apduCount >= limit) this.inField = false;
    return response;
  }

  private resetSecurity(): void {
    this.channel = undefined;
    this.pace?.reset();
  }

  private process(apdu: Uint8Array): Uint8Array {
    const command = parseCardCommand(apdu);
    if (command === undefined) {
      this.resetSecurity();
      return withStatus(new Uint8Array(0), CARD_SW.WRONG_LENGTH);
    }
    if ((command.cla & 0xe0) !== 0) return withStatus(new Uint8Array(0), CARD_SW.CLA_NOT_SUPPORTED);
    const secure = (command.cla & 0x0c) === 0x0c;
    if (!secure) {
      // ISO/IEC 7816-4 §10.2: a plain command ends the secure-messaging session.
      if (this.channel !== undefined) this.resetSecurity();
      const reply = this.execute(command);
      this.record(command, false, reply.sw);
      return withStatus(reply.data, reply.sw);
    }
    const channel = this.channel;
    if (channel === undefined) return withStatus(new Uint8Array(0), CARD_SW.SM_NOT_SUPPORTED);
    const unwrapped = channel.unwrap(
      command.cla,
      command.ins,
      command.p1,
      command.p2,
      command.data,
    );
    if (!unwrapped.ok) {
      this.resetSecurity();
      this.record(command, true, unwrapped.sw);
      return withStatus(new Uint8Array(0), unwrapped.sw);
    }
    const reply = this.execute(unwrapped.command);
    this.record(unwrapped.command, true, reply.sw);
    const failed = reply.sw !== CARD_SW.OK && reply.sw !== CARD_SW.END_OF_FILE;
    if (failed && this.options.plainErrorsUnderSm === true && this.channel === channel) {
      this.resetSecurity();
      return withStatus(new Uint8Array(0), reply.sw);
    }
    return this.channel === channel
      ? channel.wrap(reply.data, reply.sw)
      : withStatus(reply.data, reply.sw);
  }

  private record(command: CardCommand, secure: boolean, sw: number): void {
    this.history.push({
      ins: command.ins,
      p1: command.p1,
      p2: command.p2,
      ne: command.ne,
      secure,
      sw,
    });
  }

  private execute(command: CardCommand): Reply {
    switch (command.ins) {
      case 0xa4:
        return this.select(command);
      case 0xb0:
        return this.readBinary(command);
      case 0x84:
        if (this.bac === undefined) return status(CARD_SW.INS_NOT_SUPPORTED);
        if (command.ne !== 8) return status(CARD_SW.WRONG_LENGTH);
        return { data: this.bac.getChallenge(), sw: CARD_SW.OK };
      case 0x82:
        return this.externalAuthenticate(command);
      case 0x22:
        return this.manageSecurityEnvironment(command);
      case 0x86:
        return this.generalAuthenticate(command);
      default:
        return status(CARD_SW.INS_NOT_SUPPORTED);
    }
  }

  private select(command: CardCommand): Reply {
    if (command.p2 !== 0x0c && command.p2 !== 0x00) return status(CARD_SW.WRONG_P1P2_FUNCTION);
    switch (command.p1) {
      case 0x04:
        if (!equalBytes(command.data, EMRTD_AID)) return status(CARD_SW.FILE_NOT_FOUND);
        this.applicationSelected = true;
        this.selectedFile = undefined;
        return status(CARD_SW.OK);
      case 0x00:
        // CCCD quirk (research §1.6): SELECT MF is answered 6D00.
        return status(CARD_SW.INS_NOT_SUPPORTED);
      case 0x02: {
        if (command.data.length !== 2) return status(CARD_SW.WRONG_LENGTH);
        const fid = Buffer.from(command.data).toString('hex').toUpperCase();
        return status(this.selectFile(fid));
      }
      default:
        return status(CARD_SW.WRONG_P1P2_FUNCTION);
    }
  }

  private selectFile(fid: string): number {
    if (fid === CARD_ACCESS_FID) {
      if (this.cardAccess === undefined) return CARD_SW.FILE_NOT_FOUND;
      this.selectedFile = fid;
      return CARD_SW.OK;
    }
    if (!this.applicationSelected) return CARD_SW.FILE_NOT_FOUND;
    if (this.channel === undefined) return CARD_SW.SECURITY_NOT_SATISFIED;
    if ((this.options.eacProtectedFiles ?? ['0103']).includes(fid))
      return CARD_SW.SECURITY_NOT_SATISFIED;
    if (!this.options.files.has(fid)) return CARD_SW.FILE_NOT_FOUND;
    this.selectedFile = fid;
    return CARD_SW.OK;
  }

  private readBinary(command: CardCommand): Reply {
    let offset: number;
    if ((command.p1 & 0x80) !== 0) {
      // Short EF identifier: the LDS FIDs are 01xx with SFI xx (ICAO 9303-10 §3.11).
      const sfi = command.p1 & 0x1f;
      const sw = this.selectFile(`01${sfi.toString(16).padStart(2, '0').toUpperCase()}`);
      if (sw !== CARD_SW.OK) return status(sw);
      offset = command.p2;
    } else {
      offset = (command.p1 << 8) | command.p2;
    }
    const fid = this.selectedFile;
    if (fid === undefined) return status(CARD_SW.NO_CURRENT_EF);
    if (fid !== CARD_ACCESS_FID && this.channel === undefined) {
      return status(CARD_SW.SECURITY_NOT_SATISFIED);
    }
    if (command.ne === 0 || command.ne > (this.options.maxReadLength ?? 256)) {
      return status(CARD_SW.WRONG_LENGTH);
    }
    const content = fid === CARD_ACCESS_FID ? this.cardAccess : this.options.files.get(fid);
    if (content === undefined) return status(CARD_SW.FILE_NOT_FOUND);
    if (offset > content.length) return status(CARD_SW.WRONG_P1P2);
    const data = content.slice(offset, offset + command.ne);
    return { data, sw: data.length < command.ne ? CARD_SW.END_OF_FILE : CARD_SW.OK };
  }

  private externalAuthenticate(command: CardCommand): Reply {
    if (this.bac === undefined) return status(CARD_SW.INS_NOT_SUPPORTED);
    if (!this.applicationSelected) return status(CARD_SW.CONDITIONS_NOT_SATISFIED);
    const outcome = this.bac.externalAuthenticate(command.data);
    if (!('channel' in outcome)) return status(outcome.sw);
    this.channel = outcome.channel;
    return { data: outcome.response, sw: CARD_SW.OK };
  }

  private manageSecurityEnvironment(command: CardCommand): Reply {
    if (this.pace === undefined) return status(CARD_SW.INS_NOT_SUPPORTED);
    if (command.p1 !== 0xc1 || command.p2 !== 0xa4) return status(CARD_SW.WRONG_P1P2_FUNCTION);
    return status(this.pace.setAuthenticationTemplate(command.data));
  }

  private generalAuthenticate(command: CardCommand): Reply {
    if (this.pace === undefined) return status(CARD_SW.INS_NOT_SUPPORTED);
    const outcome = this.pace.generalAuthenticate(command.data, (command.cla & 0x10) !== 0);
    if (outcome.channel !== undefined) this.channel = outcome.channel;
    return { data: outcome.response ?? new Uint8Array(0), sw: outcome.sw };
  }
}
