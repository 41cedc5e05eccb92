import { z } from 'zod';
import { LANGUAGES, ROLES, settingsPatchSchema, settingsViewSchema } from '../settings';

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
  /** Whether a city client secret is stored (its value never leaves main). */
  citySecretSet: z.boolean(),
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
    setCitySecret: {
      channel: 'settings:set-city-secret',
      request: z.object({ secret: z.string().max(512) }).strict(),
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
  appStateDidChange: { channel: 'app:did-change', payload: appStateSchema },
  sessionDidReset: {
    channel: 'session:did-reset',
    payload: z.object({ reason: sessionResetReasonSchema, at: z.string() }),
  },
} as const;
