import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportLogs, RotatingFileLogger } from './rotating-file-logger';

const dirs: string[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'logger-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('RotatingFileLogger', () => {
  it('never writes an ID number to disk', () => {
    const dir = tempDir();
    const log = new RotatingFileLogger({ dir, maxBytes: 1 << 20, maxFiles: 2 });
    log.child('identity').info('card read for 092185001234', { oldId: '361234567' });
    const text = fs.readFileSync(path.join(dir, 'kiosk.log'), 'utf8');
    expect(text).not.toContain('092185001234');
    expect(text).not.toContain('361234567');
    expect(text).toContain('[identity] card read for *********234');
  });

  it('rotates by size and keeps at most maxFiles files', () => {
    const dir = tempDir();
    const log = new RotatingFileLogger({ dir, maxBytes: 2000, maxFiles: 3 });
    for (let i = 0; i < 200; i++) log.info(`line ${i} ${'x'.repeat(40)}`);
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual(['kiosk.1.log', 'kiosk.2.log', 'kiosk.log']);
    for (const f of files) expect(fs.statSync(path.join(dir, f)).size).toBeLessThanOrEqual(2000);
    const recent = log.recent(5);
    expect(recent).toHaveLength(5);
    expect(recent.at(-1)).toContain('line 199');
  });

  it('exports the log files into a folder', () => {
    const dir = tempDir();
    const out = tempDir();
    const log = new RotatingFileLogger({ dir, maxBytes: 1 << 20, maxFiles: 2 });
    log.warn('printer out of paper');
    const files = exportLogs(log, out, new Date('2026-11-28T01:00:00Z'));
    expect(files).toHaveLength(1);
    expect(files[0]).toContain('motcua-kiosk-logs-2026-11-28T01-00-00-000Z');
    expect(fs.readFileSync(files[0] ?? '', 'utf8')).toContain('printer out of paper');
  });
});
