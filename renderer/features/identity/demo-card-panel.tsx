import { useEffect, useState } from 'react';
import { kiosk, unwrap } from '../../bridge/kiosk-bridge';
import { useI18n } from '../../i18n/i18n';
import { Button } from '../../ui/button';

interface DemoCard {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly qrText: string;
}

/**
 * Demo mode only: the tester "scans the QR" of a fictional card and "places" it on the
 * simulated reader.
 */
export function DemoCardPanel(props: { readonly onUseCard: (qrText: string) => void }) {
  const { t } = useI18n();
  const [cards, setCards] = useState<readonly DemoCard[]>([]);
  useEffect(() => {
    unwrap(kiosk().demo.cards({})).then(
      (r) => setCards(r.cards),
      () => undefined,
    );
  }, []);
  const use = async (card: DemoCard) => {
    await unwrap(kiosk().demo.placeCard({ profileId: card.id }));
    props.onUseCard(card.qrText);
  };
  return (
    <aside className="demo-panel" aria-label={t('demo.cards')}>
      <h2>{t('demo.cards')}</h2>
      <div className="segmented">
        {cards.map((c) => (
          <Button key={c.id} variant="secondary" title={c.description} onClick={() => void use(c)}>
            {c.title}
          </Button>
        ))}
      </div>
    </aside>
  );
}

/** Demo mode: take the simulated card off the reader (to show the "card removed" message). */
export function DemoRemoveCard() {
  const { t } = useI18n();
  return (
    <Button variant="ghost" onClick={() => void unwrap(kiosk().demo.removeCard({}))}>
      {t('demo.removeCard')}
    </Button>
  );
}
