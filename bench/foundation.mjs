// Foundation figures: harness cold start to an interactive kiosk home, renderer bundle size.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const RUNS = 7;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

function launchOptions() {
  const own = chromium.executablePath();
  return {
    ...(existsSync(own) ? {} : { executablePath: '/usr/bin/chromium' }),
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
  };
}

async function coldStart(root, browser) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-harness-'));
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [path.join(root, 'dist/main/web.mjs'), '--port', '0', '--data-dir', dataDir, '--quiet'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (c) => reject(new Error(`harness exited ${c}`)));
  });
  const listening = performance.now() - t0;
  const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  await page.goto(url);
  await page.getByRole('button', { name: /^Lấy số thứ tự/ }).waitFor({ state: 'visible' });
  const interactive = performance.now() - t0;
  await page.close();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
  return { listening, interactive };
}

export async function run({ root }) {
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--quiet'], {
    stdio: 'inherit',
  });
  const assets = path.join(root, 'dist/renderer/assets');
  const sizes = { js: 0, css: 0, fonts: 0 };
  const gz = { js: 0, css: 0, entryJs: 0 };
  for (const f of readdirSync(assets)) {
    const buf = readFileSync(path.join(assets, f));
    const zipped = () => gzipSync(buf, { level: 9 }).length;
    if (f.endsWith('.js')) {
      const z = zipped();
      sizes.js += buf.length;
      gz.js += z;
      // The entry chunk is what the first screen loads; the others (camera) load on demand.
      if (f.startsWith('index-')) gz.entryJs += z;
    } else if (f.endsWith('.css')) {
      sizes.css += buf.length;
      gz.css += zipped();
    } else if (/\.woff2?$/.test(f)) sizes.fonts += buf.length;
  }
  const browser = await chromium.launch(launchOptions());
  const samples = [];
  for (let i = 0; i < RUNS; i++) samples.push(await coldStart(root, browser));
  await browser.close();
  const json = {
    runs: RUNS,
    harnessListeningMsMedian: Math.round(median(samples.map((s) => s.listening))),
    coldStartToInteractiveMsMedian: Math.round(median(samples.map((s) => s.interactive))),
    coldStartToInteractiveMsSamples: samples.map((s) => Math.round(s.interactive)),
    rendererJsBytes: sizes.js,
    rendererJsGzipBytes: gz.js,
    rendererCssGzipBytes: gz.css,
    rendererGzipTotalBytes: gz.js + gz.css,
    rendererInitialGzipBytes: gz.entryJs + gz.css,
    fontBytes: sizes.fonts,
  };
  return {
    json,
    table: {
      'harness listening (median ms)': json.harnessListeningMsMedian,
      'cold start → home interactive (median ms)': json.coldStartToInteractiveMsMedian,
      'renderer first screen JS+CSS gzip (KiB)': +(json.rendererInitialGzipBytes / 1024).toFixed(1),
      'renderer all chunks JS+CSS gzip (KiB)': +(json.rendererGzipTotalBytes / 1024).toFixed(1),
      'renderer JS raw (KiB)': +(json.rendererJsBytes / 1024).toFixed(1),
      'fonts, all subsets (KiB)': +(json.fontBytes / 1024).toFixed(1),
    },
  };
}
