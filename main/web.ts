import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { composeApp } from './composition';
import { confSettingsBackend } from './platform/conf-settings-backend';
import { KeyFileSecretStore } from './platform/key-file-secret-store';
import { startHarness } from './web/harness-server';
import { APP_VERSION } from './version';

/**
 * `npm run web`: the browser harness. The same composition as the Electron app, the renderer on
 * http://127.0.0.1, IPC over a WebSocket. For machines without an Electron binary, demos in a
 * browser, and the E2E suite.
 */
const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '5180' },
    'data-dir': { type: 'string', default: '.kiosk-data' },
    demo: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
  },
});

const host = values.host;
if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
  console.error('harness: refusing to listen beyond loopback (use 127.0.0.1 or ::1)');
  process.exit(2);
}
const dataDir = path.resolve(values['data-dir']);
const distDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

const app = await composeApp({
  dataDir,
  version: APP_VERSION,
  demo: values.demo,
  settingsBackend: confSettingsBackend({ cwd: dataDir }),
  secrets: new KeyFileSecretStore(path.join(dataDir, 'secret.key')),
  echoLogs: !values.quiet,
});
const harness = await startHarness({
  app,
  rendererDir: path.join(distDir, 'renderer'),
  host,
  port: Number(values.port),
});
// E2E and scripts read this line to find the port.
console.log(`harness: listening on ${harness.url}`);

const stop = async () => {
  await harness.close();
  await app.dispose();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
