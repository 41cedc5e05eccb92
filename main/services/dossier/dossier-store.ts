import type { DossierDraft, DossierHistoryEntry, DossierState } from './dossier-types';

/**
 * One dossier as stored. Times are epoch milliseconds. `sealed` holds every piece of personal
 * data (owner, submitter, form, attachment names), AES-256-GCM encrypted by the service: the
 * store never sees plaintext personal data.
 */
export interface DossierRecord {
  readonly localRef: string;
  readonly idempotencyKey: string;
  readonly procedureCode: string;
  readonly caseCode: string | null;
  readonly channel: DossierDraft['channel'];
  readonly receivingPointId: string;
  readonly state: DossierState;
  readonly attempts: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly nextAttemptAt: number | null;
  readonly lastErrorCode: string | null;
  readonly lastErrorMessage: string | null;
  readonly rejectionReason: string | null;
  readonly code: string | null;
  readonly dueDate: string | null;
  readonly cityReceivedAt: string | null;
  readonly acknowledgedAt: number | null;
  /** Acknowledged and rejected dossiers lose their personal data after this time. */
  readonly purgeAfter: number | null;
  readonly purgedAt: number | null;
  /** Null once purged. */
  readonly sealed: Uint8Array | null;
  readonly attachmentCount: number;
}

export type NewDossierRecord = Pick<
  DossierRecord,
  | 'localRef'
  | 'idempotencyKey'
  | 'procedureCode'
  | 'caseCode'
  | 'channel'
  | 'receivingPointId'
  | 'createdAt'
  | 'sealed'
  | 'attachmentCount'
>;

/** Fields a transition may change. */
export type DossierPatch = Partial<
  Pick<
    DossierRecord,
    | 'state'
    | 'attempts'
    | 'nextAttemptAt'
    | 'lastErrorCode'
    | 'lastErrorMessage'
    | 'rejectionReason'
    | 'code'
    | 'dueDate'
    | 'cityReceivedAt'
    | 'acknowledgedAt'
    | 'purgeAfter'
    | 'purgedAt'
    | 'sealed'
  >
>;

export interface DossierListQuery {
  readonly states?: readonly DossierState[];
  /** Newest first; default 100. */
  readonly limit?: number;
  readonly offset?: number;
}

/**
 * Durable storage of the outbox (port). Adapter: SqliteDossierStore (main/storage/dossier). Every
 * method that changes a dossier commits before it resolves; a transition and its history entry
 * are one transaction. Failures reject with STORAGE_UNAVAILABLE.
 */
export interface DossierStore {
  /** Commits a new pending dossier. False when `localRef` is already taken (draw another). */
  insert(record: NewDossierRecord, note: string): Promise<boolean>;
  get(localRef: string): Promise<DossierRecord | undefined>;
  list(query?: DossierListQuery): Promise<DossierRecord[]>;
  /**
   * Dossiers in a sendable state (pending, sent, failed-retrying) whose next attempt is due
   * (`nextAttemptAt` null or ≤ now), oldest due first, at most `limit`, none of `exclude`.
   */
  due(now: number, limit: number, exclude: ReadonlySet<string>): Promise<DossierRecord[]>;
  /**
   * The earliest next attempt among sendable dossiers not in `exclude` (0 when one has none);
   * undefined when there is none.
   */
  nextDueAt(exclude: ReadonlySet<string>): Promise<number | undefined>;
  /**
   * Applies `patch` only if the dossier is in one of `from`, and records `note` in its history,
   * in one transaction. Returns the updated record, or undefined when the state did not match.
   */
  transition(
    localRef: string,
    from: readonly DossierState[],
    patch: DossierPatch,
    note: string,
    now: number,
  ): Promise<DossierRecord | undefined>;
  /**
   * Makes every failed-retrying dossier whose next attempt is later than `now` due at `now` (the
   * city answered again after an outage). Returns how many.
   */
  rescheduleRetrying(now: number): Promise<number>;
  /** Acknowledged or rejected dossiers whose purge time has come and that still hold personal data. */
  purgeDue(now: number, limit: number): Promise<DossierRecord[]>;
  history(localRef: string): Promise<DossierHistoryEntry[]>;
  counts(): Promise<Record<DossierState, number>>;
  close(): void;
}
