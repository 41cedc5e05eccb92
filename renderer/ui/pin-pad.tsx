import { useEffect } from 'react';
import { useI18n } from '../i18n/i18n';
import { Button } from './button';

export interface PinPadProps {
  readonly value: string;
  readonly maxLength?: number;
  readonly disabled?: boolean;
  readonly onChange: (value: string) => void;
  readonly onSubmit: () => void;
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
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (disabled) return;
      if (/^\d$/.test(e.key) && value.length < maxLength) onChange(value + e.key);
      else if (e.key === 'Backspace') onChange(value.slice(0, -1));
      else if (e.key === 'Enter' && value) onSubmit();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [value, maxLength, disabled, onChange, onSubmit]);

  const press = (digit: string) => {
    if (!disabled && value.length < maxLength) onChange(value + digit);
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
        <Button variant="ghost" disabled={disabled} onClick={() => onChange('')}>
          {t('setup.gate.clear')}
        </Button>
        <Button variant="secondary" disabled={disabled} onClick={() => press('0')}>
          0
        </Button>
        <Button
          disabled={disabled || !value}
          onClick={onSubmit}
          aria-label={t('setup.gate.submit')}
        >
          ✓
        </Button>
      </div>
    </>
  );
}
