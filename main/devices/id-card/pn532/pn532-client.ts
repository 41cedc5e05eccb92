import { AppError } from '../../../../common/errors.js';
import type { ByteTransport } from '../../transport/byte-transport.js';
import { ACK_FRAME, NACK_FRAME, TFI_PN532_TO_HOST, WAKEUP_BYTES } from './pn532-constants.js';
import { encodeFrame, frameDump } from './pn532-frame.js';
import { Pn532FrameDecoder, type Pn532DecodedEvent } from './pn532-frame-decoder.js';

export interface Pn532FrameLogEntry {
  /** Date.now() when the bytes were written or decoded. */
  readonly at: number;
  /** 'out' = host → PN532, 'in' = PN532 → host. */
  readonly direction: 'out' | 'in';
  readonly kind: 'wakeup' | 'command' | 'ack' | 'nack' | 'response' | 'error-frame' | 'invalid';
  readonly bytes: Uint8Array;
  readonly note?: string;
}

/** Receives every frame on the wire (the setup screen's raw frame log). */
export type Pn532FrameLogger = (entry: Pn532FrameLogEntry) => void;

export interface Pn532ClientOptions {
  /** Wait for the ACK after a command (nfcpy: 100 ms; ptys and USB adapters add latency). */
  readonly ackTimeoutMs?: number;
  /** Silence inside a frame longer than this means the frame was cut short. */
  readonly interByteTimeoutMs?: number;
  /** Retransmissions of a command (no ACK) and NACKs for a damaged response. */
  readonly maxRetries?: number;
  readonly onFrame?: Pn532FrameLogger;
  /**
   * Prefix every command with a long preamble of zero bytes (nfcpy does this on HSU), for
   * modules that doze between commands. Default off.
   */
  readonly longPreamble?: boolean;
}

type Next =
  Pn532DecodedEvent | { kind: 'timeout' } | { kind: 'closed'; error?: Error } | { kind: 'aborted' };

const LONG_PREAMBLE = new Uint8Array(10);

const COMMAND_NAMES: Readonly<Record<number, string>> = {
  0x02: 'GetFirmwareVersion',
  0x04: 'GetGeneralStatus',
  0x12: 'SetParameters',
  0x14: 'SAMConfiguration',
  0x32: 'RFConfiguration',
  0x40: 'InDataExchange',
  0x4a: 'InListPassiveTarget',
  0x52: 'InRelease',
};

export function pn532CommandName(code: number): string {
  return COMMAND_NAMES[code] ?? `command 0x${code.toString(16).padStart(2, '0')}`;
}

/**
 * Command/response exchange with a PN532 over a ByteTransport (HSU): one command at a time,
 * ACK within `ackTimeoutMs` (else retransmit), response within the caller's timeout (else the
 * command is aborted with an ACK and DEVICE_TIMEOUT is thrown), NACK to get a damaged response
 * again. Every byte is decoded by Pn532FrameDecoder and reported to `onFrame`.
 */
export class Pn532Client {
  private readonly decoder = new Pn532FrameDecoder();
  private readonly inbox: Next[] = [];
  private wake: (() => void) | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private unsubscribe: (() => void)[] = [];
  private chain: Promise<unknown> = Promise.resolve();
  private readonly ackTimeoutMs: number;
  private readonly interByteTimeoutMs: number;
  private readonly maxRetries: number;

  constructor(
    readonly transport: ByteTransport,
    private readonly options: Pn532ClientOptions = {},
  ) {
    this.ackTimeoutMs = options.ackTimeoutMs ?? 300;
    this.interByteTimeoutMs = options.interByteTimeoutMs ?? 100;
    this.maxRetries = options.maxRetries ?? 2;
    this.frameLogger = options.onFrame;
  }

  /** Receives every frame; replaceable at run time (the setup screen's raw log). */
  frameLogger: Pn532FrameLogger | undefined;

