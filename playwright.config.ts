import fs from 'node:fs';
import { chromium, defineConfig } from '@playwright/test';

/** Playwright's own Chromium when installed, else Debian's (no browser download here). */
function chromiumPath(): string | undefined {
  const own = chromium.executablePath();
  if (fs.existsSync(own)) return undefined;
  return '/usr/bin/chromium';
}

const executablePath = chromiumPath();

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
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
});
