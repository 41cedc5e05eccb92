import type { AppState } from '../../../common/ipc/contract';
import { useI18n } from '../../i18n/i18n';
import { ScreenFrame } from '../../ui/screen-frame';

/** The reception counter's screen. The queue and intake modules fill it as they land. */
export function CounterHome(props: { readonly state: AppState }) {
  const { t } = useI18n();
  const { state } = props;
  return (
    <ScreenFrame unit={state.centre.unit} centreName={state.centre.name} demo={state.demo}>
      <h1 className="greeting">{t('counter.title', { number: state.centre.counterNumber })}</h1>
      <section className="panel">
        <p className="prompt">{t('counter.empty')}</p>
        <p className="privacy-line">{t('counter.hint')}</p>
      </section>
    </ScreenFrame>
  );
}
