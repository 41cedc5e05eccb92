import type { CitizenLookupRequest, PopulationRecord } from '../../common/population-record.js';
import type {
  Procedure,
  ProcedureQuery,
  ProcedureSummary,
  SubmissionChannel,
} from '../../common/procedure.js';

export interface CityHealthStatus {
  readonly ok: boolean;
  readonly version: string;
  readonly latencyMs: number;
}

export type AttachmentMimeType = 'image/jpeg' | 'image/png' | 'application/pdf';

export interface CityAttachment {
  /** The procedure document it answers (RequiredDocument.code). */
  readonly documentCode: string;
  readonly fileName: string;
  readonly mimeType: AttachmentMimeType;
  readonly data: Uint8Array;
}

export interface CityApplicant {
  readonly fullName: string;
  /** 12 digits. */
  readonly idNumber: string;
  readonly dateOfBirth?: string;
  readonly phone?: string;
  readonly email?: string;
  readonly address?: string;
}

export interface CityDossierSubmission {
  /** One per dossier, kept across retries and restarts: the city creates it at most once. */
  readonly idempotencyKey: string;
  readonly procedureCode: string;
  readonly caseCode?: string;
  readonly channel: SubmissionChannel;
  /** The kiosk's or counter's terminal id (MaDiemTiepNhan). */
  readonly receivingPointId: string;
  /** Chủ hồ sơ. */
  readonly owner: CityApplicant;
  /** Người nộp, when someone else submits for the owner. */
  readonly submitter?: CityApplicant;
  readonly summary?: string;
  readonly formData: Readonly<Record<string, unknown>>;
  readonly attachments: readonly CityAttachment[];
  readonly consentRef?: string;
  /** Identity read from the ID card chip. */
  readonly verifiedByChip?: boolean;
  /** National databases used, e.g. ["CSDLDC"] after a population lookup. */
  readonly nationalDatabasesUsed?: readonly string[];
}

export type CityDossierStatus =
  'received' | 'processing' | 'needs-supplement' | 'result-ready' | 'returned' | 'rejected';

export interface CityDossier {
  /** Mã hồ sơ, assigned by the city, e.g. 000.00.17.H13-261128-0001. */
  readonly code: string;
  readonly procedureCode: string;
  readonly procedureName: string;
  readonly channel: SubmissionChannel;
  readonly status: CityDossierStatus;
  /** ISO date-time. */
  readonly receivedAt: string;
  /** Ngày hẹn trả, yyyy-mm-dd. */
  readonly dueDate: string;
  readonly ownerName: string;
  readonly attachments: readonly {
    readonly fileId: string;
    readonly documentCode: string;
    readonly fileName: string;
    readonly mimeType: string;
    readonly size: number;
    readonly sha256: string;
  }[];
  readonly totalFeeVnd: number;
  readonly history: readonly {
    readonly at: string;
    readonly status: CityDossierStatus;
    readonly note: string;
  }[];
}

export interface CityDossierFees {
  readonly dossierCode: string;
  readonly totalVnd: number;
  readonly paid: boolean;
  readonly items: readonly {
    readonly name: string;
    readonly kind: 'phi' | 'le-phi';
    readonly unitVnd: number;
    readonly quantity: number;
    readonly amountVnd: number;
  }[];
  /** Present while unpaid and above 0. */
  readonly payment?: {
    readonly bankBin: string;
    readonly bankName: string;
    readonly accountNumber: string;
    readonly accountName: string;
    /** Transfer purpose (nội dung). */
    readonly purpose: string;
    /** EMVCo/NAPAS payload to draw as a QR code. */
    readonly vietQr: string;
  };
}

/**
 * The city system as services see it (port). Adapters: HttpCityGateway (our OpenAPI contract,
 * docs/openapi/city-gateway.yaml); a province-specific adapter may replace it. Every method
 * rejects with an AppError: CITY_UNAUTHORIZED, CITY_FORBIDDEN, CITY_RATE_LIMITED,
 * CITY_SERVER_ERROR, CITY_TIMEOUT, CITY_UNREACHABLE, CITY_BAD_RESPONSE, CITY_REJECTED,
 * NOT_FOUND or INVALID_INPUT.
 */
export interface CityGateway {
  health(): Promise<CityHealthStatus>;
  /** Diacritics-insensitive search by name, code and lĩnh vực; all procedures without a query. */
  listProcedures(query?: ProcedureQuery): Promise<ProcedureSummary[]>;
  /** NOT_FOUND when the code is unknown. */
  getProcedure(code: string): Promise<Procedure>;
  /**
   * Population data for a citizen whose id, name and birth date all match; NOT_FOUND otherwise
   * (never says which field was wrong). Logged by the city with purpose and consent.
   */
  lookupCitizen(request: CitizenLookupRequest): Promise<PopulationRecord>;
  /**
   * Creates the dossier, or returns the one an earlier call with the same idempotency key
   * created (`replayed: true`). Safe to retry after any failure. CITY_REJECTED when invalid.
   */
  submitDossier(submission: CityDossierSubmission): Promise<CityDossier & { replayed: boolean }>;
  getDossier(code: string): Promise<CityDossier>;
  getDossierFees(code: string): Promise<CityDossierFees>;
}
