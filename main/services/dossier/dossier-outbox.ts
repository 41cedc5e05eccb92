import { randomUUID } from 'node:crypto';
import { AppError } from '../../../common/errors';
import { redactIdNumbers } from '../../../common/redact';
import type { CityDossierSubmission, CityGateway } from '../../city/city-gateway-port';
import { AttachmentFiles } from './attachment-files';
import { DEFAULT_BACKOFF, fullJitterDelay, type BackoffPolicy } from './backoff';
import { DossierCipher } from './dossier-cipher';
import {
  asPayload,
  checkDraft,
  DEFAULT_DRAFT_LIMITS,
  payloadOf,
  type DraftLimits,
} from './dossier-draft';
import type { DossierListQuery, DossierRecord, DossierStore } from './dossier-store';
import {
  SENDABLE_STATES,
  type DossierCounts,
  type DossierDetails,
  type DossierDraft,
  type DossierStatus,
  type ProvisionalReceipt,
  type StoredAttachmentMeta,
} from './dossier-types';
import { LOCAL_REF_PREFIX, newLocalRef } from './local-ref';
import type { SecretKeyProvider } from './secret-key-provider';
import { toStatus } from './dossier-status';

export interface DossierOutboxOptions {
  readonly store: DossierStore;
  /** Only `submitDossier` is used (the city's idempotency key makes every retry safe). */
  readonly gateway: Pick<CityGateway, 'submitDossier'>;
  readonly keys: SecretKeyProvider;
  /** Folder for encrypted attachment files (inside the app's data dir). */
  readonly attachmentsDir: string;
  /** How long personal data stays after acknowledgement (default 30 days). */
  readonly retentionMs?: number;
  readonly backoff?: BackoffPolicy;
  /** Dossiers in flight at once (default 8). */
  readonly concurrency?: number;
  /** Prefix of provisional references (default TAM, for "tạm"). */
  readonly localRefPrefix?: string;
  readonly limits?: DraftLimits;
  /** How often purge runs while the sender is started (default 1 h). */
  readonly purgeIntervalMs?: number;
  /** Longest sleep of the idle sender (default 5 s): another process may have written rows. */
  readonly pollIntervalMs?: number;
  /**
   * Longest wait for one `submitDossier` call, the gateway's own timeouts and retries included
   * (default 120 s); then the attempt counts as failed (CITY_TIMEOUT) and is retried later.
   */
  readonly sendTimeoutMs?: number;
  /** A folder without a row is removed at start only when older than this (default 60 s). */
  readonly orphanGraceMs?: number;
  readonly now?: () => number;
  /** Jitter source. */
  readonly random?: () => number;
  /** Errors of the background sender (storage failures); the sender keeps going. */
  readonly onError?: (err: unknown) => void;
}

export type DossierListener = (status: DossierStatus) => void;

const DAY = 86_400_000;
/** Codes that mean the city refused this dossier as it is: sending it again cannot help. */
const REJECTING = new Set(['CITY_REJECTED', 'INVALID_INPUT']);

/**
 * The durable dossier outbox. `submit` stores the dossier (personal data AES-256-GCM encrypted,
 * attachments as encrypted files, a random idempotency key) and commits it before anything is
 * sent, then returns a provisional receipt. A background sender delivers it to the city with
 * exponential backoff and full jitter until the city answers with its code (acknowledged) or
 * refuses it (rejected). After a crash or restart, every dossier not yet answered is sent again
 * with the same key, so the city creates it exactly once.
 */
