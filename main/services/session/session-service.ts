import type { SessionResetReason } from '../../../common/ipc/contract';
import type { Logger } from '../log/logger';

type Wiper = () => void | Promise<void>;

/**
 * The citizen session. Every service that holds citizen data in memory (a card read, a
 * population lookup, a form in progress) registers a wiper; idle reset and the end of each
 * citizen's visit run them all (Law 91/2025/QH15: keep personal data no longer than needed).
 */
export class SessionService {
  private readonly wipers = new Map<string, Wiper>();
  private readonly listeners = new Set<(reason: SessionResetReason, at: string) => void>();

  constructor(
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Registers what to wipe; returns an unregister function. */
  register(name: string, wipe: Wiper): () => void {
    this.wipers.set(name, wipe);
    return () => this.wipers.delete(name);
  }

  onReset(listener: (reason: SessionResetReason, at: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async reset(reason: SessionResetReason): Promise<string> {
    const at = this.now().toISOString();
    const failures: string[] = [];
    for (const [name, wipe] of this.wipers) {
      try {
        await wipe();
      } catch (err) {
        failures.push(name);
        this.log.error('session wipe failed', { wiper: name, error: String(err) });
      }
    }
    this.log.info('citizen session reset', {
      reason,
      wipers: this.wipers.size,
      failures: failures.length,
    });
    for (const l of this.listeners) l(reason, at);
    return at;
  }
}
