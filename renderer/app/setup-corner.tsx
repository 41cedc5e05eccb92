import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n';

const HOLD_MS = 3000;

/**
 * The technician's way into setup from any role: hold the top-left corner for 3 s (touch), or
 * press Ctrl+Alt+Shift+S (keyboard at a counter). Invisible to citizens.
 */
export function SetupCorner(props: { readonly onActivate: () => void }) {
  const { t } = useI18n();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const { onActivate } = props;
  const cancel = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.altKey && e.shiftKey && e.key.toLowerCase() === 's') onActivate();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onActivate]);
  return (
    <button
      type="button"
      className="setup-corner"
      data-testid="setup-corner"
      aria-label={t('a11y.setupCorner')}
      onPointerDown={() => {
        cancel();
        timer.current = setTimeout(onActivate, HOLD_MS);
      }}
      onPointerUp={cancel}
      onPointerLeave={cancel}
      onContextMenu={(e) => e.preventDefault()}
    />
  );
}
