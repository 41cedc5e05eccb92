import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import type { KioskApi } from '../common/ipc/types';

/** The page's window as the bridge builds it, for page.evaluate in specs. */
export type KioskWindow = Window & { readonly kiosk: KioskApi };

export interface HarnessHandle {
  readonly url: string;
  readonly dataDir: string;
  /** Milliseconds from spawning the harness process to its "listening" line. */
  readonly startMs: number;
  readLog(): string;
}

export interface HarnessOptions {
  /** Written as settings.json before the harness starts (a technician's earlier choices). */
  readonly settingsFile: string | null;
  readonly demo: boolean;
}

const ROOT = path.resolve(import.meta.dirname, '..');

/** Starts dist/main/web.mjs — the real harness build — with its own data folder per test. */
async function startHarness(
  opts: HarnessOptions,
): Promise<{ handle: HarnessHandle; child: ChildProcess }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-'));
  if (opts.settingsFile !== null)
    fs.writeFileSync(path.join(dataDir, 'settings.json'), opts.settingsFile);
  const args = [
    path.join(ROOT, 'dist/main/web.mjs'),
    '--port',
    '0',
    '--data-dir',
    dataDir,
    '--quiet',
  ];
  if (opts.demo) args.push('--demo');
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`harness did not start: ${stderr}`)), 20_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /harness: listening on (\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`harness exited ${code}: ${stderr}`)));
  });
  const startMs = performance.now() - started;
  const logFile = path.join(dataDir, 'logs', 'kiosk.log');
  return {
    child,
    handle: {
      url,
      dataDir,
      startMs,
      readLog: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''),
    },
  };
}

export const test = base.extend<HarnessOptions & { harness: HarnessHandle }>({
  settingsFile: [null, { option: true }],
  demo: [false, { option: true }],
  harness: async ({ settingsFile, demo }, use) => {
    const { handle, child } = await startHarness({ settingsFile, demo });
    await use(handle);
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    fs.rmSync(handle.dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';

export const ARTIFACTS = path.join(ROOT, 'e2e', 'artifacts');
