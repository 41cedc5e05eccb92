import { createHash } from 'node:crypto';
import type { NewAuditRecord } from './audit-store';

/** The chain's start (no previous record). */
export const AUDIT_CHAIN_GENESIS = '0'.repeat(64);

/**
 * chainHash = SHA-256(previous chainHash ‖ canonical JSON of the record with its id). A record
 * edited or removed in the file breaks the chain from there on (a log with a chain is evidence,
 * one without is a list).
 */
export function auditChainHash(previous: string, id: number, r: NewAuditRecord): string {
  const canonical = JSON.stringify([
    id,
    r.at,
    r.kind,
    r.actorKind,
    r.actorId,
    r.terminalId,
    r.procedureCode,
    r.purpose,
    r.idHash,
    r.consentRef,
    r.outcome,
    r.fields,
    r.legalBasis ?? null,
  ]);
  return createHash('sha256').update(previous).update(canonical).digest('hex');
}
