import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { toHex } from '../../../common/hex';
import { afterEach, describe, expect, it } from 'vitest';
import { EscPosPrinterSimulator } from '../../../simulators/escpos-printer/escpos-printer-simulator';
import { paperLayout } from '../../../simulators/escpos-printer/receipt-png';
import { FileTransport } from '../transport/file-transport';
import { TcpTransport } from '../transport/tcp-transport';
import { EscPosTicketPrinter, type EscPosPrinterOptions } from './escpos-ticket-printer';
import type { TicketContent } from './ticket-printer-port';

const TICKET: TicketContent = {
  centreName: 'Trung tâm Phục vụ hành chính công thành phố Cần Thơ',
  serviceName: 'Hộ tịch',
  number: 'A012',
  priority: 'Người cao tuổi',
  issuedAt: new Date('2026-11-28T01:05:00Z'),
  waitingAhead: 5,
  counters: 'Quầy 3, 4',
  trackingQr: 'https://motcua.example.invalid/q/A012',
  footer: 'Xin cảm ơn. Vui lòng giữ phiếu.',
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(
  options: EscPosPrinterOptions = {},
  simOptions: { paperWidth?: 58 | 80; model?: 'epson' | 'star' } = {},
): Promise<{ sim: EscPosPrinterSimulator; printer: EscPosTicketPrinter }> {
  const sim = new EscPosPrinterSimulator({ paperWidth: options.paperWidth ?? 80, ...simOptions });
  const { port } = await sim.listen(0);
  const printer = new EscPosTicketPrinter(new TcpTransport({ host: '127.0.0.1', port }), {
    statusTimeoutMs: 1000,
    ...options,
  });
  cleanups.push(
    () => sim.close(),
    () => printer.close(),
  );
  return { sim, printer };
}

function darkFraction(png: PNG, x0: number, y0: number, x1: number, y1: number): number {
  let dark = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) if ((png.data[(y * png.width + x) * 4] ?? 255) < 128) dark++;
  }
  return dark / ((x1 - x0) * (y1 - y0));
}

