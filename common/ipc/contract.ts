import { z } from 'zod';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from '../attachments';
import {
  CounterStatusSchema,
  PAUSE_REASONS,
  PriorityCategorySchema,
  TICKET_STATES,
  TicketSchema,
} from '../queue';
import {
  LANGUAGES,
  ROLES,
  SECRET_NAMES,
  settingsPatchSchema,
  settingsViewSchema,
} from '../settings';

/**
 * The IPC contract, declared once (GitHub Desktop's typed channel maps + Signal's zod validation).
 * Every channel string lives here and nowhere else. Main binds the handler table to ipcMain
 * (main/app) or to a WebSocket (the browser harness); preload derives `window.kiosk` from it.
 */
const empty = z.object({}).strict();

export const appStateSchema = z.object({
  role: z.enum(ROLES),
  defaultLanguage: z.enum(LANGUAGES),
  demo: z.boolean(),
  version: z.string(),
  centre: z.object({
    name: z.string(),
    unit: z.string(),
    terminalId: z.string(),
    counterNumber: z.number().int(),
  }),
  idle: z.object({ timeoutSeconds: z.number().int(), warningSeconds: z.number().int() }),
  /** A settings file was unreadable and replaced by defaults: setup shows why. */
  settingsProblem: z.boolean(),
  /** The technician PIN is still the factory default: setup warns until it is changed. */
  pinIsDefault: z.boolean(),
});
export type AppState = z.infer<typeof appStateSchema>;

export const settingsProblemSchema = z.object({
  reason: z.string(),
  backupFile: z.string().nullable(),
  at: z.string(),
});
export type SettingsProblem = z.infer<typeof settingsProblemSchema>;

const settingsResponse = z.object({
  settings: settingsViewSchema,
  problem: settingsProblemSchema.nullable(),
  pinIsDefault: z.boolean(),
  /** Which secrets are stored (their values never leave main). */
  secretsSet: z.object({ cityClientSecret: z.boolean(), queuePostgresUrl: z.boolean() }),
});

export const unlockResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('unlocked'), pinIsDefault: z.boolean() }),
  z.object({ status: z.literal('invalid'), attemptsLeft: z.number().int().min(0) }),
  z.object({ status: z.literal('locked'), lockedUntil: z.string(), retryInSeconds: z.number() }),
]);
export type UnlockResult = z.infer<typeof unlockResultSchema>;

export const sessionResetReasonSchema = z.enum(['idle', 'done', 'home']);
export type SessionResetReason = z.infer<typeof sessionResetReasonSchema>;

const pin = z.string().max(32);

const printOutcome = z.object({
  printed: z.boolean(),
  /** Why nothing (or not all) came out: PRINTER_PAPER_OUT, PRINTER_OFFLINE, … */
  errorCode: z.string().nullable(),
});
export type PrintOutcome = z.infer<typeof printOutcome>;

export const serviceOutlookSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  waiting: z.number().int(),
  openCounters: z.number().int(),
  estimatedWaitMinutes: z.number().int(),
});
export type ServiceOutlookView = z.infer<typeof serviceOutlookSchema>;

export const issuedTicketSchema = z.object({
  ticket: TicketSchema,
  serviceName: z.string(),
  waitingAhead: z.number().int(),
  estimatedWaitMinutes: z.number().int(),
  counterNumbers: z.array(z.number().int()),
  print: printOutcome,
});
export type IssuedTicketView = z.infer<typeof issuedTicketSchema>;

export const counterViewSchema = z.object({
  counter: z.object({ id: z.string(), number: z.number().int(), name: z.string() }),
  status: CounterStatusSchema,
  current: TicketSchema.nullable(),
  waiting: z.array(TicketSchema),
  services: z.array(z.object({ id: z.string(), name: z.string(), prefix: z.string() })),
  otherCounters: z.array(z.object({ id: z.string(), number: z.number().int() })),
  /** Every service of the centre: a ticket can be transferred to any of them. */
  allServices: z.array(z.object({ id: z.string(), name: z.string(), prefix: z.string() })),
  servedToday: z.number().int(),
});
export type CounterView = z.infer<typeof counterViewSchema>;

export const boardCallSchema = z.object({
  label: z.string(),
  counterNumber: z.number().int(),
  serviceName: z.string(),
  calledAt: z.string(),
});
export type BoardCall = z.infer<typeof boardCallSchema>;

