import type { Language } from '../../common/settings';
import { useI18n } from '../i18n/i18n';
import { Button } from './button';

/** Two big buttons, each labelled in its own language. */
export function LanguageSwitch(props: { onChange: (language: Language) => void }) {
  const { language, t } = useI18n();
  return (
    <div className="segmented" role="group" aria-label={t('lang.switchLabel')}>
      {(['vi', 'en'] as const).map((lang) => (
        <Button
          key={lang}
          variant="secondary"
          lang={lang}
          aria-pressed={language === lang}
          onClick={() => props.onChange(lang)}
        >
          {t(`lang.${lang}`)}
        </Button>
      ))}
    </div>
  );
}
