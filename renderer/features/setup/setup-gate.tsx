import { useCallback, useEffect, useState } from 'react';
import { errorCodeOf, kiosk, unwrap } from '../../bridge/kiosk-bridge';
import { errorMessage, useI18n } from '../../i18n/i18n';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';
import { PinPad } from '../../ui/pin-pad';

function formatMmSs(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** PIN entry in front of setup; shows attempts left and the lockout countdown. */
export function SetupGate(props: {
  readonly onUnlocked: () => void;
  readonly onCancel: () => void;
}) {
  const { t } = useI18n();
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [lockedUntil, setLockedUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [busy, setBusy] = useState(false);
  const { onUnlocked } = props;

  useEffect(() => {
    if (lockedUntil === null) return;
    const timer = setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= lockedUntil) {
        setLockedUntil(null);
        setMessage(null);
      }
    }, 500);
    return () => clearInterval(timer);
  }, [lockedUntil]);

  const submit = useCallback(
    (entered: string) => {
      if (busy) return;
      setBusy(true);
      unwrap(kiosk().setup.unlock({ pin: entered }))
        .then((result) => {
          setPin('');
          if (result.status === 'unlocked') onUnlocked();
          else if (result.status === 'invalid') {
            setMessage(t('setup.gate.wrong', { count: result.attemptsLeft }));
          } else {
            setLockedUntil(Date.now() + result.retryInSeconds * 1000);
            setNow(Date.now());
          }
        })
        .catch((err: unknown) => setMessage(errorMessage(t, errorCodeOf(err))))
        .finally(() => setBusy(false));
    },
    [busy, onUnlocked, t],
  );

  const locked = lockedUntil !== null;
  return (
    <Dialog title={t('setup.gate.title')}>
      <p>{t('setup.gate.prompt')}</p>
      <PinPad value={pin} onChange={setPin} onSubmit={submit} disabled={locked || busy} />
      <div role="alert" data-testid="setup-gate-message">
        {locked ? (
          <p className="notice notice-error">
            {t('setup.gate.locked', { time: formatMmSs((lockedUntil - now) / 1000) })}
          </p>
        ) : (
          message && <p className="notice notice-warn">{message}</p>
        )}
      </div>
      <Button variant="ghost" onClick={props.onCancel}>
        {t('common.cancel')}
      </Button>
    </Dialog>
  );
}
