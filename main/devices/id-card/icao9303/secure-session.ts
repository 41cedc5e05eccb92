import { AppError } from '../../../../common/errors';
import type { ApduTransceiver } from '../apdu-transceiver';
import { cardError } from './card-error';
import { decodeResponseApdu, encodeCommandApdu, INS, swHex, SW } from './apdu';
import { performBac } from './bac';
import { deriveBacKeys, type MrzKeyData } from './bac-key';
import {
  cardRemoved,
  DEFAULT_MAX_READ,
  isTransientReaderError,
  readElementaryFile,
  type FileChannel,
  type ReadState,
} from './file-reader';
import { EMRTD_AID, LDS_FILE_IDS, LDS_FILE_NAMES, type LdsFileName } from './lds-file-ids';
import { parseCardAccess, type PaceInfo } from './pace/card-access';
import { isSupportedPace, performPace } from './pace/pace';
import type { PacePassword } from './pace/pace-crypto';
import type { RandomSource } from './random-source';
import { SecureMessagingTransceiver } from './secure-messaging-transceiver';

/** Key material that opens a chip: a CAN (PACE only) or the MRZ fields (PACE or BAC). */
export type AccessKey =
  { readonly kind: 'CAN'; readonly can: string } | ({ readonly kind: 'MRZ' } & MrzKeyData);

export interface OpenSessionOptions {
  /** Host-side timeout per APDU (ms, default 3000); the reader usually fails faster. */
  readonly apduTimeoutMs?: number;
  /** Largest Le for READ BINARY (default 0xDF). */
  readonly maxReadLength?: number;
  /** Re-authentications per file after reader errors (default 1). */
  readonly maxRecoveries?: number;
  /** EF.CardAccess to assume when the chip has none readable (e.g. CCCD_CARD_ACCESS). */
  readonly cardAccessFallback?: Uint8Array;
  /** Skip PACE even when EF.CardAccess offers it. */
  readonly disablePace?: boolean;
  readonly random?: RandomSource;
  /** Step log for technicians (no key material, no personal data). */
  readonly log?: (line: string) => void;
}

export interface ReadOptions {
  readonly onProgress?: (bytesRead: number, totalBytes: number | undefined) => void;
}

export interface SecureSession {
  readonly access: 'PACE' | 'BAC';
  /** The key that opened the chip (e.g. which BAC expiry candidate was right). */
  readonly key: AccessKey;
  /** Reads a whole EF of the eMRTD application under secure messaging. */
  readFile(fid: number, options?: ReadOptions): Promise<Uint8Array>;
}

const DEFAULT_APDU_TIMEOUT_MS = 3000;
const SELECT_BY_AID = { p1: 0x04, p2: 0x0c } as const;

async function selectApplication(transceiver: ApduTransceiver, timeoutMs: number): Promise<void> {
  const response = decodeResponseApdu(
    await transceiver.transceive(
      encodeCommandApdu({ cla: 0, ins: INS.SELECT, ...SELECT_BY_AID, data: EMRTD_AID }),
      timeoutMs,
    ),
  );
  if (response.sw !== SW.OK) {
    throw cardError('CARD_PROTOCOL', `SELECT eMRTD application failed, SW ${swHex(response.sw)}`);
  }
}

function pacePassword(key: AccessKey): PacePassword {
  return key.kind === 'CAN' ? { kind: 'CAN', can: key.can } : { kind: 'MRZ', mrz: key };
}

type Authenticator = () => Promise<ApduTransceiver>;

class ChipSession implements SecureSession, FileChannel {
  private readonly state: ReadState;

  constructor(
    readonly access: 'PACE' | 'BAC',
    readonly key: AccessKey,
    private channel: ApduTransceiver,
    private readonly reauthenticate: Authenticator,
    private readonly options: OpenSessionOptions,
  ) {
    this.state = { chunk: Math.min(options.maxReadLength ?? DEFAULT_MAX_READ, 0xff) };
  }

  transceiver(): ApduTransceiver {
    return this.channel;
  }

  async recover(): Promise<void> {
    this.options.log?.(`recovering: re-running ${this.access}`);
    this.channel = await this.reauthenticate();
  }

  readFile(fid: number, options: ReadOptions = {}): Promise<Uint8Array> {
    return readElementaryFile(this, fid, this.state, {
      timeoutMs: this.options.apduTimeoutMs ?? DEFAULT_APDU_TIMEOUT_MS,
      maxRecoveries: this.options.maxRecoveries ?? 1,
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    });
  }
}

async function readCardAccess(
  transceiver: ApduTransceiver,
  options: OpenSessionOptions,
  timeoutMs: number,
): Promise<PaceInfo[]> {
  const plain: FileChannel = {
    transceiver: () => transceiver,
    recover: () => Promise.reject(cardError('CARD_PROTOCOL', 'No recovery before authentication')),
  };
  let bytes: Uint8Array | undefined;
  try {
    bytes = await readElementaryFile(
      plain,
      LDS_FILE_IDS.CARD_ACCESS,
      { chunk: DEFAULT_MAX_READ },
      {
        timeoutMs,
        maxRecoveries: 0,
      },
    );
  } catch (err) {
    if (
      !(err instanceof AppError) ||
      (!err.code.startsWith('CARD_FILE') && err.code !== 'CARD_PROTOCOL')
    ) {
      throw err;
    }
    options.log?.(`EF.CardAccess not readable (${err.code})`);
    bytes = options.cardAccessFallback;
  }
  if (bytes === undefined) return [];
  try {
    return parseCardAccess(bytes).pace.filter(isSupportedPace);
  } catch (err) {
    options.log?.(
      `EF.CardAccess not parsable: ${err instanceof Error ? err.message : String(err)}`,
    );
    return [];
  }
}

