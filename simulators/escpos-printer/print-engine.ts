/**
 * The simulated printer's mechanism: status, print modes, the line buffer and the paper. It keeps
 * every job's bytes and what was laid on paper, and refuses to print while it is not ready.
 */
import { toHex } from '../../common/hex';
import { decodeCp1258 } from './cp1258-decoder';
import type { EscPosHandler } from './escpos-parser';
import type { PaperAlign, PaperElement } from './paper-elements';

export type JobOutcome = 'printing' | 'printed' | 'refused' | 'incomplete';

export interface SimulatedJob {
  readonly id: number;
  /** Every byte of the job as received, real-time status queries excluded. */
  readonly bytes: Uint8Array;
  readonly elements: readonly PaperElement[];
  readonly outcome: JobOutcome;
  /** Hex of commands the simulator did not understand. */
  readonly unknownCommands: readonly string[];
  /** Code pages selected with ESC t during the job. */
  readonly codePages: readonly number[];
}

export type PaperLevel = 'ok' | 'near-end' | 'out';

interface MutableJob {
  id: number;
  chunks: Uint8Array[];
  elements: PaperElement[];
  outcome: JobOutcome;
  unknownCommands: string[];
  codePages: number[];
}

const ALIGNS: readonly PaperAlign[] = ['left', 'center', 'right'];
const STATUS_BASE = 0x12;
/** Raster rows that use up one "line" of the paper budget (one font A line). */
const ROWS_PER_LINE = 30;
/** Lines left on the roll when the near-end sensor trips (about three tickets). */
const NEAR_END_LINES = 60;

/** The printer's state, print modes and job log; fed by EscPosStreamParser through handler(). */
export class PrintEngine {
  private readonly cp1258Page: number;
  private readonly jobs: MutableJob[] = [];
  private current: MutableJob | undefined;
  private readonly jobListeners = new Set<(job: SimulatedJob) => void>();
  // printer state
  private paper: PaperLevel = 'ok';
  private linesLeft: number | undefined;
  private coverOpen = false;
  private offline = false;
  private cutterError = false;
  private mute = false;
  // print modes (reset by ESC @)
  private codePage = 0;
  private mode = { bold: false, align: 'left' as PaperAlign, width: 1, height: 1 };
  private line: number[] = [];
  private qrData: Uint8Array | undefined;
  private qrModule = 3;

  constructor(cp1258Page: number) {
    this.cp1258Page = cp1258Page;
  }

  // ---- controls (demo, tests) ----

  setPaper(level: PaperLevel): void {
    this.paper = level;
    if (level !== 'out') this.linesLeft = undefined;
  }
  /** The roll ends after `lines` more printed lines: mid-job if the job is longer. */
  runOutOfPaperAfter(lines: number): void {
    this.linesLeft = Math.max(0, lines);
    this.updateNearEnd();
  }
  setCoverOpen(open: boolean): void {
    this.coverOpen = open;
  }
  setOffline(offline: boolean): void {
    this.offline = offline;
  }
  setCutterError(error: boolean): void {
    this.cutterError = error;
  }
  /** Stops answering DLE EOT (a hung firmware or a printer without a back channel). */
  setMute(mute: boolean): void {
    this.mute = mute;
  }

  get ready(): boolean {
    return this.paper !== 'out' && !this.coverOpen && !this.offline && !this.cutterError;
  }

  // ---- results ----

  get printedJobs(): SimulatedJob[] {
    return this.allJobs.filter((j) => j.outcome === 'printed');
  }

  get allJobs(): SimulatedJob[] {
    return this.jobs.map((j) => this.snapshot(j));
  }

  /** Called when a job ends (cut, or connection closed): demo mode shows its PNG. */
  onJob(listener: (job: SimulatedJob) => void): () => void {
    this.jobListeners.add(listener);
    return () => this.jobListeners.delete(listener);
  }

  /** The text printed by a job, one line per text element. */
  jobText(job: SimulatedJob): string {
    return job.elements.flatMap((e) => (e.kind === 'text' ? [e.text] : [])).join('\n');
  }

  clearJobs(): void {
    this.jobs.length = 0;
    this.current = undefined;
  }

