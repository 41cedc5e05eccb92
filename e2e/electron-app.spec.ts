import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

/** The Electron binary's path, or null where it was not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD). */
function electronBinary(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve('electron/package.json'));
    const pathFile = path.join(dir, 'path.txt');
    if (!fs.existsSync(pathFile)) return null;
    const binary = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
    return fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();

test.describe('Electron app', () => {
  test.skip(
    binary === null,
    'No Electron binary on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD); skipped.',
  );

  test('opens the locked-down kiosk window on app://kiosk with the home screen', async () => {
    const app = await electron.launch({
      executablePath: binary ?? '',
      args: [path.resolve(import.meta.dirname, '..'), '--demo', '--no-sandbox'],
    });
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { name: 'Xin kính chào quý khách!' })).toBeVisible();
    expect(window.url()).toMatch(/^app:\/\/kiosk\//);
    const isolated = await window.evaluate(() => ({
      process: typeof (globalThis as { process?: unknown }).process,
      require: typeof (globalThis as { require?: unknown }).require,
      kiosk: typeof (globalThis as { kiosk?: unknown }).kiosk,
    }));
    // contextIsolation + sandbox + no nodeIntegration: only the named bridge is visible.
    expect(isolated).toEqual({ process: 'undefined', require: 'undefined', kiosk: 'object' });
    const windows = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
    expect(windows).toBe(1);
    await app.close();
  });
});