/**
 * Opens an authenticated, secure-messaging session with an eMRTD chip (ICAO 9303-11 §4.2):
 * reads EF.CardAccess, tries PACE with each key (CAN keys first) when offered, then BAC with
 * each MRZ key, and selects the eMRTD application by AID (never SELECT MF: the CCCD answers
 * 6D00). Errors: CARD_ACCESS_DENIED (no key worked), CARD_REMOVED (card stopped answering),
 * CARD_PROTOCOL, CARD_SM_MAC_INVALID.
 */
export async function openSecureSession(
  transceiver: ApduTransceiver,
  keyOrKeys: AccessKey | readonly AccessKey[],
  options: OpenSessionOptions = {},
): Promise<SecureSession> {
  const keys: readonly AccessKey[] = Array.isArray(keyOrKeys)
    ? keyOrKeys
    : [keyOrKeys as AccessKey];
  if (keys.length === 0) throw new AppError('INVALID_INPUT', 'No access key given');
  const timeoutMs = options.apduTimeoutMs ?? DEFAULT_APDU_TIMEOUT_MS;
  const log = options.log ?? ((): void => undefined);
  const random = options.random === undefined ? {} : { random: options.random };
  try {
    const paceInfos =
      options.disablePace === true ? [] : await readCardAccess(transceiver, options, timeoutMs);
    const denied: string[] = [];
    const pace = paceInfos[0];
    if (pace !== undefined) {
      const paceKeys = [
        ...keys.filter((k) => k.kind === 'CAN'),
        ...keys.filter((k) => k.kind === 'MRZ'),
      ];
      for (const key of paceKeys) {
        const authenticate: Authenticator = async () => {
          const sm = await performPace(transceiver, pacePassword(key), pace, {
            ...random,
            timeoutMs,
          });
          const channel = new SecureMessagingTransceiver(transceiver, sm);
          await selectApplication(channel, timeoutMs);
          return channel;
        };
        try {
          log(`PACE ${pace.oid} with ${key.kind}`);
          const channel = await authenticate();
          log('PACE succeeded');
          const recoverPace: Authenticator = async () => {
            // Any plain command ends a half-dead SM session on the chip before PACE restarts.
            await transceiver.transceive(
              encodeCommandApdu({
                cla: 0,
                ins: INS.SELECT,
                p1: 0x02,
                p2: 0x0c,
                data: Uint8Array.of(0x01, 0x1c),
              }),
              timeoutMs,
            );
            return authenticate();
          };
          return new ChipSession('PACE', key, channel, recoverPace, options);
        } catch (err) {
          if (!(err instanceof AppError) || isTransientReaderError(err)) throw err;
          if (err.code === 'CARD_ACCESS_DENIED') {
            denied.push(`PACE/${key.kind}`);
            continue;
          }
          if (err.code === 'CARD_PROTOCOL' || err.code === 'CARD_SM_MAC_INVALID') {
            log(`PACE failed (${err.message}); falling back to BAC`);
            break;
          }
          throw err;
        }
      }
    }
    const mrzKeys = keys.filter((k): k is Extract<AccessKey, { kind: 'MRZ' }> => k.kind === 'MRZ');
    for (const [index, key] of mrzKeys.entries()) {
      const bacKeys = deriveBacKeys(key);
      const authenticate: Authenticator = async () => {
        await selectApplication(transceiver, timeoutMs);
        const sm = await performBac(transceiver, bacKeys, { ...random, timeoutMs });
        return new SecureMessagingTransceiver(transceiver, sm);
      };
      try {
        log(`BAC with MRZ key ${index + 1} of ${mrzKeys.length}`);
        const channel = await authenticate();
        log('BAC succeeded');
        return new ChipSession('BAC', key, channel, authenticate, options);
      } catch (err) {
        if (err instanceof AppError && err.code === 'CARD_ACCESS_DENIED') {
          denied.push('BAC');
          continue;
        }
        throw err;
      }
    }
    throw cardError(
      'CARD_ACCESS_DENIED',
      denied.length > 0
        ? `No key opened the chip (tried ${denied.join(', ')})`
        : 'The chip offers no PACE and no MRZ key was given for BAC',
    );
  } catch (err) {
    if (isTransientReaderError(err)) throw cardRemoved(err);
    throw err;
  }
}

export type LdsFiles = { readonly [K in LdsFileName]?: Uint8Array };

/**
 * Reads the raw bytes of EF.COM, DG1, DG2, DG13, DG14, DG15 and EF.SOD (or the subset `which`).
 * Files the chip does not have (6A82) are left out.
 */
export async function readLdsFiles(
  session: SecureSession,
  which: readonly LdsFileName[] = LDS_FILE_NAMES,
  options: {
    readonly onProgress?: (file: LdsFileName, bytesRead: number, total: number | undefined) => void;
  } = {},
): Promise<LdsFiles> {
  const out: { [K in LdsFileName]?: Uint8Array } = {};
  for (const name of which) {
    try {
      const onProgress = options.onProgress;
      out[name] = await session.readFile(
        LDS_FILE_IDS[name],
        onProgress === undefined
          ? {}
          : { onProgress: (read, total) => onProgress(name, read, total) },
      );
    } catch (err) {
      if (err instanceof AppError && err.code === 'CARD_FILE_NOT_FOUND') continue;
      throw err;
    }
  }
  return out;
}
