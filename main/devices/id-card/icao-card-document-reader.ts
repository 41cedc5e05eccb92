import type { CitizenIdentity, PassiveAuthResult } from '../../../common/citizen-identity.js';
import { AppError } from '../../../common/errors.js';
import { toHex } from '../../../common/hex.js';
import type {
  AuthenticatedDocument,
  AuthenticateOptions,
  CardDocument,
  CardDocumentInterpreter,
  CardDocumentReader,
  DocumentAccessKey,
  DocumentFileName,
  InterpretInput,
  RawFrame,
  ReaderDescription,
  ReadFileOptions,
} from '../../services/identity/card-document-port.js';
import type { ByteTransport } from '../transport/byte-transport.js';
import type { ApduTransceiver } from './apdu-transceiver.js';
import { toCitizenIdentity } from './citizen-identity-mapper.js';
import type { AccessKey } from './icao9303/authenticate-chip.js';
import { cccdDocumentNumber } from './icao9303/bac-key.js';
import { cccdAccessKeys } from './icao9303/cccd-access-keys.js';
import { LDS_FILE_IDS } from './icao9303/lds-file-ids.js';
import { parseDg1 } from './icao9303/lds/dg1.js';
import { parseDg13 } from './icao9303/lds/dg13.js';
import { parseDg2 } from './icao9303/lds/dg2.js';
import { parseEfCom } from './icao9303/lds/ef-com.js';
import { CCCD_CARD_ACCESS } from './icao9303/pace/card-access.js';
import { verifyPassiveAuth } from './icao9303/passive-auth/passive-authenticator.js';
import { loadTrustStore, type TrustStore } from './icao9303/passive-auth/trust-store.js';
import { openSecureSession, type SecureSession } from './icao9303/secure-session.js';
import type { CardSession, IdCardReader } from './id-card-reader.js';
import { Pn532IdCardReader, type Pn532IdCardReaderOptions } from './pn532/pn532-id-card-reader.js';

export interface IcaoCardDocumentReaderOptions {
  /** Host-side timeout per APDU (default 1500 ms; the reader reports a card taken away sooner). */
  readonly apduTimeoutMs?: number;
  /** Largest READ BINARY Le (default 0xDF). */
  readonly maxReadLength?: number;
  /** Assume the CCCD's EF.CardAccess when the chip's cannot be read (research §7 step 3). */
  readonly cardAccessFallback?: boolean;
  /** Where raw frames come from (see pn532CardDocumentReader). */
  readonly subscribeFrames?: (listener: (frame: RawFrame) => void) => () => void;
}

/** Stops an ICAO exchange sequence at the next APDU once its step was abandoned. */
class AbortableTransceiver implements ApduTransceiver {
  signal: AbortSignal | undefined;
  constructor(private readonly inner: ApduTransceiver) {}
  transceive(apdu: Uint8Array, timeoutMs?: number): Promise<Uint8Array> {
    if (this.signal?.aborted === true) {
      return Promise.reject(new AppError('TIMEOUT', 'Card step abandoned (timeout or cancel)'));
    }
    return this.inner.transceive(apdu, timeoutMs);
  }
}

/** The port's keys → the ICAO engine's candidate list (CAN first, then BAC expiry guesses). */
export function accessKeysFor(key: DocumentAccessKey): AccessKey[] {
  switch (key.kind) {
    case 'cccd':
      return cccdAccessKeys({
        idNumber: key.idNumber,
        dateOfBirth: key.dateOfBirth,
        ...(key.issueDate === undefined ? {} : { issueDate: key.issueDate }),
      });
    case 'can':
      if (!/^\d{6}$/.test(key.can)) throw new AppError('INVALID_INPUT', 'A CAN has 6 digits');
      return [{ kind: 'CAN', can: key.can }];
    case 'mrz': {
      const doc = key.documentNumber.trim().toUpperCase();
      const documentNumber = /^\d{12}$/.test(doc) ? cccdDocumentNumber(doc) : doc;
      if (!/^[0-9A-Z<]{1,9}$/.test(documentNumber)) {
        throw new AppError('INVALID_INPUT', 'MRZ document number must be 9 characters (or the ID)');
      }
      if (!/^\d{6}$/.test(key.dateOfBirth) || !/^\d{6}$/.test(key.dateOfExpiry)) {
        throw new AppError('INVALID_INPUT', 'MRZ dates must be yymmdd');
      }
      return [
        {
          kind: 'MRZ',
          documentNumber,
          dateOfBirth: key.dateOfBirth,
          dateOfExpiry: key.dateOfExpiry,
        },
      ];
    }
  }
}

class IcaoCardDocument implements CardDocument {
  readonly cardType: 'A' | 'B';
  private readonly channel: AbortableTransceiver;
  private session: SecureSession | undefined;

  constructor(
    private readonly card: CardSession,
    private readonly options: IcaoCardDocumentReaderOptions,
  ) {
    this.cardType = card.type;
    this.channel = new AbortableTransceiver(card);
  }

