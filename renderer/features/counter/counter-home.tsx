import { useCallback, useEffect, useState } from 'react';
import type { AppState, CounterAction } from '../../../common/ipc/contract';
import type { Ticket } from '../../../common/queue';
import { PAUSE_REASONS } from '../../../common/queue-constants';
import { useQueueView } from '../../app/use-queue-view';
import { errorCodeOf, kiosk, unwrap } from '../../bridge/kiosk-bridge';
import { errorMessage, useI18n } from '../../i18n/i18n';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';
import { ScreenFrame } from '../../ui/screen-frame';
import { IntakeFlow } from '../intake/intake-flow';
import { CounterDossiers } from './counter-dossiers';
import { CounterIdentity } from './counter-identity';

const READ_CARD_KEY = 'F8';

const SHORTCUTS: Record<string, CounterAction> = {
  F1: 'call-next',
  F2: 'recall',
  F3: 'start',
  F4: 'complete',
  F5: 'no-show',
};

function mmss(fromIso: string | null, now: number): string {
  if (!fromIso) return '0:00';
  const s = Math.max(0, Math.floor((now - Date.parse(fromIso)) / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** The reception counter: its live queue, the current citizen, actions with shortcuts. */
export function CounterHome(props: { readonly state: AppState }) {
  const { t } = useI18n();
  const { state } = props;
  const now = useNow();
  const load = useCallback(() => unwrap(kiosk().queue.counterView({})), []);
  const { data: view, error: loadError, reload } = useQueueView(load);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [dialog, setDialog] = useState<'transfer' | 'pause' | null>(null);
  const [cardOpen, setCardOpen] = useState(false);
  const [outboxOpen, setOutboxOpen] = useState(false);
  const [intakeOpen, setIntakeOpen] = useState(false);

  const run = useCallback(
    async (task: () => Promise<unknown>, okText?: string) => {
      try {
        await task();
        setMessage(okText ? { ok: true, text: okText } : null);
      } catch (err) {
        setMessage({ ok: false, text: errorMessage(t, errorCodeOf(err)) });
      }
      void reload();
    },
    [reload, t],
  );
  const act = useCallback(
    (action: CounterAction) => run(() => unwrap(kiosk().queue.act({ action }))),
    [run],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === READ_CARD_KEY) {
        e.preventDefault();
        setCardOpen(true);
        return;
      }
      const action = SHORTCUTS[e.key];
      if (action && !dialog) {
        e.preventDefault();
        void act(action);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [act, dialog]);

  const current = view?.current ?? null;
  const paused = view?.status.state === 'paused';
  const serviceName = (tk: Ticket) => view?.services.find((s) => s.id === tk.serviceId)?.name ?? '';

  return (
    <ScreenFrame unit={state.centre.unit} centreName={state.centre.name} demo={state.demo}>
      <div className="actions">
        <h1 className="greeting grow-1">
          {view?.counter.name ?? t('counter.title', { number: state.centre.counterNumber })}
        </h1>
        <span className="prompt">
          {t('counter.servedToday', { count: view?.servedToday ?? 0 })}
        </span>
        <Button variant="secondary" onClick={() => setOutboxOpen(true)}>
          {t('counter.outbox.open')}
        </Button>
        <Button variant="secondary" onClick={() => setCardOpen(true)}>
          {t('counter.identity.open')} ({READ_CARD_KEY})
        </Button>
        {paused ? (
          <Button onClick={() => void run(() => unwrap(kiosk().queue.resume({})))}>
            {t('counter.action.resume')}
          </Button>
        ) : (
          <Button variant="secondary" onClick={() => setDialog('pause')}>
            {t('counter.action.pause')}
          </Button>
        )}
      </div>
      {(loadError ?? message) && (
        <p
          role={message?.ok ? 'status' : 'alert'}
          className={`notice ${message?.ok ? 'notice-ok' : 'notice-error'}`}
        >
          {message ? message.text : errorMessage(t, loadError ?? '')}
        </p>
      )}
      {paused && (
        <p className="notice notice-warn" role="status">
          {t('counter.paused')}: {t(`counter.reason.${view?.status.pauseReason ?? 'other'}`)}
        </p>
      )}
      {outboxOpen && <CounterDossiers onClose={() => setOutboxOpen(false)} />}
      {cardOpen && !intakeOpen && (
        <CounterIdentity
          demo={state.demo}
          onClose={() => setCardOpen(false)}
          onReceive={() => setIntakeOpen(true)}
        />
      )}
      {intakeOpen && (
        <section className="panel">
          <IntakeFlow
            atCounter
            onHome={() => {
              setIntakeOpen(false);
              setCardOpen(false);
              // The citizen has their receipt: drop their card and population data in main.
              void unwrap(kiosk().session.reset({ reason: 'done' })).catch(() => undefined);
            }}
            onTicket={() => setIntakeOpen(false)}
          />
        </section>
      )}
      <div className="counter-layout">
        <section className="panel counter-current" aria-labelledby="current-title">
          <h2 id="current-title">{t('counter.current')}</h2>
          {current ? (
            <>
              <p className="counter-number" data-testid="counter-current">
                {current.label}
              </p>
              <p className="prompt">
                {serviceName(current)}
                {current.priority && ` · ${t(`ticket.priority.${current.priority}`)}`}
              </p>
              <p className="prompt">
                {t('counter.elapsed', { time: mmss(current.startedAt ?? current.calledAt, now) })}
              </p>
            </>
          ) : (
            <p className="prompt">{t('counter.none')}</p>
          )}
          <div className="counter-actions">
            <Button
              size="xl"
              disabled={paused || current !== null}
              onClick={() => void act('call-next')}
            >
              {t('counter.action.call-next')} (F1)
            </Button>
            <Button
              variant="secondary"
              disabled={current?.state !== 'called'}
              onClick={() => void act('recall')}
            >
              {t('counter.action.recall')} (F2)
            </Button>
            <Button
              variant="secondary"
              disabled={current?.state !== 'called'}
              onClick={() => void act('start')}
            >
              {t('counter.action.start')} (F3)
            </Button>
            <Button variant="secondary" disabled={!current} onClick={() => void act('complete')}>
              {t('counter.action.complete')} (F4)
            </Button>
            <Button
              variant="secondary"
              disabled={current?.state !== 'called'}
              onClick={() => void act('no-show')}
            >
              {t('counter.action.no-show')} (F5)
            </Button>
            <Button variant="secondary" disabled={!current} onClick={() => setDialog('transfer')}>
              {t('counter.action.transfer')}
            </Button>
            <Button
              variant="ghost"
              disabled={!current}
              onClick={() =>
                current &&
                void run(async () => {
                  const r = await unwrap(kiosk().queue.reprint({ ticketId: current.id }));
                  if (!r.printed) throw new Error(r.errorCode ?? 'PRINTER_NOT_PRINTED');
                }, t('counter.reprinted'))
              }
            >
              {t('counter.action.reprint')}
            </Button>
          </div>
          <p className="privacy-line">{t('counter.shortcuts')}</p>
        </section>
        <section className="panel counter-queue" aria-labelledby="waiting-title">
          <h2 id="waiting-title">
            {t('counter.waitingList', { count: view?.waiting.length ?? 0 })}
          </h2>
          {view && view.waiting.length === 0 && (
            <p className="prompt">{t('counter.noneWaiting')}</p>
          )}
          <ol className="waiting-list">
            {view?.waiting.map((tk) => (
              <li key={tk.id} className={tk.priority ? 'priority' : ''}>
                <span className="waiting-label">{tk.label}</span>
                <span className="grow-1">
                  {serviceName(tk)}
                  {tk.priority && ` · ${t(`ticket.priority.${tk.priority}`)}`}
                  <br />
                  <small>{t('counter.waited', { time: mmss(tk.issuedAt, now) })}</small>
                </span>
                <Button
                  variant="secondary"
                  disabled={paused || current !== null}
                  onClick={() =>
                    void run(() => unwrap(kiosk().queue.callTicket({ ticketId: tk.id })))
                  }
                >
                  {t('counter.action.call')}
                </Button>
              </li>
            ))}
          </ol>
        </section>
      </div>
      {dialog === 'pause' && (
        <Dialog title={t('counter.pauseReason')}>
          <div className="segmented">
            {PAUSE_REASONS.map((reason) => (
              <Button
                key={reason}
                variant="secondary"
                onClick={() => {
                  setDialog(null);
                  void run(() => unwrap(kiosk().queue.pause({ reason })));
                }}
              >
                {t(`counter.reason.${reason}`)}
              </Button>
            ))}
          </div>
          <Button variant="ghost" onClick={() => setDialog(null)}>
            {t('common.cancel')}
          </Button>
        </Dialog>
      )}
      {dialog === 'transfer' && current && view && (
        <Dialog title={t('counter.transferTo', { label: current.label })}>
          <div className="segmented">
            {view.allServices
              .filter((s) => s.id !== current.serviceId)
              .map((s) => (
                <Button
                  key={s.id}
                  variant="secondary"
                  onClick={() => {
                    setDialog(null);
                    void run(() =>
                      unwrap(kiosk().queue.transfer({ ticketId: current.id, toServiceId: s.id })),
                    );
                  }}
                >
                  {s.name}
                </Button>
              ))}
          </div>
          <div className="segmented">
            {view.otherCounters.map((c) => (
              <Button
                key={c.id}
                variant="secondary"
                onClick={() => {
                  setDialog(null);
                  void run(() =>
                    unwrap(kiosk().queue.transfer({ ticketId: current.id, toCounterId: c.id })),
                  );
                }}
              >
                {t('display.counter')} {c.number}
              </Button>
            ))}
          </div>
          <Button variant="ghost" onClick={() => setDialog(null)}>
            {t('common.cancel')}
          </Button>
        </Dialog>
      )}
    </ScreenFrame>
  );
}
