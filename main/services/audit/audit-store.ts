import type { AuditKind, AuditRecord } from './audit-port';

export type NewAuditRecord = Omit<AuditRecord, 'id' | 'chainHash'>;

export interface AuditStoreQuery {
  /** ISO 8601 bounds, inclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly kind?: AuditKind;
  readonly actorId?: string;
  readonly terminalId?: string;
  readonly procedureCode?: string;
  readonly idHash?: string;
  /** Paging, newest first: records with id < beforeId. */
  readonly beforeId?: number;
  readonly limit: number;
}

export interface AuditChainCheck {
  readonly ok: boolean;
  readonly records: number;
  /** The first record whose chain hash does not match (edited, or one before it removed). */
  readonly firstBadId?: number;
}

/**
 * Append-only storage of audit records (port). Adapter: SqliteAuditStore (main/storage/audit).
 * `append` computes the chain hash from the last record inside the same transaction.
 */
export interface AuditStore {
  append(record: NewAuditRecord): Promise<AuditRecord>;
  query(query: AuditStoreQuery): Promise<AuditRecord[]>;
  verifyChain(): Promise<AuditChainCheck>;
  close(): void;
}