  /** The parser callbacks of one connection; `reply` sends bytes back to that host. */
  handler(reply: (bytes: Uint8Array) => void): EscPosHandler {
    return {
      raw: (bytes, realtime) => {
        if (realtime) return;
        // A process ID request after the cut belongs to the job it confirms, not to a new one.
        if (!this.current && isProcessIdRequest(bytes)) this.jobs.at(-1)?.chunks.push(bytes);
        else this.job().chunks.push(bytes);
      },
      processIdRequest: (id) => {
        // Sent only when everything before it was printed: never while the printer is stopped.
        const last = this.current ?? this.jobs.at(-1);
        if (this.ready && !this.mute && last?.outcome !== 'incomplete') {
          reply(Uint8Array.of(0x37, 0x22, ...id, 0x00));
        }
      },
      realtimeStatus: (n) => {
        if (!this.mute) reply(Uint8Array.of(this.statusByte(n)));
      },
      text: (bytes) => {
        if (this.printing()) this.line.push(...bytes);
      },
      lineFeed: () => {
        if (this.printing()) this.flushLine(true);
      },
      init: () => this.resetModes(),
      codePage: (n) => {
        this.codePage = n;
        this.job().codePages.push(n);
      },
      printMode: (n) => {
        this.mode.bold = (n & 0x08) !== 0;
        this.mode.height = n & 0x10 ? 2 : 1;
        this.mode.width = n & 0x20 ? 2 : 1;
      },
      bold: (on) => {
        this.mode.bold = on;
      },
      align: (n) => {
        this.mode.align = ALIGNS[n] ?? 'left';
      },
      feedLines: (n) => {
        if (!this.printing()) return;
        this.flushLine(false);
        this.addElement({ kind: 'blank', lines: n }, n);
      },
      charSize: (n) => {
        this.mode.width = ((n >> 4) & 7) + 1;
        this.mode.height = (n & 7) + 1;
      },
      cut: () => this.cut(),
      raster: (widthBytes, height, data) => {
        if (!this.printing()) return;
        this.flushLine(false);
        const el: PaperElement = {
          kind: 'raster',
          widthDots: widthBytes * 8,
          height,
          bits: data,
          align: this.mode.align,
        };
        this.addElement(el, Math.ceil(height / ROWS_PER_LINE));
      },
      qrModel: () => undefined,
      qrModuleSize: (n) => {
        this.qrModule = Math.max(1, Math.min(16, n));
      },
      qrStore: (data) => {
        this.qrData = data;
      },
      qrPrint: () => {
        if (!this.printing() || this.qrData === undefined) return;
        this.flushLine(false);
        const data = new TextDecoder().decode(this.qrData);
        const el: PaperElement = {
          kind: 'qr',
          data,
          moduleDots: this.qrModule,
          align: this.mode.align,
        };
        this.addElement(el, 6);
      },
      unknown: (bytes) => this.job().unknownCommands.push(toHex(bytes)),
    };
  }

  /** DLE EOT n answers (Epson ESC/POS, real-time commands): fixed bits 0x12 plus flags. */
  private statusByte(n: number): number {
    const paperOut = this.paper === 'out';
    switch (n) {
      case 1:
        return STATUS_BASE | (this.ready ? 0 : 0x08);
      case 2:
        return (
          STATUS_BASE |
          (this.coverOpen ? 0x04 : 0) |
          (paperOut ? 0x20 : 0) |
          (this.cutterError ? 0x40 : 0)
        );
      case 3:
        return STATUS_BASE | (this.cutterError ? 0x08 : 0);
      case 4:
        return STATUS_BASE | (this.paper === 'near-end' ? 0x0c : 0) | (paperOut ? 0x6c : 0);
      default:
        return STATUS_BASE;
    }
  }

  private job(): MutableJob {
    if (!this.current) {
      this.current = {
        id: this.jobs.length + 1,
        chunks: [],
        elements: [],
        outcome: 'printing',
        unknownCommands: [],
        codePages: [],
      };
      this.jobs.push(this.current);
    }
    return this.current;
  }

  /** True when the job may put something on paper; otherwise marks it refused or incomplete. */
  private printing(): boolean {
    const job = this.job();
    if (this.ready) return job.outcome === 'printing';
    if (job.outcome === 'printing')
      job.outcome = job.elements.length > 0 ? 'incomplete' : 'refused';
    return false;
  }

  private addElement(el: PaperElement, lines: number): void {
    this.job().elements.push(el);
    if (this.linesLeft !== undefined) {
      this.linesLeft -= lines;
      if (this.linesLeft <= 0) {
        this.paper = 'out';
        this.linesLeft = undefined;
      } else {
        this.updateNearEnd();
      }
    }
  }

  /** The near-end sensor sits a few tickets before the end of the roll. */
  private updateNearEnd(): void {
    if (this.linesLeft !== undefined && this.linesLeft <= NEAR_END_LINES && this.paper === 'ok') {
      this.paper = 'near-end';
    }
  }

  private flushLine(feed: boolean): void {
    if (this.line.length === 0) {
      if (feed) this.addElement({ kind: 'blank', lines: 1 }, 1);
      return;
    }
    const bytes = Uint8Array.from(this.line);
    this.line = [];
    const text =
      this.codePage === this.cp1258Page
        ? decodeCp1258(bytes)
        : new TextDecoder('latin1').decode(bytes);
    this.addElement(
      {
        kind: 'text',
        text,
        align: this.mode.align,
        bold: this.mode.bold,
        width: this.mode.width,
        height: this.mode.height,
      },
      this.mode.height,
    );
  }

  private cut(): void {
    const ok = this.printing();
    if (ok) this.flushLine(false);
    const job = this.job();
    if (job.outcome === 'printing') job.outcome = 'printed';
    this.current = undefined;
    this.finished(job);
  }

  private finished(job: MutableJob): void {
    if (this.jobListeners.size === 0) return;
    const snapshot = this.snapshot(job);
    for (const l of this.jobListeners) l(snapshot);
  }

  private snapshot(j: MutableJob): SimulatedJob {
    return {
      id: j.id,
      bytes: concat(j.chunks),
      elements: [...j.elements],
      outcome: j.outcome,
      unknownCommands: [...j.unknownCommands],
      codePages: [...j.codePages],
    };
  }

  private resetModes(): void {
    this.codePage = 0;
    this.mode = { bold: false, align: 'left', width: 1, height: 1 };
    this.line = [];
  }

  /** A connection closed: a job without a cut ends here (as printed if nothing stopped it). */
  endConnection(): void {
    const job = this.current;
    if (!job) return;
    if (job.outcome === 'printing') {
      if (this.line.length > 0 && this.ready) this.flushLine(false);
      job.outcome = 'printed';
    }
    this.current = undefined;
    this.finished(job);
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function isProcessIdRequest(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1d && bytes[1] === 0x28 && bytes[2] === 0x48;
}
