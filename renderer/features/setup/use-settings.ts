import { useCallback, useEffect, useState } from 'react';
import type { SettingsPatch, SettingsView } from '../../../common/settings';
import type { SettingsProblem } from '../../../common/ipc/contract';
import { errorCodeOf, kiosk, unwrap } from '../../bridge/kiosk-bridge';

export interface SettingsState {
  readonly settings: SettingsView;
  readonly problem: SettingsProblem | null;
  readonly pinIsDefault: boolean;
  readonly citySecretSet: boolean;
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

  const saveCitySecret = useCallback(
    async (secret: string): Promise<boolean> => {
      try {
        setState(await unwrap(kiosk().settings.setCitySecret({ secret })));
        setError(null);
        return true;
      } catch (err) {
        handle(err);
        return false;
      }
    },
    [handle],
  );

  return { state, error, save, saveCitySecret };
}