export const boardSchema = z.object({
  counters: z.array(
    z.object({
      number: z.number().int(),
      name: z.string(),
      paused: z.boolean(),
      serving: boardCallSchema.nullable(),
    }),
  ),
  recentCalls: z.array(boardCallSchema),
  voice: z.boolean(),
});
export type Board = z.infer<typeof boardSchema>;

export const counterActionSchema = z.enum(['call-next', 'recall', 'start', 'complete', 'no-show']);
export type CounterAction = z.infer<typeof counterActionSchema>;

export const printerStatusViewSchema = z.object({
  configured: z.boolean(),
  uri: z.string().nullable(),
  state: z.enum(['ready', 'paper-out', 'cover-open', 'offline', 'error', 'unknown']),
  paperNearEnd: z.boolean(),
});

export const deviceAlertSchema = z.object({
  device: z.enum(['printer', 'card-reader', 'scanner', 'city']),
  code: z.string(),
  message: z.string(),
  at: z.string(),
});
export type DeviceAlert = z.infer<typeof deviceAlertSchema>;

export const procedureSummaryViewSchema = z.object({
  code: z.string(),
  name: z.string(),
  field: z.string(),
  fieldCode: z.string(),
  agency: z.string(),
  serviceLevel: z.enum(['toan-trinh', 'mot-phan']),
  /** Shortest processing time in working days; null when the catalogue does not say. */
  processingDays: z.number().int().nullable(),
  hasFee: z.boolean(),
});
export type ProcedureSummaryView = z.infer<typeof procedureSummaryViewSchema>;

export const procedureDetailViewSchema = procedureSummaryViewSchema.extend({
  processingTimes: z.array(
    z.object({
      channel: z.enum(['truc-tiep', 'truc-tuyen', 'buu-chinh']),
      workingDays: z.number().int(),
      note: z.string().nullable(),
    }),
  ),
  fees: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(['phi', 'le-phi']),
      amountVnd: z.number().int(),
      channel: z.string().nullable(),
    }),
  ),
  cases: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      documents: z.array(
        z.object({
          name: z.string(),
          copyType: z.string(),
          quantity: z.number().int(),
          required: z.boolean(),
        }),
      ),
    }),
  ),
  result: z.string(),
  legalBasis: z.array(z.string()),
  conditions: z.string().nullable(),
});
export type ProcedureDetailView = z.infer<typeof procedureDetailViewSchema>;

export const citizenIdentityViewSchema = z.object({
  idNumber: z.string(),
  fullName: z.string(),
  dateOfBirth: z.string(),
  sex: z.enum(['M', 'F', 'X']),
  nationality: z.string(),
  ethnicity: z.string().nullable(),
  religion: z.string().nullable(),
  placeOfOrigin: z.string().nullable(),
  placeOfResidence: z.string().nullable(),
  identifyingMarks: z.string().nullable(),
  issueDate: z.string().nullable(),
  expiryDate: z.string().nullable(),
  fatherName: z.string().nullable(),
  motherName: z.string().nullable(),
  spouseName: z.string().nullable(),
  oldIdNumber: z.string().nullable(),
  /** The DG2 portrait as base64 JPEG, shown from memory (never written to disk). */
  photoJpegBase64: z.string().nullable(),
  passiveAuth: z.object({
    status: z.enum(['verified', 'untrusted-ca', 'failed']),
    detail: z.string(),
  }),
  access: z.enum(['PACE', 'BAC']),
});
export type CitizenIdentityView = z.infer<typeof citizenIdentityViewSchema>;

export const identityKeySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('qr'), text: z.string().min(1).max(1000) }),
  z.object({ kind: z.literal('can'), can: z.string().regex(/^\d{6}$/) }),
  z.object({
    kind: z.literal('mrz'),
    documentNumber: z.string().regex(/^[0-9A-Z<]{9}$|^\d{12}$/),
    dateOfBirth: z.string().regex(/^\d{6}$/),
    dateOfExpiry: z.string().regex(/^\d{6}$/),
  }),
]);

export const demoCardSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  qrText: z.string(),
});

export const attachmentSchema = z.object({
  documentCode: z.string().min(1).max(40),
  fileName: z.string().min(1).max(200),
  mimeType: z.enum(ATTACHMENT_TYPES),
  /** base64 of the file; 4/3 of the byte limit. */
  dataBase64: z.string().max(Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4),
});
export type AttachmentUpload = z.infer<typeof attachmentSchema>;

export const formFieldSchema = z.object({
  name: z.string(),
  title: z.string(),
  kind: z.enum(['text', 'date', 'choice']),
  options: z.array(z.string()),
  required: z.boolean(),
  maxLength: z.number().int().nullable(),
  pattern: z.string().nullable(),
  defaultValue: z.string().nullable(),
});
export type FormField = z.infer<typeof formFieldSchema>;

