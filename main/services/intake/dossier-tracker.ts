import type { OutboxEntry, TrackedDossier } from '../../../common/ipc/contract';
import { AppError } from '../../../common/errors';
import { parseDossierReceiptQr } from '../../../common/qr/dossier-receipt-qr';
import type { CityGateway } from '../../city/city-gateway-port';
import type { DossierOutbox } from '../dossier/dossier-outbox';
import type { DossierStatus } from '../dossier/dossier-types';

const REFERENCE = /^[0-9A-Za-z.\-_/]{3,64}$/;

/**
 * "Where is my dossier?": from a receipt QR, a dossier code or a provisional reference. A dossier
 * still in this kiosk's outbox is answered locally ("queued"); the rest is asked of the city.
 */
export class DossierTracker {
  constructor(
    private readonly deps: {
      readonly outbox: Pick<DossierOutbox, 'get' | 'list' | 'retryNow'>;
      readonly city: () => Pick<CityGateway, 'getDossier'>;
    },
  ) {}

  async track(query: string): Promise<TrackedDossier> {
    const qr = parseDossierReceiptQr(query);
    const reference = (qr.ok ? qr.value.dossierCode : query).trim();
    if (!REFERENCE.test(reference)) {
      throw new AppError('INVALID_INPUT', 'Not a dossier code or receipt QR');
    }
    const local =
      (await this.deps.outbox.get(reference)) ??
      (qr.ok ? await this.deps.outbox.get(qr.value.trackingToken) : undefined);
    if (local && !local.code) {
      return { reference: local.localRef, procedureName: null, state: 'queued', dueDate: null };
    }
    const d = await this.deps.city().getDossier(local?.code ?? reference);
    return {
      reference: d.code,
      procedureName: d.procedureName,
      state: d.status,
      dueDate: d.dueDate,
    };
  }

  async outbox(): Promise<OutboxEntry[]> {
    const all = await this.deps.outbox.list({ limit: 200 });
    const attention = (s: DossierStatus) => (s.state === 'acknowledged' ? 1 : 0);
    return [...all]
      .sort((a, b) => attention(a) - attention(b))
      .map((s) => ({
        localRef: s.localRef,
        state: s.state,
        procedureCode: s.procedureCode,
        code: s.code ?? null,
        attempts: s.attempts,
        updatedAt: s.updatedAt,
        problem: s.rejectionReason ?? s.lastError?.code ?? null,
      }));
  }

  async retry(localRef: string): Promise<void> {
    const status = await this.deps.outbox.retryNow(localRef);
    if (!status) throw new AppError('NOT_FOUND', `No dossier ${localRef}`);
  }
}
