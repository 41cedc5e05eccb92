import { lazy, Suspense, type ComponentProps } from 'react';

// The QR decoder (@zxing/library) is most of the camera's weight: load it only when a screen
// that scans shows up, so the kiosk's first screen stays light.
const QrCameraViewLazy = lazy(() =>
  import('./qr-camera-view').then((m) => ({ default: m.QrCameraView })),
);
const CameraSetupPanelLazy = lazy(() =>
  import('./camera-setup-panel').then((m) => ({ default: m.CameraSetupPanel })),
);

export function LazyQrCameraView(props: ComponentProps<typeof QrCameraViewLazy>) {
  return (
    <Suspense fallback={null}>
      <QrCameraViewLazy {...props} />
    </Suspense>
  );
}

export function LazyCameraSetupPanel(props: ComponentProps<typeof CameraSetupPanelLazy>) {
  return (
    <Suspense fallback={null}>
      <CameraSetupPanelLazy {...props} />
    </Suspense>
  );
}
