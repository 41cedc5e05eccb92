import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n';
import { Button } from './button';

export interface PinPadProps {
  readonly value: string;
  readonly maxLength?: number;
  readonly disabled?: boolean;
  readonly onChange: (value: string) => void;
  /** Called with the digits entered (never a stale copy of them). */
  readonly onSubmit: (value: string) => void;
}

/** A large numeric keypad with masked dots; physical keyboards work too. */
export function PinPad({
  value,
  maxLength = 12,
  disabled = false,
  onChange,
  onSubmit,
}: PinPadProps) {
  const { t } = useI18n();
  // Keys can arrive faster than React re-renders (a fast typist, a keyboard-wedge device): each
  // key builds on the latest digits, not on the value of the last render.
  const latest = useRef(value);
  useEffect(() => {
    latest.current = value;
  }, [value]);
  const set = (next: string) => {
    latest.current = next;
    onChange(next);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (disabled) return;
      const current = latest.current;
      const next =
        /^\d$/.test(e.key) && current.length < maxLength
          ? current + e.key
          : e.key === 'Backspace'
            ? current.slice(0, -1)
            : null;
      if (next !== null) {
        latest.current = next;
        onChange(next);
      } else if (e.key === 'Enter' && current) onSubmit(current);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [maxLength, disabled, onChange, onSubmit]);

  const press = (digit: string) => {
    if (!disabled && latest.current.length < maxLength) set(latest.current + digit);
  };
  return (
    <>
      <div className="pin-dots" aria-live="polite" aria-label={`${value.length}`}>
        {Array.from({ length: Math.max(6, value.length) }, (_, i) => (
          <span key={i} className={`pin-dot${i < value.length ? ' filled' : ''}`} />
        ))}
      </div>
      <div className="pin-pad">
        {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
          <Button key={d} variant="secondary" disabled={disabled} onClick={() => press(d)}>
            {d}
          </Button>
        ))}
        <Button variant="ghost" disabled={disabled} onClick={() => set('')}>
          {t('setup.gate.clear')}
        </Button>
        <Button variant="secondary" disabled={disabled} onClick={() => press('0')}>
          0
        </Button>
        <Button
          disabled={disabled || !value}
          onClick={() => onSubmit(latest.current)}
          aria-label={t('setup.gate.submit')}
        >
          ✓
        </Button>
      </div>
    </>
  );
}
