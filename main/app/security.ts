import { app, session, type WebContents } from 'electron';
import type { Logger } from '../services/log/logger';
import { APP_ORIGIN } from './app-protocol';

/**
 * Electron security checklist applied to every web contents: no navigation away from our page,
 * no new windows, no webviews, and permissions granted only for the camera to our own origin.
 */
export function hardenSessions(log: Logger): void {
  const ses = session.defaultSession;
  const isOurs = (url: string) => {
    try {
      return new URL(url).origin === APP_ORIGIN;
    } catch {
      return false;
    }
  };
  ses.setPermissionRequestHandler((wc, permission, callback, details) => {
    const videoOnly =
      permission === 'media' &&
      'mediaTypes' in details &&
      (details.mediaTypes ?? []).every((t) => t === 'video');
    const granted = videoOnly && isOurs(details.requestingUrl) && isOurs(wc.getURL());
    if (!granted) log.warn('permission refused', { permission, url: details.requestingUrl });
    callback(granted);
  });
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin) => {
    return permission === 'media' && requestingOrigin === APP_ORIGIN;
  });
  ses.setDevicePermissionHandler(() => false);

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isOurs(url)) {
        event.preventDefault();
        log.warn('navigation blocked', { url: url.slice(0, 200) });
      }
    });
    contents.on('will-redirect', (event, url) => {
      if (!isOurs(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      log.warn('window.open blocked', { url: url.slice(0, 200) });
      return { action: 'deny' };
    });
  });
}

/** Kiosk shortcuts off: reload, devtools, zoom, print, close-window keys. */
export function blockKioskShortcuts(contents: WebContents, allowDevtools: boolean): void {
  contents.on('before-input-event', (event, input) => {
    const key = input.key.toLowerCase();
    const mod = input.control || input.meta;
    const devtoolsKey =
      key === 'f12' || (mod && input.shift && (key === 'i' || key === 'j' || key === 'c'));
    const blocked =
      key === 'f5' ||
      key === 'f11' ||
      (mod && ['r', 'w', 'p', 'n', 't', 'o', 's', '+', '-', '=', '0'].includes(key)) ||
      (input.alt && key === 'f4') ||
      (devtoolsKey && !allowDevtools);
    if (blocked) event.preventDefault();
  });
}
