import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileTransport } from './file-transport.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-file-transport-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('FileTransport', () => {
  it('writes bytes to an existing device file in order', async () => {
    const path = join(dir, 'lp0');
    writeFileSync(path, '');
    const t = new FileTransport(path);
    expect(t.uri).toBe(`file://${path}`);
    await t.open();
    await t.write(Uint8Array.of(0x1b, 0x40));
    await t.write(new TextEncoder().encode('Số 001\n'));
    await t.close();
    expect([...readFileSync(path)]).toEqual([0x1b, 0x40, ...Buffer.from('Số 001\n', 'utf8')]);
  });

  it('a missing device is DEVICE_NOT_CONNECTED and no file is created', async () => {
    const path = join(dir, 'lp9');
    const t = new FileTransport(path);
    await expect(t.open()).rejects.toMatchObject({ code: 'DEVICE_NOT_CONNECTED' });
    expect(existsSync(path)).toBe(false);
  });

  it('writing when closed is DEVICE_NOT_CONNECTED', async () => {
    const t = new FileTransport(join(dir, 'x'));
    await expect(t.write(Uint8Array.of(1))).rejects.toMatchObject({
      code: 'DEVICE_NOT_CONNECTED',
    });
  });
});
