/**
 * TicketPrinter over any ByteTransport (tcp://, serial, USB device file): renders the document in
 * the Vietnamese code page or as a raster image, checks the status with DLE EOT before and after
 * the job, and reports whether the ticket really came out.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError, toErrorInfo } from '../../../common/errors';
import { toHex } from '../../../common/hex';
import type { ByteTransport } from '../transport/byte-transport';
import { renderCodePage, type RenderedJob } from './codepage-renderer';
import {
  commandSetFor,
  PROCESS_ID_HEADER,
  type EscPosCommandSet,
  type PrinterModel,
} from './escpos-command-set';
import type { PaperWidth } from './paper';
import {
  decodeStatus,
  DLE,
  EOT,
  isStatusByte,
  STATUS_ERROR_CAUSE,
  STATUS_OFFLINE_CAUSE,
  STATUS_PAPER_SENSOR,
  STATUS_PRINTER,
  statusError,
  UNKNOWN_STATUS,
} from './printer-status';
import { FONT_FILES, renderRaster } from './raster-renderer';
import { validateBlocks, validateTicket } from './validate-print-input';
import { TICKET_TIME_ZONE, ticketToBlocks, VI_TICKET_LABELS } from './ticket-layout';
import type {
  PrintBlock,
  PrinterStatus,
  PrintReport,
  PrintWarning,
  TicketContent,
  TicketLabels,
  TicketPrinter,
} from './ticket-printer-port';

export type TextEncodingMode = 'codepage' | 'raster';

export interface EscPosPrinterOptions {
  readonly model?: PrinterModel;
  readonly paperWidth?: PaperWidth;
  /** 'codepage': Windows-1258 text (small, fast); 'raster': the whole ticket as an image. */
  readonly encoding?: TextEncodingMode;
  /** Code table number of WPC1258 on this model (EPSON: 52; some clones: 94 or 30). */
  readonly codePage?: number;
  readonly statusTimeoutMs?: number;
  readonly openTimeoutMs?: number;
  readonly writeTimeoutMs?: number;
  /**
   * Printers with no back channel (a write-only USB device file) never answer DLE EOT. With
   * `false` the job is sent anyway and the report says `status-unconfirmed`; with `true` (default)
   * no answer means no print.
   */
  readonly requireStatus?: boolean;
  /**
   * DLE EOT is answered on receipt, possibly before the ticket has left the buffer. With `true`
   * (EPSON TM models that support GS ( H) the driver also waits for the printer's "process ID
   * response", sent only once the whole ticket is printed and cut, before the final status check.
   */
  readonly confirmPrintEnd?: boolean;
  /** How long a ticket may take to print when `confirmPrintEnd` is on. */
  readonly printEndTimeoutMs?: number;
  /** Directory of the Be Vietnam Pro TTF files (resources/fonts), for raster output. */
  readonly fontDir?: string;
  readonly labels?: TicketLabels;
  readonly timeZone?: string;
}

/**
 * Where the Be Vietnam Pro files are: the packaged app's resources (Electron's
 * process.resourcesPath/fonts), the working directory's resources/fonts (`npm start`, the
 * harness), or the source tree next to this file (tests). First that exists wins; the
 * composition root may pass `fontDir` explicitly instead.
 */
export function defaultFontDir(): string {
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  const candidates = [
    ...(resourcesPath ? [path.join(resourcesPath, 'fonts')] : []),
    path.resolve(process.cwd(), 'resources/fonts'),
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../resources/fonts'),
  ];
  return (
    candidates.find((dir) => existsSync(path.join(dir, FONT_FILES[0]))) ?? candidates.at(-1) ?? ''
  );
}

/** DLE EOT 1, 2, 3, 4 in one write; the printer answers one byte each, in order. */
const STATUS_QUERY = Uint8Array.of(
  ...[STATUS_PRINTER, STATUS_OFFLINE_CAUSE, STATUS_ERROR_CAUSE, STATUS_PAPER_SENSOR].flatMap(
    (n) => [DLE, EOT, n],
  ),
);

export class EscPosTicketPrinter implements TicketPrinter {
  private readonly commands: EscPosCommandSet;
  private readonly o: Required<Omit<EscPosPrinterOptions, 'model'>>;
  /** Serializes jobs and status queries: answers must not interleave. */
  private queue: Promise<unknown> = Promise.resolve();
  /** After a timed-out query a late answer may still arrive: reconnect before trusting bytes. */
  private desynced = false;
  /** Why the last status query gave 'unknown' (for the error message). */
  private unknownReason = '';
  private processIdSeq = 0;

  constructor(
    private readonly transport: ByteTransport,
    options: EscPosPrinterOptions = {},
  ) {
    this.commands = commandSetFor(options.model ?? 'epson');
    this.o = {
      paperWidth: options.paperWidth ?? 80,
      encoding: options.encoding ?? 'codepage',
      codePage: options.codePage ?? 52,
      statusTimeoutMs: options.statusTimeoutMs ?? 1500,
      openTimeoutMs: options.openTimeoutMs ?? 3000,
      writeTimeoutMs: options.writeTimeoutMs ?? 10_000,
      requireStatus: options.requireStatus ?? true,
      confirmPrintEnd: options.confirmPrintEnd ?? false,
      printEndTimeoutMs: options.printEndTimeoutMs ?? 20_000,
      fontDir: options.fontDir ?? defaultFontDir(),
      labels: options.labels ?? VI_TICKET_LABELS,
      timeZone: options.timeZone ?? TICKET_TIME_ZONE,
    };
  }

