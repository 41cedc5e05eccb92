import fs from 'node:fs';
import { chromium, defineConfig } from '@playwright/test';

/**
 * Playwright's own Chromium when installed, else Debian's (no browser download here), with the
 * flags this machine's closed network needs. Specs that launch their own browser reuse it.
 */
export function chromiumLaunchOptions(extraArgs: readonly string[] = []) {
  const own = chromium.executablePath();
  return {
    ...(fs.existsSync(own) ? {} : { executablePath: '/usr/bin/chromium' }),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      ...extraArgs,
    ],
  };
}

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    launchOptions: chromiumLaunchOptions(),
  },
});