  async authenticate(
    key: DocumentAccessKey,
    options: AuthenticateOptions = {},
  ): Promise<AuthenticatedDocument> {
    const keys = accessKeysFor(key);
    this.channel.signal = options.signal;
    const o = this.options;
    this.session = await openSecureSession(this.channel, keys, {
      apduTimeoutMs: o.apduTimeoutMs ?? 1_500,
      ...(o.maxReadLength === undefined ? {} : { maxReadLength: o.maxReadLength }),
      ...(o.cardAccessFallback === true ? { cardAccessFallback: CCCD_CARD_ACCESS } : {}),
      ...(options.log === undefined ? {} : { log: options.log }),
    });
    return { access: this.session.access, keyKind: this.session.key.kind };
  }

  async readFile(
    name: DocumentFileName,
    options: ReadFileOptions = {},
  ): Promise<Uint8Array | undefined> {
    const session = this.session;
    if (!session) throw new AppError('CARD_PROTOCOL', 'Read before the chip was authenticated');
    this.channel.signal = options.signal;
    try {
      return await session.readFile(
        LDS_FILE_IDS[name],
        options.onProgress === undefined ? {} : { onProgress: options.onProgress },
      );
    } catch (err) {
      if (err instanceof AppError && err.code === 'CARD_FILE_NOT_FOUND') return undefined;
      throw err;
    }
  }

  release(): Promise<void> {
    return this.card.release().catch(() => undefined);
  }
}

/** CardDocumentReader over any IdCardReader (PN532 today, PC/SC later) and the ICAO engine. */
export class IcaoCardDocumentReader implements CardDocumentReader {
  constructor(
    private readonly reader: IdCardReader,
    private readonly options: IcaoCardDocumentReaderOptions = {},
  ) {}

  private open_ = false;

  get isOpen(): boolean {
    return this.open_;
  }

  async open(timeoutMs: number): Promise<ReaderDescription> {
    const info = await this.reader.open(timeoutMs);
    this.open_ = true;
    return { kind: info.kind, description: info.description };
  }

  async waitForCard(timeoutMs: number, signal?: AbortSignal): Promise<CardDocument> {
    const card = await this.reader.waitForCard(timeoutMs, signal);
    return new IcaoCardDocument(card, this.options);
  }

  onFrame(listener: (frame: RawFrame) => void): () => void {
    return this.options.subscribeFrames?.(listener) ?? (() => undefined);
  }

  async close(): Promise<void> {
    this.open_ = false;
    await this.reader.close();
  }
}

/** A PN532 on `transport` as a CardDocumentReader, its wire frames feeding `onFrame`. */
export function pn532CardDocumentReader(
  transport: ByteTransport,
  options: IcaoCardDocumentReaderOptions & { readonly pn532?: Pn532IdCardReaderOptions } = {},
): IcaoCardDocumentReader {
  const listeners = new Set<(frame: RawFrame) => void>();
  const reader = new Pn532IdCardReader(transport, {
    ...options.pn532,
    onFrame: (entry) => {
      const frame: RawFrame = {
        at: entry.at,
        direction: entry.direction,
        kind: entry.kind,
        hex: toHex(entry.bytes),
        ...(entry.note === undefined ? {} : { note: entry.note }),
      };
      for (const l of [...listeners]) l(frame);
      options.pn532?.onFrame?.(entry);
    },
  });
  return new IcaoCardDocumentReader(reader, {
    ...options,
    subscribeFrames: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
}

const DATA_GROUPS: readonly [DocumentFileName, number][] = [
  ['DG1', 1],
  ['DG2', 2],
  ['DG13', 13],
  ['DG14', 14],
  ['DG15', 15],
];

/** LDS parsers + passive authentication + the CitizenIdentity mapper. */
export class IcaoCardDocumentInterpreter implements CardDocumentInterpreter {
  constructor(private readonly options: { readonly now?: () => Date } = {}) {}

  listedDataGroups(com: Uint8Array): readonly number[] | undefined {
    try {
      return parseEfCom(com).dataGroups;
    } catch {
      return undefined;
    }
  }

  async interpret(input: InterpretInput): Promise<CitizenIdentity> {
    const { files } = input;
    const dg1Bytes = files.get('DG1');
    if (!dg1Bytes) throw new AppError('ID_CARD_DATA_INVALID', 'DG1 (MRZ) was not read');
    const dg1 = parseDg1(dg1Bytes);
    const dg2Bytes = files.get('DG2');
    const dg13Bytes = files.get('DG13');
    const now = this.options.now?.() ?? new Date();
    const passiveAuth = await this.passiveAuth(input, now);
    return toCitizenIdentity({
      dg1,
      ...(dg2Bytes ? { dg2: parseDg2(dg2Bytes) } : {}),
      ...(dg13Bytes ? { dg13: parseDg13(dg13Bytes) } : {}),
      passiveAuth,
      access: input.access,
      now,
    });
  }

  private async passiveAuth(input: InterpretInput, now: Date): Promise<PassiveAuthResult> {
    const sod = input.files.get('SOD');
    if (!sod)
      return { status: 'failed', detail: 'EF.SOD was not read: nothing vouches for the data' };
    const dataGroups = new Map<number, Uint8Array>();
    for (const [name, dg] of DATA_GROUPS) {
      const bytes = input.files.get(name);
      if (bytes) dataGroups.set(dg, bytes);
    }
    const trustStore: TrustStore =
      input.trustDir === undefined
        ? { directory: '(none)', anchors: [], problems: ['no trust-store folder configured'] }
        : await loadTrustStore(input.trustDir);
    const report = await verifyPassiveAuth({ sod, dataGroups, trustStore, now });
    return { status: report.status, detail: report.detail };
  }
}
