import type { CityAttachment, CityDossierSubmission } from '../../city/city-gateway-port';

/**
 * What intake hands to the outbox: everything the city needs except the idempotency key, which
 * the outbox draws and keeps with the dossier.
 */
export type DossierDraft = Omit<CityDossierSubmission, 'idempotencyKey'>;

export type DossierAttachmentDraft = CityAttachment;

/**
 * pending → sent → acknowledged (the city's code received) | rejected (the city refused it; the
 * reason is kept for staff) | failed-retrying (no answer or a transient error; tried again with
 * backoff, then sent again with the same idempotency key).
 */
export type DossierState = 'pending' | 'sent' | 'acknowledged' | 'rejected' | 'failed-retrying';

export const DOSSIER_STATES: readonly DossierState[] = [
  'pending',
  'sent',
  'acknowledged',
  'rejected',
  'failed-retrying',
];

/** States the sender works on. */
export const SENDABLE_STATES: readonly DossierState[] = ['pending', 'sent', 'failed-retrying'];

/** A dossier as the UI sees it: no personal data. Times are ISO 8601 (UTC). */
export interface DossierStatus {
  /** The provisional receipt's reference, printed for the citizen, e.g. TAM-261128-7F3KQ2ZD. */
  readonly localRef: string;
  readonly state: DossierState;
  readonly procedureCode: string;
  readonly caseCode?: string;
  readonly channel: DossierDraft['channel'];
  readonly receivingPointId: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Send attempts so far (a restart mid-send counts the interrupted one). */
  readonly attempts: number;
  /** When the sender tries again (pending, sent after a restart, failed-retrying). */
  readonly nextAttemptAt?: string;
  /** The last transient failure, for technicians. */
  readonly lastError?: { readonly code: string; readonly message: string };
  /** Mã hồ sơ from the city (acknowledged). */
  readonly code?: string;
  /** Ngày hẹn trả from the city, yyyy-mm-dd. */
  readonly dueDate?: string;
  readonly cityReceivedAt?: string;
  readonly acknowledgedAt?: string;
  /** Why the city refused the dossier (rejected), for staff. */
  readonly rejectionReason?: string;
  /** Personal data and attachments were erased at this time (code and status stay). */
  readonly purgedAt?: string;
}

/** Handed back by `submit` at once, before anything is sent. */
export interface ProvisionalReceipt {
  readonly localRef: string;
  readonly createdAt: string;
  readonly procedureCode: string;
  readonly receivingPointId: string;
}

/** Staff view of one dossier, personal data included (decrypted on demand, never cached). */
export interface DossierDetails {
  readonly status: DossierStatus;
  /** Undefined after the purge. Attachments are described, not loaded. */
  readonly draft?: Omit<DossierDraft, 'attachments'> & {
    readonly attachments: readonly StoredAttachmentMeta[];
  };
  /** The dossier's history, oldest first. */
  readonly history: readonly DossierHistoryEntry[];
}

export interface StoredAttachmentMeta {
  readonly documentCode: string;
  readonly fileName: string;
  readonly mimeType: DossierAttachmentDraft['mimeType'];
  readonly size: number;
  /** SHA-256 of the plaintext, hex: checked when the file is read back. */
  readonly sha256: string;
}

export interface DossierHistoryEntry {
  readonly at: string;
  readonly state: DossierState;
  readonly note: string;
}

export interface DossierCounts {
  readonly pending: number;
  readonly sent: number;
  readonly acknowledged: number;
  readonly rejected: number;
  readonly failedRetrying: number;
}
