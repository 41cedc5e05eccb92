import { useI18n } from '../../i18n/i18n';
import { BookSearchIcon, DossierIcon, QrIcon, TicketIcon } from '../../ui/icons';
import { Tile } from '../../ui/tile';

export type KioskTask = 'ticket' | 'submit' | 'procedures' | 'track';

/** The citizen's start: four big tiles, each one touch away from its task. */
export function KioskHome(props: { readonly onChoose: (task: KioskTask) => void }) {
  const { t } = useI18n();
  const { onChoose } = props;
  return (
    <>
      <h1 className="greeting">{t('kiosk.greeting')}</h1>
      <p className="prompt">{t('kiosk.prompt')}</p>
      <nav className="tiles" aria-label={t('kiosk.prompt')}>
        <Tile
          tone="ticket"
          icon={<TicketIcon />}
          title={t('kiosk.tile.ticket')}
          hint={t('kiosk.tile.ticket.hint')}
          onPress={() => onChoose('ticket')}
        />
        <Tile
          tone="submit"
          icon={<DossierIcon />}
          title={t('kiosk.tile.submit')}
          hint={t('kiosk.tile.submit.hint')}
          onPress={() => onChoose('submit')}
        />
        <Tile
          tone="procedures"
          icon={<BookSearchIcon />}
          title={t('kiosk.tile.procedures')}
          hint={t('kiosk.tile.procedures.hint')}
          onPress={() => onChoose('procedures')}
        />
        <Tile
          tone="track"
          icon={<QrIcon />}
          title={t('kiosk.tile.track')}
          hint={t('kiosk.tile.track.hint')}
          onPress={() => onChoose('track')}
        />
      </nav>
      <p className="privacy-line">{t('kiosk.privacy')}</p>
    </>
  );
}
