import type { DossierRecord } from './dossier-store';
import type { DossierStatus } from './dossier-types';

const iso = (ms: number): string => new Date(ms).toISOString();

/** The UI's view of a stored dossier (no personal data). */
export function toStatus(r: DossierRecord): DossierStatus {
  const retrying = r.state === 'pending' || r.state === 'failed-retrying' || r.state === 'sent';
  return {
    localRef: r.localRef,
    state: r.state,
    procedureCode: r.procedureCode,
    ...(r.caseCode === null ? {} : { caseCode: r.caseCode }),
    channel: r.channel,
    receivingPointId: r.receivingPointId,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    attempts: r.attempts,
    ...(retrying && r.nextAttemptAt !== null ? { nextAttemptAt: iso(r.nextAttemptAt) } : {}),
    ...(r.lastErrorCode === null
      ? {}
      : { lastError: { code: r.lastErrorCode, message: r.lastErrorMessage ?? '' } }),
    ...(r.code === null ? {} : { code: r.code }),
    ...(r.dueDate === null ? {} : { dueDate: r.dueDate }),
    ...(r.cityReceivedAt === null ? {} : { cityReceivedAt: r.cityReceivedAt }),
    ...(r.acknowledgedAt === null ? {} : { acknowledgedAt: iso(r.acknowledgedAt) }),
    ...(r.rejectionReason === null ? {} : { rejectionReason: r.rejectionReason }),
    ...(r.purgedAt === null ? {} : { purgedAt: iso(r.purgedAt) }),
  };
}
