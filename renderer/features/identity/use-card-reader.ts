import { useCallback, useEffect, useState } from 'react';
import type { CitizenIdentityView } from '../../../common/ipc/contract';
import { errorCodeOf, kiosk, unwrap } from '../../bridge/kiosk-bridge';
import type { MessageKey } from '../../i18n/messages-vi';

export type CardKey = { kind: 'qr'; text: string } | { kind: 'can'; can: string };
export type ReaderState = 'idle' | 'reading' | 'done' | 'error';

/** What to tell the citizen for each reader error: what happened and what to do next. */
const ERROR_HELP: Record<string, MessageKey> = {
  CARD_REMOVED: 'identity.error.removed',
  CARD_NOT_PRESENT: 'identity.error.notPresent',
  CARD_ACCESS_DENIED: 'identity.error.accessDenied',
  QR_PAYLOAD_INVALID: 'identity.error.notCccdQr',
  INVALID_INPUT: 'identity.error.notCccdQr',
  IPC_INVALID_PAYLOAD: 'identity.error.notCccdQr',
  DEVICE_NOT_CONNECTED: 'identity.error.noReader',
  DEVICE_BUSY: 'identity.error.busy',
  TIMEOUT: 'identity.error.timeout',
  DEVICE_TIMEOUT: 'identity.error.timeout',
};

/** One card read at a time, with progress; leaving the screen cancels it and forgets the card. */
export function useCardReader() {
  const [state, setState] = useState<ReaderState>('idle');
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
  useEffect(() => () => void unwrap(kiosk().identity.cancel({})).catch(() => undefined), []);

  const read = useCallback(async (key: CardKey) => {
    setState('reading');
    setProgress(null);
    setIdentity(null);
    try {
      setIdentity(await unwrap(kiosk().identity.readCard({ key })));
      setState('done');
    } catch (err) {
      setErrorKey(ERROR_HELP[errorCodeOf(err)] ?? 'identity.error.generic');
      setState('error');
    }
  }, []);

  const reset = useCallback(() => {
    setState('idle');
    setIdentity(null);
    setErrorKey(null);
  }, []);

  return { state, identity, errorKey, progress, read, reset };
}
