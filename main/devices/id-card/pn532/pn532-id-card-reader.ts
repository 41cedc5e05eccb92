import { AppError } from '../../../../common/errors.js';
import type { ByteTransport } from '../../transport/byte-transport.js';
import type {
  CardSession,
  ContactlessCardType,
  IdCardReader,
  IdCardReaderInfo,
} from '../id-card-reader.js';
import { Pn532CardSession } from './pn532-card-session.js';
import { Pn532Client, type Pn532ClientOptions, type Pn532FrameLogger } from './pn532-client.js';
import {
  getFirmwareVersion,
  inListPassiveTarget,
  parseFirmwareVersion,
  parseInListPassiveTarget,
  rfField,
  rfMaxRetries,
  rfTimings,
  samConfiguration,
  setParameters,
  type Pn532Firmware,
} from './pn532-commands.js';

export interface Pn532IdCardReaderOptions extends Pn532ClientOptions {
  /** Default per-APDU timeout; a card taken away must give an error well within 2 s. */
  readonly exchangeTimeoutMs?: number;
  /** Timeout for set-up commands (SAMConfiguration, RFConfiguration, …). */
  readonly commandTimeoutMs?: number;
  /** Pause between polling rounds in waitForCard. */
  readonly pollIntervalMs?: number;
  /** Card types to poll, in order (default A then B). */
  readonly cardTypes?: readonly ContactlessCardType[];
  /** RFConfiguration MxRtyPassiveActivation: attempts per InListPassiveTarget (never 0xFF). */
  readonly passiveActivationRetries?: number;
}

/** IdCardReader over an NXP PN532 on a UART/HSU ByteTransport (UM0701-02). */
export class Pn532IdCardReader implements IdCardReader {
  readonly client: Pn532Client;
  private firmware_: Pn532Firmware | undefined;
  private session: Pn532CardSession | undefined;
  private readonly exchangeTimeoutMs: number;
  private readonly commandTimeoutMs: number;

  constructor(
    readonly transport: ByteTransport,
    private readonly options: Pn532IdCardReaderOptions = {},
  ) {
    this.client = new Pn532Client(transport, options);
    this.exchangeTimeoutMs = options.exchangeTimeoutMs ?? 1_500;
    this.commandTimeoutMs = options.commandTimeoutMs ?? 1_000;
  }

  /** Sets or clears the raw frame log at run time (setup screen). */
  setFrameLogger(logger: Pn532FrameLogger | undefined): void {
    this.client.frameLogger = logger;
  }

  get firmware(): Pn532Firmware | undefined {
    return this.firmware_;
  }

  /**
   * Wake-up, SAMConfiguration (leaves LowVbat), GetFirmwareVersion (must be a PN532),
   * SetParameters (auto ATR_RES and RATS), RFConfiguration (finite passive-activation retries
   * so polling never blocks, default timings).
   */
  async open(timeoutMs = 5_000): Promise<IdCardReaderInfo> {
    const openedHere = !this.transport.isOpen;
    if (openedHere) await this.transport.open(timeoutMs);
    this.client.attach();
    try {
      return await this.initialise();
    } catch (err) {
      // Leave nothing half-open: the port may be chosen again from the setup screen.
      this.firmware_ = undefined;
      this.client.detach();
      if (openedHere) await this.transport.close().catch(() => undefined);
      throw err;
    }
  }

  private async initialise(): Promise<IdCardReaderInfo> {
    const t = this.commandTimeoutMs;
    try {
      await this.client.wakeUp();
      await this.client.command(samConfiguration(), t);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'DEVICE_TIMEOUT') throw err;
      // A PN532 in power-down can miss the first wake-up; try once more.
      await this.client.wakeUp();
      await this.client.command(samConfiguration(), t);
    }
    const firmware = parseFirmwareVersion(await this.client.command(getFirmwareVersion(), t));
    this.firmware_ = firmware;
    await this.client.command(setParameters(), t);
    await this.client.command(
      rfMaxRetries(0xff, 0x01, this.options.passiveActivationRetries ?? 0x02),
      t,
    );
    await this.client.command(rfTimings(), t);
    const version = `${firmware.version}.${firmware.revision}`;
    return {
      kind: 'pn532',
      description: `PN532 firmware ${version} on ${this.transport.uri}`,
      firmware: version,
      cardTypes: this.cardTypes(),
    };
  }

  async waitForCard(timeoutMs: number, signal?: AbortSignal): Promise<CardSession> {
    if (!this.firmware_) throw new AppError('DEVICE_NOT_CONNECTED', 'PN532 reader is not open');
    await this.releaseSession();
    const deadline = Date.now() + timeoutMs;
    const types = this.cardTypes();
    // One lost poll is retried: the retry's write also tells an unplugged port (which a pty
    // reports only on write) from a reader that has really stopped answering.
    let timeouts = 0;
    for (;;) {
      for (const type of types) {
        if (signal?.aborted) throw new AppError('TIMEOUT', 'Waiting for a card was cancelled');
        const left = deadline - Date.now();
        if (left <= 0) break;
        let params: Uint8Array;
        try {
          params = await this.client.command(
            inListPassiveTarget(type),
            Math.max(this.commandTimeoutMs, 200),
            signal,
          );
        } catch (err) {
          if (err instanceof AppError && err.code === 'TIMEOUT') {
            throw new AppError('TIMEOUT', 'Waiting for a card was cancelled');
          }
          if (err instanceof AppError && err.code === 'DEVICE_TIMEOUT' && timeouts++ === 0) {
            continue;
          }
          throw err;
        }
        timeouts = 0;
        const target = parseInListPassiveTarget(type, params);
        if (target) {
          this.session = new Pn532CardSession(this.client, target, this.exchangeTimeoutMs);
          return this.session;
        }
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new AppError('CARD_NOT_PRESENT', `No card on the reader within ${timeoutMs} ms`);
      }
      await sleep(Math.min(left, this.options.pollIntervalMs ?? 50), signal);
    }
  }

  async close(): Promise<void> {
    if (this.transport.isOpen && this.firmware_) {
      await this.releaseSession();
      await this.client.command(rfField(false), 500).catch(() => undefined);
    }
    this.firmware_ = undefined;
    this.client.detach();
    await this.transport.close();
  }

  private cardTypes(): readonly ContactlessCardType[] {
    const wanted = this.options.cardTypes ?? ['A', 'B'];
    // libnfc: "Some PN532 doesn't support type B" — trust the Support byte.
    return wanted.filter((t) => t === 'A' || this.firmware_?.supportsTypeB !== false);
  }

  private async releaseSession(): Promise<void> {
    const s = this.session;
    this.session = undefined;
    if (s) await s.release();
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
