import { useCallback, useState } from 'react';
import { useScannedCodes } from '../../app/use-scanned-codes';
import type { CitizenIdentityView } from '../../../common/ipc/contract';
import { LazyQrCameraView } from '../camera/lazy-camera';
import { useI18n } from '../../i18n/i18n';
import { Button } from '../../ui/button';
import { PinPad } from '../../ui/pin-pad';
import { playClips } from '../../ui/sound';
import { DemoCardPanel, DemoRemoveCard } from './demo-card-panel';
import { IdentityCard } from './identity-card';
import { useCardReader, type CardKey } from './use-card-reader';

/**
 * Read the citizen's card at the kiosk: the card's QR (or the last 6 digits of the ID) opens the
 * chip, then "Đặt thẻ căn cước lên đầu đọc", then the identity with its authenticity badge.
 */
export function IdentityFlow(props: {
  readonly demo: boolean;
  readonly onHome: () => void;
  readonly onContinue: (identity: CitizenIdentityView) => void;
}) {
  const { t } = useI18n();
  const reader = useCardReader();
  const [entry, setEntry] = useState<'qr' | 'can'>('qr');
  const [can, setCan] = useState('');
  const { identity, errorKey, progress } = reader;
  const step = reader.state === 'idle' ? entry : reader.state;
  const startRead = reader.read;
  const read = useCallback(
    (key: CardKey) => {
      void playClips(['vi/dat-the']);
      void startRead(key);
    },
    [startRead],
  );
  // The card's QR from a serial scanner, or typed by a keyboard-wedge scanner.
  useScannedCodes(step === 'qr', (text) => read({ kind: 'qr', text }));

  const retry = () => {
    setEntry('qr');
    reader.reset();
  };

  return (
    <section className="identity-flow" aria-labelledby="identity-title">
      <h1 className="greeting" id="identity-title">
        {t('identity.title')}
      </h1>
      {step === 'qr' && (
        <>
          <div className="identity-instruction">
            <div className="card-illustration" aria-hidden="true">
              <span className="qr-mark" />
            </div>
            <p className="prompt strong">{t('identity.scanQr')}</p>
          </div>
          <LazyQrCameraView onCode={(text) => read({ kind: 'qr', text })} />
          <div className="actions">
            <Button variant="secondary" onClick={() => setEntry('can')}>
              {t('identity.typeCan')}
            </Button>
          </div>
          {props.demo && (
            <DemoCardPanel onUseCard={(qrText) => read({ kind: 'qr', text: qrText })} />
          )}
        </>
      )}
      {step === 'can' && (
        <div className="panel identity-can">
          <p className="prompt">{t('identity.canPrompt')}</p>
          <PinPad
            value={can}
            maxLength={6}
            onChange={setCan}
            onSubmit={(digits) => digits.length === 6 && read({ kind: 'can', can: digits })}
          />
        </div>
      )}
      {step === 'reading' && (
        <div className="identity-instruction" role="status" aria-live="polite">
          <div className="card-illustration placing" aria-hidden="true">
            <span className="chip-mark" />
          </div>
          <p className="prompt strong">{t('identity.placeCard')}</p>
          <p className="prompt">{t('identity.holdStill')}</p>
          {progress && (
            <progress
              max={progress.total}
              value={progress.read}
              aria-label={t('identity.reading')}
            />
          )}
          {props.demo && <DemoRemoveCard />}
        </div>
      )}
      {step === 'error' && errorKey && (
        <div className="notice notice-error" role="alert" data-testid="identity-error">
          {t(errorKey)}
        </div>
      )}
      {step === 'done' && identity && (
        <>
          <IdentityCard identity={identity} />
          {identity.passiveAuth.status === 'failed' && (
            <p className="notice notice-error" role="alert">
              {t('identity.failedAdvice')}
            </p>
          )}
        </>
      )}
      <div className="actions">
        {step === 'done' && identity && identity.passiveAuth.status !== 'failed' && (
          <Button size="xl" onClick={() => props.onContinue(identity)}>
            {t('identity.continue')}
          </Button>
        )}
        {(step === 'error' || step === 'can') && (
          <Button size="xl" onClick={retry}>
            {t('common.retry')}
          </Button>
        )}
        <Button variant="secondary" size="xl" onClick={props.onHome}>
          {t('common.home')}
        </Button>
      </div>
    </section>
  );
}