describe('EscPosTicketPrinter → simulated ESC/POS printer over TCP', () => {
  it('prints a code-page ticket: bytes arrive intact, Vietnamese reads back, PNG has the number', async () => {
    const { sim, printer } = await setup({ encoding: 'codepage', paperWidth: 80 });
    const report = await printer.printTicket(TICKET);
    expect(report).toMatchObject({ printed: true, warnings: [], unencodable: [] });
    expect(report.before.state).toBe('ready');
    expect(report.after.state).toBe('ready');

    const [job] = sim.printedJobs;
    expect(sim.allJobs).toHaveLength(1);
    expect(job?.bytes).toEqual(printer.render(printer.ticketBlocks(TICKET)).bytes);
    expect(job?.codePages).toEqual([52]);
    expect(job?.unknownCommands).toEqual([]);
    const text = job ? sim.jobText(job) : '';
    for (const line of [
      'Hộ tịch',
      'SỐ THỨ TỰ',
      'A012',
      '** ƯU TIÊN: Người cao tuổi **',
      'Số người đang chờ trước bạn: 5',
      'Thời gian lấy số: 28/11/2026 08:05',
    ]) {
      expect(text.split('\n')).toContain(line);
    }

    if (!job) throw new Error('no job');
    const png = PNG.sync.read(sim.renderPng(job));
    expect(png.width).toBe(576);
    const i = job.elements.findIndex((e) => e.kind === 'text' && e.text === 'A012');
    const box = paperLayout(job.elements)[i];
    if (!box) throw new Error('number not laid out');
    expect(job.elements[i]).toMatchObject({ width: 8, height: 8, bold: true });
    // The middle of the number's line is solidly inked; the margin left of it is white.
    expect(darkFraction(png, 100, box.y + 40, 476, box.y + box.height - 40)).toBeGreaterThan(0.2);
    expect(darkFraction(png, 0, box.y, 8, box.y + box.height)).toBe(0);
  });

  it('prints a raster ticket on 58 mm: the image arrives dot for dot', async () => {
    const { sim, printer } = await setup({ encoding: 'raster', paperWidth: 58 });
    const report = await printer.printTicket(TICKET);
    expect(report.printed).toBe(true);
    const [job] = sim.printedJobs;
    if (!job) throw new Error('no job');
    expect(job.bytes).toEqual(printer.render(printer.ticketBlocks(TICKET)).bytes);
    const rasters = job.elements.filter((e) => e.kind === 'raster');
    expect(rasters.length).toBeGreaterThan(1); // banded
    expect(rasters.every((r) => r.widthDots === 384)).toBe(true);
    const png = PNG.sync.read(sim.renderPng(job));
    expect(png.width).toBe(384);
    expect(darkFraction(png, 0, 0, png.width, png.height)).toBeGreaterThan(0.03);
  });

  it('prints with the STAR Line Mode command set to a STAR-dialect simulator', async () => {
    const { sim, printer } = await setup({ model: 'star', paperWidth: 80 }, { model: 'star' });
    const report = await printer.printTicket(TICKET);
    expect(report.printed).toBe(true);
    const [job] = sim.printedJobs;
    if (!job) throw new Error('no job');
    expect(job.unknownCommands).toEqual([]);
    expect(toHex(job.bytes.subarray(0, 6))).toBe('1B 40 1B 1D 74 34'); // ESC @, ESC GS t 52
    expect(job.elements).toContainEqual(
      expect.objectContaining({ kind: 'text', text: 'A012', width: 6, height: 6, bold: true }),
    );
    expect(job.elements).toContainEqual(
      expect.objectContaining({ kind: 'qr', data: TICKET.trackingQr }),
    );
    expect(sim.jobText(job).split('\n')).toContain('** ƯU TIÊN: Người cao tuổi **');
  });

  it('concurrent tickets and status queries are serialised: whole jobs, in order, never interleaved', async () => {
    const { sim, printer } = await setup();
    const numbers = ['A001', 'A002', 'A003'];
    const results = await Promise.all([
      ...numbers.map((number) => printer.printTicket({ ...TICKET, number })),
      printer.status(),
    ]);
    expect(results.slice(0, 3).map((r) => ('printed' in r ? r.printed : null))).toEqual([
      true,
      true,
      true,
    ]);
    const jobs = sim.printedJobs;
    const printedNumbers = jobs.map((j) =>
      j.elements.flatMap((e) => (e.kind === 'text' && /^A\d{3}$/.test(e.text) ? [e.text] : [])),
    );
    expect(printedNumbers).toEqual(numbers.map((n) => [n]));
    for (const [i, job] of jobs.entries()) {
      const expected = printer.render(
        printer.ticketBlocks({ ...TICKET, number: numbers[i] ?? '' }),
      );
      expect(job.bytes).toEqual(expected.bytes);
    }
  });

  it('paper out before printing → PRINTER_PAPER_OUT and no job bytes sent', async () => {
    const { sim, printer } = await setup();
    sim.setPaper('out');
    const report = await printer.printTicket(TICKET);
    expect(report.printed).toBe(false);
    expect(report.error?.code).toBe('PRINTER_PAPER_OUT');
    expect(report.before.state).toBe('paper-out');
    expect(report.bytesSent).toBe(0);
    expect(sim.allJobs).toEqual([]);
  });

  it('cover open / offline before printing → their own codes', async () => {
    const { sim, printer } = await setup();
    sim.setCoverOpen(true);
    expect((await printer.printTicket(TICKET)).error?.code).toBe('PRINTER_COVER_OPEN');
    sim.setCoverOpen(false);
    sim.setOffline(true);
    expect((await printer.printTicket(TICKET)).error?.code).toBe('PRINTER_OFFLINE');
    sim.setOffline(false);
    expect((await printer.printTicket(TICKET)).printed).toBe(true);
    expect(sim.printedJobs).toHaveLength(1);
  });

  it('paper running out during the ticket is detected after printing', async () => {
    const { sim, printer } = await setup();
    sim.runOutOfPaperAfter(6);
    const report = await printer.printTicket(TICKET);
    expect(report.printed).toBe(false);
    expect(report.error?.code).toBe('PRINTER_PAPER_OUT');
    expect(report.before).toMatchObject({ state: 'ready', paperNearEnd: true });
    expect(report.after.state).toBe('paper-out');
    expect(sim.allJobs.map((j) => j.outcome)).toEqual(['incomplete']);
    expect(sim.printedJobs).toEqual([]);
  });

  it('confirmPrintEnd: waits for the GS ( H response after the cut, then checks status', async () => {
    const { sim, printer } = await setup({ confirmPrintEnd: true, printEndTimeoutMs: 2000 });
    const report = await printer.printTicket(TICKET);
    expect(report.printed).toBe(true);
    const [job] = sim.printedJobs;
    // The job ends with the cut followed by the process ID request (first id: "0001").
    expect(job ? toHex(job.bytes.subarray(-11)) : '').toBe('1D 28 48 06 00 30 30 30 30 30 31');
    expect(sim.allJobs).toHaveLength(1);
  });

  it('confirmPrintEnd: no response because the paper ran out mid-ticket → PRINTER_PAPER_OUT', async () => {
    const { sim, printer } = await setup({ confirmPrintEnd: true, printEndTimeoutMs: 300 });
    sim.runOutOfPaperAfter(6);
    const report = await printer.printTicket(TICKET);
    expect(report.printed).toBe(false);
    expect(report.error?.code).toBe('PRINTER_PAPER_OUT');
    // After a missed response the driver reconnects before trusting status bytes again.
    sim.setPaper('ok');
    expect((await printer.status()).state).toBe('ready');
  });

  it('a roll running down: clean tickets, then near-end warnings, then PRINTER_PAPER_OUT', async () => {
    const { sim, printer } = await setup();
    sim.runOutOfPaperAfter(150);
    const seen: string[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await printer.printTicket({ ...TICKET, number: `A${100 + i}` });
      seen.push(
        r.printed ? (r.warnings.includes('paper-near-end') ? 'low' : 'ok') : (r.error?.code ?? '?'),
      );
    }
    const compact = seen.filter((s, i) => s !== seen[i - 1]);
    expect(compact).toEqual(['ok', 'low', 'PRINTER_PAPER_OUT']);
    expect(sim.printedJobs).toHaveLength(seen.filter((s) => s !== 'PRINTER_PAPER_OUT').length);
    expect(sim.allJobs.filter((j) => j.outcome === 'incomplete')).toHaveLength(1);
  });

  it('paper near end → printed, with a warning for setup', async () => {
    const { sim, printer } = await setup();
    sim.setPaper('near-end');
    const report = await printer.printTicket(TICKET);
    expect(report.printed).toBe(true);
    expect(report.warnings).toContain('paper-near-end');
    expect((await printer.status()).paperNearEnd).toBe(true);
  });

  it('reports characters the code page could not print', async () => {
    const { printer } = await setup();
    const report = await printer.printTicket({ ...TICKET, footer: 'Cảm ơn ★' });
    expect(report.printed).toBe(true);
    expect(report.warnings).toContain('characters-replaced');
    expect(report.unencodable).toEqual(['★']);
  });

  it('a printer that never answers DLE EOT → unknown status, PRINTER_TIMEOUT, nothing printed', async () => {
    const received: Buffer[] = [];
    const server = net.createServer((s) => {
      s.on('data', (d: Buffer) => received.push(d));
      s.on('error', () => undefined);
      cleanups.push(() => {
        s.destroy();
        return Promise.resolve();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const printer = new EscPosTicketPrinter(
      new TcpTransport({ host: '127.0.0.1', port: address.port }),
      { statusTimeoutMs: 200 },
    );
    cleanups.push(() => printer.close());

    expect((await printer.status()).state).toBe('unknown');
    const report = await printer.printTicket(TICKET);
    expect(report.printed).toBe(false);
    expect(report.error?.code).toBe('PRINTER_TIMEOUT');
    expect(report.error?.message).toMatch(/no answer to DLE EOT/);
    // Only status queries went out: DLE EOT 1..4, never the ticket.
    const all = Buffer.concat(received);
    expect(all.length % 12).toBe(0);
    expect(all.subarray(0, 12).toString('hex')).toBe('100401100402100403100404');
  });

  it('a write-only device file: no status → PRINTER_TIMEOUT; requireStatus: false → bytes in the file, unconfirmed', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lp-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    // Regular files stand in for /dev/usb/lp0 (opened O_WRONLY, never created by the transport).
    const device = path.join(dir, 'lp0');
    const other = path.join(dir, 'lp1');
    await writeFile(device, '');
    await writeFile(other, '');

    const strict = new EscPosTicketPrinter(new FileTransport(other), { statusTimeoutMs: 100 });
    cleanups.push(() => strict.close());
    const refused = await strict.printTicket(TICKET);
    expect(refused.printed).toBe(false);
    expect(refused.error?.code).toBe('PRINTER_TIMEOUT');
    expect(refused.error?.message).toMatch(/device file is write-only/);

    const lax = new EscPosTicketPrinter(new FileTransport(device), {
      statusTimeoutMs: 100,
      requireStatus: false,
    });
    cleanups.push(() => lax.close());
    const report = await lax.printTicket(TICKET);
    expect(report).toMatchObject({ printed: true, warnings: ['status-unconfirmed'] });
    await lax.close();
    const written = new Uint8Array(await readFile(device));
    const ticket = lax.render(lax.ticketBlocks(TICKET)).bytes;
    // The ticket is there byte for byte (status queries around it are lost on a real lp device).
    expect(toHex(written)).toContain(toHex(ticket));
    expect(toHex(new Uint8Array(await readFile(other)))).toBe(
      '10 04 01 10 04 02 10 04 03 10 04 04',
    );
  });

  it('an unreachable printer → PRINTER_OFFLINE', async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    await new Promise<void>((r) => server.close(() => r()));
    const printer = new EscPosTicketPrinter(
      new TcpTransport({ host: '127.0.0.1', port: address.port }),
      { statusTimeoutMs: 200, openTimeoutMs: 500 },
    );
    const report = await printer.printTicket(TICKET);
    expect(report.printed).toBe(false);
    expect(report.error?.code).toBe('PRINTER_OFFLINE');
    expect(report.error?.message).toMatch(/cannot reach tcp:\/\/127\.0\.0\.1/);
  });

  it('requireStatus: false prints to a mute printer and says the result is unconfirmed', async () => {
    const { sim, printer } = await setup({ requireStatus: false, statusTimeoutMs: 150 });
    sim.setMute(true);
    const report = await printer.printTicket(TICKET);
    expect(report.printed).toBe(true);
    expect(report.warnings).toContain('status-unconfirmed');
    expect(sim.printedJobs).toHaveLength(1);
  });

  it('bad input is reported as INVALID_INPUT and nothing reaches the printer', async () => {
    const { sim, printer } = await setup();
    const bad: [string, Promise<{ printed: boolean; error?: { code: string } }>][] = [
      ['empty number', printer.printTicket({ ...TICKET, number: ' ' })],
      ['invalid date', printer.printTicket({ ...TICKET, issuedAt: new Date('x') })],
      ['negative waiting', printer.printTicket({ ...TICKET, waitingAhead: -1 })],
      ['huge QR', printer.printTicket({ ...TICKET, trackingQr: 'x'.repeat(5000) })],
      ['no blocks', printer.printDocument([])],
      ['text size 9', printer.printDocument([{ kind: 'text', text: 'a', size: 9 }])],
    ];
    for (const [what, pending] of bad) {
      const report = await pending;
      expect({ what, printed: report.printed, code: report.error?.code }).toEqual({
        what,
        printed: false,
        code: 'INVALID_INPUT',
      });
    }
    expect(sim.allJobs).toEqual([]);
  });

  it('raster printing without the font files fails loudly instead of printing a blank ticket', async () => {
    const { sim, printer } = await setup({ encoding: 'raster', fontDir: '/nonexistent-fonts' });
    const report = await printer.printTicket(TICKET);
    expect(report.printed).toBe(false);
    expect(report.error?.code).toBe('SETTINGS_INVALID');
    expect(sim.allJobs).toEqual([]);
  });

  it('prints a free-form slip with printDocument', async () => {
    const { sim, printer } = await setup();
    const report = await printer.printDocument([
      {
        kind: 'text',
        text: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
        align: 'center',
        bold: true,
      },
      { kind: 'text', text: 'Mã hồ sơ: 000.00.00.H13-261128-0001' },
      { kind: 'qr', data: '000.00.00.H13-261128-0001' },
    ]);
    expect(report.printed).toBe(true);
    const [job] = sim.printedJobs;
    expect(job?.elements).toContainEqual(
      expect.objectContaining({ kind: 'qr', data: '000.00.00.H13-261128-0001' }),
    );
    expect(job ? sim.jobText(job) : '').toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
  });
});
