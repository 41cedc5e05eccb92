import { useCallback, useState } from 'react';
import { useScannedCodes } from '../../app/use-scanned-codes';
import type { ResponseOf } from '../../../common/ipc/types';
import type { IpcContract } from '../../../common/ipc/types';
import type { TrackedDossier } from '../../../common/ipc/contract';
import { parseQueueTicketQr } from '../../../common/queue-labels';

type TicketPosition = ResponseOf<IpcContract['queue']['position']>;
import { errorCodeOf, kiosk, unwrap } from '../../bridge/kiosk-bridge';
import { errorMessage, useI18n } from '../../i18n/i18n';
import { Button } from '../../ui/button';
import { OnScreenKeyboard } from '../../ui/on-screen-keyboard';

/** Track a dossier: scan the receipt's QR, or type the code; the status in plain words. */
export function TrackDossier(props: { readonly onHome: () => void }) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<TrackedDossier | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [ticket, setTicket] = useState<TicketPosition | null>(null);

  const track = useCallback(
    async (text: string) => {
      setBusy(true);
      setError(null);
      try {
        // The QR on a queue ticket: where the citizen stands in the queue.
        const ticketId = parseQueueTicketQr(text);
        if (ticketId) {
          setResult(null);
          setTicket(await unwrap(kiosk().queue.position({ ticketId })));
          return;
        }
        setTicket(null);
        setResult(await unwrap(kiosk().dossiers.track({ query: text })));
      } catch (err) {
        setResult(null);
        setError(errorMessage(t, errorCodeOf(err)));
      } finally {
        setBusy(false);
      }
    },
    [t],
  );

  // The receipt's QR from a serial scanner, or typed by a keyboard-wedge scanner.
  useScannedCodes(true, (text) => void track(text));

  return (
    <section className="procedures" aria-labelledby="track-title">
      <div className="actions">
        <h1 className="greeting grow-1" id="track-title">
          {t('track.title')}
        </h1>
        <Button variant="secondary" size="xl" onClick={props.onHome}>
          {t('common.home')}
        </Button>
      </div>
      <p className="prompt">{t('track.hint')}</p>
      <form
        className="actions"
        onSubmit={(e) => {
          e.preventDefault();
          if (query.trim()) void track(query.trim());
        }}
      >
        <label className="field grow-1">
          {t('track.code')}
          <input
            className="search-input"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            spellCheck={false}
          />
        </label>
        <Button type="submit" size="xl" disabled={!query.trim() || busy}>
          {t('track.search')}
        </Button>
      </form>
      <OnScreenKeyboard value={query} onChange={(v) => setQuery(v.toUpperCase())} />
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {ticket && (
        <div className="ticket-card" role="status" data-testid="ticket-position">
          <p className="ticket-number">{ticket.label}</p>
          <p className="ticket-service">{ticket.serviceName}</p>
          <p className="prompt strong">
            {ticket.state === 'issued'
              ? t('track.ticket.waiting', {
                  count: ticket.waitingAhead,
                  minutes: Math.max(1, ticket.estimatedWaitMinutes),
                })
              : ticket.counterNumber !== null &&
                  (ticket.state === 'called' || ticket.state === 'serving')
                ? t('track.ticket.called', { counter: ticket.counterNumber })
                : t('track.ticket.over')}
          </p>
        </div>
      )}
      {result && (
        <div className="ticket-card" role="status" data-testid="track-result">
          <p className="receipt-code">{result.reference}</p>
          {result.procedureName && <p className="ticket-service">{result.procedureName}</p>}
          <p className="prompt strong">{t(`track.state.${result.state}`)}</p>
          {result.dueDate && (
            <p className="prompt">
              {t('intake.receipt.due', { date: result.dueDate.split('-').reverse().join('/') })}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
