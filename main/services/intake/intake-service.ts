import { randomUUID } from 'node:crypto';
import type { CitizenIdentity } from '../../../common/citizen-identity';
import { AppError } from '../../../common/errors';
import {
  compareCardWithPopulation,
  type PopulationDifference,
  type PopulationRecord,
} from '../../../common/population-record';
import { prefillForm, type Procedure } from '../../../common/procedure';
import type { CityAttachment, CityGateway } from '../../city/city-gateway-port';
import type { AuditActor, AuditPort } from '../audit/audit-port';
import type { DossierOutbox } from '../dossier/dossier-outbox';
import type { Logger } from '../log/logger';

/** The data categories the consent screen names, as the population-data service calls them. */
export const LOOKUP_FIELDS = [
  'HoVaTen',
  'SoDinhDanh',
  'NgayThangNamSinh',
  'GioiTinh',
  'QueQuan',
  'ThuongTru',
  'NoiOHienTai',
] as const;

/** The legal basis named on the consent screen (research §3.7). */
export const CONSENT_LEGAL_BASIS =
  'Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15; Nghị định 356/2025/NĐ-CP';

export interface IntakeTerminal {
  readonly actor: AuditActor;
  readonly terminalId: string;
}

export interface IntakeDeps {
  readonly city: () => Pick<CityGateway, 'lookupCitizen' | 'getProcedure' | 'getDossierFees'>;
  /** The identity read from the chip in this session (IdentityService.lastIdentity). */
  readonly identity: () => CitizenIdentity | undefined;
  readonly outbox: Pick<DossierOutbox, 'submit' | 'waitForCode'>;
  readonly audit: AuditPort;
  readonly terminal: () => IntakeTerminal;
  readonly log: Logger;
  /** How long the kiosk waits for the city's code before showing the provisional receipt. */
  readonly codeWaitMs?: number;
}

export interface IntakeStart {
  readonly procedure: Procedure;
  readonly consentRef: string;
  readonly purpose: string;
  readonly legalBasis: string;
}

export interface IntakeLookup {
  readonly population: PopulationRecord;
  readonly differences: readonly PopulationDifference[];
  /** Form fields filled from the population data (x-prefill), by field name. */
  readonly prefill: Record<string, string>;
  readonly formSchema: Procedure['formSchema'];
  readonly documents: Procedure['cases'][number]['documents'];
}

export interface IntakeReceipt {
  /** The provisional reference, always there: the citizen leaves with it if the city is slow. */
  readonly localRef: string;
  /** Mã hồ sơ from the city, when it came within the wait. */
  readonly code: string | null;
  readonly dueDate: string | null;
  /** The city refused the dossier as it is (reason for staff); the citizen is sent to a counter. */
  readonly rejectionReason: string | null;
  readonly procedureName: string;
  readonly ownerName: string;
  readonly submittedAt: string;
  /** Fees due (when the city gave a code and the procedure has fees): amount and VietQR payload. */
  readonly fee: {
    readonly totalVnd: number;
    readonly vietQr: string | null;
    readonly bankName: string | null;
  } | null;
}

interface Session {
  readonly procedure: Procedure;
  readonly purpose: string;
  readonly consentRef: string;
  consent: 'granted' | 'declined' | null;
  population: PopulationRecord | null;
}

/**
 * One citizen's dossier at the kiosk or counter: explicit consent, an audited population lookup,
 * a prefilled form, and a submission that is durable before anything is sent (the outbox), so
 * the citizen always leaves with at least a provisional receipt. Everything lives in memory
 * until `wipe()` (session reset, receipt given).
 */
export class IntakeService {
  private session: Session | null = null;

  constructor(private readonly deps: IntakeDeps) {}

  /** Starts an intake for a procedure: the consent screen shows its purpose. */
  async start(procedureCode: string): Promise<IntakeStart> {
    const procedure = await this.deps.city().getProcedure(procedureCode);
    const purpose = `Điền sẵn hồ sơ thủ tục "${procedure.name}"`;
    this.session = {
      procedure,
      purpose,
      consentRef: `CONSENT-${randomUUID()}`,
      consent: null,
      population: null,
    };
    return {
      procedure,
      consentRef: this.session.consentRef,
      purpose,
      legalBasis: CONSENT_LEGAL_BASIS,
    };
  }

  /** Records the citizen's decision (both answers are audited; declining still allows a ticket). */
  async consent(granted: boolean): Promise<void> {
    const s = this.current();
    const identity = this.identity();
    const t = this.deps.terminal();
    await this.deps.audit.recordConsent({
      actor: t.actor,
      terminalId: t.terminalId,
      procedureCode: s.procedure.code,
      purpose: s.purpose,
      idNumber: identity.idNumber,
      consentRef: s.consentRef,
      decision: granted ? 'granted' : 'declined',
      fields: LOOKUP_FIELDS,
      legalBasis: CONSENT_LEGAL_BASIS,
    });
    s.consent = granted ? 'granted' : 'declined';
    this.deps.log.info('consent recorded', { procedure: s.procedure.code, granted });
  }

