import type { CitizenIdentity } from '../../../common/citizen-identity.js';
import { AppError, toErrorInfo, type ErrorInfo } from '../../../common/errors.js';
import type { CccdQr } from '../../../common/qr/cccd-qr.js';
import type { Logger } from '../log/logger.js';
import type {
  CardDocument,
  CardDocumentInterpreter,
  CardDocumentReader,
  DocumentFileName,
  RawFrame,
} from './card-document-port.js';
import { resolveIdentityKey, type IdentityKey } from './identity-key.js';

export interface IdentityTimeouts {
  /** Opening and initialising the reader. */
  readonly openMs: number;
  /** Waiting for a card to be placed (per readCard unless the request says otherwise). */
  readonly waitForCardMs: number;
  /** PACE / BAC including every key candidate. */
  readonly authenticateMs: number;
  /** One whole file (DG2, ~15 KB, takes ~1.5 s at 115200 baud). */
  readonly fileMs: number;
  /** Parsing, passive authentication and mapping. */
  readonly interpretMs: number;
}

export const DEFAULT_IDENTITY_TIMEOUTS: IdentityTimeouts = {
  openMs: 5_000,
  waitForCardMs: 20_000,
  authenticateMs: 20_000,
  fileMs: 15_000,
  interpretMs: 10_000,
};

export type ReadStep =
  'open' | 'wait-card' | 'authenticate' | `read-${DocumentFileName}` | 'verify';

export interface ReadProgress {
  readonly step: ReadStep;
  readonly bytesRead?: number;
  readonly totalBytes?: number;
}

export interface ReadCardRequest {
  readonly key: IdentityKey;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ReadProgress) => void;
  /** Overrides timeouts.waitForCardMs for this read. */
  readonly waitForCardMs?: number;
}

/** What the setup screen shows about the last read attempt (kept in memory only). */
export interface ReadLog {
  readonly startedAt: string;
  finishedAt?: string;
  outcome?: 'ok' | ErrorInfo;
  access?: 'PACE' | 'BAC';
  keyKind?: 'CAN' | 'MRZ';
  readonly steps: { step: ReadStep; ms: number; ok: boolean }[];
  /** Byte size of each file read. */
  readonly files: Partial<Record<DocumentFileName, number>>;
  /** The ICAO engine's step log (no key material, no ID digits). */
  readonly lines: string[];
  /** Raw reader frames of this read, oldest first; past `maxFrames` the oldest are dropped. */
  readonly frames: RawFrame[];
  framesDropped: number;
  readonly warnings: string[];
}

export interface IdentityServiceOptions {
  readonly reader: CardDocumentReader;
  readonly interpreter: CardDocumentInterpreter;
  /** CSCA trust-store folder (a function: the technician can change it at any time). */
  readonly trustDir?: string | (() => string | undefined);
  readonly timeouts?: Partial<IdentityTimeouts>;
  readonly log?: Logger;
  /** Frames kept per read log (default 4000). */
  readonly maxFrames?: number;
}

const OPTIONAL_GROUPS: readonly [DocumentFileName, number][] = [
  ['DG14', 14],
  ['DG15', 15],
];

/**
 * Reads a CCCD chip end to end (research §7): waits for a card, opens secure messaging (PACE
 * first, BAC fallback with every expiry candidate), reads EF.COM, DG1, DG2, DG13, DG14/DG15 when
 * EF.COM lists them, and EF.SOD, runs passive authentication against the CSCA trust store and
 * maps to a CitizenIdentity. Each step has a timeout; errors are AppErrors with stable codes.
 * The identity and the read log live in memory only, until wipe().
 */
export class IdentityService {
  private readonly timeouts: IdentityTimeouts;
  private identity: CitizenIdentity | undefined;
  private log_: ReadLog | undefined;
  private current: AbortController | undefined;
  private readonly frameListeners = new Set<(frame: RawFrame) => void>();
  private readonly unsubscribeFrames: () => void;

