import { useCallback, useEffect, useState } from 'react';
import type { AppState } from '../../../common/ipc/contract';
import { useQueueView } from '../../app/use-queue-view';
import { kiosk, unwrap } from '../../bridge/kiosk-bridge';
import { useI18n } from '../../i18n/i18n';
import { ScreenFrame } from '../../ui/screen-frame';
import { announcementClips, playClips } from '../../ui/sound';

const HIGHLIGHT_MS = 12_000;

/**
 * The waiting-room board: now serving per counter, the last calls, and a Vietnamese voice call
 * for every call — chime first, queued, never overlapping. Updates live; never needs F5.
 */
export function DisplayBoard(props: { readonly state: AppState }) {
  const { t } = useI18n();
  const { state } = props;
  const load = useCallback(() => unwrap(kiosk().queue.board({})), []);
  const { data: board } = useQueueView(load);
  const [fresh, setFresh] = useState<{ label: string; counterNumber: number; at: number } | null>(
    null,
  );
  const voice = board?.voice ?? true;

  useEffect(
    () =>
      kiosk().on.queueDidCall((call) => {
        setFresh({ label: call.label, counterNumber: call.counterNumber, at: Date.now() });
        if (voice) void playClips(announcementClips(call.label, call.counterNumber));
      }),
    [voice],
  );
  useEffect(() => {
    if (!fresh) return;
    const timer = setTimeout(() => setFresh(null), HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [fresh]);

  const counters = board?.counters ?? [];
  const anyCalled = counters.some((c) => c.serving) || (board?.recentCalls.length ?? 0) > 0;
  return (
    <ScreenFrame unit={state.centre.unit} centreName={state.centre.name} demo={state.demo}>
      {fresh && (
        <div
          className="board-callout"
          role="status"
          aria-live="assertive"
          data-testid="board-callout"
        >
          {t('display.calling')} <strong>{fresh.label}</strong> {t('display.toCounter')}{' '}
          <strong>{fresh.counterNumber}</strong>
        </div>
      )}
      {!anyCalled ? (
        <div className="board-empty" role="status">
          {t('display.empty')}
        </div>
      ) : (
        <div className="board-layout">
          <div className="board">
            {counters.map((c) => (
              <div
                key={c.number}
                className={`board-cell${fresh?.counterNumber === c.number ? ' fresh' : ''}`}
                data-testid={`board-counter-${c.number}`}
              >
                <div className="board-counter">
                  {t('display.counter')} {c.number}
                </div>
                <div className="board-number">
                  {c.paused ? t('display.paused') : (c.serving?.label ?? t('display.free'))}
                </div>
                <div className="board-service">{c.serving?.serviceName ?? ''}</div>
              </div>
            ))}
          </div>
          {board && board.recentCalls.length > 0 && (
            <aside className="board-recent" aria-label={t('display.recent')}>
              <h2>{t('display.recent')}</h2>
              <ol>
                {board.recentCalls.map((call) => (
                  <li key={`${call.label}-${call.calledAt}`}>
                    <span className="waiting-label">{call.label}</span> → {t('display.counter')}{' '}
                    {call.counterNumber}
                  </li>
                ))}
              </ol>
            </aside>
          )}
        </div>
      )}
    </ScreenFrame>
  );
}
