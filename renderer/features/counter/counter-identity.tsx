import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { Button } from '../../ui/button';
import { DemoCardPanel } from '../identity/demo-card-panel';
import { IdentityCard } from '../identity/identity-card';
import { useCardReader, type CardKey } from '../identity/use-card-reader';

/** A 6-digit entry is the CAN (last 6 ID digits); anything else is the card's QR text. */
function keyOf(text: string): CardKey {
  const trimmed = text.trim();
  return /^\d{6}$/.test(trimmed) ? { kind: 'can', can: trimmed } : { kind: 'qr', text: trimmed };
}

/**
 * The counter's card read: staff scan the card's QR (a keyboard-wedge scanner types into the
 * field and presses Enter) or type the last 6 ID digits; fields can be selected and copied.
 */
export function CounterIdentity(props: {
  readonly demo: boolean;
  readonly onClose: () => void;
  /** Offered once a card is read and intact: receive a dossier for this citizen. */
  readonly onReceive?: () => void;
}) {
  const { t } = useI18n();
  const reader = useCardReader();
  const [text, setText] = useState('');
  const submit = () => {
    if (text.trim()) void reader.read(keyOf(text));
  };
  return (
    <section className="panel counter-identity" aria-labelledby="counter-identity-title">
      <div className="actions">
        <h2 id="counter-identity-title" className="grow-1">
          {t('counter.identity.title')}
        </h2>
        <Button variant="ghost" onClick={props.onClose}>
          {t('common.close')}
        </Button>
      </div>
      <form
        className="actions"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label className="field grow-1">
          {t('counter.identity.key')}
          <input
            className="search-input"
            value={text}
            autoFocus
            onChange={(e) => setText(e.target.value)}
            spellCheck={false}
          />
        </label>
        <Button type="submit" disabled={!text.trim() || reader.state === 'reading'}>
          {t('counter.identity.read')}
        </Button>
      </form>
      {props.demo && reader.state !== 'reading' && (
        <DemoCardPanel onUseCard={(qrText) => void reader.read({ kind: 'qr', text: qrText })} />
      )}
      {reader.state === 'reading' && (
        <p role="status" className="prompt">
          {t('identity.placeCard')}…
        </p>
      )}
      {reader.state === 'error' && reader.errorKey && (
        <p role="alert" className="notice notice-error">
          {t(reader.errorKey)}
        </p>
      )}
      {reader.identity && <IdentityCard identity={reader.identity} copyable />}
      {reader.identity && reader.identity.passiveAuth.status !== 'failed' && props.onReceive && (
        <div className="actions">
          <Button size="xl" onClick={props.onReceive}>
            {t('counter.intake.start')}
          </Button>
        </div>
      )}
    </section>
  );
}
