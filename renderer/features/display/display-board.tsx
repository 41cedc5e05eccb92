import type { AppState } from '../../../common/ipc/contract';
import { useI18n } from '../../i18n/i18n';
import { ScreenFrame } from '../../ui/screen-frame';

/** The waiting-room board. Calls arrive with the queue module. */
export function DisplayBoard(props: { readonly state: AppState }) {
  const { t } = useI18n();
  const { state } = props;
  return (
    <ScreenFrame unit={state.centre.unit} centreName={state.centre.name} demo={state.demo}>
      <h1 className="greeting">{t('display.nowServing')}</h1>
      <div className="board-empty" role="status">
        {t('display.empty')}
      </div>
    </ScreenFrame>
  );
}