  constructor(private readonly options: IdentityServiceOptions) {
    this.timeouts = { ...DEFAULT_IDENTITY_TIMEOUTS, ...options.timeouts };
    this.unsubscribeFrames = options.reader.onFrame((frame) => this.frame(frame));
  }

  /** The identity of the last successful read, until wipe(). */
  get lastIdentity(): CitizenIdentity | undefined {
    return this.identity;
  }

  /** The last read attempt's steps, engine log and raw frames (setup screen), until wipe(). */
  get lastRead(): ReadLog | undefined {
    return this.log_;
  }

  get busy(): boolean {
    return this.current !== undefined;
  }

  /** Live raw frames (setup screen's test read); returns an unsubscribe function. */
  onFrame(listener: (frame: RawFrame) => void): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  /**
   * Reads the card on the reader. Errors: QR_PAYLOAD_INVALID / INVALID_INPUT (key), DEVICE_BUSY
   * (a read is running), DEVICE_* (reader), CARD_NOT_PRESENT, CARD_ACCESS_DENIED, CARD_REMOVED,
   * CARD_PROTOCOL, CARD_SM_MAC_INVALID, ID_CARD_DATA_INVALID, TIMEOUT (a step overran or the
   * read was cancelled by `signal` or wipe()).
   */
  async readCard(request: ReadCardRequest): Promise<CitizenIdentity> {
    if (this.current) throw new AppError('DEVICE_BUSY', 'A card read is already running');
    const resolved = resolveIdentityKey(request.key);
    const controller = new AbortController();
    const onOuterAbort = (): void => controller.abort();
    if (request.signal?.aborted === true) controller.abort();
    request.signal?.addEventListener('abort', onOuterAbort, { once: true });
    this.current = controller;
    const log: ReadLog = {
      startedAt: new Date().toISOString(),
      steps: [],
      files: {},
      lines: [],
      frames: [],
      framesDropped: 0,
      warnings: [],
    };
    this.log_ = log;
    try {
      const identity = await this.run(resolved.key, request, controller.signal, log);
      if (resolved.qr) log.warnings.push(...crossCheck(resolved.qr, identity));
      if (controller.signal.aborted) throw cancelled();
      this.identity = identity;
      log.outcome = 'ok';
      this.options.log?.info('card read', {
        access: identity.access,
        passiveAuth: identity.passiveAuth.status,
      });
      return identity;
    } catch (err) {
      const error = asAppError(err);
      log.outcome = error.toInfo();
      this.options.log?.warn('card read failed', { code: error.code });
      if (error.code === 'DEVICE_NOT_CONNECTED' || error.code === 'DEVICE_PROTOCOL') {
        await this.options.reader.close().catch(() => undefined);
      }
      throw error;
    } finally {
      log.finishedAt = new Date().toISOString();
      request.signal?.removeEventListener('abort', onOuterAbort);
      this.current = undefined;
    }
  }

  /** Session reset: drops the identity and the read log, cancels a read in progress. */
  wipe(): void {
    this.current?.abort();
    this.identity = undefined;
    this.log_ = undefined;
  }

  async close(): Promise<void> {
    this.current?.abort();
    this.unsubscribeFrames();
    await this.options.reader.close();
  }

