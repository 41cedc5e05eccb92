import { z } from 'zod';
import {
  defaultSettings,
  settingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../../common/settings';
import type { SettingsProblem } from '../../../common/ipc/contract';
import { AppError } from '../../../common/errors';
import type { Logger } from '../log/logger';
import type { SettingsBackend, SettingsBackendFactory } from './settings-backend';

/** The JSON schema handed to electron-store / conf, derived from the one zod schema. */
export function settingsJsonSchemaProperties(): Record<string, unknown> {
  const schema = z.toJSONSchema(settingsSchema, { io: 'input' }) as {
    properties: Record<string, unknown>;
  };
  return schema.properties;
}

type Listener = (settings: Settings) => void;

/**
 * Loads, validates and saves settings. A bad settings file (unparseable, or violating the schema)
 * never crashes the app: it is moved aside, defaults are used, and setup shows the problem.
 */
export class SettingsService {
  private backend: SettingsBackend;
  private current: Settings;
  private readonly listeners = new Set<Listener>();
  readonly problem: SettingsProblem | null;

  constructor(
    factory: SettingsBackendFactory,
    private readonly log: Logger,
    now: () => Date = () => new Date(),
  ) {
    let problem: SettingsProblem | null = null;
    let backend: SettingsBackend;
    try {
      backend = factory.open();
      this.current = settingsSchema.parse(backend.store ?? {});
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      const backupFile = factory.quarantine(reason);
      log.error('settings file invalid; replaced by defaults', { reason, backupFile });
      problem = { reason, backupFile, at: now().toISOString() };
      backend = factory.open();
      this.current = defaultSettings();
      backend.replace(this.current);
    }
    this.backend = backend;
    this.problem = problem;
  }

  get(): Settings {
    return this.current;
  }

  get path(): string {
    return this.backend.path;
  }

  /** Applies a partial change (one level deep for the nested blocks) and persists it. */
  update(patch: SettingsPatch): Settings {
    const merged: Record<string, unknown> = { ...this.current };
    for (const [key, value] of Object.entries(patch)) {
      const prev = merged[key];
      merged[key] =
        value && typeof value === 'object' && prev && typeof prev === 'object'
          ? { ...prev, ...value }
          : value;
    }
    return this.save(merged);
  }

  /** For services that own part of the settings (e.g. the PIN lockout state). */
  updateSecurity(security: Partial<Settings['security']>): Settings {
    return this.save({ ...this.current, security: { ...this.current.security, ...security } });
  }

  updateSecrets(secrets: Partial<Settings['secrets']>): Settings {
    return this.save({ ...this.current, secrets: { ...this.current.secrets, ...secrets } });
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private save(candidate: Record<string, unknown>): Settings {
    const parsed = settingsSchema.safeParse(candidate);
    if (!parsed.success) {
      throw new AppError('SETTINGS_INVALID', z.prettifyError(parsed.error));
    }
    this.backend.replace(parsed.data);
    this.current = parsed.data;
    for (const l of this.listeners) l(this.current);
    return this.current;
  }
}
