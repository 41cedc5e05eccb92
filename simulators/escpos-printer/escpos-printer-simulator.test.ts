import net from 'node:net';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../common/hex';
import { encodeCp1258 } from '../../main/devices/printer/cp1258';
import { EscPosTicketPrinter } from '../../main/devices/printer/escpos-ticket-printer';
import { createMemoryTransportPair } from '../../main/devices/transport/memory-transport';
import { SerialTransport } from '../../main/devices/transport/serial-transport';
import { createPtyPair, isSocatAvailable, SOCAT_MISSING_MESSAGE } from '../pty/create-pty-pair';
import { connectSimulatedPrinter } from './connect-simulated-printer';
import { EscPosPrinterSimulator, type SimulatedJob } from './escpos-printer-simulator';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A simulator on an in-process memory pair; returns a function that sends bytes and collects answers. */
async function wired(sim = new EscPosPrinterSimulator()) {
  const { host, device } = createMemoryTransportPair('sim://escpos');
  await sim.attach(device);
  await host.open();
  const answers: number[] = [];
  host.onData((c) => answers.push(...c));
  const send = async (hex: string | Uint8Array): Promise<void> => {
    await host.write(typeof hex === 'string' ? fromHex(hex) : hex);
    await new Promise((r) => setImmediate(r));
  };
  cleanups.push(
    () => sim.close(),
    () => host.close(),
  );
  return { sim, send, answers };
}

const cp1258 = (s: string): string => toHex(encodeCp1258(s).bytes);

