/**
 * Delivers queue events to subscribers in id order, each with its own cursor: on every poke
 * (a NOTIFY, a local write, a poll tick, a reconnect) it reads the events after the cursor from
 * the events table. Because delivery reads the table, a missed notification delays an event but
 * never loses it.
 */
import type { QueueEvent } from '../../common/queue';
import type {
  QueueEventListener,
  SubscribeOptions,
  Unsubscribe,
} from '../services/queue/queue-store';

const PAGE = 500;

interface Subscription {
  listener: QueueEventListener;
  cursor: number | null;
  running: boolean;
  again: boolean;
  active: boolean;
}

export interface EventFeedSource {
  eventsAfter(afterEventId: number, limit: number): Promise<QueueEvent[]>;
  lastEventId(): Promise<number>;
}

export class EventFeed {
  private readonly subs = new Set<Subscription>();

  constructor(
    private readonly source: EventFeedSource,
    /** Told about read failures (the next poke retries); must not throw. */
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  get size(): number {
    return this.subs.size;
  }

  subscribe(listener: QueueEventListener, options?: SubscribeOptions): Unsubscribe {
    const sub: Subscription = {
      listener,
      cursor: options?.afterEventId ?? null,
      running: false,
      again: false,
      active: true,
    };
    this.subs.add(sub);
    this.drain(sub);
    return () => {
      sub.active = false;
      this.subs.delete(sub);
    };
  }

  /** New events may exist. */
  poke(): void {
    for (const sub of this.subs) this.drain(sub);
  }

  private drain(sub: Subscription): void {
    if (sub.running) {
      sub.again = true;
      return;
    }
    sub.running = true;
    void this.run(sub)
      .catch((err: unknown) => this.onError(err))
      .finally(() => {
        sub.running = false;
        if (sub.again && sub.active) {
          sub.again = false;
          this.drain(sub);
        }
      });
  }

  private async run(sub: Subscription): Promise<void> {
    sub.cursor ??= await this.source.lastEventId();
    for (;;) {
      sub.again = false;
      const events = await this.source.eventsAfter(sub.cursor, PAGE);
      for (const e of events) {
        if (!sub.active) return;
        sub.cursor = e.id;
        try {
          sub.listener(e);
        } catch (err) {
          this.onError(err);
        }
      }
      if (events.length < PAGE && !sub.again) return;
    }
  }
}
