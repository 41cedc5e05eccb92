import path from 'node:path';
import { BrowserWindow, screen } from 'electron';
import type { Settings } from '../../common/settings';
import type { Logger } from '../services/log/logger';
import { APP_ORIGIN } from './app-protocol';
import { blockKioskShortcuts } from './security';

const UNRESPONSIVE_GRACE_MS = 10_000;

export interface WindowOptions {
  readonly preloadFile: string;
  readonly settings: Settings;
  readonly log: Logger;
  /** `display` opens the waiting-room board (second screen); `main` follows the role. */
  readonly view: 'main' | 'display';
}

/** A locked-down window on our page, with crash and hang recovery. */
export function createAppWindow(opts: WindowOptions): BrowserWindow {
  const { settings, log } = opts;
  const displays = screen.getAllDisplays();
  const target =
    opts.view === 'display' && settings.window.displayScreenIndex !== null
      ? (displays[settings.window.displayScreenIndex] ?? screen.getPrimaryDisplay())
      : screen.getPrimaryDisplay();
  const kiosk = settings.window.kioskMode && settings.role !== 'setup';

  const win = new BrowserWindow({
    x: target.bounds.x,
    y: target.bounds.y,
    width: target.bounds.width,
    height: target.bounds.height,
    show: false,
    kiosk: kiosk && opts.view === 'main',
    fullscreen: kiosk || opts.view === 'display',
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    title: 'Một cửa Kiosk',
    webPreferences: {
      preload: opts.preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      devTools: settings.window.devtools,
    },
  });
  win.removeMenu();
  blockKioskShortcuts(win.webContents, settings.window.devtools);
  win.once('ready-to-show', () => win.show());

  const url = `${APP_ORIGIN}/index.html${opts.view === 'display' ? '?view=display' : ''}`;
  void win.loadURL(url);

  win.webContents.on('render-process-gone', (_event, details) => {
    log.error('renderer gone; reloading', { reason: details.reason, exitCode: details.exitCode });
    if (!win.isDestroyed()) void win.loadURL(url);
  });
  let hangTimer: NodeJS.Timeout | null = null;
  win.on('unresponsive', () => {
    log.warn('renderer unresponsive');
    hangTimer ??= setTimeout(() => {
      hangTimer = null;
      if (win.isDestroyed()) return;
      log.error('renderer hung; restarting it', { graceMs: UNRESPONSIVE_GRACE_MS });
      // 'render-process-gone' above then reloads the page.
      win.webContents.forcefullyCrashRenderer();
    }, UNRESPONSIVE_GRACE_MS);
  });
  win.on('responsive', () => {
    if (hangTimer) clearTimeout(hangTimer);
    hangTimer = null;
    log.info('renderer responsive again');
  });
  return win;
}

export function preloadPath(distMainDir: string): string {
  return path.join(distMainDir, '..', 'preload', 'index.cjs');
}
