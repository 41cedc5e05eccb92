import type { ByteTransport } from '../../main/devices/transport/byte-transport.js';
import type { CardEmulator } from './card-emulator.js';
import {
  HostStreamParser,
  SIM_ACK,
  SIM_ERROR_FRAME,
  SIM_NACK,
  responseFrame,
} from './pn532-wire.js';

/** Faults the simulator can inject into its next answer (one-shot, in order). */
export type Pn532SimFault =
  /** Noise bytes before the next response frame. */
  | { readonly kind: 'garbage'; readonly bytes?: Uint8Array }
  /** The next response frame is cut short; the rest never comes (the host should NACK). */
  | { readonly kind: 'truncate' }
  /** The next response frame has a wrong DCS (the host should NACK). */
  | { readonly kind: 'corrupt-checksum' }
  /** Answer the next command with a NACK instead of an ACK (the host should resend). */
  | { readonly kind: 'nack' }
  /** The ACK of the next command arrives damaged (line noise); the response follows normally. */
  | { readonly kind: 'damaged-ack' }
  /** Ignore the next command entirely: no ACK, no response. */
  | { readonly kind: 'silence' }
  /** Answer the next command with the syntax error frame. */
  | { readonly kind: 'syntax-error' };

export interface Pn532SimulatorOptions {
  /** GetFirmwareVersion answer; default IC 32, Ver 1, Rev 6, Support 07 (A, B, ISO 18092). */
  readonly firmware?: {
    readonly version: number;
    readonly revision: number;
    readonly support: number;
  };
  /** How long one passive-activation attempt takes when no card answers. */
  readonly pollAttemptMs?: number;
  /** How long the PN532 waits for a card that does not answer before status 0x01. */
  readonly rfTimeoutMs?: number;
  /** Answer with extended frames when a response is over 255 bytes (real PN532: yes). */
  readonly extendedFrames?: boolean;
  /** Largest InDataExchange data per response before MI chaining (real PN532: 262). */
  readonly maxExchangeData?: number;
  /** Frames are ignored until the HSU wake-up bytes (0x55) arrive, as after power-on. */
  readonly requireWakeUp?: boolean;
  /**
   * Paces the line like a UART at this speed (10 bits per byte): responses are written no
   * faster, and commands are handled only once their bytes would have arrived. Default: none.
   */
  readonly baudRate?: number;
}

export interface Pn532SimStats {
  commands: number;
  bytesIn: number;
  bytesOut: number;
  /** InDataExchange payload bytes (APDU data and responses). */
  apduBytes: number;
}

/**
 * A PN532 on the device side of a ByteTransport (an in-process pair, or one end of a socat pty
 * opened with SerialTransport): the same HSU frames byte for byte, ACKs, a LowVbat state that
 * only the 0x55 wake-up leaves, RFConfiguration retries (0xFF = poll forever, the power-on
 * default), InListPassiveTarget A / B, InDataExchange with MI chaining both ways, InRelease,
 * abort by host ACK, retransmission on host NACK, and the card taken away at any moment.
 */
export class Pn532Simulator {
  private transport: ByteTransport | undefined;
  private unsubscribe: (() => void)[] = [];
  private readonly parser = new HostStreamParser();
  private card_: CardEmulator | undefined;
  private awake: boolean;
  private activated: { card: CardEmulator; tg: number } | undefined;
  private passiveRetries = 0xff;
  private pendingOut: Uint8Array | undefined;
  private hostChain: number[] = [];
  private lastResponse: Uint8Array | undefined;
  private abortRun: (() => void) | undefined;
  private queue: Promise<void> = Promise.resolve();
  private outQueue: Promise<void> = Promise.resolve();
  private readonly faults: Pn532SimFault[] = [];
  private cardWaiters = new Set<() => void>();
  private inputDoneAt = 0;
  private outputDoneAt = 0;
  readonly stats: Pn532SimStats = { commands: 0, bytesIn: 0, bytesOut: 0, apduBytes: 0 };
  /** Command bodies received (code + parameters), for tests. */
  readonly received: Uint8Array[] = [];

  constructor(private readonly options: Pn532SimulatorOptions = {}) {
    this.awake = !(options.requireWakeUp ?? true);
  }

  /** Serves the PN532 side of `transport` (opened here if needed). */
  async attach(transport: ByteTransport): Promise<void> {
    this.detach();
    if (!transport.isOpen) await transport.open();
    this.transport = transport;
    this.unsubscribe = [transport.onData((chunk) => this.receive(chunk))];
  }

  detach(): void {
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
    this.transport = undefined;
    this.abortRun?.();
  }

  get card(): CardEmulator | undefined {
    return this.card_;
  }

  /** Puts a card on the reader (replacing any other). */
  placeCard(card: CardEmulator): void {
    this.card_ = card;
    for (const w of [...this.cardWaiters]) w();
  }