export class DossierOutbox {
  private readonly store: DossierStore;
  private readonly gateway: Pick<CityGateway, 'submitDossier'>;
  private readonly cipher: DossierCipher;
  private readonly files: AttachmentFiles;
  private readonly retentionMs: number;
  private readonly backoff: BackoffPolicy;
  private readonly concurrency: number;
  private readonly prefix: string;
  private readonly limits: DraftLimits;
  private readonly purgeIntervalMs: number;
  private readonly pollIntervalMs: number;
  private readonly sendTimeoutMs: number;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly onError: (err: unknown) => void;
  private readonly listeners = new Set<DossierListener>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private running = false;
  private pumping = false;
  private pumpAgain = false;
  private timer: NodeJS.Timeout | undefined;
  private lastPurge = 0;
  /** The last attempt failed without an answer from the city (down, timeout, 5xx…). */
  private cityFailing = false;

  private constructor(opts: DossierOutboxOptions, key: Uint8Array) {
    this.store = opts.store;
    this.gateway = opts.gateway;
    this.cipher = new DossierCipher(key);
    this.files = new AttachmentFiles(opts.attachmentsDir, this.cipher);
    this.retentionMs = opts.retentionMs ?? 30 * DAY;
    this.backoff = opts.backoff ?? DEFAULT_BACKOFF;
    this.concurrency = Math.max(1, Math.trunc(opts.concurrency ?? 8));
    this.prefix = opts.localRefPrefix ?? 'TAM';
    this.limits = opts.limits ?? DEFAULT_DRAFT_LIMITS;
    this.purgeIntervalMs = opts.purgeIntervalMs ?? 3_600_000;
    this.pollIntervalMs = opts.pollIntervalMs ?? 5000;
    this.sendTimeoutMs = opts.sendTimeoutMs ?? 120_000;
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
    this.onError = opts.onError ?? (() => undefined);
    if (!LOCAL_REF_PREFIX.test(this.prefix)) {
      throw new AppError('INVALID_INPUT', 'localRefPrefix must be 2–8 capital letters');
    }
    if (!(this.retentionMs >= 0)) throw new AppError('INVALID_INPUT', 'retentionMs must be ≥ 0');
  }

  /**
   * Loads the key, removes attachment folders left by a crash before their row was committed
   * (and those of purged dossiers), and purges what is due. Call `start()` to begin sending.
   */
  static async open(opts: DossierOutboxOptions): Promise<DossierOutbox> {
    const key = await opts.keys.key('dossier-data');
    const outbox = new DossierOutbox(opts, key);
    await outbox.removeOrphans(opts.orphanGraceMs ?? 60_000);
    await outbox.purgeExpired();
    return outbox;
  }

  /** Starts the background sender (dossiers left pending or in flight by a crash go first). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.kick();
  }

  /** Stops sending new attempts and waits for those in flight (bounded by the gateway's timeouts). */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /**
   * Stores the dossier durably and returns its provisional receipt; the sender is woken at once.
   * INVALID_INPUT for a malformed draft, STORAGE_UNAVAILABLE when it cannot be stored (then
   * nothing was accepted and the citizen must not leave with a receipt).
   */
  async submit(draft: DossierDraft): Promise<ProvisionalReceipt> {
    checkDraft(draft, this.limits);
    const createdAt = this.now();
    for (let tries = 0; tries < 5; tries++) {
      const localRef = newLocalRef(this.prefix, createdAt);
      if (!this.files.reserve(localRef)) continue;
      try {
        const metas: StoredAttachmentMeta[] = draft.attachments.map((a, i) => ({
          documentCode: a.documentCode,
          fileName: a.fileName.normalize('NFC'),
          mimeType: a.mimeType,
          size: a.data.length,
          sha256: this.files.write(localRef, i, a.data),
        }));
        this.files.syncFolder(localRef);
        const sealed = this.cipher.sealJson(payloadOf(draft, metas), localRef);
        const inserted = await this.store.insert(
          {
            localRef,
            idempotencyKey: `dossier-${randomUUID()}`,
            procedureCode: draft.procedureCode,
            caseCode: draft.caseCode ?? null,
            channel: draft.channel,
            receivingPointId: draft.receivingPointId,
            createdAt,
            sealed,
            attachmentCount: metas.length,
          },
          'received at the terminal',
        );
        if (!inserted) {
          this.files.remove(localRef);
          continue;
        }
      } catch (err) {
        this.files.remove(localRef);
        throw err;
      }
      const stored = await this.store.get(localRef);
      if (stored !== undefined) this.emit(stored);
      this.kick();
      return {
        localRef,
        createdAt: new Date(createdAt).toISOString(),
        procedureCode: draft.procedureCode,
        receivingPointId: draft.receivingPointId,
      };
    }
    throw new AppError('INTERNAL', 'Could not draw a free local reference');
  }

