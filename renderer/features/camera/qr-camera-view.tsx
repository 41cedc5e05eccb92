import { useEffect, useState, type CSSProperties } from 'react';
import { useI18n } from '../../i18n/i18n';
import { hasVideoInput, useQrCamera, type QrCameraState } from './use-qr-camera';

export interface QrCameraViewProps {
  /** Called once per distinct code read. */
  readonly onCode?: (text: string) => void;
  /** A videoinput deviceId; undefined = the technician's stored choice or the default camera. */
  readonly deviceId?: string | null;
  /** Setup screen: show the decoded text under the preview (never opened or navigated to). */
  readonly showDecodedText?: boolean;
  /** Reports the camera's state, e.g. so a setup panel can list devices once permission exists. */
  readonly onState?: (state: QrCameraState) => void;
}

/** How long the green "Đã đọc" outline stays after a code is read. */
const FLASH_MS = 1200;

const styles = {
  frame: {
    position: 'relative',
    width: '100%',
    maxWidth: 640,
    aspectRatio: '16 / 9',
    margin: '0 auto',
    background: '#111418',
    borderRadius: 'var(--radius)',
    overflow: 'hidden',
  },
  video: { width: '100%', height: '100%', objectFit: 'cover', display: 'block' },
  guide: {
    position: 'absolute',
    top: '12%',
    bottom: '12%',
    left: '50%',
    aspectRatio: '1 / 1',
    transform: 'translateX(-50%)',
    border: '6px dashed rgba(255,255,255,0.85)',
    borderRadius: 12,
    boxShadow: '0 0 0 9999px rgba(0,0,0,0.35)',
  },
  found: {
    border: '8px solid #2ecc40',
    boxShadow: '0 0 0 9999px rgba(0,0,0,0.2), 0 0 24px #2ecc40',
  },
  badge: {
    position: 'absolute',
    left: '50%',
    bottom: '4%',
    transform: 'translateX(-50%)',
    background: 'var(--ok)',
    color: '#fff',
    fontSize: '1.6rem',
    fontWeight: 700,
    padding: '0.3rem 1.2rem',
    borderRadius: 999,
  },
  status: {
    position: 'absolute',
    inset: 0,
    display: 'grid',
    placeItems: 'center',
    color: '#fff',
    fontSize: '1.3rem',
  },
} satisfies Record<string, CSSProperties>;

/**
 * The camera's live picture with a frame guide to hold the card's QR in; a green outline and
 * "Đã đọc" when a code is read. Without a camera it shows one quiet line, never an error.
 */
export function QrCameraView(props: QrCameraViewProps) {
  const { t } = useI18n();
  const [present, setPresent] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    void hasVideoInput().then((has) => live && setPresent(has));
    return () => {
      live = false;
    };
  }, []);
  const { onState } = props;
  useEffect(() => {
    if (present === false) onState?.('no-camera');
  }, [present, onState]);
  if (present === null) return null;
  if (!present)
    return (
      <p className="privacy-line" data-testid="camera-absent">
        {t('camera.noCamera')}
      </p>
    );
  return <LiveQrCamera {...props} />;
}

function LiveQrCamera(props: QrCameraViewProps) {
  const { t } = useI18n();
  const { state, videoRef, last } = useQrCamera({
    ...(props.onCode ? { onCode: props.onCode } : {}),
    ...(props.deviceId !== undefined ? { deviceId: props.deviceId } : {}),
  });
  const [flash, setFlash] = useState(false);
  useEffect(() => {
    if (!last) return;
    setFlash(true);
    const timer = setTimeout(() => setFlash(false), FLASH_MS);
    return () => clearTimeout(timer);
  }, [last]);
  const { onState } = props;
  useEffect(() => onState?.(state), [state, onState]);

  if (state === 'no-camera' || state === 'denied' || state === 'error')
    return (
      <p className="privacy-line" role="status" data-testid={`camera-${state}`}>
        {t(
          state === 'denied'
            ? 'camera.denied'
            : state === 'no-camera'
              ? 'camera.noCamera'
              : 'camera.error',
        )}
      </p>
    );

  return (
    <div className="qr-camera" data-testid="qr-camera" data-state={state}>
      <p className="prompt strong" style={{ textAlign: 'center' }}>
        {t('camera.instruction')}
      </p>
      <div style={styles.frame}>
        <video
          ref={videoRef}
          style={styles.video}
          muted
          playsInline
          autoPlay
          aria-label={t('camera.preview')}
        />
        <div style={flash ? { ...styles.guide, ...styles.found } : styles.guide} aria-hidden />
        {state === 'starting' && <div style={styles.status}>{t('camera.starting')}</div>}
        {flash && (
          <div style={styles.badge} role="status" data-testid="camera-found">
            {t('camera.found')}
          </div>
        )}
      </div>
      {props.showDecodedText && (
        <p
          className={last ? 'notice notice-ok' : 'privacy-line'}
          data-testid="camera-decoded"
          style={{ overflowWrap: 'anywhere' }}
        >
          {last ? t('camera.decoded', { text: last.text }) : t('camera.nothingYet')}
        </p>
      )}
    </div>
  );
}
