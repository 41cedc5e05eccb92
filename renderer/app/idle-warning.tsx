import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';

/**
 * The countdown before an idle reset (WCAG 2.2.1: at least 20 s and one simple action to extend).
 */
export function IdleWarning(props: {
  readonly seconds: number;
  readonly onContinue: () => void;
  readonly onExpire: () => void;
}) {
  const { t } = useI18n();
  const [left, setLeft] = useState(props.seconds);
  const { onExpire } = props;
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => {
      const remaining = props.seconds - Math.floor((Date.now() - started) / 1000);
      setLeft(Math.max(0, remaining));
      if (remaining <= 0) {
        clearInterval(timer);
        onExpire();
      }
    }, 250);
    return () => clearInterval(timer);
  }, [props.seconds, onExpire]);

  return (
    <Dialog title={t('idle.title')} alert>
      <p>{t('idle.body')}</p>
      <div className="countdown" aria-live="polite" data-testid="idle-countdown">
        {left}
      </div>
      <p>{t('idle.seconds')}</p>
      <Button size="xl" onClick={props.onContinue}>
        {t('idle.continue')}
      </Button>
    </Dialog>
  );
}
