import { useCallback, useEffect, useState } from 'react';
import type { AppState } from '../../common/ipc/contract';
import { ROLES, type Role } from '../../common/roles';
import { kiosk, unwrap } from '../bridge/kiosk-bridge';
import { CounterHome } from '../features/counter/counter-home';
import { Form01Page } from '../features/counter/form01-page';
import { DisplayBoard } from '../features/display/display-board';
import { KioskSession } from '../features/kiosk/kiosk-session';
import { SetupGate } from '../features/setup/setup-gate';
import { SetupScreen } from '../features/setup/setup-screen';
import { I18nProvider, translate } from '../i18n/i18n';
import { SetupCorner } from './setup-corner';
import { useIdleTimer } from './use-idle-timer';

type Mode = 'role' | 'gate' | 'setup';

/**
 * `?view=<role>` opens another role's screen in this window: Electron's display window on a
 * second screen, and the browser harness (kiosk, counter and display side by side in a demo).
 */
function viewOf(role: Role): Role {
  const view = new URLSearchParams(location.search).get('view');
  return (ROLES as readonly string[]).includes(view ?? '') ? (view as Role) : role;
}

/** A technician who walks away from setup is logged out after this long. */
const SETUP_IDLE_MS = 5 * 60_000;

/** Role routing: kiosk, counter, display or setup; setup behind the PIN from any role. */
export function App() {
  const [state, setState] = useState<AppState | null>(null);
  const [failed, setFailed] = useState(false);
  const [mode, setMode] = useState<Mode>('role');

  useEffect(() => {
    unwrap(kiosk().app.getState({})).then(setState, () => setFailed(true));
    return kiosk().on.appStateDidChange(setState);
  }, []);

  const exitSetup = useCallback(() => {
    setMode('role');
    void unwrap(kiosk().setup.lock({})).catch(() => undefined);
  }, []);
  useIdleTimer(SETUP_IDLE_MS, mode === 'setup', exitSetup);

  const params = new URLSearchParams(location.search);
  const form01Ref = params.get('view') === 'form01' ? params.get('ref') : null;
  if (form01Ref) return <Form01Page localRef={form01Ref} />;

  if (failed) return <p className="board-empty">{translate('vi', 'app.startFailed')}</p>;
  if (!state) return <p className="board-empty">{translate('vi', 'app.loading')}</p>;

  const view = viewOf(state.role);
  const inSetup = mode === 'setup' || (view === 'setup' && mode !== 'gate');

  return (
    <I18nProvider language={state.defaultLanguage}>
      {mode === 'setup' ? (
        <SetupScreen state={state} onExit={exitSetup} />
      ) : view === 'kiosk' ? (
        <KioskSession state={state} />
      ) : view === 'counter' ? (
        <CounterHome state={state} />
      ) : view === 'display' ? (
        <DisplayBoard state={state} />
      ) : (
        <SetupGate onUnlocked={() => setMode('setup')} onCancel={() => undefined} />
      )}
      {mode === 'gate' && (
        <SetupGate onUnlocked={() => setMode('setup')} onCancel={() => setMode('role')} />
      )}
      {!inSetup && mode === 'role' && <SetupCorner onActivate={() => setMode('gate')} />}
    </I18nProvider>
  );
}
