import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { confSettingsBackend } from '../../platform/conf-settings-backend';
import { MemoryLogger } from '../log/logger';
import { SettingsService } from './settings-service';
import {
  DEFAULT_TECHNICIAN_PIN,
  PIN_LOCKOUT_MS,
  SETUP_SESSION_MS,
  TechnicianAuth,
} from './technician-auth';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function setup() {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'auth-'));
  dirs.push(cwd);
  const clock = { now: Date.parse('2026-11-28T08:00:00Z') };
  const make = () => {
    const settings = new SettingsService(confSettingsBackend({ cwd }), new MemoryLogger());
    return { settings, auth: new TechnicianAuth(settings, new MemoryLogger(), () => clock.now) };
  };
  return { clock, make };
}

describe('TechnicianAuth', () => {
  it('unlocks with the default PIN only for the sender that entered it', async () => {
    const { make } = setup();
    const { auth } = make();
    expect(auth.pinIsDefault).toBe(true);
    expect(await auth.unlock(DEFAULT_TECHNICIAN_PIN, 'a')).toEqual({
      status: 'unlocked',
      pinIsDefault: true,
    });
    expect(auth.isUnlocked('a')).toBe(true);
    expect(auth.isUnlocked('b')).toBe(false);
    expect(() => auth.require('b')).toThrow(expect.objectContaining({ code: 'SETUP_LOCKED' }));
  });

  it('locks out for 5 minutes after 5 wrong PINs, across a restart', async () => {
    const { clock, make } = setup();
    const { auth } = make();
    for (let left = 4; left >= 1; left--) {
      expect(await auth.unlock('000000', 'a')).toEqual({ status: 'invalid', attemptsLeft: left });
    }
    const fifth = await auth.unlock('000000', 'a');
    expect(fifth).toMatchObject({ status: 'locked', retryInSeconds: PIN_LOCKOUT_MS / 1000 });
    // Even the right PIN is refused while locked, also after a restart.
    const restarted = make().auth;
    expect((await restarted.unlock(DEFAULT_TECHNICIAN_PIN, 'a')).status).toBe('locked');
    clock.now += PIN_LOCKOUT_MS - 1000;
    expect((await restarted.unlock(DEFAULT_TECHNICIAN_PIN, 'a')).status).toBe('locked');
    clock.now += 1000;
    expect((await restarted.unlock(DEFAULT_TECHNICIAN_PIN, 'a')).status).toBe('unlocked');
  });

  it('stores a changed PIN as an scrypt hash and forgets the default', async () => {
    const { make } = setup();
    const { auth, settings } = make();
    await auth.unlock(DEFAULT_TECHNICIAN_PIN, 'a');
    await expect(auth.changePin('a', DEFAULT_TECHNICIAN_PIN, '111111')).rejects.toMatchObject({
      code: 'PIN_TOO_WEAK',
    });
    await expect(auth.changePin('a', '999999', '582913')).rejects.toMatchObject({
      code: 'PIN_INVALID',
    });
    await auth.changePin('a', DEFAULT_TECHNICIAN_PIN, '582913');
    const hash = settings.get().security.pinHash ?? '';
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hash).not.toContain('582913');
    const next = make().auth;
    expect(next.pinIsDefault).toBe(false);
    expect((await next.unlock(DEFAULT_TECHNICIAN_PIN, 'x')).status).toBe('invalid');
    expect((await next.unlock('582913', 'x')).status).toBe('unlocked');
  });

  it('ends an unlocked session after inactivity', async () => {
    const { clock, make } = setup();
    const { auth } = make();
    await auth.unlock(DEFAULT_TECHNICIAN_PIN, 'a');
    clock.now += SETUP_SESSION_MS - 1;
    expect(auth.isUnlocked('a')).toBe(true); // activity extends the session
    clock.now += SETUP_SESSION_MS;
    expect(auth.isUnlocked('a')).toBe(false);
  });
});
