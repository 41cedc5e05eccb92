import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { IpcResult } from '../../common/ipc/types';
import { composeApp, type ComposedApp } from '../composition';
import { confSettingsBackend } from '../platform/conf-settings-backend';
import { KeyFileSecretStore } from '../platform/key-file-secret-store';
import { DEFAULT_TECHNICIAN_PIN } from '../services/settings/technician-auth';
import { startHarness, type Harness } from './harness-server';

let dir: string;
let app: ComposedApp;
let harness: Harness;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harness-'));
  const rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(
    path.join(rendererDir, 'index.html'),
    '<html><head></head><body>kiosk</body></html>',
  );
  fs.writeFileSync(path.join(dir, 'outside.txt'), 'secret');
  app = await composeApp({
    dataDir: path.join(dir, 'data'),
    version: '9.9.9',
    demo: false,
    settingsBackend: confSettingsBackend({ cwd: path.join(dir, 'data') }),
    secrets: new KeyFileSecretStore(path.join(dir, 'data', 'secret.key')),
  });
  harness = await startHarness({ app, rendererDir });
});

afterAll(async () => {
  await harness.close();
  await app.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A real WebSocket client, as web-bridge.js is in the browser. */
async function connect(origin = harness.url.replace(/\/$/, '')) {
  const ws = new WebSocket(`${harness.url.replace('http', 'ws')}ipc`, { origin });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  const events: { event: string; payload: unknown }[] = [];
  const waiting = new Map<number, (r: IpcResult<unknown>) => void>();
  ws.on('message', (data: Buffer) => {
    const msg = JSON.parse(data.toString()) as {
      id?: number;
      result?: IpcResult<unknown>;
      event?: string;
      payload?: unknown;
    };
    if (msg.id !== undefined && msg.result) waiting.get(msg.id)?.(msg.result);
    else if (msg.event) events.push({ event: msg.event, payload: msg.payload });
  });
  const call = (channel: string, payload: unknown) =>
    new Promise<IpcResult<unknown>>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      ws.send(JSON.stringify({ id, channel, payload }));
    });
  return { ws, call, events };
}

describe('browser harness', () => {
  it('serves the renderer with the strict CSP and the bridge injected, nothing outside it', async () => {
    const res = await fetch(harness.url);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await res.text()).toContain('<script src="./web-bridge.js"></script>');
    expect((await fetch(`${harness.url}..%2Foutside.txt`)).status).toBe(404);
    expect((await fetch(`${harness.url}missing.js`)).status).toBe(404);
  });

  it('answers IPC over the WebSocket with the same handler table', async () => {
    const { ws, call } = await connect();
    const state = await call('app:get-state', {});
    expect(state).toMatchObject({
      ok: true,
      value: { role: 'kiosk', version: '9.9.9', demo: false },
    });
    ws.close();
  });

  it('rejects invalid payloads and unknown channels with typed errors', async () => {
    const { ws, call } = await connect();
    expect(await call('setup:unlock', { pin: 123456 })).toMatchObject({
      ok: false,
      error: { code: 'IPC_INVALID_PAYLOAD' },
    });
    expect(await call('app:get-state', { extra: true })).toMatchObject({
      ok: false,
      error: { code: 'IPC_INVALID_PAYLOAD' },
    });
    expect(await call('shell:exec', { cmd: 'rm -rf /' })).toMatchObject({
      ok: false,
      error: { code: 'IPC_UNKNOWN_CHANNEL' },
    });
    ws.close();
  });

  it('keeps setup channels behind the PIN, per connection, and pushes setting changes', async () => {
    const tech = await connect();
    const other = await connect();
    expect(await tech.call('settings:get', {})).toMatchObject({
      ok: false,
      error: { code: 'SETUP_LOCKED' },
    });
    expect(await tech.call('setup:unlock', { pin: DEFAULT_TECHNICIAN_PIN })).toMatchObject({
      ok: true,
      value: { status: 'unlocked' },
    });
    const updated = await tech.call('settings:update', { patch: { centre: { counterNumber: 7 } } });
    expect(updated).toMatchObject({
      ok: true,
      value: { settings: { centre: { counterNumber: 7 } } },
    });
    expect(JSON.stringify(updated)).not.toContain('pinHash');
    expect(await other.call('settings:update', { patch: { role: 'display' } })).toMatchObject({
      ok: false,
      error: { code: 'SETUP_LOCKED' },
    });
    await expect.poll(() => other.events.map((e) => e.event)).toContain('app:did-change');
    tech.ws.close();
    other.ws.close();
  });

  it('seals the city client secret: stored encrypted, never sent back', async () => {
    const tech = await connect();
    await tech.call('setup:unlock', { pin: DEFAULT_TECHNICIAN_PIN });
    const res = await tech.call('settings:set-secret', {
      name: 'cityClientSecret',
      value: 'very-secret-value',
    });
    expect(res).toMatchObject({ ok: true, value: { secretsSet: { cityClientSecret: true } } });
    expect(JSON.stringify(res)).not.toContain('very-secret-value');
    const onDisk = fs.readFileSync(path.join(dir, 'data', 'settings.json'), 'utf8');
    expect(onDisk).not.toContain('very-secret-value');
    expect(onDisk).toContain('cityClientSecret');
    tech.ws.close();
  });

  it('refuses a WebSocket from another origin', async () => {
    await expect(connect('http://evil.example')).rejects.toThrow(/401/);
  });
});
