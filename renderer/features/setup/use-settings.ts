import { useCallback, useEffect, useState } from 'react';
import type { SecretName, SettingsPatch, SettingsView } from '../../../common/settings';
import type { SettingsProblem } from '../../../common/ipc/contract';
import { errorCodeOf, kiosk, unwrap } from '../../bridge/kiosk-bridge';

export interface SettingsState {
  readonly settings: SettingsView;
  readonly problem: SettingsProblem | null;
  readonly pinIsDefault: boolean;
  readonly secretsSet: { readonly cityClientSecret: boolean; readonly queuePostgresUrl: boolean };
}

/** Loads settings for setup and saves patches; errors come back as codes. */
export function useSettings(onLocked: () => void) {
  const [state, setState] = useState<SettingsState | null>(null);
  const [error, setError] = useState<string | null>(null);

  const handle = useCallback(
    (err: unknown) => {
      const code = errorCodeOf(err);
      if (code === 'SETUP_LOCKED') onLocked();
      setError(code);
    },
    [onLocked],
  );

  useEffect(() => {
    unwrap(kiosk().settings.get({})).then(setState, handle);
  }, [handle]);

  const save = useCallback(
    async (patch: SettingsPatch): Promise<boolean> => {
      try {
        setState(await unwrap(kiosk().settings.update({ patch })));
        setError(null);
        return true;
      } catch (err) {
        handle(err);
        return false;
      }
    },
    [handle],
  );

  const saveSecret = useCallback(
    async (name: SecretName, value: string): Promise<boolean> => {
      try {
        setState(await unwrap(kiosk().settings.setSecret({ name, value })));
        setError(null);
        return true;
      } catch (err) {
        handle(err);
        return false;
      }
    },
    [handle],
  );

  return { state, error, save, saveSecret };
}
