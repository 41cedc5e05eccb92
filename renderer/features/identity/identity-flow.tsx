import { useCallback, useEffect, useState } from 'react';
import type { CitizenIdentityView } from '../../../common/ipc/contract';
import { errorCodeOf, kiosk, unwrap } from '../../bridge/kiosk-bridge';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages-vi';
import { Button } from '../../ui/button';
import { PinPad } from '../../ui/pin-pad';
import { playClips } from '../../ui/sound';
import { DemoCardPanel, DemoRemoveCard } from './demo-card-panel';
import { IdentityCard } from './identity-card';

type Key = { kind: 'qr'; text: string } | { kind: 'can'; can: string };
type Step = 'key' | 'can' | 'reading' | 'done' | 'error';

/** What to tell the citizen for each reader error: what happened and what to do next. */
const ERROR_HELP: Record<string, MessageKey> = {
  CARD_REMOVED: 'identity.error.removed',
  CARD_NOT_PRESENT: 'identity.error.notPresent',
  CARD_ACCESS_DENIED: 'identity.error.accessDenied',
  QR_PAYLOAD_INVALID: 'identity.error.notCccdQr',
  DEVICE_NOT_CONNECTED: 'identity.error.noReader',
  DEVICE_BUSY: 'identity.error.busy',
  TIMEOUT: 'identity.error.timeout',
  DEVICE_TIMEOUT: 'identity.error.timeout',
};

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
  const [step, setStep] = useState<Step>('key');
  const [can, setCan] = useState('');
  const [identity, setIdentity] = useState<CitizenIdentityView | null>(null);
  const [errorKey, setErrorKey] = useState<MessageKey | null>(null);
  const [progress, setProgress] = useState<{ read: number; total: number } | null>(null);

  useEffect(
    () =>
      kiosk().on.identityDidProgress((p) => {
        if (p.bytesRead !== null && p.totalBytes) {
          setProgress({ read: p.bytesRead, total: p.totalBytes });
        }
      }),
    [],
  );

  const read = useCallback(async (key: Key) => {
    setStep('reading');
    setProgress(null);
    void playClips(['vi/dat-the']);
    try {
      setIdentity(await unwrap(kiosk().identity.readCard({ key })));
      setStep('done');
    } catch (err) {
      setErrorKey(ERROR_HELP[errorCodeOf(err)] ?? 'identity.error.generic');
      setStep('error');
    }
  }, []);

  // Leaving the screen cancels a read in progress and forgets what was read.
  useEffect(() => () => void unwrap(kiosk().identity.cancel({})).catch(() => undefined), []);

  return (
    <section className="identity-flow" aria-labelledby="identity-title">
      <h1 className="greeting" id="identity-title">
        {t('identity.title')}
      </h1>
      {step === 'key' && (
        <>
          <div className="identity-instruction">
            <div className="card-illustration" aria-hidden="true">
              <span className="qr-mark" />
            </div>
            <p className="prompt strong">{t('identity.scanQr')}</p>
          </div>
          <div className="actions">
            <Button variant="secondary" onClick={() => setStep('can')}>
              {t('identity.typeCan')}
            </Button>
          </div>
          {props.demo && (
            <DemoCardPanel onUseCard={(qrText) => void read({ kind: 'qr', text: qrText })} />
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
            onSubmit={() => can.length === 6 && void read({ kind: 'can', can })}
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
          <Button size="xl" onClick={() => setStep('key')}>
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
