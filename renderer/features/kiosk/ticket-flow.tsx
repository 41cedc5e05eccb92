import { useCallback, useEffect, useState } from 'react';
import type { IssuedTicketView } from '../../../common/ipc/contract';
import type { PriorityCategory } from '../../../common/queue';
import { PRIORITY_CATEGORIES } from '../../../common/queue-constants';
import { useQueueView } from '../../app/use-queue-view';
import { errorCodeOf, kiosk, unwrap } from '../../bridge/kiosk-bridge';
import { errorMessage, useI18n } from '../../i18n/i18n';
import { Button } from '../../ui/button';
import { playClips } from '../../ui/sound';

const AUTO_HOME_SECONDS = 20;

/** Take a number: service tile → ticket (two touches from home), optional priority. */
export function TicketFlow(props: { readonly demo: boolean; readonly onDone: () => void }) {
  const { t } = useI18n();
  const [priority, setPriority] = useState<PriorityCategory | null>(null);
  const [issued, setIssued] = useState<IssuedTicketView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const loadServices = useCallback(() => unwrap(kiosk().queue.services({})), []);
  const { data } = useQueueView(loadServices);

  const take = async (serviceId: string) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const result = await unwrap(kiosk().queue.issueTicket({ serviceId, priority }));
      setIssued(result);
      void playClips([result.print.printed ? 'vi/nhan-phieu' : 'vi/khong-in-duoc']);
    } catch (err) {
      setError(errorMessage(t, errorCodeOf(err)));
    } finally {
      setBusy(false);
    }
  };

  if (issued) return <TicketIssued issued={issued} demo={props.demo} onDone={props.onDone} />;

  return (
    <section className="ticket-flow" aria-labelledby="ticket-title">
      <h1 className="greeting" id="ticket-title">
        {t('ticket.choose')}
      </h1>
      <p className="prompt">{t('ticket.chooseHint')}</p>
      <fieldset className="priority-box">
        <legend>{t('ticket.priority.title')}</legend>
        <div className="segmented">
          {PRIORITY_CATEGORIES.map((p) => (
            <Button
              key={p}
              variant="secondary"
              aria-pressed={priority === p}
              onClick={() => setPriority(priority === p ? null : p)}
            >
              {t(`ticket.priority.${p}`)}
            </Button>
          ))}
        </div>
        <p className="privacy-line">{t('ticket.priority.note')}</p>
      </fieldset>
      <div className="service-grid">
        {(data?.services ?? []).map((s) => (
          <button
            key={s.id}
            type="button"
            className="service-tile"
            disabled={busy}
            onClick={() => void take(s.id)}
          >
            <span className="service-name">{s.name}</span>
            <span className="service-meta">
              {t('ticket.waiting', { count: s.waiting })} ·{' '}
              {s.waiting === 0
                ? t('ticket.noWait')
                : t('ticket.wait', { minutes: Math.max(1, s.estimatedWaitMinutes) })}
            </span>
          </button>
        ))}
      </div>
      {busy && <p role="status">{t('ticket.issuing')}</p>}
      {error && (
        <p role="alert" className="notice notice-error">
          {error}
        </p>
      )}
      <div className="actions">
        <Button variant="secondary" size="xl" onClick={props.onDone}>
          {t('common.back')}
        </Button>
      </div>
    </section>
  );
}

function TicketIssued(props: {
  readonly issued: IssuedTicketView;
  readonly demo: boolean;
  readonly onDone: () => void;
}) {
  const { t } = useI18n();
  const { issued, onDone } = props;
  const [left, setLeft] = useState(AUTO_HOME_SECONDS);
  const [printout, setPrintout] = useState<string | null>(null);

  useEffect(() => {
    const timer = setInterval(() => setLeft((s) => s - 1), 1000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (left <= 0) onDone();
  }, [left, onDone]);
  useEffect(() => {
    if (!props.demo || !issued.print.printed) return;
    unwrap(kiosk().demo.lastPrintout({})).then(
      (p) => setPrintout(p.png),
      () => undefined,
    );
  }, [props.demo, issued.print.printed]);

  const { ticket } = issued;
  return (
    <section className="ticket-issued" aria-labelledby="ticket-number-label">
      <div className="ticket-card">
        <p id="ticket-number-label" className="prompt">
          {t('ticket.yourNumber')}
        </p>
        <p className="ticket-number" data-testid="ticket-number">
          {ticket.label}
        </p>
        <p className="ticket-service">{issued.serviceName}</p>
        {ticket.priority && (
          <p className="ticket-priority">
            {t('ticket.priorityMark', { category: t(`ticket.priority.${ticket.priority}`) })}
          </p>
        )}
        <p className="prompt">{t('ticket.ahead', { count: issued.waitingAhead })}</p>
        {issued.waitingAhead > 0 && (
          <p className="prompt">
            {t('ticket.estimate', { minutes: Math.max(1, issued.estimatedWaitMinutes) })}
          </p>
        )}
        {issued.counterNumbers.length > 0 && (
          <p className="prompt">
            {t('ticket.counters', { counters: issued.counterNumbers.join(', ') })}
          </p>
        )}
      </div>
      {issued.print.printed ? (
        <p className="notice notice-ok" role="status">
          {t('ticket.takeIt')}
        </p>
      ) : (
        <p className="notice notice-error" role="alert" data-testid="ticket-not-printed">
          {t('ticket.notPrinted', { label: ticket.label })}
        </p>
      )}
      {printout && (
        <figure className="printout">
          <img src={`data:image/png;base64,${printout}`} alt={t('ticket.printout')} />
          <figcaption>{t('ticket.printout')}</figcaption>
        </figure>
      )}
      <div className="actions">
        <Button size="xl" onClick={onDone}>
          {t('ticket.done')}
        </Button>
        <span className="privacy-line">{t('ticket.autoHome', { seconds: Math.max(0, left) })}</span>
      </div>
    </section>
  );
}