  /** The bytes a document would be sent as (for tests, benchmarks and the technician CLI). */
  render(blocks: readonly PrintBlock[]): RenderedJob {
    if (this.o.encoding === 'raster') {
      return renderRaster(blocks, {
        commands: this.commands,
        paper: this.o.paperWidth,
        fontDir: this.o.fontDir,
      });
    }
    return renderCodePage(blocks, {
      commands: this.commands,
      paper: this.o.paperWidth,
      codePage: this.o.codePage,
    });
  }

  ticketBlocks(ticket: TicketContent): PrintBlock[] {
    return ticketToBlocks(ticket, this.o.labels, this.o.timeZone);
  }

  printTicket(ticket: TicketContent): Promise<PrintReport> {
    try {
      validateTicket(ticket);
    } catch (err) {
      return Promise.resolve(rejectedInput(err));
    }
    return this.printDocument(this.ticketBlocks(ticket));
  }

  /** Never rejects: every failure, bad input included, is in the report. */
  printDocument(blocks: readonly PrintBlock[]): Promise<PrintReport> {
    let job: RenderedJob;
    try {
      validateBlocks(blocks);
      job = this.render(blocks);
    } catch (err) {
      return Promise.resolve(rejectedInput(err));
    }
    return this.serialized(() => this.runJob(job));
  }

  status(): Promise<PrinterStatus> {
    return this.serialized(() => this.queryStatus());
  }