describe('EscPosPrinterSimulator', () => {
  it('answers DLE EOT 1..4 from its state (Epson real-time status bytes)', async () => {
    const { sim, send, answers } = await wired();
    const ask = async (): Promise<string> => {
      answers.length = 0;
      await send('10 04 01 10 04 02 10 04 03 10 04 04');
      for (let i = 0; i < 100 && answers.length < 4; i++)
        await new Promise((r) => setTimeout(r, 5));
      return toHex(Uint8Array.from(answers));
    };
    expect(await ask()).toBe('12 12 12 12');
    sim.setPaper('near-end');
    expect(await ask()).toBe('12 12 12 1E');
    sim.setPaper('out');
    expect(await ask()).toBe('1A 32 12 7E');
    sim.setPaper('ok');
    sim.setCoverOpen(true);
    expect(await ask()).toBe('1A 16 12 12');
    sim.setCoverOpen(false);
    sim.setCutterError(true);
    expect(await ask()).toBe('1A 52 1A 12');
  });

  it('parses commands split across chunks at any byte', async () => {
    const { sim, send } = await wired();
    const job = fromHex(
      `1B 40 1B 74 34 1B 61 01 1D 21 11 ${cp1258('Hộ tịch')} 0A 1D 21 00 1B 61 00 ` +
        `1D 28 6B 05 00 31 50 30 41 42 1D 28 6B 03 00 31 51 30 1B 64 04 1D 56 01`,
    );
    for (const b of job) await send(Uint8Array.of(b));
    const [printed] = sim.printedJobs;
    expect(printed?.bytes).toEqual(job);
    expect(printed?.elements).toEqual([
      { kind: 'text', text: 'Hộ tịch', align: 'center', bold: false, width: 2, height: 2 },
      { kind: 'qr', data: 'AB', moduleDots: 3, align: 'left' },
      { kind: 'blank', lines: 4 },
    ]);
  });

  it('shows Vietnamese correctly only when the bytes were CP1258 under the right page', async () => {
    const { sim, send } = await wired();
    await send(`1B 40 1B 74 34 ${cp1258('Người cao tuổi')} 0A 1D 56 01`);
    await send(`1B 40 1B 74 10 ${cp1258('Người cao tuổi')} 0A 1D 56 01`); // WPC1252 selected
    await send(`1B 40 1B 74 34 ${toHex(new TextEncoder().encode('Người'))} 0A 1D 56 01`); // UTF-8
    const texts = sim.printedJobs.map((j) => sim.jobText(j));
    expect(texts[0]).toBe('Người cao tuổi');
    expect(texts[1]).not.toBe('Người cao tuổi');
    expect(texts[2]).not.toBe('Người');
  });

  it('refuses to print while the cover is open, and records the job as refused', async () => {
    const { sim, send } = await wired();
    sim.setCoverOpen(true);
    await send(`1B 40 ${cp1258('Số thứ tự')} 0A 1D 56 01`);
    expect(sim.allJobs.map((j) => j.outcome)).toEqual(['refused']);
    expect(sim.allJobs[0]?.elements).toEqual([]);
    sim.setCoverOpen(false);
    await send(`1B 40 ${cp1258('Số thứ tự')} 0A 1D 56 01`);
    expect(sim.printedJobs).toHaveLength(1);
  });

  it('tells listeners when a job ends, with its outcome', async () => {
    const { sim, send } = await wired();
    const ended: string[] = [];
    const off = sim.onJob((j) => ended.push(`${j.id}:${j.outcome}:${sim.jobText(j)}`));
    await send(`1B 40 1B 74 34 ${cp1258('Số thứ tự')} 0A 1D 56 01`);
    sim.setPaper('out');
    await send(`1B 40 ${cp1258('A013')} 0A 1D 56 01`);
    off();
    await send('1B 40 0A 1D 56 01');
    expect(ended).toEqual(['1:printed:Số thứ tự', '2:refused:']);
  });

  it('over TCP, a job without a cut ends when the host closes the connection', async () => {
    const sim = new EscPosPrinterSimulator();
    cleanups.push(() => sim.close());
    const { port } = await sim.listen(0);
    const socket = net.connect({ host: '127.0.0.1', port });
    await new Promise<void>((r) => socket.once('connect', () => r()));
    const ended = new Promise<SimulatedJob>((r) => sim.onJob(r));
    socket.end(fromHex(`1B 40 1B 74 34 ${cp1258('Hộ tịch')}`));
    const job = await ended;
    expect(job.outcome).toBe('printed');
    expect(sim.jobText(job)).toBe('Hộ tịch');
    expect(sim.allJobs).toHaveLength(1);
  });

  it('records unknown commands with their bytes', async () => {
    const { sim, send } = await wired();
    await send('1B 40 1B 7E 41 0A 1D 56 01');
    expect(sim.printedJobs[0]?.unknownCommands).toEqual(['1B 7E']);
  });

  it('renders raster images dot for dot into the PNG', async () => {
    const { sim, send } = await wired(new EscPosPrinterSimulator({ paperWidth: 58 }));
    // A 16 × 2 image: first row all black, second row white.
    await send('1B 40 1D 76 30 00 02 00 02 00 FF FF 00 00 1D 56 01');
    const [job] = sim.printedJobs;
    if (!job) throw new Error('no job');
    const png = PNG.sync.read(sim.renderPng(job));
    expect([png.width, png.height]).toEqual([384, 2]);
    const px = (x: number, y: number): number => png.data[(y * png.width + x) * 4] ?? -1;
    expect([px(0, 0), px(15, 0), px(16, 0), px(0, 1)]).toEqual([0, 0, 255, 255]);
  });

  it('serves a ticket printer in-process over sim:// (demo mode) and renders what it printed', async () => {
    const sim = new EscPosPrinterSimulator({ paperWidth: 58 });
    const transport = await connectSimulatedPrinter(sim);
    const printer = new EscPosTicketPrinter(transport, { paperWidth: 58, statusTimeoutMs: 1000 });
    cleanups.push(
      () => sim.close(),
      () => printer.close(),
    );
    const shown: Buffer[] = [];
    sim.onJob((job) => shown.push(sim.renderPng(job)));
    const report = await printer.printDocument([{ kind: 'number', text: 'B007' }]);
    expect(report.printed).toBe(true);
    expect(transport.uri).toBe('sim://escpos-printer');
    expect(shown).toHaveLength(1);
    expect(PNG.sync.read(shown[0] ?? Buffer.alloc(0)).width).toBe(384);
  });

  it.skipIf(!isSocatAvailable())(
    'serves a ticket printer over a real pty pair (socat)',
    async () => {
      const pair = await createPtyPair();
      cleanups.push(() => pair.close());
      const sim = new EscPosPrinterSimulator();
      const device = new SerialTransport({ path: pair.b, baudRate: 115200 });
      await sim.attach(device);
      cleanups.push(
        () => device.close(),
        () => sim.close(),
      );
      const printer = new EscPosTicketPrinter(
        new SerialTransport({ path: pair.a, baudRate: 115200 }),
        { statusTimeoutMs: 1000 },
      );
      cleanups.push(() => printer.close());
      const report = await printer.printDocument([{ kind: 'text', text: 'Người cao tuổi' }]);
      expect(report.printed).toBe(true);
      const [job] = sim.printedJobs;
      expect(job ? sim.jobText(job) : '').toBe('Người cao tuổi');
    },
  );
});

if (!isSocatAvailable()) console.warn(SOCAT_MISSING_MESSAGE);
