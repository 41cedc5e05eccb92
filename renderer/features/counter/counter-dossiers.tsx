import { useCallback, useEffect, useState } from 'react';
import type { OutboxEntry } from '../../../common/ipc/contract';
import { errorCodeOf, kiosk, unwrap } from '../../bridge/kiosk-bridge';
import { errorMessage, useI18n } from '../../i18n/i18n';
import { Button } from '../../ui/button';
import { exportForm01 } from './form01-export';

const REFRESH_MS = 5000;

/** Dossiers sent from this terminal: pending and failed first, with a "send now" for staff. */
export function CounterDossiers(props: { readonly onClose: () => void }) {
  const { t } = useI18n();
  const [entries, setEntries] = useState<OutboxEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    () =>
      unwrap(kiosk().dossiers.outbox({})).then(
        (r) => setEntries(r.entries),
        (err: unknown) => setError(errorMessage(t, errorCodeOf(err))),
      ),
    [t],
  );
  const [saved, setSaved] = useState<string | null>(null);
  const form01 = (localRef: string) =>
    exportForm01(localRef).then(setSaved, (err: unknown) =>
      setError(errorMessage(t, errorCodeOf(err))),
    );
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);
  return (
    <section className="panel" aria-labelledby="outbox-title">
      <div className="actions">
        <h2 id="outbox-title" className="grow-1">
          {t('counter.outbox.title')}
        </h2>
        <Button variant="ghost" onClick={props.onClose}>
          {t('common.close')}
        </Button>
      </div>
      {error && <p className="notice notice-error">{error}</p>}
      {saved && (
        <p className="notice notice-ok" role="status">
          {t('counter.outbox.saved', { file: saved })}
        </p>
      )}
      {entries?.length === 0 && <p className="prompt">{t('counter.outbox.empty')}</p>}
      <table className="report-table">
        <tbody>
          {entries?.map((e) => (
            <tr key={e.localRef}>
              <td>{e.code ?? e.localRef}</td>
              <td>{e.procedureCode}</td>
              <td>{t(`counter.outbox.state.${e.state}`)}</td>
              <td>{e.problem ?? ''}</td>
              <td>
                <Button variant="ghost" onClick={() => void form01(e.localRef)}>
                  {t('counter.outbox.form01')}
                </Button>
                {e.state !== 'acknowledged' && e.state !== 'rejected' && (
                  <Button
                    variant="secondary"
                    onClick={() =>
                      void unwrap(kiosk().dossiers.retry({ localRef: e.localRef })).then(load)
                    }
                  >
                    {t('counter.outbox.retry')}
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