export const intakeReceiptSchema = z.object({
  localRef: z.string(),
  code: z.string().nullable(),
  dueDate: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  procedureName: z.string(),
  ownerName: z.string(),
  submittedAt: z.string(),
  printed: z.boolean(),
  fee: z
    .object({
      totalVnd: z.number().int(),
      bankName: z.string().nullable(),
      /** The VietQR code drawn as an SVG data URL, ready for an <img>. */
      vietQrImage: z.string().nullable(),
    })
    .nullable(),
});
export type IntakeReceiptView = z.infer<typeof intakeReceiptSchema>;

export const DOSSIER_TRACK_STATES = [
  'queued',
  'received',
  'processing',
  'needs-supplement',
  'result-ready',
  'returned',
  'rejected',
] as const;

export const trackedDossierSchema = z.object({
  /** The city's code, or the provisional reference while the city has not answered. */
  reference: z.string(),
  procedureName: z.string().nullable(),
  /** 'queued': stored on this kiosk, not yet acknowledged by the city. */
  state: z.enum(DOSSIER_TRACK_STATES),
  dueDate: z.string().nullable(),
});
export type TrackedDossier = z.infer<typeof trackedDossierSchema>;

export const outboxEntrySchema = z.object({
  localRef: z.string(),
  state: z.enum(['pending', 'sent', 'acknowledged', 'rejected', 'failed-retrying']),
  procedureCode: z.string(),
  code: z.string().nullable(),
  attempts: z.number().int(),
  updatedAt: z.string(),
  problem: z.string().nullable(),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

/** Mẫu 01 "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" (Circular 03/2025/TT-VPCP), research §3.2. */
export const form01Schema = z.object({
  unit: z.string(),
  centreName: z.string(),
  dossierCode: z.string(),
  provisional: z.boolean(),
  ownerName: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  procedureName: z.string(),
  documents: z.array(z.object({ name: z.string(), copyType: z.string(), quantity: z.number() })),
  processingDays: z.number().int().nullable(),
  receivedAt: z.string(),
  dueDate: z.string().nullable(),
  fees: z.array(z.object({ name: z.string(), amountVnd: z.number().int() })),
  receivingPoint: z.string(),
});
export type Form01 = z.infer<typeof form01Schema>;

const reportRange = {
  fromDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  toDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
};

export const queueReportViewSchema = z.object({
  fromDay: z.string(),
  toDay: z.string(),
  services: z.array(
    z.object({
      name: z.string(),
      issued: z.number().int(),
      priority: z.number().int(),
      done: z.number().int(),
      noShow: z.number().int(),
      unfinished: z.number().int(),
    }),
  ),
  counters: z.array(
    z.object({
      name: z.string(),
      called: z.number().int(),
      done: z.number().int(),
      averageWaitSeconds: z.number().nullable(),
      averageServiceSeconds: z.number().nullable(),
    }),
  ),
});
export type QueueReportView = z.infer<typeof queueReportViewSchema>;

const ticketRef = z.object({ ticketId: z.string().min(1).max(64) }).strict();

export const ipcContract = {
  app: {
    getState: { channel: 'app:get-state', request: empty, response: appStateSchema },
  },
  session: {
    reset: {
      channel: 'session:reset',
      request: z.object({ reason: sessionResetReasonSchema }).strict(),
      response: z.object({ resetAt: z.string() }),
    },
  },
  setup: {
    unlock: {
      channel: 'setup:unlock',
      request: z.object({ pin }).strict(),
      response: unlockResultSchema,
    },
    lock: { channel: 'setup:lock', request: empty, response: z.object({}) },
    changePin: {
      channel: 'setup:change-pin',
      request: z
        .object({
          currentPin: pin,
          newPin: z.string().regex(/^\d{6,12}$/),
        })
        .strict(),
      response: z.object({}),
    },
  },
  settings: {
    get: { channel: 'settings:get', request: empty, response: settingsResponse },
    update: {
      channel: 'settings:update',
      request: z.object({ patch: settingsPatchSchema }).strict(),
      response: settingsResponse,
    },
    setSecret: {
      channel: 'settings:set-secret',
      request: z.object({ name: z.enum(SECRET_NAMES), value: z.string().max(1024) }).strict(),
      response: settingsResponse,
    },
  },
  logs: {
    recent: {
      channel: 'logs:recent',
      request: z.object({ limit: z.number().int().min(1).max(1000) }).strict(),
      response: z.object({ lines: z.array(z.string()) }),
    },
    export: {
      channel: 'logs:export',
      request: z.object({ folder: z.string().min(1).max(1024) }).strict(),
      response: z.object({ folder: z.string(), files: z.array(z.string()) }),
    },
  },
  queue: {
    services: {
      channel: 'queue:services',
      request: empty,
      response: z.object({ services: z.array(serviceOutlookSchema) }),
    },
    issueTicket: {
      channel: 'queue:issue-ticket',
      request: z
        .object({
          serviceId: z.string().min(1).max(64),
          priority: PriorityCategorySchema.nullable(),
        })
        .strict(),
      response: issuedTicketSchema,
    },
    counterView: { channel: 'queue:counter-view', request: empty, response: counterViewSchema },
    act: {
      channel: 'queue:act',
      request: z
        .object({ action: counterActionSchema, ticketId: z.string().min(1).max(64).optional() })
        .strict(),
      response: z.object({ ticket: TicketSchema.nullable() }),
    },
    callTicket: {
      channel: 'queue:call-ticket',
      request: ticketRef,
      response: z.object({ ticket: TicketSchema }),
    },
    transfer: {
      channel: 'queue:transfer',
      request: z
        .object({
          ticketId: z.string().min(1).max(64),
          toServiceId: z.string().min(1).max(64).optional(),
          toCounterId: z.string().min(1).max(64).optional(),
        })
        .strict(),
      response: z.object({ ticket: TicketSchema }),
    },
    pause: {
      channel: 'queue:pause',
      request: z.object({ reason: z.enum(PAUSE_REASONS) }).strict(),
      response: z.object({ status: CounterStatusSchema }),
    },
    resume: {
      channel: 'queue:resume',
      request: empty,
      response: z.object({ status: CounterStatusSchema }),
    },
    reprint: { channel: 'queue:reprint', request: ticketRef, response: printOutcome },
    board: { channel: 'queue:board', request: empty, response: boardSchema },
    /** Where a ticket stands (the kiosk scans the QR printed on it). */
    position: {
      channel: 'queue:position',
      request: ticketRef,
      response: z.object({
        label: z.string(),
        serviceName: z.string(),
        state: z.enum(TICKET_STATES),
        waitingAhead: z.number().int(),
        estimatedWaitMinutes: z.number().int(),
        counterNumber: z.number().int().nullable(),
      }),
    },
    report: {
      channel: 'queue:report',
      request: z.object(reportRange).strict(),
      response: queueReportViewSchema,
    },
    exportReport: {
      channel: 'queue:export-report',
      request: z.object({ ...reportRange, folder: z.string().min(1).max(1024) }).strict(),
      response: z.object({ files: z.array(z.string()) }),
    },
  },
  printer: {
    status: { channel: 'printer:status', request: empty, response: printerStatusViewSchema },
    testPrint: { channel: 'printer:test-print', request: empty, response: printOutcome },
    alerts: {
      channel: 'printer:alerts',
      request: empty,
      response: z.object({ alerts: z.array(deviceAlertSchema) }),
    },
  },
  demo: {
    lastPrintout: {
      channel: 'demo:last-printout',
      request: empty,
      response: z.object({ png: z.string().nullable(), text: z.string().nullable() }),
    },
    cards: {
      channel: 'demo:cards',
      request: empty,
      response: z.object({ cards: z.array(demoCardSchema), current: z.string().nullable() }),
    },
    placeCard: {
      channel: 'demo:place-card',
      request: z.object({ profileId: z.string().min(1).max(64) }).strict(),
      response: z.object({}),
    },
    removeCard: { channel: 'demo:remove-card', request: empty, response: z.object({}) },
    setPrinter: {
      channel: 'demo:set-printer',
      request: z
        .object({ condition: z.enum(['ok', 'paper-out', 'cover-open', 'offline']) })
        .strict(),
      response: z.object({}),
    },
  },
  identity: {
    readCard: {
      channel: 'identity:read-card',
      request: z.object({ key: identityKeySchema }).strict(),
      response: citizenIdentityViewSchema,
    },
    cancel: { channel: 'identity:cancel', request: empty, response: z.object({}) },
    /** The last read's steps and raw reader frames, for the technician's test read. */
    lastRead: {
      channel: 'identity:last-read',
      request: empty,
      response: z.object({
        log: z
          .object({
            outcome: z.string(),
            access: z.string().nullable(),
            steps: z.array(z.object({ step: z.string(), ms: z.number(), ok: z.boolean() })),
            frames: z.array(z.object({ direction: z.string(), kind: z.string(), hex: z.string() })),
          })
          .nullable(),
      }),
    },
  },
  devices: {
    listPorts: {
      channel: 'devices:list-ports',
      request: empty,
      response: z.object({
        ports: z.array(
          z.object({ path: z.string(), uri: z.string(), manufacturer: z.string().nullable() }),
        ),
      }),
    },
  },
  intake: {
    start: {
      channel: 'intake:start',
      request: z.object({ procedureCode: z.string().min(1).max(40) }).strict(),
      response: z.object({
        procedureName: z.string(),
        purpose: z.string(),
        legalBasis: z.string(),
        consentRef: z.string(),
      }),
    },
    consent: {
      channel: 'intake:consent',
      request: z.object({ granted: z.boolean() }).strict(),
      response: z.object({}),
    },
    lookup: {
      channel: 'intake:lookup',
      request: empty,
      response: z.object({
        differences: z.array(
          z.object({ field: z.string(), card: z.string(), population: z.string() }),
        ),
        prefill: z.record(z.string(), z.string()),
        fields: z.array(formFieldSchema),
        /** The documents of the procedure's (first) case: what the citizen may attach. */
        documents: z.array(z.object({ code: z.string(), name: z.string(), required: z.boolean() })),
      }),
    },
    submit: {
      channel: 'intake:submit',
      request: z
        .object({
          formData: z.record(z.string().max(64), z.string().max(1000)),
          attachments: z.array(attachmentSchema).max(MAX_ATTACHMENTS).default([]),
        })
        .strict(),
      response: intakeReceiptSchema,
    },
    cancel: { channel: 'intake:cancel', request: empty, response: z.object({}) },
  },
  dossiers: {
    /** A receipt QR (MCK1|code|token), a dossier code or a provisional reference. */
    track: {
      channel: 'dossiers:track',
      request: z.object({ query: z.string().min(1).max(300) }).strict(),
      response: trackedDossierSchema,
    },
    /** The outbox as staff see it: pending and failed first. */
    outbox: {
      channel: 'dossiers:outbox',
      request: empty,
      response: z.object({ entries: z.array(outboxEntrySchema) }),
    },
    form01: {
      channel: 'dossiers:form01',
      request: z.object({ localRef: z.string().min(1).max(64) }).strict(),
      response: form01Schema,
    },
    exportForm01: {
      channel: 'dossiers:export-form01',
      request: z.object({ localRef: z.string().min(1).max(64) }).strict(),
      response: z.object({ file: z.string() }),
    },
    retry: {
      channel: 'dossiers:retry',
      request: z.object({ localRef: z.string().min(1).max(64) }).strict(),
      response: z.object({}),
    },
  },
  procedures: {
    list: {
      channel: 'procedures:list',
      request: z
        .object({ q: z.string().max(200).optional(), field: z.string().max(100).optional() })
        .strict(),
      response: z.object({ procedures: z.array(procedureSummaryViewSchema) }),
    },
    get: {
      channel: 'procedures:get',
      request: z.object({ code: z.string().min(1).max(40) }).strict(),
      response: procedureDetailViewSchema,
    },
  },
  city: {
    health: {
      channel: 'city:health',
      request: empty,
      response: z.object({
        ok: z.boolean(),
        baseUrl: z.string(),
        latencyMs: z.number(),
        version: z.string().nullable(),
        errorCode: z.string().nullable(),
      }),
    },
  },
} as const;

/** Events pushed from main to the renderer. */
export const ipcEvents = {
  /** A serial QR scanner read a code (raw text; the screen decides what it means). */
  scannerDidScan: { channel: 'scanner:did-scan', payload: z.object({ text: z.string() }) },
  identityDidProgress: {
    channel: 'identity:did-progress',
    payload: z.object({
      step: z.string(),
      bytesRead: z.number().int().nullable(),
      totalBytes: z.number().int().nullable(),
    }),
  },
  queueDidChange: {
    channel: 'queue:did-change',
    payload: z.object({ eventId: z.number().int(), type: z.string() }),
  },
  queueDidCall: {
    channel: 'queue:did-call',
    payload: boardCallSchema.extend({ recall: z.boolean() }),
  },
  appStateDidChange: { channel: 'app:did-change', payload: appStateSchema },
  sessionDidReset: {
    channel: 'session:did-reset',
    payload: z.object({ reason: sessionResetReasonSchema, at: z.string() }),
  },
} as const;
