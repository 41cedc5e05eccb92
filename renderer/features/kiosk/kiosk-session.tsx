import { useCallback, useState } from 'react';
import type { AppState } from '../../../common/ipc/contract';
import type { Language } from '../../../common/settings';
import { IdleWarning } from '../../app/idle-warning';
import { useIdleTimer } from '../../app/use-idle-timer';
import { kiosk, unwrap } from '../../bridge/kiosk-bridge';
import { I18nProvider, translate } from '../../i18n/i18n';
import { LanguageSwitch } from '../../ui/language-switch';
import { ScreenFrame } from '../../ui/screen-frame';
import { KioskHome, type KioskTask } from './kiosk-home';
import { ProcedureLookup } from './procedure-lookup';
import { TicketFlow } from './ticket-flow';
import { TrackDossier } from './track-dossier';
import { IdentityFlow } from '../identity/identity-flow';
import { IntakeFlow } from '../intake/intake-flow';

/**
 * One citizen's visit at the kiosk. Everything the citizen chose or gave lives below this
 * component; an idle reset remounts it (new key), so nothing survives in the renderer, and asks
 * main to wipe its side too.
 */
export function KioskSession(props: { readonly state: AppState }) {
  const { state } = props;
  const [visit, setVisit] = useState(0);
  const [language, setLanguage] = useState<Language>(state.defaultLanguage);
  const [task, setTask] = useState<KioskTask | null>(null);
  const [warning, setWarning] = useState(false);
  // The card was read: the dossier intake follows.
  const [identityRead, setIdentityRead] = useState(false);

  const dirty = task !== null || language !== state.defaultLanguage;

  /** Ends the visit (idle reset, or the citizen is done): nothing of it survives. */
  const endVisit = useCallback(
    (reason: 'idle' | 'done' | 'home') => {
      setWarning(false);
      setTask(null);
      setIdentityRead(false);
      setLanguage(state.defaultLanguage);
      setVisit((v) => v + 1);
      void unwrap(kiosk().session.reset({ reason })).catch(() => undefined);
    },
    [state.defaultLanguage],
  );
  const reset = useCallback(() => endVisit('idle'), [endVisit]);
  const finishVisit = useCallback(() => endVisit('done'), [endVisit]);
  // Leaving a screen that holds the citizen's card data drops it, as the end of a visit does.
  const leaveWithData = useCallback(() => endVisit('home'), [endVisit]);

  useIdleTimer(state.idle.timeoutSeconds * 1000, dirty && !warning, () => setWarning(true));
  const keepGoing = useCallback(() => setWarning(false), []);

  return (
    <I18nProvider language={language}>
      <div lang={language} key={visit} className="session">
        <ScreenFrame
          unit={state.centre.unit}
          centreName={state.centre.name}
          demo={state.demo}
          footer={
            <>
              <span className="grow">{translate(language, 'kiosk.help')}</span>
              <LanguageSwitch onChange={setLanguage} />
            </>
          }
        >
          {task === null ? (
            <KioskHome onChoose={setTask} />
          ) : task === 'ticket' ? (
            <TicketFlow demo={state.demo} onDone={finishVisit} />
          ) : task === 'submit' && !identityRead ? (
            <IdentityFlow
              demo={state.demo}
              onHome={leaveWithData}
              onContinue={() => setIdentityRead(true)}
            />
          ) : task === 'submit' ? (
            <IntakeFlow onHome={leaveWithData} onTicket={() => setTask('ticket')} />
          ) : task === 'track' ? (
            <TrackDossier onHome={() => setTask(null)} />
          ) : (
            <ProcedureLookup onHome={() => setTask(null)} />
          )}
        </ScreenFrame>
        {warning && (
          <IdleWarning
            seconds={state.idle.warningSeconds}
            onContinue={keepGoing}
            onExpire={reset}
          />
        )}
      </div>
    </I18nProvider>
  );
}