  /** Takes the card away: exchanges in flight or later end in status 0x01 (timeout). */
  removeCard(): void {
    this.card_ = undefined;
  }

  injectFault(fault: Pn532SimFault): void {
    this.faults.push(fault);
  }

  private cardInField(): CardEmulator | undefined {
    const c = this.card_;
    return c?.present ? c : undefined;
  }

  private receive(chunk: Uint8Array): void {
    this.stats.bytesIn += chunk.length;
    const baud = this.options.baudRate;
    if (baud) {
      // The host's bytes take time on a real UART too; commands wait until they "arrived".
      this.inputDoneAt =
        Math.max(this.inputDoneAt, performance.now()) + (chunk.length * 10_000) / baud;
    }
    for (const msg of this.parser.push(chunk)) {
      switch (msg.kind) {
        case 'wakeup':
          this.awake = true;
          break;
        case 'ack':
          // The host aborts the running command (UM0701-02 §6.2.1.3).
          this.abortRun?.();
          break;
        case 'nack':
          if (this.lastResponse) this.send(this.lastResponse);
          break;
        case 'bad-frame':
          break;
        case 'command':
          if (!this.awake) break;
          this.queue = this.queue.then(() => this.run(msg.body));
          break;
      }
    }
  }

  private async run(body: Uint8Array): Promise<void> {
    const wait = this.inputDoneAt - performance.now();
    // Waits under 1 ms are skipped: a timer cannot be that short, and the clock carries them.
    if (wait >= 1) await sleep(wait);
    this.stats.commands++;
    this.received.push(body);
    const fault = this.faults.shift();
    if (fault?.kind === 'silence') return;
    if (fault?.kind === 'nack') {
      this.send(SIM_NACK);
      return;
    }
    this.send(
      fault?.kind === 'damaged-ack' ? Uint8Array.of(0x00, 0x00, 0xff, 0x08, 0xff, 0x00) : SIM_ACK,
    );
    if (fault?.kind === 'syntax-error') {
      this.send(SIM_ERROR_FRAME);
      return;
    }
    let aborted = false;
    const abort = new Promise<null>((resolve) => {
      this.abortRun = () => {
        aborted = true;
        resolve(null);
      };
    });
    const answer = await Promise.race([this.answer(body, () => aborted), abort]);
    this.abortRun = undefined;
    if (aborted || answer === null) return;
    const frame = answer === 'error' ? SIM_ERROR_FRAME : responseFrame(answer);
    this.lastResponse = frame;
    if (fault?.kind === 'garbage') {
      this.send(fault.bytes ?? Uint8Array.of(0x13, 0x37, 0xff, 0x00, 0xff, 0x42, 0x00, 0x17));
      this.send(frame);
    } else if (fault?.kind === 'truncate') {
      this.send(frame.subarray(0, Math.max(4, frame.length >> 1)));
    } else if (fault?.kind === 'corrupt-checksum') {
      const bad = frame.slice();
      bad[bad.length - 2] = ((bad[bad.length - 2] ?? 0) + 1) & 0xff;
      this.send(bad);
    } else {
      this.send(frame);
    }
  }

  /** Response body (code + 1, parameters), 'error' for the syntax error frame. */
  private async answer(body: Uint8Array, isAborted: () => boolean): Promise<Uint8Array | 'error'> {
    const [code = 0, ...p] = body;
    const reply = (...bytes: number[]): Uint8Array => Uint8Array.of(code + 1, ...bytes);
    switch (code) {
      case 0x02: {
        const f = this.options.firmware ?? { version: 1, revision: 6, support: 0x07 };
        return reply(0x32, f.version, f.revision, f.support);
      }
      case 0x04: // GetGeneralStatus: no error, field on, one target max
        return reply(0x00, 0x00, this.activated ? 0x01 : 0x00);
      case 0x12: // SetParameters
      case 0x14: // SAMConfiguration
        return reply();
      case 0x32: {
        if (p[0] === 0x05 && p.length === 4) this.passiveRetries = p[3] ?? 0xff;
        else if (p[0] === undefined) return 'error';
        return reply();
      }
      case 0x4a:
        return this.listPassiveTarget(p, isAborted, reply);
      case 0x40:
        return this.dataExchange(p, isAborted, reply);
      case 0x52: {
        this.activated = undefined;
        this.pendingOut = undefined;
        return reply(0x00);
      }
      default:
        return 'error';
    }
  }