  /**
   * Resolves as soon as the city has answered (acknowledged with its code, or rejected), or after
   * `timeoutMs` with the status at that moment (then show the provisional receipt). NOT_FOUND for
   * an unknown reference.
   */
  async waitForCode(localRef: string, timeoutMs: number): Promise<DossierStatus> {
    return new Promise<DossierStatus>((resolve, reject) => {
      let done = false;
      const finish = (s: DossierStatus): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        off();
        resolve(s);
      };
      const off = this.onChange((s) => {
        if (s.localRef === localRef && (s.state === 'acknowledged' || s.state === 'rejected')) {
          finish(s);
        }
      });
      const timer = setTimeout(
        () => {
          this.get(localRef).then(
            (s) => {
              if (s !== undefined) finish(s);
              else if (!done) reject(new AppError('NOT_FOUND', `No dossier ${localRef}`));
            },
            (err: unknown) => reject(err instanceof Error ? err : new Error(String(err))),
          );
        },
        Math.max(0, timeoutMs),
      );
      this.get(localRef).then(
        (s) => {
          if (s === undefined) {
            done = true;
            clearTimeout(timer);
            off();
            reject(new AppError('NOT_FOUND', `No dossier ${localRef}`));
          } else if (s.state === 'acknowledged' || s.state === 'rejected') finish(s);
        },
        (err: unknown) => {
          done = true;
          clearTimeout(timer);
          off();
          reject(err instanceof Error ? err : new Error(String(err)));
        },
      );
    });
  }

  async get(localRef: string): Promise<DossierStatus | undefined> {
    const r = await this.store.get(localRef);
    return r === undefined ? undefined : toStatus(r);
  }

  /** Newest first. The counter screen lists `{ states: ['pending', 'sent', 'failed-retrying', 'rejected'] }`. */
  async list(query: DossierListQuery = {}): Promise<DossierStatus[]> {
    return (await this.store.list(query)).map(toStatus);
  }

  async counts(): Promise<DossierCounts> {
    const c = await this.store.counts();
    return {
      pending: c.pending,
      sent: c.sent,
      acknowledged: c.acknowledged,
      rejected: c.rejected,
      failedRetrying: c['failed-retrying'],
    };
  }

  /** Status, decrypted personal data (until purged) and history, for staff. NOT_FOUND if unknown. */
  async details(localRef: string): Promise<DossierDetails> {
    const r = await this.store.get(localRef);
    if (r === undefined) throw new AppError('NOT_FOUND', `No dossier ${localRef}`);
    const history = await this.store.history(localRef);
    if (r.sealed === null) return { status: toStatus(r), history };
    const p = asPayload(this.cipher.openJson(r.sealed, r.localRef), r.localRef);
    const { v, ...personal } = p;
    void v;
    return {
      status: toStatus(r),
      draft: {
        procedureCode: r.procedureCode,
        ...(r.caseCode === null ? {} : { caseCode: r.caseCode }),
        channel: r.channel,
        receivingPointId: r.receivingPointId,
        ...personal,
      },
      history,
    };
  }

  /** Staff: send a failed-retrying dossier now instead of waiting for its backoff. */
  async retryNow(localRef: string): Promise<DossierStatus | undefined> {
    const r = await this.store.transition(
      localRef,
      ['failed-retrying'],
      { nextAttemptAt: this.now() },
      'retry requested by staff',
      this.now(),
    );
    if (r !== undefined) {
      this.emit(r);
      this.kick();
    }
    return r === undefined ? undefined : toStatus(r);
  }

  /** Notified after every committed change (submit, send, answer, purge). */
  onChange(listener: DossierListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Erases personal data and attachment files of dossiers acknowledged (or rejected) longer ago
   * than the retention period; their code, status and rejection reason stay. Returns how many.
   */
  async purgeExpired(): Promise<number> {
    const now = this.now();
    this.lastPurge = now;
    let purged = 0;
    for (;;) {
      const due = await this.store.purgeDue(now, 200);
      if (due.length === 0) return purged;
      for (const r of due) {
        const done = await this.store.transition(
          r.localRef,
          ['acknowledged', 'rejected'],
          { sealed: null, purgedAt: now },
          'personal data purged after the retention period',
          now,
        );
        // The row first: a crash before the files go leaves a folder that start-up removes.
        this.files.remove(r.localRef);
        if (done !== undefined) {
          purged++;
          this.emit(done);
        }
      }
    }
  }

  // ---- the sender ----

  private kick(): void {
    if (!this.running) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    void this.pump()
      .catch((err: unknown) => this.onError(err))
      .finally(() => {
        this.pumping = false;
        if (this.pumpAgain) {
          this.pumpAgain = false;
          this.kick();
        }
      });
  }

  private async pump(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    let now = this.now();
    if (now - this.lastPurge >= this.purgeIntervalMs) await this.purgeExpired();
    const free = this.concurrency - this.inFlight.size;
    if (free > 0) {
      const due = await this.store.due(now, free, new Set(this.inFlight.keys()));
      for (const r of due) {
        if (!this.running) return;
        const job = this.sendOne(r)
          .catch((err: unknown) => this.onError(err))
          .finally(() => {
            this.inFlight.delete(r.localRef);
            this.kick();
          });
        this.inFlight.set(r.localRef, job);
      }
    }
    if (!this.running || this.inFlight.size >= this.concurrency) return;
    // Sleep until the next dossier is due (or the poll interval), unless one is due now.
    const next = await this.store.nextDueAt(new Set(this.inFlight.keys()));
    now = this.now();
    let wait = this.pollIntervalMs;
    if (next !== undefined) wait = Math.min(wait, next - now);
    wait = Math.min(wait, this.lastPurge + this.purgeIntervalMs - now);
    wait = Math.max(1, wait);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.kick();
    }, wait);
    this.timer.unref();
  }

  private async sendOne(r: DossierRecord): Promise<void> {
    let submission: CityDossierSubmission;
    try {
      submission = this.submissionOf(r);
    } catch (err) {
      await this.retryLater(r, r.attempts + 1, err);
      return;
    }
    const sending = await this.store.transition(
      r.localRef,
      SENDABLE_STATES,
      { state: 'sent', attempts: r.attempts + 1, nextAttemptAt: null },
      `sending, attempt ${r.attempts + 1}`,
      this.now(),
    );
    if (sending === undefined) return; // answered meanwhile
    this.emit(sending);
    let answer: Awaited<ReturnType<CityGateway['submitDossier']>>;
    try {
      answer = await withTimeout(
        this.gateway.submitDossier(submission),
        this.sendTimeoutMs,
        `No answer from the city within ${this.sendTimeoutMs} ms`,
      );
    } catch (err) {
      const code = err instanceof AppError ? err.code : 'INTERNAL';
      if (REJECTING.has(code)) {
        const reason = redactIdNumbers(err instanceof Error ? err.message : String(err));
        const at = this.now();
        const rejected = await this.store.transition(
          r.localRef,
          ['sent'],
          {
            state: 'rejected',
            rejectionReason: reason,
            nextAttemptAt: null,
            // Staff see the reason and the data until then; a corrected dossier is a new one.
            purgeAfter: at + this.retentionMs,
          },
          `rejected by the city: ${reason}`,
          at,
        );
        if (rejected !== undefined) this.emit(rejected);
        return;
      }
      this.cityFailing = true;
      await this.retryLater(sending, sending.attempts, err);
      return;
    }
    const now = this.now();
    if (this.cityFailing) {
      // The city answers again: what waits out a backoff from the outage goes now, at the
      // sender's concurrency (the jitter already spread this kiosk's first probe).
      this.cityFailing = false;
      if ((await this.store.rescheduleRetrying(now)) > 0) this.kick();
    }
    const acknowledged = await this.store.transition(
      r.localRef,
      ['sent', 'pending', 'failed-retrying'],
      {
        state: 'acknowledged',
        code: answer.code,
        dueDate: answer.dueDate,
        cityReceivedAt: answer.receivedAt,
        acknowledgedAt: now,
        purgeAfter: now + this.retentionMs,
        nextAttemptAt: null,
        lastErrorCode: null,
        lastErrorMessage: null,
      },
      `acknowledged by the city: ${answer.code}${answer.replayed ? ' (replayed answer)' : ''}`,
      now,
    );
    if (acknowledged !== undefined) this.emit(acknowledged);
  }

  private async retryLater(r: DossierRecord, attempts: number, err: unknown): Promise<void> {
    const now = this.now();
    const code = err instanceof AppError ? err.code : 'INTERNAL';
    const message = redactIdNumbers(err instanceof Error ? err.message : String(err));
    const delay = fullJitterDelay(this.backoff, attempts, this.random);
    const next = await this.store.transition(
      r.localRef,
      SENDABLE_STATES,
      {
        state: 'failed-retrying',
        attempts,
        nextAttemptAt: now + delay,
        lastErrorCode: code,
        lastErrorMessage: message.slice(0, 500),
      },
      `${code}; next attempt in ${delay} ms`,
      now,
    );
    if (next !== undefined) this.emit(next);
  }

  /** Rebuilds the exact submission from what is stored (same bytes on every attempt). */
  private submissionOf(r: DossierRecord): CityDossierSubmission {
    if (r.sealed === null) {
      throw new AppError('DOSSIER_DATA_UNREADABLE', `Dossier ${r.localRef} has no stored data`);
    }
    const p = asPayload(this.cipher.openJson(r.sealed, r.localRef), r.localRef);
    return {
      idempotencyKey: r.idempotencyKey,
      procedureCode: r.procedureCode,
      ...(r.caseCode === null ? {} : { caseCode: r.caseCode }),
      channel: r.channel,
      receivingPointId: r.receivingPointId,
      owner: p.owner,
      ...(p.submitter === undefined ? {} : { submitter: p.submitter }),
      ...(p.summary === undefined ? {} : { summary: p.summary }),
      formData: p.formData,
      attachments: p.attachments.map((a, i) => ({
        documentCode: a.documentCode,
        fileName: a.fileName,
        mimeType: a.mimeType,
        data: this.files.read(r.localRef, i, a.sha256),
      })),
      ...(p.consentRef === undefined ? {} : { consentRef: p.consentRef }),
      ...(p.verifiedByChip === undefined ? {} : { verifiedByChip: p.verifiedByChip }),
      ...(p.nationalDatabasesUsed === undefined
        ? {}
        : { nationalDatabasesUsed: p.nationalDatabasesUsed }),
    };
  }

  private async removeOrphans(graceMs: number): Promise<void> {
    const now = this.now();
    for (const f of this.files.folders()) {
      if (now - f.mtimeMs < graceMs) continue;
      const r = await this.store.get(f.localRef);
      if (r === undefined || r.sealed === null) this.files.remove(f.localRef);
    }
  }

  private emit(r: DossierRecord): void {
    const s = toStatus(r);
    for (const l of this.listeners) {
      try {
        l(s);
      } catch (err) {
        this.onError(err);
      }
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError('CITY_TIMEOUT', message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