  /** Waits for the job in progress, then closes the transport. Never rejects. */
  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    try {
      if (this.transport.isOpen) await this.transport.close();
    } catch {
      // already gone: nothing left to release
    }
  }

  private serialized<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runJob(job: RenderedJob): Promise<PrintReport> {
    const warnings: PrintWarning[] = [];
    if (job.unencodable.length > 0) warnings.push('characters-replaced');
    const base = { warnings, unencodable: job.unencodable };
    const notPrinted = (
      err: unknown,
      before: PrinterStatus,
      after: PrinterStatus,
      bytesSent: number,
    ): PrintReport => ({
      ...base,
      printed: false,
      error: toErrorInfo(err),
      before,
      after,
      bytesSent,
    });

    const before = await this.queryStatus();
    if (before.state === 'unknown') {
      if (this.o.requireStatus) return notPrinted(this.unknownError(), before, UNKNOWN_STATUS, 0);
    } else {
      const beforeError = statusError(before, `before printing on ${this.transport.uri}`);
      if (beforeError) return notPrinted(beforeError, before, UNKNOWN_STATUS, 0);
    }
    try {
      await this.ensureOpen();
      // Plus 1 ms per byte: a raster ticket (~65 kB) takes about a minute on a 9600-baud line.
      await this.transport.write(job.bytes, this.o.writeTimeoutMs + job.bytes.length);
    } catch (err) {
      return notPrinted(this.asPrinterError(err, 'sending the job'), before, UNKNOWN_STATUS, 0);
    }
    const ended = await this.awaitPrintEnd();
    const after = await this.queryStatus();
    if (!ended) {
      const err =
        statusError(after, `after printing on ${this.transport.uri}`) ??
        new AppError(
          'PRINTER_TIMEOUT',
          `${this.transport.uri}: no print-end response within ${this.o.printEndTimeoutMs} ms`,
        );
      return notPrinted(err, before, after, job.bytes.length);
    }
    if (after.paperNearEnd) warnings.push('paper-near-end');
    if (after.state === 'unknown') {
      if (this.o.requireStatus)
        return notPrinted(this.unknownError(), before, after, job.bytes.length);
      warnings.push('status-unconfirmed');
      return { ...base, printed: true, before, after, bytesSent: job.bytes.length };
    }
    // Paper end, cover open or an error right after the job: the ticket is at best incomplete.
    const afterError = statusError(after, `after printing on ${this.transport.uri}`);
    if (afterError) return notPrinted(afterError, before, after, job.bytes.length);
    return { ...base, printed: true, before, after, bytesSent: job.bytes.length };
  }

  private async ensureOpen(): Promise<void> {
    if (this.desynced && this.transport.isOpen) await this.transport.close();
    this.desynced = false;
    if (!this.transport.isOpen) await this.transport.open(this.o.openTimeoutMs);
  }

  /**
   * Sends GS ( H and waits for its process ID response (true), or gives up after
   * printEndTimeoutMs (false). True at once when confirmPrintEnd is off or unsupported.
   */
  private async awaitPrintEnd(): Promise<boolean> {
    const request = this.commands.processIdRequest;
    if (!this.o.confirmPrintEnd || !request) return true;
    this.processIdSeq = (this.processIdSeq + 1) % 8 ** 4;
    const id = processId(this.processIdSeq);
    const expected = toHex(Uint8Array.of(...PROCESS_ID_HEADER, ...id, 0x00));
    let seen: number[] = [];
    let done: (ok: boolean) => void = () => undefined;
    const answered = new Promise<boolean>((resolve) => (done = resolve));
    const unsubscribe = this.transport.onData((chunk) => {
      seen = [...seen, ...chunk].slice(-64);
      if (toHex(Uint8Array.from(seen)).includes(expected)) done(true);
    });
    const unsubscribeClose = this.transport.onClose(() => done(false));
    const timer = setTimeout(() => done(false), this.o.printEndTimeoutMs);
    try {
      await this.transport.write(request(id), this.o.writeTimeoutMs);
      const ok = await answered;
      if (!ok) this.desynced = true; // a late response must not be read as a status byte
      return ok;
    } catch {
      this.desynced = true;
      return false;
    } finally {
      clearTimeout(timer);
      unsubscribe();
      unsubscribeClose();
    }
  }

  /** DLE EOT 1..4; 'unknown' when the printer cannot be reached or does not answer in time. */
  private async queryStatus(): Promise<PrinterStatus> {
    try {
      await this.ensureOpen();
    } catch (err) {
      this.unknownReason = `cannot reach ${this.transport.uri}: ${err instanceof Error ? err.message : String(err)}`;
      return UNKNOWN_STATUS;
    }
    const answers: number[] = [];
    let done: () => void = () => undefined;
    const complete = new Promise<void>((resolve) => (done = resolve));
    const unsubscribe = this.transport.onData((chunk) => {
      for (const b of chunk) if (answers.length < 4 && isStatusByte(b)) answers.push(b);
      if (answers.length === 4) done();
    });
    const unsubscribeClose = this.transport.onClose(() => done());
    let timer: NodeJS.Timeout | undefined;
    try {
      await this.transport.write(STATUS_QUERY, this.o.statusTimeoutMs);
      await Promise.race([
        complete,
        new Promise<void>((resolve) => (timer = setTimeout(resolve, this.o.statusTimeoutMs))),
      ]);
    } catch {
      // write failed or timed out: fall through with what we have
    } finally {
      clearTimeout(timer);
      unsubscribe();
      unsubscribeClose();
    }
    const [printer, offlineCause, errorCause, paperSensor] = answers;
    if (
      printer === undefined ||
      offlineCause === undefined ||
      errorCause === undefined ||
      paperSensor === undefined
    ) {
      this.desynced = true;
      this.unknownReason =
        `no answer to DLE EOT from ${this.transport.uri} within ${this.o.statusTimeoutMs} ms` +
        (this.transport.uri.startsWith('file:')
          ? ' (a device file is write-only: use serial or tcp for status, or requireStatus: false)'
          : '');
      return { ...UNKNOWN_STATUS, raw: answers.length > 0 ? toHex(Uint8Array.from(answers)) : '' };
    }
    return decodeStatus({ printer, offlineCause, errorCause, paperSensor });
  }

  /** Unreachable → PRINTER_OFFLINE; connected but silent → PRINTER_TIMEOUT. */
  private unknownError(): AppError {
    const unreachable = this.unknownReason.startsWith('cannot reach');
    return new AppError(unreachable ? 'PRINTER_OFFLINE' : 'PRINTER_TIMEOUT', this.unknownReason);
  }

  private asPrinterError(err: unknown, when: string): AppError {
    if (err instanceof AppError && err.code.startsWith('PRINTER_')) return err;
    const timeout = err instanceof AppError && err.code.endsWith('TIMEOUT');
    const msg = err instanceof Error ? err.message : String(err);
    return new AppError(
      timeout ? 'PRINTER_TIMEOUT' : 'PRINTER_OFFLINE',
      `${when} to ${this.transport.uri}: ${msg}`,
      { cause: err },
    );
  }
}

/**
 * Four ASCII digits for GS ( H, skipping '2' and '6': those two have the fixed bits of a DLE EOT
 * answer (0x32, 0x36), so a late response can never pass for a status byte.
 */
const PROCESS_ID_DIGITS = [0x30, 0x31, 0x33, 0x34, 0x35, 0x37, 0x38, 0x39] as const;
function processId(seq: number): Uint8Array {
  return Uint8Array.from(
    [3, 2, 1, 0],
    (shift) => PROCESS_ID_DIGITS[(seq >> (3 * shift)) & 7] ?? 0x30,
  );
}

/** A report for input that never reached the printer. */
function rejectedInput(err: unknown): PrintReport {
  const error =
    err instanceof AppError
      ? err.toInfo()
      : {
          code: 'INVALID_INPUT' as const,
          message: err instanceof Error ? err.message : String(err),
        };
  return {
    printed: false,
    error,
    before: UNKNOWN_STATUS,
    after: UNKNOWN_STATUS,
    warnings: [],
    unencodable: [],
    bytesSent: 0,
  };
}
