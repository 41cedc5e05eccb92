import { createHmac } from 'node:crypto';
import { AppError } from '../../../common/errors';
import type { SecretKeyProvider } from '../dossier/secret-key-provider';
import type {
  AuditActor,
  AuditKind,
  AuditPort,
  AuditRecord,
  ConsentAuditEntry,
  PopulationLookupAuditEntry,
} from './audit-port';
import type { AuditChainCheck, AuditStore } from './audit-store';

export interface AuditLogOptions {
  readonly store: AuditStore;
  /** Gives the per-installation salt ('audit-id-salt'). */
  readonly keys: SecretKeyProvider;
  readonly now?: () => Date;
}

/** What the future audit screen filters by. The ID number is hashed before it is compared. */
export interface AuditQuery {
  readonly from?: string;
  readonly to?: string;
  readonly kind?: AuditKind;
  readonly actorId?: string;
  readonly terminalId?: string;
  readonly procedureCode?: string;
  readonly idNumber?: string;
  readonly beforeId?: number;
  /** Default 100, at most 1000. */
  readonly limit?: number;
}

const ID_NUMBER = /^(\d{12}|\d{9})$/;
const LOOKUP_OUTCOMES = new Set(['found', 'not-found', 'failed']);
const DECISIONS = new Set(['granted', 'declined']);

function invalid(message: string): never {
  throw new AppError('INVALID_INPUT', `Audit record incomplete: ${message}`);
}

function text(v: unknown, what: string, max = 500): string {
  if (typeof v !== 'string' || v.trim() === '' || v.length > max)
    invalid(`${what} (1–${max} chars)`);
  return v.normalize('NFC');
}

function actor(a: AuditActor | undefined): AuditActor {
  if (a === undefined || (a.kind !== 'staff' && a.kind !== 'kiosk')) invalid('actor kind');
  return { kind: a.kind, id: text(a.id, 'actor id', 64) };
}

function fieldList(v: readonly string[] | undefined, what: string): string[] {
  if (!Array.isArray(v) || v.length === 0) invalid(`${what} (a non-empty list)`);
  return v.map((f, i) => text(f, `${what}[${i}]`, 100));
}

/**
 * The audit log: append-only records of population lookups and consents, ID numbers as
 * HMAC-SHA-256 under a per-installation salt (never the number), a hash chain over the records,
 * and a query API for the audit screen.
 */
export class AuditLog implements AuditPort {
  private constructor(
    private readonly store: AuditStore,
    private readonly salt: Uint8Array,
    private readonly now: () => Date,
  ) {}

  static async open(opts: AuditLogOptions): Promise<AuditLog> {
    const salt = await opts.keys.key('audit-id-salt');
    return new AuditLog(opts.store, salt, opts.now ?? (() => new Date()));
  }

  /** Hex HMAC-SHA-256(salt, ID number): the same ID gives the same hash on this installation only. */
  hashIdNumber(idNumber: string): string {
    if (typeof idNumber !== 'string' || !ID_NUMBER.test(idNumber)) {
      invalid('ID number (12 digits, or 9 for an old CMND)');
    }
    return createHmac('sha256', this.salt).update(idNumber, 'utf8').digest('hex');
  }

  recordLookup(entry: PopulationLookupAuditEntry): Promise<AuditRecord> {
    return this.append('population-lookup', entry, () => {
      if (!LOOKUP_OUTCOMES.has(entry.outcome)) invalid('outcome');
      return { outcome: entry.outcome, fields: fieldList(entry.fields, 'fields') };
    });
  }

  recordConsent(entry: ConsentAuditEntry): Promise<AuditRecord> {
    return this.append('consent', entry, () => {
      if (!DECISIONS.has(entry.decision)) invalid('decision');
      return {
        outcome: entry.decision,
        fields: fieldList(entry.fields, 'fields'),
        legalBasis: text(entry.legalBasis, 'legal basis'),
      };
    });
  }

  /** Newest first. INVALID_INPUT for a malformed ID number filter. */
  async query(q: AuditQuery = {}): Promise<AuditRecord[]> {
    const limit = Math.max(1, Math.min(1000, Math.trunc(q.limit ?? 100)));
    return await this.store.query({
      ...(q.from === undefined ? {} : { from: q.from }),
      ...(q.to === undefined ? {} : { to: q.to }),
      ...(q.kind === undefined ? {} : { kind: q.kind }),
      ...(q.actorId === undefined ? {} : { actorId: q.actorId }),
      ...(q.terminalId === undefined ? {} : { terminalId: q.terminalId }),
      ...(q.procedureCode === undefined ? {} : { procedureCode: q.procedureCode }),
      ...(q.idNumber === undefined ? {} : { idHash: this.hashIdNumber(q.idNumber) }),
      ...(q.beforeId === undefined ? {} : { beforeId: q.beforeId }),
      limit,
    });
  }

  /** Recomputes the hash chain over every record. */
  verify(): Promise<AuditChainCheck> {
    return this.store.verifyChain();
  }

  private async append(
    kind: AuditKind,
    entry: PopulationLookupAuditEntry | ConsentAuditEntry,
    specific: () => { outcome: string; fields: string[]; legalBasis?: string },
  ): Promise<AuditRecord> {
    if (typeof entry !== 'object' || entry === null) invalid('entry');
    const who = actor(entry.actor);
    const record = {
      at: this.now().toISOString(),
      kind,
      actorKind: who.kind,
      actorId: who.id,
      terminalId: text(entry.terminalId, 'terminal id', 64),
      procedureCode: text(entry.procedureCode, 'procedure code', 40),
      purpose: text(entry.purpose, 'purpose'),
      idHash: this.hashIdNumber(entry.idNumber),
      consentRef: text(entry.consentRef, 'consent reference', 100),
      ...specific(),
    };
    return this.store.append(record);
  }
}
