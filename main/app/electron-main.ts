import path from 'node:path';
import { app, Menu, type BrowserWindow } from 'electron';
import ElectronStore from 'electron-store';
import type { ComposedApp, ComposeOptions } from '../composition';
import { confSettingsBackend } from '../platform/conf-settings-backend';
import { KeyFileSecretStore } from '../platform/key-file-secret-store';
import type { Settings } from '../../common/settings';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { bindIpc } from './ipc-binding';
import { SafeStorageSecretStore } from './safe-storage-secret-store';
import { hardenSessions } from './security';
import { createAppWindow, preloadPath } from './windows';
import { electronPdfRenderer } from './pdf-export';

export interface ElectronAppOptions {
  readonly distMainDir: string;
  readonly compose: (opts: ComposeOptions) => Promise<ComposedApp>;
  readonly version: string;
}

/**
 * Electron glue: single instance, our scheme, hardened sessions, electron-store settings,
 * safeStorage secrets, IPC binding, the role window and the display on a second screen.
 */
export function runElectronApp(opts: ElectronAppOptions): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerAppScheme();
  Menu.setApplicationMenu(null);
  const demo = process.argv.includes('--demo');

  void app.whenReady().then(async () => {
    const dataDir = app.getPath('userData');
    const composed = await opts.compose({
      dataDir,
      version: opts.version,
      demo,
      settingsBackend: confSettingsBackend({ create: (o) => new ElectronStore(o) }),
      renderPdf: electronPdfRenderer(preloadPath(opts.distMainDir)),
      fontDir: app.isPackaged
        ? path.join(process.resourcesPath, 'fonts')
        : path.join(opts.distMainDir, '..', '..', 'resources', 'fonts'),
      secrets: SafeStorageSecretStore.available()
        ? new SafeStorageSecretStore()
        : new KeyFileSecretStore(path.join(dataDir, 'secret.key')),
    });
    const log = composed.log;
    hardenSessions(log);
    serveRenderer(path.join(opts.distMainDir, '..', 'renderer'));
    bindIpc(composed.dispatch, composed.events, log);

    let windows: BrowserWindow[] = [];
    const openWindows = (settings: Settings) => {
      for (const w of windows) if (!w.isDestroyed()) w.destroy();
      const common = { preloadFile: preloadPath(opts.distMainDir), settings, log };
      windows = [createAppWindow({ ...common, view: 'main' })];
      if (settings.role !== 'display' && settings.window.displayScreenIndex !== null) {
        windows.push(createAppWindow({ ...common, view: 'display' }));
      }
    };
    const applyLoginItem = (settings: Settings) =>
      app.setLoginItemSettings({ openAtLogin: settings.window.autoStart });

    const initial = composed.services.settings.get();
    applyLoginItem(initial);
    openWindows(initial);

    // Window-level settings (kiosk mode, devtools, screens) need new windows to take effect.
    let windowKey = JSON.stringify([initial.window, initial.role]);
    composed.services.settings.onChange((s) => {
      applyLoginItem(s);
      const key = JSON.stringify([s.window, s.role]);
      if (key !== windowKey) {
        windowKey = key;
        log.info('window settings changed; reopening windows');
        openWindows(s);
      }
    });

    app.on('second-instance', () => {
      const main = windows[0];
      if (main && !main.isDestroyed()) main.focus();
    });
    app.on('window-all-closed', () => app.quit());
    app.on('before-quit', () => void composed.dispose());
  });
}
