import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CENTRE_NAME } from '../../../common/settings';
import { confSettingsBackend } from '../../platform/conf-settings-backend';
import { MemoryLogger } from '../log/logger';
import { SettingsService } from './settings-service';

const dirs: string[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'settings-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const open = (cwd: string) => new SettingsService(confSettingsBackend({ cwd }), new MemoryLogger());

describe('SettingsService', () => {
  it('starts with defaults and persists changes across restarts', () => {
    const cwd = tempDir();
    const first = open(cwd);
    expect(first.get().role).toBe('kiosk');
    expect(first.get().idle).toEqual({ timeoutSeconds: 60, warningSeconds: 30 });
    expect(first.get().centre.name).toBe(DEFAULT_CENTRE_NAME);
    first.update({ role: 'counter', centre: { counterNumber: 3 } });
    const again = open(cwd);
    expect(again.get().role).toBe('counter');
    expect(again.get().centre.counterNumber).toBe(3);
    expect(again.get().centre.name).toBe(DEFAULT_CENTRE_NAME);
    expect(again.problem).toBeNull();
  });

  it('rejects a value outside the schema with SETTINGS_INVALID and keeps the old one', () => {
    const s = open(tempDir());
    expect(() => s.update({ idle: { warningSeconds: 5 } })).toThrow(
      expect.objectContaining({ code: 'SETTINGS_INVALID' }),
    );
    expect(s.get().idle.warningSeconds).toBe(30);
  });

  it.each([
    ['unparseable JSON', '{"role": "kiosk",,,'],
    ['a schema violation', JSON.stringify({ role: 'teapot', idle: { timeoutSeconds: 1 } })],
  ])('replaces a settings file with %s by defaults and reports it', (_name, content) => {
    const cwd = tempDir();
    fs.writeFileSync(path.join(cwd, 'settings.json'), content);
    const s = open(cwd);
    expect(s.get().role).toBe('kiosk');
    expect(s.problem).not.toBeNull();
    const backup = s.problem?.backupFile ?? '';
    expect(fs.readFileSync(backup, 'utf8')).toBe(content);
    // The replacement file is valid: the next start has no problem.
    expect(open(cwd).problem).toBeNull();
  });
});
