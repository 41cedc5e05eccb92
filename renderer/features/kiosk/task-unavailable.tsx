import { useI18n } from '../../i18n/i18n';
import { Button } from '../../ui/button';

/** Shown for a task whose module is not installed yet: an honest message and a way back. */
export function TaskUnavailable(props: { readonly title: string; readonly onHome: () => void }) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="unavailable-title">
      <h1 className="greeting" id="unavailable-title">
        {props.title}
      </h1>
      <p className="notice notice-warn">{t('kiosk.unavailable.title')}</p>
      <p className="prompt">{t('kiosk.unavailable.body')}</p>
      <div className="actions">
        <Button size="xl" onClick={props.onHome}>
          {t('common.home')}
        </Button>
      </div>
    </section>
  );
}
