import { z } from 'zod';

import {
  displaySettingsSchema,
  printerSettingsSchema,
  queueSettingsSchema,
} from './queue-settings';
import { LANGUAGES, ROLES } from './roles';

export { LANGUAGES, ROLES, type Language, type Role } from './roles';

export const DEFAULT_CENTRE_NAME = 'Trung tâm Phục vụ hành chính công thành phố Cần Thơ';

const centreSchema = z.object({
  name: z.string().trim().min(1).max(120).default(DEFAULT_CENTRE_NAME),
  unit: z.string().trim().max(120).default('Ủy ban nhân dân thành phố Cần Thơ'),
  terminalId: z
    .string()
    .regex(/^[A-Z0-9-]{1,32}$/)
    .default('KIOSK-01'),
  counterNumber: z.number().int().min(1).max(99).default(1),
});

const idleSchema = z.object({
  /** Seconds without a touch before the warning appears. */
  timeoutSeconds: z.number().int().min(15).max(600).default(60),
  /** Length of the countdown warning; at least 20 s (WCAG 2.2.1 Timing Adjustable). */
  warningSeconds: z.number().int().min(20).max(120).default(30),
});

const windowSchema = z.object({
  kioskMode: z.boolean().default(true),
  devtools: z.boolean().default(false),
  autoStart: z.boolean().default(false),
  /** Index into the system's display list for the display role; null = primary screen. */
  displayScreenIndex: z.number().int().min(0).max(8).nullable().default(null),
});

const citySchema = z.object({
  baseUrl: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:8088'),
  clientId: z.string().trim().max(120).default('motcua-kiosk'),
  timeoutMs: z.number().int().min(1000).max(60_000).default(10_000),
});

const securitySchema = z.object({
  /** scrypt hash of the technician PIN (see main/services/settings/pin-hash.ts); null = default PIN. */
  pinHash: z.string().nullable().default(null),
  failedAttempts: z.number().int().min(0).default(0),
  lockedUntil: z.iso.datetime().nullable().default(null),
});

/** Secrets sealed by the SecretStore (safeStorage in Electron); never sent to the renderer. */
/** Secrets setup may store (sealed with safeStorage): the city client secret, the queue DB URL. */
export const SECRET_NAMES = ['cityClientSecret', 'queuePostgresUrl'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

const secretsSchema = z.object({
  cityClientSecret: z.string().nullable().default(null),
  queuePostgresUrl: z.string().nullable().default(null),
});

const devicesSchema = z.object({
  /** ID card reader: serial:///dev/ttyUSB0?baud=115200 (PN532 over UART); null = none. */
  readerUri: z.string().max(300).nullable().default(null),
  readerType: z.enum(['pn532']).default('pn532'),
  /** Folder of CSCA certificates for passive authentication (technician-provided). */
  trustStoreDir: z.string().max(1024).nullable().default(null),
  /** Serial (USB-CDC) QR scanner; null = none. */
  scannerUri: z.string().max(300).nullable().default(null),
});

const logsSchema = z.object({
  maxBytes: z
    .number()
    .int()
    .min(64 * 1024)
    .max(100 * 1024 * 1024)
    .default(5 * 1024 * 1024),
  maxFiles: z.number().int().min(1).max(50).default(5),
});

export const settingsSchema = z.object({
  role: z.enum(ROLES).default('kiosk'),
  language: z.enum(LANGUAGES).default('vi'),
  /** Demo mode: simulated devices and the embedded city-system simulator. */
  demo: z.boolean().default(false),
  centre: centreSchema.prefault({}),
  idle: idleSchema.prefault({}),
  window: windowSchema.prefault({}),
  city: citySchema.prefault({}),
  security: securitySchema.prefault({}),
  secrets: secretsSchema.prefault({}),
  logs: logsSchema.prefault({}),
  queue: queueSettingsSchema.prefault({}),
  printer: printerSettingsSchema.prefault({}),
  display: displaySettingsSchema.prefault({}),
  devices: devicesSchema.prefault({}),
});

export type Settings = z.infer<typeof settingsSchema>;

/** What setup may change through IPC: not the PIN state nor secrets (they have their own flows). */
export const settingsPatchSchema = z
  .object({
    role: z.enum(ROLES),
    language: z.enum(LANGUAGES),
    demo: z.boolean(),
    centre: centreSchema.partial(),
    idle: idleSchema.partial(),
    window: windowSchema.partial(),
    city: citySchema.partial(),
    logs: logsSchema.partial(),
    queue: queueSettingsSchema.partial(),
    printer: printerSettingsSchema.partial(),
    display: displaySettingsSchema.partial(),
    devices: devicesSchema.partial(),
  })
  .partial()
  .strict();

export type SettingsPatch = z.input<typeof settingsPatchSchema>;

/** Settings as shown to setup: without secrets and PIN state. */
export const settingsViewSchema = settingsSchema.omit({ security: true, secrets: true });
export type SettingsView = z.infer<typeof settingsViewSchema>;

export function defaultSettings(): Settings {
  return settingsSchema.parse({});
}