  /** Starts listening to the transport (idempotent). */
  attach(): void {
    if (this.unsubscribe.length > 0) return;
    this.unsubscribe = [
      this.transport.onData((chunk) => this.receive(chunk)),
      this.transport.onClose((error) =>
        this.post(error ? { kind: 'closed', error } : { kind: 'closed' }),
      ),
    ];
  }

  detach(): void {
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
    clearTimeout(this.idleTimer);
  }

  /** HSU wake-up preamble (UM0701-02 §6.3.2.3); SAMConfiguration must follow. */
  async wakeUp(timeoutMs = 1_000): Promise<void> {
    this.log('out', 'wakeup', WAKEUP_BYTES);
    await this.transport.write(WAKEUP_BYTES, timeoutMs);
  }

  /**
   * Sends one command (body = command code + parameters, without TFI) and returns the response
   * parameters (after D5 and the response code). Serialised: concurrent calls queue up.
   */
  command(body: Uint8Array, timeoutMs: number, signal?: AbortSignal): Promise<Uint8Array> {
    const run = this.chain.then(() => this.exchange(body, timeoutMs, signal));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async exchange(
    body: Uint8Array,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<Uint8Array> {
    const code = body[0] ?? 0;
    const name = pn532CommandName(code);
    if (signal?.aborted) throw aborted(name);
    if (!this.transport.isOpen) {
      throw new AppError(
        'DEVICE_NOT_CONNECTED',
        `PN532 ${name}: ${this.transport.uri} is not open`,
      );
    }
    const deadline = Date.now() + timeoutMs;
    const encoded = encodeFrame(body);
    const frame = this.options.longPreamble
      ? Uint8Array.from([...LONG_PREAMBLE, ...encoded])
      : encoded;
    // Anything left over belongs to an earlier, finished or aborted command.
    this.inbox.length = 0;
    this.decoder.reset();
    const send = async (): Promise<void> => {
      this.log('out', 'command', frame, name);
      await this.transport.write(frame, Math.max(1, deadline - Date.now()));
    };
    await send();

    let response: Uint8Array | undefined;
    let resends = 0;
    // Phase 1: the ACK (a response arriving first also proves the command was received).
    // The command is sent again only after total silence or an explicit NACK: if bytes came
    // but no clean ACK, the ACK was probably damaged, and resending an APDU would make the
    // card process it twice (fatal for secure messaging), so we go on to wait for the response.
    let heardSomething = false;
    for (let acked = false; !acked;) {
      const ev = await this.next(Math.min(deadline, Date.now() + this.ackTimeoutMs), signal);
      switch (ev.kind) {
        case 'ack':
          acked = true;
          break;
        case 'timeout':
        case 'nack':
          if (ev.kind === 'timeout' && heardSomething && Date.now() < deadline) {
            acked = true;
            break;
          }
          // Silence (the PN532 did not get the frame) or a NACK: send it again.
          if (resends >= this.maxRetries || Date.now() >= deadline) {
            throw new AppError(
              'DEVICE_TIMEOUT',
              `PN532 ${name}: no ACK from ${this.transport.uri} after ${resends + 1} attempts (wrong port or baud rate, or the reader is off?) [${frameDump(frame)}]`,
            );
          }
          resends++;
          await send();
          break;
        case 'frame':
          if (ev.tfi === TFI_PN532_TO_HOST && ev.data[0] === code + 1) {
            response = ev.data;
            acked = true;
          }
          break;
        case 'error-frame':
          throw new AppError(
            'DEVICE_PROTOCOL',
            `PN532 ${name}: syntax error frame [${frameDump(frame)}]`,
          );
        case 'invalid':
          heardSomething = true;
          if (ev.reason === 'data-checksum' || ev.reason === 'truncated') {
            // A damaged response: the command got through; phase 2 asks for it again.
            this.inbox.unshift(ev);
            acked = true;
          }
          break;
        case 'closed':
          throw closed(name, this.transport.uri, ev.error);
        case 'aborted':
          await this.abort();
          throw aborted(name);
      }
    }

    // Phase 2: the response.
    let nacks = 0;
    while (!response) {
      const ev = await this.next(deadline, signal);
      switch (ev.kind) {
        case 'frame':
          if (ev.tfi === TFI_PN532_TO_HOST && ev.data[0] === code + 1) response = ev.data;
          else this.log('in', 'invalid', ev.raw, 'unexpected frame ignored');
          break;
        case 'invalid':
          if (ev.reason === 'data-checksum' || ev.reason === 'truncated') {
            if (nacks >= this.maxRetries) throw ev.error;
            nacks++;
            this.log('out', 'nack', NACK_FRAME, 'asking for the response again');
            await this.transport.write(NACK_FRAME, Math.max(1, deadline - Date.now()));
          }
          break;
        case 'ack':
        case 'nack':
          break;
        case 'error-frame':
          throw new AppError(
            'DEVICE_PROTOCOL',
            `PN532 ${name}: syntax error frame [${frameDump(frame)}]`,
          );
        case 'timeout':
          await this.abort();
          throw new AppError(
            'DEVICE_TIMEOUT',
            `PN532 ${name}: no response within ${timeoutMs} ms [${frameDump(frame)}]`,
          );
        case 'closed':
          throw closed(name, this.transport.uri, ev.error);
        case 'aborted':
          await this.abort();
          throw aborted(name);
      }
    }
    return response.slice(1);
  }

  /** Sends an ACK, which makes the PN532 abandon the running command (libnfc `pn532_uart_ack`). */
  private async abort(): Promise<void> {
    if (!this.transport.isOpen) return;
    this.log('out', 'ack', ACK_FRAME, 'abort');
    await this.transport.write(ACK_FRAME, 500).catch(() => undefined);
  }

  private receive(chunk: Uint8Array): void {
    for (const ev of this.decoder.push(chunk)) this.post(ev);
    clearTimeout(this.idleTimer);
    if (this.decoder.inFrame) {
      this.idleTimer = setTimeout(() => {
        for (const ev of this.decoder.expire()) this.post(ev);
      }, this.interByteTimeoutMs);
    }
  }

  private post(ev: Next): void {
    switch (ev.kind) {
      case 'ack':
      case 'nack':
      case 'error-frame':
        this.log('in', ev.kind, ev.raw);
        break;
      case 'frame':
        this.log('in', 'response', ev.raw);
        break;
      case 'invalid':
        this.log('in', 'invalid', ev.raw, ev.error.message);
        break;
      case 'timeout':
      case 'closed':
      case 'aborted':
        break;
    }
    this.inbox.push(ev);
    // Nobody is waiting between commands: keep only the latest events.
    if (this.inbox.length > 64) this.inbox.shift();
    this.wake?.();
  }

  private next(deadline: number, signal?: AbortSignal): Promise<Next> {
    const queued = this.inbox.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise<Next>((resolve) => {
      const finish = (value: Next): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.wake = undefined;
        resolve(value);
      };
      const onAbort = (): void => finish({ kind: 'aborted' });
      const timer = setTimeout(
        () => finish({ kind: 'timeout' }),
        Math.max(0, deadline - Date.now()),
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      this.wake = () => {
        const ev = this.inbox.shift();
        if (ev) finish(ev);
      };
    });
  }

  private log(
    direction: 'out' | 'in',
    kind: Pn532FrameLogEntry['kind'],
    bytes: Uint8Array,
    note?: string,
  ): void {
    const onFrame = this.frameLogger;
    if (!onFrame) return;
    const entry: Pn532FrameLogEntry =
      note === undefined
        ? { at: Date.now(), direction, kind, bytes: bytes.slice() }
        : { at: Date.now(), direction, kind, bytes: bytes.slice(), note };
    try {
      onFrame(entry);
    } catch {
      // A broken logger must not break card reading.
    }
  }
}

function closed(name: string, uri: string, error?: Error): AppError {
  return new AppError(
    'DEVICE_NOT_CONNECTED',
    `PN532 ${name}: ${uri} closed${error ? `: ${error.message}` : ''}`,
    {
      cause: error,
    },
  );
}

function aborted(name: string): AppError {
  return new AppError('TIMEOUT', `PN532 ${name}: cancelled`);
}