  /** The population lookup, only after consent; audited whatever its outcome. */
  async lookup(): Promise<IntakeLookup> {
    const s = this.current();
    if (s.consent !== 'granted') {
      throw new AppError('CONSENT_REQUIRED', 'The citizen has not agreed to the lookup');
    }
    const identity = this.identity();
    const t = this.deps.terminal();
    const audit = (outcome: 'found' | 'not-found' | 'failed') =>
      this.deps.audit.recordLookup({
        actor: t.actor,
        terminalId: t.terminalId,
        procedureCode: s.procedure.code,
        purpose: s.purpose,
        idNumber: identity.idNumber,
        consentRef: s.consentRef,
        outcome,
        fields: LOOKUP_FIELDS,
      });
    let population: PopulationRecord;
    try {
      population = await this.deps.city().lookupCitizen({
        idNumber: identity.idNumber,
        fullName: identity.fullName,
        dateOfBirth: identity.dateOfBirth,
        purpose: s.purpose,
        consentRef: s.consentRef,
        procedureCode: s.procedure.code,
        ...(t.actor.kind === 'staff' ? { staffId: t.actor.id } : {}),
        terminalId: t.terminalId,
      });
    } catch (err) {
      await audit(err instanceof AppError && err.code === 'NOT_FOUND' ? 'not-found' : 'failed');
      throw err;
    }
    await audit('found');
    s.population = population;
    return {
      population,
      differences: compareCardWithPopulation(identity, population),
      prefill: prefillForm(s.procedure.formSchema, population),
      formSchema: s.procedure.formSchema,
      documents: s.procedure.cases[0]?.documents ?? [],
    };
  }

  /**
   * Stores the dossier durably (encrypted) and hands it to the sender; waits briefly for the
   * city's code. The session is kept until the receipt is shown; call wipe() after.
   */
  async submit(
    formData: Record<string, string>,
    receivingPointId: string,
    attachments: readonly CityAttachment[] = [],
  ): Promise<IntakeReceipt> {
    const s = this.current();
    const identity = this.identity();
    const missing = (s.procedure.formSchema.required ?? []).filter((f) => !formData[f]?.trim());
    if (missing.length > 0) {
      throw new AppError('INVALID_INPUT', `Required form fields missing: ${missing.join(', ')}`);
    }
    const receipt = await this.deps.outbox.submit({
      procedureCode: s.procedure.code,
      channel: 'truc-tiep',
      receivingPointId,
      owner: {
        fullName: identity.fullName,
        idNumber: identity.idNumber,
        dateOfBirth: identity.dateOfBirth,
        ...(identity.placeOfResidence ? { address: identity.placeOfResidence } : {}),
      },
      formData,
      attachments,
      ...(s.consent === 'granted' ? { consentRef: s.consentRef } : {}),
      verifiedByChip: identity.passiveAuth.status === 'verified',
      ...(s.population ? { nationalDatabasesUsed: ['CSDLQGVDC'] } : {}),
    });
    const status = await this.deps.outbox
      .waitForCode(receipt.localRef, this.deps.codeWaitMs ?? 3000)
      .catch(() => undefined);
    const fees = status?.code
      ? await this.deps
          .city()
          .getDossierFees(status.code)
          .catch(() => null)
      : null;
    this.deps.log.info('dossier submitted', {
      localRef: receipt.localRef,
      acknowledged: Boolean(status?.code),
    });
    return {
      localRef: receipt.localRef,
      code: status?.code ?? null,
      dueDate: status?.dueDate ?? null,
      rejectionReason: status?.rejectionReason ?? null,
      procedureName: s.procedure.name,
      ownerName: identity.fullName,
      submittedAt: receipt.createdAt,
      fee:
        fees && fees.totalVnd > 0 && !fees.paid
          ? {
              totalVnd: fees.totalVnd,
              vietQr: fees.payment?.vietQr ?? null,
              bankName: fees.payment?.bankName ?? null,
            }
          : null,
    };
  }

  wipe(): void {
    this.session = null;
  }

  private current(): Session {
    if (!this.session) throw new AppError('INTAKE_NOT_STARTED', 'No dossier intake in progress');
    return this.session;
  }

  private identity(): CitizenIdentity {
    const identity = this.deps.identity();
    if (!identity) throw new AppError('INTAKE_NO_IDENTITY', 'Read the citizen ID card first');
    if (identity.passiveAuth.status === 'failed') {
      throw new AppError('INTAKE_CARD_FAILED', 'The card failed passive authentication');
    }
    return identity;
  }
}
