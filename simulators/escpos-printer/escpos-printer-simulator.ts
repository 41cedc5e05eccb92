/**
 * An ESC/POS receipt printer at protocol level: it keeps the bytes of every job, prints them onto
 * simulated paper (rendered to PNG), answers DLE EOT from its real state, and can run out of
 * paper, have its cover opened or go offline — after which it refuses to print, as a real one does
 * (a real one keeps the data in its buffer; we drop it and mark the job refused, so a late ticket
 * can never appear by surprise in a test).
 */
import net from 'node:net';
import type { ByteTransport } from '../../main/devices/transport/byte-transport';
import { EscPosStreamParser, type EscPosDialect } from './escpos-parser';
import { PrintEngine, type PaperLevel, type SimulatedJob } from './print-engine';
import { renderPaperPng } from './receipt-png';

export type { JobOutcome, PaperLevel, SimulatedJob } from './print-engine';

export interface EscPosPrinterSimulatorOptions {
  readonly paperWidth?: 58 | 80;
  /** Command dialect: EPSON ESC/POS (default) or STAR Line Mode. */
  readonly model?: EscPosDialect;
  /** ESC t number this model maps to Windows-1258 (EPSON WPC1258 = 52). */
  readonly cp1258Page?: number;
  readonly fontDir?: string;
}

export class EscPosPrinterSimulator {
  readonly paperWidth: 58 | 80;
  readonly model: EscPosDialect;
  private readonly fontDir: string | undefined;
  private readonly engine: PrintEngine;
  private servers: net.Server[] = [];
  private sockets = new Set<net.Socket>();
  private detachers: (() => void)[] = [];

  constructor(options: EscPosPrinterSimulatorOptions = {}) {
    this.paperWidth = options.paperWidth ?? 80;
    this.model = options.model ?? 'epson';
    this.fontDir = options.fontDir;
    this.engine = new PrintEngine(options.cp1258Page ?? 52);
  }

  // ---- controls (demo, tests) ----

  setPaper(level: PaperLevel): void {
    this.engine.setPaper(level);
  }
  /** The roll ends after `lines` more printed lines: mid-job if the job is longer. */
  runOutOfPaperAfter(lines: number): void {
    this.engine.runOutOfPaperAfter(lines);
  }
  setCoverOpen(open: boolean): void {
    this.engine.setCoverOpen(open);
  }
  setOffline(offline: boolean): void {
    this.engine.setOffline(offline);
  }
  setCutterError(error: boolean): void {
    this.engine.setCutterError(error);
  }
  /** Stops answering DLE EOT and GS ( H (a hung firmware, or a printer without a back channel). */
  setMute(mute: boolean): void {
    this.engine.setMute(mute);
  }
  get ready(): boolean {
    return this.engine.ready;
  }

  // ---- results ----

  get printedJobs(): SimulatedJob[] {
    return this.engine.printedJobs;
  }
  get allJobs(): SimulatedJob[] {
    return this.engine.allJobs;
  }
  /** Called when a job ends (cut, or connection closed): demo mode shows its PNG. */
  onJob(listener: (job: SimulatedJob) => void): () => void {
    return this.engine.onJob(listener);
  }
  /** The text printed by a job, one line per text element. */
  jobText(job: SimulatedJob): string {
    return this.engine.jobText(job);
  }
  clearJobs(): void {
    this.engine.clearJobs();
  }
  renderPng(job: SimulatedJob): Buffer {
    return renderPaperPng(job.elements, this.paperWidth === 58 ? 384 : 576, this.fontDir);
  }

  // ---- connections ----

  /** Listens on 127.0.0.1 (port 0 = any free port) like a printer's raw port 9100. */
  async listen(port = 0): Promise<{ port: number; uri: string }> {
    const server = net.createServer((socket) => {
      // A real printer answers status bytes at once; without this, Nagle holds each answer
      // back until the host's delayed ACK (~40 ms per status query).
      socket.setNoDelay(true);
      this.sockets.add(socket);
      const parser = this.newParser((bytes) => {
        if (!socket.destroyed) socket.write(bytes);
      });
      socket.on('data', (d: Buffer) => parser.feed(new Uint8Array(d)));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        this.sockets.delete(socket);
        parser.reset();
        this.engine.endConnection();
      });
    });
    this.servers.push(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    return { port: address.port, uri: `tcp://127.0.0.1:${address.port}` };
  }

  /** Serves over a ByteTransport: the device end of a memory pair, or a serial port on a pty. */
  async attach(transport: ByteTransport): Promise<void> {
    if (!transport.isOpen) await transport.open();
    const parser = this.newParser((bytes) => {
      transport.write(bytes).catch(() => undefined);
    });
    const offData = transport.onData((chunk) => parser.feed(chunk));
    const offClose = transport.onClose(() => {
      parser.reset();
      this.engine.endConnection();
    });
    this.detachers.push(offData, offClose);
  }

  async close(): Promise<void> {
    this.detachers.splice(0).forEach((d) => d());
    for (const s of this.sockets) s.destroy();
    await Promise.all(
      this.servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))),
    );
  }

  private newParser(reply: (bytes: Uint8Array) => void): EscPosStreamParser {
    return new EscPosStreamParser(this.engine.handler(reply), this.model);
  }
}
