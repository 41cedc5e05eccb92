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
  test.skip(binary === null, 'No Electron binary on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD); skipped.');

  test('opens the locked-down kiosk window on app://kiosk with the home screen', async () => {
    const app = await electron.launch({
      executablePath: binary ?? '',
      args: [path.resolve(import.meta.dirname, '..'), '--demo', '--no-sandbox'],
    });
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { name: 'Xin kính chào quý khách!' })).toBeVisible();
    expect(window.url()).toMatch(/^app:\/\/kiosk\//);
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const win = BrowserWindow.getAllWindows()[0];
      const p = win?.webContents.getLastWebPreferences();
      return { sandbox: p?.sandbox, contextIsolation: p?.contextIsolation, nodeIntegration: p?.nodeIntegration };
    });
    expect(prefs).toEqual({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    await app.close();
  });
});