  private async run(
    key: Parameters<CardDocument['authenticate']>[0],
    request: ReadCardRequest,
    signal: AbortSignal,
    log: ReadLog,
  ): Promise<CitizenIdentity> {
    const t = this.timeouts;
    const { reader, interpreter } = this.options;
    const progress = request.onProgress ?? ((): void => undefined);
    const step = <T>(
      name: ReadStep,
      ms: number,
      work: (s: AbortSignal) => Promise<T>,
    ): Promise<T> => {
      progress({ step: name });
      return runStep(name, ms, signal, log, work);
    };
    if (!reader.isOpen) {
      try {
        await step('open', t.openMs, () => reader.open(t.openMs));
      } catch (err) {
        await reader.close().catch(() => undefined); // start clean on the next read
        throw err;
      }
    }
    const waitMs = request.waitForCardMs ?? t.waitForCardMs;
    const card = await step('wait-card', waitMs + 1_000, (s) => reader.waitForCard(waitMs, s));
    try {
      const auth = await step('authenticate', t.authenticateMs, (s) =>
        card.authenticate(key, { signal: s, log: (line) => log.lines.push(line) }),
      );
      log.access = auth.access;
      log.keyKind = auth.keyKind;
      const files = new Map<DocumentFileName, Uint8Array>();
      const read = async (name: DocumentFileName): Promise<void> => {
        const bytes = await step(`read-${name}`, t.fileMs, (s) =>
          card.readFile(name, {
            signal: s,
            onProgress: (bytesRead, totalBytes) =>
              progress({
                step: `read-${name}`,
                bytesRead,
                ...(totalBytes === undefined ? {} : { totalBytes }),
              }),
          }),
        );
        if (bytes) {
          files.set(name, bytes);
          log.files[name] = bytes.length;
        }
      };
      await read('COM');
      await read('DG1');
      await read('DG2');
      await read('DG13');
      const com = files.get('COM');
      const listed = com ? interpreter.listedDataGroups(com) : undefined;
      for (const [name, dg] of OPTIONAL_GROUPS) {
        if (listed === undefined || listed.includes(dg)) await read(name);
      }
      await read('SOD');
      return await step('verify', t.interpretMs, () =>
        interpreter.interpret({ files, access: auth.access, trustDir: this.trustDir() }),
      );
    } finally {
      await card.release();
    }
  }

  private trustDir(): string | undefined {
    const dir = this.options.trustDir;
    return typeof dir === 'function' ? dir() : dir;
  }

  private frame(frame: RawFrame): void {
    const log = this.current ? this.log_ : undefined;
    if (log) {
      // Keep the newest: a long wait for the card polls a lot before the read that matters.
      if (log.frames.length >= (this.options.maxFrames ?? 4_000)) {
        log.frames.shift();
        log.framesDropped++;
      }
      log.frames.push(frame);
    }
    for (const l of [...this.frameListeners]) {
      try {
        l(frame);
      } catch {
        // a broken listener must not break card reading
      }
    }
  }
}

/** Runs one step under its own timeout and the read's cancel signal. */
async function runStep<T>(
  name: ReadStep,
  timeoutMs: number,
  outer: AbortSignal,
  log: ReadLog,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  if (outer.aborted) throw cancelled();
  const controller = new AbortController();
  const started = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new AppError('TIMEOUT', `Card read step ${name} took longer than ${timeoutMs} ms`));
    }, timeoutMs);
    onAbort = (): void => {
      controller.abort();
      reject(cancelled());
    };
    outer.addEventListener('abort', onAbort, { once: true });
  });
  const running = work(controller.signal);
  running.catch(() => undefined); // settled later if the step was abandoned
  try {
    const value = await Promise.race([running, stop]);
    log.steps.push({ step: name, ms: Date.now() - started, ok: true });
    return value;
  } catch (err) {
    log.steps.push({ step: name, ms: Date.now() - started, ok: false });
    throw err;
  } finally {
    clearTimeout(timer);
    if (onAbort) outer.removeEventListener('abort', onAbort);
  }
}

/** Research §7 step 7: the QR's ID, birth and issue dates (fields 0, 3, 6) against the chip. */
function crossCheck(qr: CccdQr, identity: CitizenIdentity): string[] {
  const out: string[] = [];
  if (qr.idNumber !== identity.idNumber) out.push('QR and chip carry different ID numbers');
  if (qr.dateOfBirth !== identity.dateOfBirth) out.push('QR and chip differ on the date of birth');
  if (identity.issueDate !== undefined && qr.issueDate !== identity.issueDate) {
    out.push('QR and chip differ on the issue date');
  }
  return out;
}

function cancelled(): AppError {
  return new AppError('TIMEOUT', 'Card read cancelled');
}

function asAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const info = toErrorInfo(err);
  return new AppError(
    info.code,
    `Unexpected error while reading the card: ${err instanceof Error ? err.message : String(err)}`,
    { cause: err },
  );
}
