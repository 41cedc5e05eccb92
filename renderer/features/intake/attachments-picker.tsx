import { useEffect, useRef, useState } from 'react';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from '../../../common/attachments';
import type { AttachmentUpload } from '../../../common/ipc/contract';
import { useI18n } from '../../i18n/i18n';
import { Button } from '../../ui/button';

export interface AttachableDocument {
  readonly code: string;
  readonly name: string;
  readonly required: boolean;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** A photo of a paper document from the kiosk's camera (JPEG, never stored on disk here). */
function CameraCapture(props: {
  readonly onCapture: (jpeg: Blob) => void;
  readonly onCancel: () => void;
}) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  // The shutter waits for the first frame: a capture before it would be an empty picture.
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let stream: MediaStream | null = null;
    navigator.mediaDevices
      .getUserMedia({ video: { width: { ideal: 1920 }, height: { ideal: 1080 } }, audio: false })
      .then((s) => {
        stream = s;
        if (video.current) {
          video.current.srcObject = s;
          void video.current.play().catch(() => undefined);
        }
      })
      .catch(() => setFailed(true));
    return () => stream?.getTracks().forEach((track) => track.stop());
  }, []);
  const capture = () => {
    const v = video.current;
    if (!v || v.videoWidth === 0) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')?.drawImage(v, 0, 0);
    canvas.toBlob((blob) => blob && props.onCapture(blob), 'image/jpeg', 0.85);
  };
  return (
    <div className="capture">
      {failed ? (
        <p className="notice notice-warn">{t('attach.noCamera')}</p>
      ) : (
        <video
          ref={video}
          className="capture-video"
          muted
          playsInline
          onLoadedData={() => setReady(true)}
        />
      )}
      <div className="actions">
        {!failed && (
          <Button size="xl" disabled={!ready} onClick={capture}>
            {t('attach.shoot')}
          </Button>
        )}
        <Button variant="secondary" onClick={props.onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </div>
  );
}

/**
 * The procedure's documents to attach: photos from the camera at the kiosk, files (a folder or a
 * USB stick) at the counter. JPEG, PNG or PDF up to 5 MB each, with plain messages otherwise.
 */
export function AttachmentsPicker(props: {
  readonly documents: readonly AttachableDocument[];
  readonly atCounter: boolean;
  readonly value: readonly AttachmentUpload[];
  readonly onChange: (value: AttachmentUpload[]) => void;
}) {
  const { t } = useI18n();
  const [problem, setProblem] = useState<string | null>(null);
  const [capturing, setCapturing] = useState<string | null>(null);
  const { value, onChange } = props;

  const add = async (documentCode: string, file: Blob, fileName: string) => {
    const type = ATTACHMENT_TYPES.find((t) => t === file.type);
    if (!type) {
      setProblem(t('attach.badType', { name: fileName }));
      return;
    }
    if (file.size > MAX_ATTACHMENT_BYTES) {
      setProblem(t('attach.tooBig', { name: fileName }));
      return;
    }
    setProblem(null);
    const dataBase64 = toBase64(new Uint8Array(await file.arrayBuffer()));
    onChange([
      ...value.filter((a) => a.documentCode !== documentCode),
      { documentCode, fileName, mimeType: type, dataBase64 },
    ]);
  };

  return (
    <fieldset className="priority-box attachments">
      <legend>{t('attach.title')}</legend>
      <p className="privacy-line">{t('attach.hint')}</p>
      {props.documents.map((d) => {
        const attached = value.find((a) => a.documentCode === d.code);
        return (
          <div className="attachment-row" key={d.code} data-testid={`attach-${d.code}`}>
            <span className="grow-1">
              {d.name}
              {attached && <strong className="attached"> ✔ {attached.fileName}</strong>}
            </span>
            {props.atCounter ? (
              <label className="btn btn-secondary">
                {t('attach.chooseFile')}
                <input
                  type="file"
                  className="sr-only"
                  accept={ATTACHMENT_TYPES.join(',')}
                  aria-label={t('attach.fileFor', { name: d.name })}
                  onChange={(e) => {
                    const file = e.target.files?.[0];
                    if (file) void add(d.code, file, file.name);
                    e.target.value = '';
                  }}
                />
              </label>
            ) : (
              <Button variant="secondary" onClick={() => setCapturing(d.code)}>
                {t('attach.photo')}
              </Button>
            )}
            {attached && (
              <Button
                variant="ghost"
                onClick={() => onChange(value.filter((a) => a.documentCode !== d.code))}
              >
                {t('setup.queue.remove')}
              </Button>
            )}
          </div>
        );
      })}
      {capturing && (
        <CameraCapture
          onCancel={() => setCapturing(null)}
          onCapture={(jpeg) => {
            const code = capturing;
            setCapturing(null);
            void add(code, jpeg, `anh-${code}.jpg`);
          }}
        />
      )}
      {problem && (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
