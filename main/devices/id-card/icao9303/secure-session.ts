import { AppError } from '../../../../common/errors';
import type { ApduTransceiver } from '../apdu-transceiver';
import { authenticateChip, type AccessKey, type Reauthenticate } from './authenticate-chip';
import {
  cardRemoved,
  DEFAULT_MAX_READ,
  isTransientReaderError,
  readElementaryFile,
  type FileChannel,
  type ReadState,
} from './file-reader';
import { LDS_FILE_IDS, LDS_FILE_NAMES, type LdsFileName } from './lds-file-ids';
import type { RandomSource } from './random-source';
import { SecureMessagingTransceiver } from './secure-messaging-transceiver';

export type { AccessKey } from './authenticate-chip';

export interface OpenSessionOptions {
  /** Timeout per APDU (ms); default: the reader driver's own (PN532: 1500 ms). */
  readonly apduTimeoutMs?: number;
  /** Largest Le for READ BINARY (default 0xDF, at most 0xFF). */
  readonly maxReadLength?: number;
  /** Re-authentications per file after reader errors (default 1). */
  readonly maxRecoveries?: number;
  /** Fresh starts of the whole access control after a reader error (default 1). */
  readonly openRetries?: number;
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
  /**
   * Reads a whole EF of the eMRTD application under secure messaging. Errors:
   * CARD_FILE_NOT_FOUND, CARD_FILE_PROTECTED, CARD_REMOVED, CARD_SM_MAC_INVALID, CARD_PROTOCOL.
   */
  readFile(fid: number, options?: ReadOptions): Promise<Uint8Array>;
}

class ChipSession implements SecureSession, FileChannel {
  private readonly state: ReadState;

  constructor(
    readonly access: 'PACE' | 'BAC',
    readonly key: AccessKey,
    private channel: ApduTransceiver,
    private readonly reauthenticate: Reauthenticate,
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

  async readFile(fid: number, options: ReadOptions = {}): Promise<Uint8Array> {
    if (this.channel instanceof SecureMessagingTransceiver && this.channel.sm.plainErrorSeen) {
      try {
        await this.recover();
      } catch (err) {
        throw isTransientReaderError(err) ? cardRemoved(err) : err;
      }
    }
    return readElementaryFile(this, fid, this.state, {
      timeoutMs: this.options.apduTimeoutMs,
      maxRecoveries: this.options.maxRecoveries ?? 1,
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    });
  }
}

/**
 * Opens an authenticated, secure-messaging session with an eMRTD chip: PACE first when
 * EF.CardAccess offers it, BAC as fallback (see authenticateChip). A reader error restarts the
 * whole access control once; errors: CARD_ACCESS_DENIED (no key worked), CARD_REMOVED (card
 * stopped answering), CARD_PROTOCOL, CARD_SM_MAC_INVALID, INVALID_INPUT (malformed keys).
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
  const log = options.log ?? ((): void => undefined);
  const retries = options.openRetries ?? 1;
  for (let attempt = 0; ; attempt++) {
    try {
      const chip = await authenticateChip(transceiver, keys, {
        timeoutMs: options.apduTimeoutMs,
        log,
        ...(options.random === undefined ? {} : { random: options.random }),
        ...(options.disablePace === undefined ? {} : { disablePace: options.disablePace }),
        ...(options.cardAccessFallback === undefined
          ? {}
          : { cardAccessFallback: options.cardAccessFallback }),
      });
      return new ChipSession(chip.access, chip.key, chip.channel, chip.reauthenticate, options);
    } catch (err) {
      if (!isTransientReaderError(err)) throw err;
      if (attempt >= retries) throw cardRemoved(err);
      log(
        `reader error while opening (${err instanceof AppError ? err.code : 'unknown'}); starting over`,
      );
    }
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
    const onProgress = options.onProgress;
    try {
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
