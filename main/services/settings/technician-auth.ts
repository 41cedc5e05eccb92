import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../../../common/errors';
import type { UnlockResult } from '../../../common/ipc/contract';
import type { Logger } from '../log/logger';
import { hashPin, verifyPin } from './pin-hash';
import type { SettingsService } from './settings-service';

/** Factory PIN until a technician sets one; setup warns while it is in use (README). */
export const DEFAULT_TECHNICIAN_PIN = '123456';
export const MAX_PIN_ATTEMPTS = 5;
export const PIN_LOCKOUT_MS = 5 * 60_000;
/** An unlocked setup session ends after this long without a setup call. */
export const SETUP_SESSION_MS = 15 * 60_000;

/**
 * The technician PIN gate of setup: scrypt hash in settings, 5 wrong PINs → 5-minute lockout
 * (kept in settings, so a restart does not reset it), unlocked state per IPC sender.
 */
export class TechnicianAuth {
  private readonly unlocked = new Map<string, number>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly settings: SettingsService,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  get pinIsDefault(): boolean {
    return this.settings.get().security.pinHash === null;
  }

  unlock(pin: string, senderId: string): Promise<UnlockResult> {
    return this.serialize(async () => {
      const locked = this.lockout();
      if (locked) return locked;
      if (await this.matches(pin)) {
        this.settings.updateSecurity({ failedAttempts: 0, lockedUntil: null });
        this.unlocked.set(senderId, this.now() + SETUP_SESSION_MS);
        this.log.info('setup unlocked', { senderId });
        return { status: 'unlocked', pinIsDefault: this.pinIsDefault };
      }
      const failed = this.settings.get().security.failedAttempts + 1;
      if (failed >= MAX_PIN_ATTEMPTS) {
        const lockedUntil = new Date(this.now() + PIN_LOCKOUT_MS).toISOString();
        this.settings.updateSecurity({ failedAttempts: 0, lockedUntil });
        this.log.warn('setup PIN locked out after repeated wrong PINs', { lockedUntil });
        return this.lockout() ?? { status: 'invalid', attemptsLeft: 0 };
      }
      this.settings.updateSecurity({ failedAttempts: failed });
      this.log.warn('wrong setup PIN', { attempt: failed });
      return { status: 'invalid', attemptsLeft: MAX_PIN_ATTEMPTS - failed };
    });
  }

  lock(senderId: string): void {
    this.unlocked.delete(senderId);
  }

  isUnlocked(senderId: string): boolean {
    const until = this.unlocked.get(senderId);
    if (until === undefined) return false;
    if (until <= this.now()) {
      this.unlocked.delete(senderId);
      return false;
    }
    this.unlocked.set(senderId, this.now() + SETUP_SESSION_MS);
    return true;
  }

  /** Throws SETUP_LOCKED unless this sender has unlocked setup. */
  require(senderId: string): void {
    if (!this.isUnlocked(senderId)) {
      throw new AppError('SETUP_LOCKED', 'Setup is locked: enter the technician PIN');
    }
  }

  changePin(senderId: string, currentPin: string, newPin: string): Promise<void> {
    this.require(senderId);
    return this.serialize(async () => {
      if (!(await this.matches(currentPin)))
        throw new AppError('PIN_INVALID', 'Current PIN is wrong');
      if (
        /^(\d)\1+$/.test(newPin) ||
        '0123456789012'.includes(newPin) ||
        newPin === DEFAULT_TECHNICIAN_PIN
      ) {
        throw new AppError('PIN_TOO_WEAK', 'PIN is too easy to guess');
      }
      this.settings.updateSecurity({ pinHash: await hashPin(newPin) });
      this.log.info('setup PIN changed');
    });
  }

  private lockout(): UnlockResult | null {
    const until = this.settings.get().security.lockedUntil;
    if (!until) return null;
    const remaining = Date.parse(until) - this.now();
    if (remaining <= 0) {
      this.settings.updateSecurity({ lockedUntil: null, failedAttempts: 0 });
      return null;
    }
    return { status: 'locked', lockedUntil: until, retryInSeconds: Math.ceil(remaining / 1000) };
  }

  private async matches(pin: string): Promise<boolean> {
    const hash = this.settings.get().security.pinHash;
    if (hash) return verifyPin(pin, hash);
    const a = Buffer.from(pin);
    const b = Buffer.from(DEFAULT_TECHNICIAN_PIN);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private serialize<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
