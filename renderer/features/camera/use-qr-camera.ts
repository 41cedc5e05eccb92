import { useEffect, useRef, useState, type RefObject } from 'react';
import { createQrFrameDecoder } from './qr-frame-decoder';
import { ScanThrottle, type ScanThrottleOptions } from './scan-throttle';

/** Where the technician's camera choice is kept (Setup → reader tab). */
export const CAMERA_DEVICE_KEY = 'motcua.cameraDeviceId';

export type QrCameraState = 'starting' | 'scanning' | 'denied' | 'no-camera' | 'error';

export interface QrCameraScan {
  readonly text: string;
  /** Increases with every reported scan, so the same text scanned again is a new value. */
  readonly seq: number;
}

export interface QrCameraOptions {
  /** A videoinput deviceId; null/undefined = the stored choice, else the default camera. */
  readonly deviceId?: string | null;
  /** Called once per distinct code (see ScanThrottle). */
  readonly onCode?: (text: string) => void;
  /** False pauses decoding and releases the camera. */
  readonly enabled?: boolean;
  readonly throttle?: ScanThrottleOptions;
}

export interface QrCameraResult {
  readonly state: QrCameraState;
  readonly videoRef: RefObject<HTMLVideoElement | null>;
  readonly last: QrCameraScan | null;
}

/** getUserMedia must answer within this time (a hung driver or an unanswered prompt). */
const OPEN_TIMEOUT_MS = 15_000;
/** While the page is hidden, only check this often whether it is visible again. */
const HIDDEN_POLL_MS = 500;
/** Frames wider than this are scaled down before decoding. */
const MAX_DECODE_WIDTH = 1280;

export function storedCameraDeviceId(): string | null {
  try {
    return window.localStorage.getItem(CAMERA_DEVICE_KEY);
  } catch {
    return null;
  }
}

export function storeCameraDeviceId(deviceId: string | null): void {
  try {
    if (deviceId === null) window.localStorage.removeItem(CAMERA_DEVICE_KEY);
    else window.localStorage.setItem(CAMERA_DEVICE_KEY, deviceId);
  } catch {
    // Storage unavailable: the choice lasts for this page only.
  }
}

/** True when the machine reports at least one video input (no permission prompt needed). */
export async function hasVideoInput(): Promise<boolean> {
  const md = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
  if (!md?.enumerateDevices) return false;
  try {
    return (await md.enumerateDevices()).some((d) => d.kind === 'videoinput');
  } catch {
    return false;
  }
}

function stateForError(err: unknown): QrCameraState {
  const name = err instanceof Error || err instanceof DOMException ? err.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError')
    return 'denied';
  if (
    name === 'NotFoundError' ||
    name === 'DevicesNotFoundError' ||
    name === 'OverconstrainedError'
  )
    return 'no-camera';
  return 'error';
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('camera open timed out')), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/**
 * Opens a camera (video only, 1280×720 ideal), decodes QR codes from its frames with
 * @zxing/library at most 8 times a second while the page is visible, and stops every track
 * when unmounted, disabled or switched to another device.
 */
export function useQrCamera(options: QrCameraOptions = {}): QrCameraResult {
  const enabled = options.enabled ?? true;
  const deviceId = options.deviceId ?? storedCameraDeviceId();
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const onCodeRef = useRef(options.onCode);
  onCodeRef.current = options.onCode;
  const throttleRef = useRef(options.throttle);
  const [state, setState] = useState<QrCameraState>('starting');
  const [last, setLast] = useState<QrCameraScan | null>(null);

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    let stream: MediaStream | null = null;
    let attached: HTMLVideoElement | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let seq = 0;
    const gate = new ScanThrottle(throttleRef.current);
    const decoder = createQrFrameDecoder();
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    setState('starting');

    const stopTracks = (s: MediaStream | null) => s?.getTracks().forEach((track) => track.stop());

    const tick = () => {
      timer = undefined;
      if (cancelled) return;
      const video = videoRef.current;
      if (document.hidden || !video || !ctx || video.readyState < 2 || video.videoWidth === 0) {
        timer = setTimeout(tick, document.hidden ? HIDDEN_POLL_MS : gate.delayUntilNext(0));
        return;
      }
      const start = performance.now();
      if (gate.begin(start)) {
        let text: string | null = null;
        try {
          const scale = Math.min(1, MAX_DECODE_WIDTH / video.videoWidth);
          const w = Math.round(video.videoWidth * scale);
          const h = Math.round(video.videoHeight * scale);
          if (canvas.width !== w) canvas.width = w;
          if (canvas.height !== h) canvas.height = h;
          ctx.drawImage(video, 0, 0, w, h);
          text = decoder.decode(ctx.getImageData(0, 0, w, h));
        } catch {
          // A frame that cannot be read counts as a frame without a code (text stays null).
        }
        const end = performance.now();
        const fresh = gate.end(end, text);
        if (fresh !== null) {
          seq += 1;
          setLast({ text: fresh, seq });
          onCodeRef.current?.(fresh);
        }
      }
      timer = setTimeout(tick, gate.delayUntilNext(performance.now()));
    };

    const open = async () => {
      const md = navigator.mediaDevices;
      if (!md?.getUserMedia) {
        setState('no-camera');
        return;
      }
      const video: MediaTrackConstraints = {
        width: { ideal: 1280 },
        height: { ideal: 720 },
        ...(deviceId ? { deviceId: { ideal: deviceId } } : {}),
      };
      const pending = md.getUserMedia({ audio: false, video });
      try {
        stream = await withTimeout(pending, OPEN_TIMEOUT_MS);
      } catch (err) {
        // If it opens after the timeout, release it at once.
        pending.then(stopTracks, () => undefined);
        if (!cancelled) setState(stateForError(err));
        return;
      }
      if (cancelled) {
        stopTracks(stream);
        return;
      }
      const el = videoRef.current;
      if (el) {
        attached = el;
        el.srcObject = stream;
        el.muted = true;
        await el.play().catch(() => undefined);
      }
      if (cancelled) return;
      setState('scanning');
      timer = setTimeout(tick, 0);
    };
    void open();

    return () => {
      cancelled = true;
      if (timer !== undefined) clearTimeout(timer);
      stopTracks(stream);
      if (attached) attached.srcObject = null;
    };
  }, [enabled, deviceId]);

  return { state, videoRef, last };
}
