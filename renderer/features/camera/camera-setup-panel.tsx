import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { Button } from '../../ui/button';
import { QrCameraView } from './qr-camera-view';
import { storedCameraDeviceId, storeCameraDeviceId, type QrCameraState } from './use-qr-camera';

interface VideoInput {
  readonly deviceId: string;
  readonly label: string;
}

async function listVideoInputs(): Promise<readonly VideoInput[]> {
  const md = navigator.mediaDevices;
  if (!md?.enumerateDevices) return [];
  const all = await md.enumerateDevices().catch(() => []);
  return all
    .filter((d) => d.kind === 'videoinput' && d.deviceId !== '')
    .map((d) => ({ deviceId: d.deviceId, label: d.label }));
}

/**
 * Setup → reader tab: choose the camera the kiosk reads QR codes with (kept in localStorage
 * under CAMERA_DEVICE_KEY, and reported through onChange), with a live preview that shows the
 * text of any code it reads — shown only, never opened.
 */
export function CameraSetupPanel(props: { readonly onChange?: (deviceId: string | null) => void }) {
  const { t } = useI18n();
  const [devices, setDevices] = useState<readonly VideoInput[]>([]);
  const [chosen, setChosen] = useState<string | null>(() => storedCameraDeviceId());
  const refresh = useCallback(() => void listVideoInputs().then(setDevices), []);
  useEffect(refresh, [refresh]);
  // Labels (and the full list) appear only once the camera may be used: list again then.
  const onState = useCallback(
    (state: QrCameraState) => {
      if (state === 'scanning') refresh();
    },
    [refresh],
  );
  const choose = (deviceId: string | null) => {
    setChosen(deviceId);
    storeCameraDeviceId(deviceId);
    props.onChange?.(deviceId);
  };

  return (
    <section aria-labelledby="camera-setup-title" data-testid="camera-setup">
      <h2 id="camera-setup-title">{t('setup.camera.title')}</h2>
      <div className="field">
        {t('setup.camera.choose')}
        <div className="segmented" role="group" aria-label={t('setup.camera.choose')}>
          <Button variant="secondary" aria-pressed={chosen === null} onClick={() => choose(null)}>
            {t('setup.camera.default')}
          </Button>
          {devices.map((d, i) => (
            <Button
              key={d.deviceId}
              variant="secondary"
              aria-pressed={chosen === d.deviceId}
              onClick={() => choose(d.deviceId)}
            >
              {d.label || t('setup.camera.unnamed', { n: i + 1 })}
            </Button>
          ))}
          <Button variant="ghost" onClick={refresh}>
            {t('setup.camera.refresh')}
          </Button>
        </div>
      </div>
      <QrCameraView key={chosen ?? ''} deviceId={chosen} showDecodedText onState={onState} />
    </section>
  );
}
