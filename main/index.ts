import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runElectronApp } from './app/electron-main';
import { composeApp } from './composition';
import { APP_VERSION } from './version';

// Composition root of the Electron app: settings → devices → services → ipc → windows.
// The same composeApp() serves the browser harness (main/web.ts).
runElectronApp({
  distMainDir: path.dirname(fileURLToPath(import.meta.url)),
  compose: composeApp,
  version: APP_VERSION,
});