  private async listPassiveTarget(
    p: number[],
    isAborted: () => boolean,
    reply: (...b: number[]) => Uint8Array,
  ): Promise<Uint8Array | 'error'> {
    const [maxTg, brTy] = p;
    if (maxTg === undefined || brTy === undefined || maxTg < 1 || maxTg > 2) return 'error';
    const wanted = brTy === 0x00 ? 'A' : brTy === 0x03 ? 'B' : undefined;
    this.activated = undefined;
    this.pendingOut = undefined;
    const attempts = this.passiveRetries === 0xff ? Infinity : this.passiveRetries + 1;
    for (let n = 0; n < attempts && !isAborted(); n++) {
      const card = this.cardInField();
      if (wanted && card?.type === wanted) {
        this.activated = { card, tg: 1 };
        return reply(1, ...targetData(card));
      }
      await this.waitForCardOr(this.options.pollAttemptMs ?? 10);
    }
    return reply(0x00);
  }

  private async dataExchange(
    p: number[],
    isAborted: () => boolean,
    reply: (...b: number[]) => Uint8Array,
  ): Promise<Uint8Array | 'error'> {
    const [tgByte, ...data] = p;
    if (tgByte === undefined) return 'error';
    const tg = tgByte & 0x3f;
    const more = (tgByte & 0x40) !== 0;
    const act = this.activated;
    if (!act || act.tg !== tg) return reply(0x27);
    const chunkMax = Math.min(
      this.options.maxExchangeData ?? 262,
      (this.options.extendedFrames ?? true) ? 262 : 252,
    );
    const cardGone = async (): Promise<Uint8Array> => {
      // The PN532 retries until its RF timeout, then reports status 0x01.
      await sleep(this.options.rfTimeoutMs ?? 50);
      this.pendingOut = undefined;
      this.hostChain = [];
      return reply(0x01);
    };
    if (this.cardInField() !== act.card) return cardGone();
    if (data.length === 0 && this.pendingOut) {
      return this.nextChunk(chunkMax, reply);
    }
    this.pendingOut = undefined;
    this.hostChain.push(...data);
    if (more) return reply(0x00);
    const apdu = Uint8Array.from(this.hostChain);
    this.hostChain = [];
    this.stats.apduBytes += apdu.length;
    let rapdu: Uint8Array;
    try {
      rapdu = await act.card.transceive(apdu);
    } catch {
      return cardGone();
    }
    if (isAborted()) return reply(0x01);
    if (this.cardInField() !== act.card) return cardGone();
    this.stats.apduBytes += rapdu.length;
    this.pendingOut = rapdu;
    return this.nextChunk(chunkMax, reply);
  }

  private nextChunk(chunkMax: number, reply: (...b: number[]) => Uint8Array): Uint8Array {
    const out = this.pendingOut ?? new Uint8Array(0);
    const chunk = out.subarray(0, chunkMax);
    const rest = out.subarray(chunkMax);
    this.pendingOut = rest.length > 0 ? rest : undefined;
    return reply(rest.length > 0 ? 0x40 : 0x00, ...chunk);
  }

  private waitForCardOr(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.cardWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.cardWaiters.add(done);
    });
  }

  private send(bytes: Uint8Array): void {
    const transport = this.transport;
    if (!transport) return;
    const copy = bytes.slice();
    const baud = this.options.baudRate;
    this.outQueue = this.outQueue.then(async () => {
      if (baud) {
        // An absolute line clock, so that timer overshoot on one frame is not added to the next.
        this.outputDoneAt =
          Math.max(this.outputDoneAt, performance.now()) + (copy.length * 10_000) / baud;
        const wait = this.outputDoneAt - performance.now();
        if (wait >= 1) await sleep(wait);
      }
      if (!transport.isOpen) return;
      this.stats.bytesOut += copy.length;
      await transport.write(copy).catch(() => undefined);
    });
  }
}

/** InListPassiveTarget target data (UM0701-02 §7.3.5) for one card. */
function targetData(card: CardEmulator): number[] {
  if (card.type === 'A') {
    const hist = card.ats ?? new Uint8Array(0);
    // ATS: TL, T0 (TA, TB, TC present; FSCI 8 = 256 bytes), TA, TB, TC, historical bytes.
    const ats = [0x78, 0x77, 0x71, 0x02, ...hist];
    // SENS_RES 00 04, SEL_RES 20 (ISO/IEC 14443-4 compliant).
    return [0x01, 0x00, 0x04, 0x20, card.uid.length, ...card.uid, ats.length + 1, ...ats];
  }
  const pupi = [...card.uid.subarray(0, 4)];
  while (pupi.length < 4) pupi.push(0);
  const app = [...(card.ats ?? new Uint8Array(4)).subarray(0, 4)];
  while (app.length < 4) app.push(0);
  // ATQB: 50 PUPI AppData ProtInfo (FSCI 8, ISO/IEC 14443-4, FWI 8), then ATTRIB_RES (1 byte).
  return [0x01, 0x50, ...pupi, ...app, 0x00, 0x81, 0x81, 0x01, 0x00];
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
