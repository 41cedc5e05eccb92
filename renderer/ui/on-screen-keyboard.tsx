import { applyTelexKey } from '../../common/telex';
import { useI18n } from '../i18n/i18n';
import { Button } from './button';

const ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/**
 * A large on-screen keyboard for kiosks without a physical one. Search is diacritics-insensitive,
 * so plain letters find "Đăng ký khai sinh" from "dang ky khai sinh"; forms type Vietnamese by
 * Telex.
 */
export function OnScreenKeyboard(props: {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly maxLength?: number;
  /** Vietnamese by Telex (aa → â, s → sắc, …) for names and addresses. */
  readonly telex?: boolean;
}) {
  const { t } = useI18n();
  const { value, onChange } = props;
  const max = props.maxLength ?? 60;
  const type = (ch: string) =>
    value.length < max && onChange(props.telex ? applyTelexKey(value, ch) : value + ch);
  return (
    <div className="osk" role="group" aria-label={t('osk.label')}>
      {ROWS.map((row) => (
        <div className="osk-row" key={row}>
          {[...row].map((ch) => (
            <Button key={ch} variant="secondary" onClick={() => type(ch)}>
              {ch.toUpperCase()}
            </Button>
          ))}
        </div>
      ))}
      <div className="osk-row">
        <Button variant="secondary" className="osk-wide" onClick={() => type(' ')}>
          {t('osk.space')}
        </Button>
        <Button
          variant="secondary"
          onClick={() => onChange(value.slice(0, -1))}
          aria-label={t('osk.backspace')}
        >
          ⌫
        </Button>
        <Button variant="ghost" onClick={() => onChange('')}>
          {t('osk.clear')}
        </Button>
      </div>
    </div>
  );
}
