/**
 * The audit trail services write to (port): every population-data lookup and every consent
 * decision (Law 91/2025/QH15, Decree 356/2025/NĐ-CP; research §3.7 — "log every CSDL lookup",
 * "keep access logs"). The ID number is given in clear here and stored only as an HMAC-SHA-256
 * with a per-installation salt. Adapter: AuditLog (main/services/audit/audit-log.ts).
 */
export interface AuditActor {
  /** Counter staff (by staff id) or a self-service kiosk (by kiosk id). */
  readonly kind: 'staff' | 'kiosk';
  readonly id: string;
}

interface AuditEntryBase {
  readonly actor: AuditActor;
  /** The terminal (kiosk or counter PC) where it happened. */
  readonly terminalId: string;
  /** The procedure (mã TTHC) the data is for, e.g. 1.001193. */
  readonly procedureCode: string;
  /** Why, as shown to the citizen (e.g. "Điền sẵn tờ khai đăng ký khai sinh"). */
  readonly purpose: string;
  /** The citizen's 12-digit ID number (or 9-digit old CMND); stored only as a salted hash. */
  readonly idNumber: string;
  /** The consent this rests on (the reference recorded by the consent screen). */
  readonly consentRef: string;
}

export interface PopulationLookupAuditEntry extends AuditEntryBase {
  readonly outcome: 'found' | 'not-found' | 'failed';
  /** The population-data fields asked for (e.g. HoVaTen, NgayThangNamSinh, ThuongTru). */
  readonly fields: readonly string[];
}

export interface ConsentAuditEntry extends AuditEntryBase {
  readonly decision: 'granted' | 'declined';
  /** The data categories named on the consent screen. */
  readonly fields: readonly string[];
  /** The legal basis named on the consent screen. */
  readonly legalBasis: string;
}

export type AuditKind = 'population-lookup' | 'consent';

/** One stored record. No ID number: `idHash` = hex HMAC-SHA-256(installation salt, ID). */
export interface AuditRecord {
  readonly id: number;
  /** ISO 8601, UTC. */
  readonly at: string;
  readonly kind: AuditKind;
  readonly actorKind: AuditActor['kind'];
  readonly actorId: string;
  readonly terminalId: string;
  readonly procedureCode: string;
  readonly purpose: string;
  readonly idHash: string;
  readonly consentRef: string;
  /** found / not-found / failed (lookups); granted / declined (consents). */
  readonly outcome: string;
  readonly fields: readonly string[];
  /** Consents only. */
  readonly legalBasis?: string;
  /** SHA-256 over the previous record's chainHash and this record: edits and gaps show. */
  readonly chainHash: string;
}

export interface AuditPort {
  /** Appends the record and commits it before resolving; INVALID_INPUT when incomplete. */
  recordLookup(entry: PopulationLookupAuditEntry): Promise<AuditRecord>;
  recordConsent(entry: ConsentAuditEntry): Promise<AuditRecord>;
}
