/**
 * One LISTEN connection that survives its backend going away: on error or end it reconnects with
 * backoff, LISTENs again and wakes the feed, which replays every event after its last id. A slow
 * poll also wakes the feed, in case a notification is ever dropped.
 */
import pg from 'pg';

export interface PgEventListenerOptions {
  connection: pg.ClientConfig;
  channel: string;
  pollIntervalMs: number;
  onWake: () => void;
  onError: (err: unknown) => void;
}

const MIN_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 2000;

export class PgEventListener {
  private client: pg.Client | null = null;
  private running = false;
  private backoffMs = MIN_BACKOFF_MS;
  private retryTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  /** Incremented by stop(), so a connect attempt that finishes late knows it is stale. */
  private generation = 0;

  constructor(private readonly options: PgEventListenerOptions) {}

  /** Idempotent. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.pollTimer = setInterval(() => this.options.onWake(), this.options.pollIntervalMs);
    this.pollTimer.unref();
    void this.connect(this.generation);
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.generation++;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.retryTimer = null;
    this.pollTimer = null;
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
  }

  private async connect(generation: number): Promise<void> {
    const client = new pg.Client({
      ...this.options.connection,
      connectionTimeoutMillis: 5000,
      query_timeout: 10_000,
      keepAlive: true,
    });
    let failed = false;
    const fail = (err: unknown): void => {
      if (failed) return;
      failed = true;
      if (err) this.options.onError(err);
      if (this.client === client) this.client = null;
      void client.end().catch(() => undefined);
      this.scheduleReconnect(generation);
    };
    client.on('error', fail);
    client.on('end', () => fail(null));
    client.on('notification', (msg) => {
      if (msg.channel === this.options.channel) this.options.onWake();
    });
    try {
      await client.connect();
      // A quoted identifier: the channel name is ours, never user input.
      await client.query(`LISTEN "${this.options.channel}"`);
    } catch (err) {
      fail(err);
      return;
    }
    if (generation !== this.generation || failed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.backoffMs = MIN_BACKOFF_MS;
    // Whatever happened while we were not listening is in the events table: replay it.
    this.options.onWake();
  }

  private scheduleReconnect(generation: number): void {
    if (!this.running || generation !== this.generation || this.retryTimer) return;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(MAX_BACKOFF_MS, this.backoffMs * 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect(generation);
    }, delay);
  }
}
