import { AppError } from '../../../../common/errors.js';
import type { CardSession, ContactlessCardType } from '../id-card-reader.js';
import { DATA_EXCHANGE_MAX_DATA, STATUS_ERROR_MASK, STATUS_MI } from './pn532-constants.js';
import type { Pn532Client } from './pn532-client.js';
import { inDataExchange, inRelease, type PassiveTarget } from './pn532-commands.js';
import { pn532StatusError } from './pn532-errors.js';
import { frameDump } from './pn532-frame.js';

/** Longest chained response we accept (an extended-length READ BINARY is at most 64 KiB + SW). */
const MAX_RESPONSE_BYTES = 65_538;

/** An activated target behind a PN532: APDUs through InDataExchange with MI chaining. */
export class Pn532CardSession implements CardSession {
  readonly type: ContactlessCardType;
  readonly uid: Uint8Array;
  readonly ats?: Uint8Array;
  private active_ = true;
  private gone = false;

  constructor(
    private readonly client: Pn532Client,
    private readonly target: PassiveTarget,
    private readonly defaultTimeoutMs: number,
  ) {
    this.type = target.type;
    this.uid = target.uid;
    if (target.ats) this.ats = target.ats;
  }

  get active(): boolean {
    return this.active_;
  }

  /**
   * Sends a command APDU and returns data ‖ SW1 SW2. Host data over 262 bytes is sent in
   * several InDataExchange commands with MI set in Tg; a response with MI set in its status
   * byte is fetched by sending InDataExchange Tg with no data until MI clears (UM0701-02 §7.3.8;
   * libnfc `pn53x_transceive`). The whole exchange shares one deadline.
   */
  async transceive(apdu: Uint8Array, timeoutMs = this.defaultTimeoutMs): Promise<Uint8Array> {
    if (this.gone) throw new AppError('CARD_REMOVED', 'The card left the reader (session ended)');
    if (!this.active_) throw new AppError('CARD_NOT_PRESENT', 'Card session was released');
    if (apdu.length === 0) throw new AppError('INVALID_INPUT', 'Empty APDU');
    const deadline = Date.now() + timeoutMs;
    const tg = this.target.tg;
    try {
      let params: Uint8Array = new Uint8Array(0);
      for (let offset = 0; offset < apdu.length; offset += DATA_EXCHANGE_MAX_DATA) {
        const chunk = apdu.subarray(offset, offset + DATA_EXCHANGE_MAX_DATA);
        const more = offset + DATA_EXCHANGE_MAX_DATA < apdu.length;
        params = await this.client.command(inDataExchange(tg, chunk, more), remaining(deadline));
        this.check(params);
      }
      const parts: Uint8Array[] = [params.subarray(1)];
      let total = parts[0]?.length ?? 0;
      while (((params[0] ?? 0) & STATUS_MI) !== 0) {
        params = await this.client.command(
          inDataExchange(tg, new Uint8Array(0)),
          remaining(deadline),
        );
        this.check(params);
        parts.push(params.subarray(1));
        total += params.length - 1;
        if (total > MAX_RESPONSE_BYTES) {
          throw new AppError(
            'DEVICE_PROTOCOL',
            `PN532 InDataExchange: chained response over ${MAX_RESPONSE_BYTES} bytes`,
          );
        }
      }
      const out = new Uint8Array(total);
      let at = 0;
      for (const p of parts) {
        out.set(p, at);
        at += p.length;
      }
      if (out.length < 2) {
        throw new AppError(
          'CARD_PROTOCOL',
          `Response APDU shorter than SW1 SW2 [${frameDump(out)}]`,
        );
      }
      return out;
    } catch (err) {
      if (err instanceof AppError && err.code === 'CARD_REMOVED') {
        this.gone = true;
        this.active_ = false;
      }
      throw err;
    }
  }

  async release(): Promise<void> {
    if (!this.active_) return;
    this.active_ = false;
    if (this.gone) return;
    await this.client.command(inRelease(this.target.tg), 500).catch(() => undefined);
  }

  private check(params: Uint8Array): void {
    const status = params[0];
    if (status === undefined) {
      throw new AppError('DEVICE_PROTOCOL', 'PN532 InDataExchange: response without status byte');
    }
    if ((status & STATUS_ERROR_MASK) !== 0)
      throw pn532StatusError(status, 'InDataExchange', Uint8Array.of(0xd5, 0x41, ...params));
  }
}

function remaining(deadline: number): number {
  const ms = deadline - Date.now();
  if (ms <= 0) throw new AppError('DEVICE_TIMEOUT', 'PN532 InDataExchange: exchange timed out');
  return ms;
}
