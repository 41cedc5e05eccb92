/**
 * Where settings live: electron-store in Electron (main/app), its base `conf` in Node
 * (main/platform). Both validate against the JSON schema derived from common/settings.ts.
 */
export interface SettingsBackend {
  /** The whole stored object (already validated against the JSON schema by the store). */
  readonly store: unknown;
  /** Replaces the whole stored object (validated by the store; throws on a schema violation). */
  replace(value: Record<string, unknown>): void;
  readonly path: string;
}

export interface SettingsBackendFactory {
  /** Opens the store; throws when the file is unreadable or violates the schema. */
  open(): SettingsBackend;
  /** Moves an unreadable settings file aside; returns where it went (null if there was none). */
  quarantine(reason: string): string | null;
}
