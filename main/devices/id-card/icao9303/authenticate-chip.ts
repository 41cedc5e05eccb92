import { AppError } from '../../../../common/errors';
import type { ApduTransceiver } from '../apdu-transceiver';
import { cardError } from './card-error';
import { decodeResponseApdu, encodeCommandApdu, INS, swHex, SW } from './apdu';
import { performBac } from './bac';
import { deriveBacKeys, type MrzKeyData } from './bac-key';
import {
  DEFAULT_MAX_READ,
  isTransientReaderError,
  readElementaryFile,
  type FileChannel,
} from './file-reader';
import { EMRTD_AID, LDS_FILE_IDS } from './lds-file-ids';
import { parseCardAccess, type PaceInfo } from './pace/card-access';
import { isSupportedPace, performPace } from './pace/pace';
import type { PacePassword } from './pace/pace-crypto';
import type { RandomSource } from './random-source';
import { SecureMessagingTransceiver } from './secure-messaging-transceiver';

/** Key material that opens a chip: a CAN (PACE only) or the MRZ fields (PACE or BAC). */
export type AccessKey =
  { readonly kind: 'CAN'; readonly can: string } | ({ readonly kind: 'MRZ' } & MrzKeyData);

export interface AuthenticateOptions {
  /** Per-APDU timeout; undefined leaves it to the reader driver. */
  readonly timeoutMs: number | undefined;
  /** EF.CardAccess to assume when the chip has none readable (e.g. CCCD_CARD_ACCESS). */
  readonly cardAccessFallback?: Uint8Array;
  /** Skip PACE even when EF.CardAccess offers it. */
  readonly disablePace?: boolean;
  readonly random?: RandomSource;
  readonly log: (line: string) => void;
}

/** Re-runs the access control that worked and returns a fresh SM channel. */
export type Reauthenticate = () => Promise<ApduTransceiver>;

export interface AuthenticatedChip {
  readonly access: 'PACE' | 'BAC';
  readonly key: AccessKey;
  readonly channel: ApduTransceiver;
  readonly reauthenticate: Reauthenticate;
}

const SELECT_BY_AID = { p1: 0x04, p2: 0x0c } as const;

async function selectApplication(
  transceiver: ApduTransceiver,
  timeoutMs: number | undefined,
): Promise<void> {
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

/** Any plain command ends a half-dead SM session on the chip (ISO/IEC 7816-4 §10.2). */
async function endSecureMessaging(
  transceiver: ApduTransceiver,
  timeoutMs: number | undefined,
): Promise<void> {
  await transceiver.transceive(
    encodeCommandApdu({
      cla: 0,
      ins: INS.SELECT,
      p1: 0x02,
      p2: 0x0c,
      data: Uint8Array.of(LDS_FILE_IDS.CARD_ACCESS >>> 8, LDS_FILE_IDS.CARD_ACCESS & 0xff),
    }),
    timeoutMs,
  );
}

async function readPaceInfos(
  transceiver: ApduTransceiver,
  options: AuthenticateOptions,
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
      { timeoutMs: options.timeoutMs, maxRecoveries: 0 },
    );
  } catch (err) {
    const fileProblem =
      err instanceof AppError &&
      (err.code === 'CARD_FILE_NOT_FOUND' ||
        err.code === 'CARD_FILE_PROTECTED' ||
        err.code === 'CARD_PROTOCOL');
    if (!fileProblem) throw err;
    options.log(`EF.CardAccess not readable (${err.code})`);
    bytes = options.cardAccessFallback;
  }
  if (bytes === undefined) return [];
  try {
    return parseCardAccess(bytes).pace.filter(isSupportedPace);
  } catch (err) {
    options.log(`EF.CardAccess not parsable: ${err instanceof Error ? err.message : String(err)}`);
    return [];
  }
}

function pacePassword(key: AccessKey): PacePassword {
  return key.kind === 'CAN' ? { kind: 'CAN', can: key.can } : { kind: 'MRZ', mrz: key };
}

/**
 * ICAO 9303-11 §4.2 access control: EF.CardAccess, PACE with each key (CAN keys first) when
 * offered, else / then BAC with each MRZ key; the eMRTD application is selected by AID (never
 * SELECT MF: the CCCD answers 6D00). Throws CARD_ACCESS_DENIED when no key opens the chip.
 */
export async function authenticateChip(
  transceiver: ApduTransceiver,
  keys: readonly AccessKey[],
  options: AuthenticateOptions,
): Promise<AuthenticatedChip> {
  const { timeoutMs, log } = options;
  const random = options.random === undefined ? {} : { random: options.random };
  const denied: string[] = [];
  let paceError: AppError | undefined;
  const pace =
    options.disablePace === true ? undefined : (await readPaceInfos(transceiver, options))[0];
  if (pace !== undefined) {
    const paceKeys = [
      ...keys.filter((k) => k.kind === 'CAN'),
      ...keys.filter((k) => k.kind === 'MRZ'),
    ];
    for (const key of paceKeys) {
      const authenticate: Reauthenticate = async () => {
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
        const reauthenticate: Reauthenticate = async () => {
          await endSecureMessaging(transceiver, timeoutMs);
          return authenticate();
        };
        return { access: 'PACE', key, channel, reauthenticate };
      } catch (err) {
        if (!(err instanceof AppError) || isTransientReaderError(err)) throw err;
        if (err.code === 'CARD_ACCESS_DENIED') {
          denied.push(`PACE/${key.kind}`);
          continue;
        }
        if (err.code === 'CARD_PROTOCOL' || err.code === 'CARD_SM_MAC_INVALID') {
          log(`PACE failed (${err.message}); falling back to BAC`);
          paceError = err;
          break;
        }
        throw err;
      }
    }
  }
  const mrzKeys = keys.filter((k): k is Extract<AccessKey, { kind: 'MRZ' }> => k.kind === 'MRZ');
  for (const [index, key] of mrzKeys.entries()) {
    const bacKeys = deriveBacKeys(key);
    const authenticate: Reauthenticate = async () => {
      await selectApplication(transceiver, timeoutMs);
      const sm = await performBac(transceiver, bacKeys, { ...random, timeoutMs });
      return new SecureMessagingTransceiver(transceiver, sm);
    };
    try {
      log(`BAC with MRZ key ${index + 1} of ${mrzKeys.length}`);
      const channel = await authenticate();
      log('BAC succeeded');
      return { access: 'BAC', key, channel, reauthenticate: authenticate };
    } catch (err) {
      if (err instanceof AppError && err.code === 'CARD_ACCESS_DENIED') {
        denied.push('BAC');
        continue;
      }
      throw err;
    }
  }
  if (denied.length === 0 && paceError !== undefined) throw paceError;
  throw cardError(
    'CARD_ACCESS_DENIED',
    denied.length > 0
      ? `No key opened the chip (tried ${denied.join(', ')})`
      : 'The chip offers no PACE and no MRZ key was given for BAC',
  );
}
