import type { Form01, OutboxEntry, TrackedDossier } from '../../../common/ipc/contract';
import { feesFor, processingDays } from '../../../common/procedure';
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
      readonly outbox: Pick<DossierOutbox, 'get' | 'list' | 'retryNow' | 'details'>;
      readonly city: () => Pick<CityGateway, 'getDossier' | 'getProcedure'>;
      readonly centre: () => { readonly name: string; readonly unit: string };
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

  /** The data of Mẫu 01 for a dossier of this terminal (personal data until the purge). */
  async form01(localRef: string): Promise<Form01> {
    const { status, draft } = await this.deps.outbox.details(localRef);
    if (!draft) throw new AppError('NOT_FOUND', `Personal data of ${localRef} was purged`);
    const procedure = await this.deps.city().getProcedure(status.procedureCode);
    const docs = (procedure.cases.find((c) => c.code === status.caseCode) ?? procedure.cases[0])
      ?.documents;
    const centre = this.deps.centre();
    const form = draft.formData;
    const text = (key: string) => {
      const value = form[key];
      return typeof value === 'string' ? value : null;
    };
    return {
      unit: centre.unit,
      centreName: centre.name,
      dossierCode: status.code ?? status.localRef,
      provisional: !status.code,
      ownerName: draft.owner.fullName,
      address: draft.owner.address ?? text('noiCuTru'),
      phone: draft.owner.phone ?? text('soDienThoai'),
      email: draft.owner.email ?? text('email'),
      procedureName: procedure.name,
      documents: (docs ?? []).map((d) => ({
        name: d.name,
        copyType: d.copyType,
        quantity: d.quantity,
      })),
      processingDays: processingDays(procedure, draft.channel) ?? null,
      receivedAt: status.cityReceivedAt ?? status.createdAt,
      dueDate: status.dueDate ?? null,
      fees: feesFor(procedure, draft.channel).map((f) => ({
        name: f.name,
        amountVnd: f.amountVnd,
      })),
      receivingPoint: draft.receivingPointId,
    };
  }

  async retry(localRef: string): Promise<void> {
    const status = await this.deps.outbox.retryNow(localRef);
    if (!status) throw new AppError('NOT_FOUND', `No dossier ${localRef}`);
  }
}
