import fs from 'node:fs';
import Conf, { type Options } from 'conf';
import type {
  SettingsBackend,
  SettingsBackendFactory,
} from '../services/settings/settings-backend';
import { settingsJsonSchemaProperties } from '../services/settings/settings-service';

type StoreOptions = Options<Record<string, unknown>>;
/** `conf` itself, or electron-store (which extends it) from main/app. */
export type ConfLike = { store: Record<string, unknown>; readonly path: string };
export type ConfConstructor = (options: StoreOptions) => ConfLike;

const CONFIG_NAME = 'settings';

/**
 * Settings in a JSON file validated by the JSON schema derived from common/settings.ts.
 * `create` defaults to `conf`; Electron passes electron-store, which is built on it.
 */
export function confSettingsBackend(opts: {
  readonly cwd?: string;
  readonly create?: ConfConstructor;
  readonly now?: () => Date;
}): SettingsBackendFactory {
  const create: ConfConstructor = opts.create ?? ((o) => new Conf(o));
  const options: StoreOptions = {
    configName: CONFIG_NAME,
    projectName: 'motcua-kiosk',
    schema: settingsJsonSchemaProperties() as NonNullable<StoreOptions['schema']>,
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
  };
  let lastPath: string | null = null;
  return {
    open(): SettingsBackend {
      const store = create(options);
      lastPath = store.path;
      return {
        get store() {
          return store.store;
        },
        replace(value) {
          store.store = value;
        },
        path: store.path,
      };
    },
    quarantine() {
      const file = lastPath ?? (opts.cwd ? `${opts.cwd}/${CONFIG_NAME}.json` : null);
      if (!file || !fs.existsSync(file)) return null;
      const stamp = (opts.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
      const backup = `${file}.invalid-${stamp}`;
      fs.renameSync(file, backup);
      return backup;
    },
  };
}
