import { AppError } from '../../../common/errors';
import type { CityApplicant } from '../../city/city-gateway-port';
import type { DossierAttachmentDraft, DossierDraft, StoredAttachmentMeta } from './dossier-types';

/** Limits checked at submit (the city's own: ≤ 20 files, ≤ 5 MiB each, JPEG/PNG/PDF). */
export interface DraftLimits {
  readonly maxAttachments: number;
  readonly maxAttachmentBytes: number;
}

export const DEFAULT_DRAFT_LIMITS: DraftLimits = {
  maxAttachments: 20,
  maxAttachmentBytes: 5 * 1024 * 1024,
};

const PROCEDURE_CODE = /^[0-9A-Za-z.\-_]{1,40}$/;
const CHANNELS = new Set(['truc-tiep', 'truc-tuyen', 'buu-chinh']);
const MIME = new Set(['image/jpeg', 'image/png', 'application/pdf']);

/** The personal part of a dossier, sealed as one JSON blob. */
export interface SealedPayload {
  readonly v: 1;
  readonly owner: CityApplicant;
  readonly submitter?: CityApplicant;
  readonly summary?: string;
  readonly formData: Record<string, unknown>;
  readonly consentRef?: string;
  readonly verifiedByChip?: boolean;
  readonly nationalDatabasesUsed?: readonly string[];
  readonly attachments: readonly StoredAttachmentMeta[];
}

function invalid(message: string): never {
  throw new AppError('INVALID_INPUT', message);
}

function text(v: unknown, what: string, max: number): string {
  if (typeof v !== 'string' || v.trim() === '' || v.length > max) {
    invalid(`${what} must be 1–${max} characters`);
  }
  return v;
}

function applicant(a: unknown, what: string): void {
  if (typeof a !== 'object' || a === null) invalid(`${what} is required`);
  const o = a as Record<string, unknown>;
  text(o.fullName, `${what}.fullName`, 100);
  if (typeof o.idNumber !== 'string' || !/^\d{12}$/.test(o.idNumber)) {
    invalid(`${what}.idNumber must be 12 digits`);
  }
}

/** Refuses a draft the city would refuse for its shape (INVALID_INPUT), before it is stored. */
export function checkDraft(draft: DossierDraft, limits: DraftLimits): void {
  if (typeof draft !== 'object' || draft === null) invalid('A dossier draft is required');
  if (!PROCEDURE_CODE.test(String(draft.procedureCode))) invalid('Bad procedure code');
  if (draft.caseCode !== undefined) text(draft.caseCode, 'caseCode', 40);
  if (!CHANNELS.has(draft.channel)) invalid('Bad submission channel');
  text(draft.receivingPointId, 'receivingPointId', 64);
  applicant(draft.owner, 'owner');
  if (draft.submitter !== undefined) applicant(draft.submitter, 'submitter');
  if (
    typeof draft.formData !== 'object' ||
    draft.formData === null ||
    Array.isArray(draft.formData)
  ) {
    invalid('formData must be an object');
  }
  const attachments: readonly DossierAttachmentDraft[] = draft.attachments;
  const isList: unknown = Array.isArray(attachments);
  if (isList !== true) invalid('attachments must be a list');
  if (attachments.length > limits.maxAttachments) {
    invalid(`At most ${limits.maxAttachments} attachments`);
  }
  attachments.forEach((a, i) => {
    text(a.documentCode, `attachments[${i}].documentCode`, 40);
    text(a.fileName, `attachments[${i}].fileName`, 255);
    if (!MIME.has(a.mimeType)) invalid(`attachments[${i}] must be JPEG, PNG or PDF`);
    if (!(a.data instanceof Uint8Array) || a.data.length === 0) {
      invalid(`attachments[${i}] is empty`);
    }
    if (a.data.length > limits.maxAttachmentBytes) {
      invalid(`attachments[${i}] is larger than ${limits.maxAttachmentBytes} bytes`);
    }
  });
}

/** The sealed payload of a draft (attachment metadata filled in by the caller). */
export function payloadOf(
  draft: DossierDraft,
  attachments: readonly StoredAttachmentMeta[],
): SealedPayload {
  // Through JSON once, so what is stored is exactly what every later send rebuilds.
  const formData = JSON.parse(JSON.stringify(draft.formData)) as Record<string, unknown>;
  return {
    v: 1,
    owner: draft.owner,
    ...(draft.submitter === undefined ? {} : { submitter: draft.submitter }),
    ...(draft.summary === undefined ? {} : { summary: draft.summary }),
    formData,
    ...(draft.consentRef === undefined ? {} : { consentRef: draft.consentRef }),
    ...(draft.verifiedByChip === undefined ? {} : { verifiedByChip: draft.verifiedByChip }),
    ...(draft.nationalDatabasesUsed === undefined
      ? {}
      : { nationalDatabasesUsed: [...draft.nationalDatabasesUsed] }),
    attachments,
  };
}

/** Checks the shape of a payload read back from disk. */
export function asPayload(value: unknown, localRef: string): SealedPayload {
  const o = value as Partial<SealedPayload> | null;
  if (
    o === null ||
    typeof o !== 'object' ||
    o.v !== 1 ||
    typeof o.owner !== 'object' ||
    typeof o.formData !== 'object' ||
    !Array.isArray(o.attachments)
  ) {
    throw new AppError('DOSSIER_DATA_UNREADABLE', `Payload of ${localRef} has an unknown shape`);
  }
  return o as SealedPayload;
}
