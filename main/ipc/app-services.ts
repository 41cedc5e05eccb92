import type {
  AppState,
  AttachmentUpload,
  IntakeReceiptView,
  Form01,
  OutboxEntry,
  PrintOutcome,
  TrackedDossier,
} from '../../common/ipc/contract';
import type { IntakeLookup, IntakeStart } from '../services/intake/intake-service';
import type { SecretName } from '../../common/settings';
import type { CityGateway } from '../city/city-gateway-port';
import type { CitizenIdentity } from '../../common/citizen-identity';
import type { IdentityKey } from '../services/identity/identity-key';
import type { ReadLog } from '../services/identity/identity-service';
import type { DeviceAlerts } from '../services/alerts/device-alerts';
import type { QueueDesk } from '../services/queue-desk/queue-desk';
import type { SessionService } from '../services/session/session-service';
import type { SettingsService } from '../services/settings/settings-service';
import type { TechnicianAuth } from '../services/settings/technician-auth';

export interface CityHealth {
  readonly ok: boolean;
  readonly baseUrl: string;
  readonly latencyMs: number;
  readonly version: string | null;
  readonly errorCode: string | null;
}

/** What the IPC handlers need, built by the composition root (main/composition.ts). */
export interface PrinterControl {
  status(): Promise<{
    configured: boolean;
    uri: string | null;
    state: 'ready' | 'paper-out' | 'cover-open' | 'offline' | 'error' | 'unknown';
    paperNearEnd: boolean;
  }>;
  testPrint(): Promise<PrintOutcome>;
}

/** Demo-mode controls (simulators); null outside demo mode. */
export interface DemoControls {
  lastPrintout(): { png: Buffer; text: string } | null;
  setPrinter(condition: 'ok' | 'paper-out' | 'cover-open' | 'offline'): void;
  readonly idCard: {
    readonly profiles: readonly {
      id: string;
      title: string;
      description: string;
      qrText: string;
    }[];
    readonly currentProfile: string | undefined;
    placeCard(profileId: string): Promise<void>;
    removeCard(): void;
  } | null;
}

/** Dossier intake for the current citizen session (main/services/intake). */
export interface IntakeControl {
  start(procedureCode: string): Promise<IntakeStart>;
  consent(granted: boolean): Promise<void>;
  lookup(): Promise<IntakeLookup>;
  /** Submits through the outbox and prints the receipt slip on the ticket printer. */
  submitAndPrint(
    formData: Record<string, string>,
    attachments: readonly AttachmentUpload[],
  ): Promise<IntakeReceiptView>;
  wipe(): void;
}

/** Dossiers already submitted from this terminal, and tracking at the city. */
export interface DossierControl {
  track(query: string): Promise<TrackedDossier>;
  outbox(): Promise<OutboxEntry[]>;
  retry(localRef: string): Promise<void>;
  form01(localRef: string): Promise<Form01>;
}

/** The ID card reader as the IPC handlers use it (one read at a time). */
export interface IdentityControl {
  read(key: IdentityKey): Promise<CitizenIdentity>;
  /** Cancels a running read (the identity read stays until the session reset). */
  cancel(): void;
  lastRead(): ReadLog | undefined;
}

export interface AppServices {
  readonly version: string;
  /** Demo mode forced by the command line (`--demo`), on top of the setting. */
  readonly demoForced: boolean;
  readonly settings: SettingsService;
  readonly auth: TechnicianAuth;
  readonly session: SessionService;
  readonly logs: {
    recent(limit: number): string[];
    exportTo(folder: string): string[];
  };
  cityHealth(): Promise<CityHealth>;
  /** The city-system gateway for the current settings (or the demo simulator). */
  city(): CityGateway;
  readonly desk: QueueDesk;
  readonly printer: PrinterControl;
  readonly alerts: DeviceAlerts;
  readonly demo: DemoControls | null;
  /** null when no reader is configured. */
  readonly identity: IdentityControl | null;
  /** null when no ID card reader is configured (intake starts from the card). */
  readonly intake: IntakeControl | null;
  readonly dossiers: DossierControl;
  /** Saves Mẫu 01 as an A4 PDF and returns its path; null where no PDF engine runs (harness). */
  readonly exportForm01: ((localRef: string) => Promise<string>) | null;
  listSerialPorts(): Promise<{ path: string; uri: string; manufacturer: string | null }[]>;
  /** Seals and stores a secret; '' removes it. */
  setSecret(name: SecretName, value: string): void;
}

export function appStateOf(services: AppServices): AppState {
  const s = services.settings.get();
  return {
    role: s.role,
    defaultLanguage: s.language,
    demo: services.demoForced || s.demo,
    version: services.version,
    centre: s.centre,
    idle: s.idle,
    settingsProblem: services.settings.problem !== null,
    pinIsDefault: services.auth.pinIsDefault,
  };
}
