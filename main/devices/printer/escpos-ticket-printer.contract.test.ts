/**
 * Contract suite for TicketPrinter: always against the simulator, and against a real printer when
 * KIOSK_HW_PRINTER names one (e.g. KIOSK_HW_PRINTER=tcp://192.168.1.50:9100, serial:///dev/ttyUSB0
 * ?baud=38400). KIOSK_HW_PRINTER_MODEL, _WIDTH, _CODEPAGE, _ENCODING describe it (default epson,
 * 80, 52, codepage).
 * On hardware it prints two test tickets: load paper and close the cover first.
 */
import { describe, expect, it } from 'vitest';
import { EscPosPrinterSimulator } from '../../../simulators/escpos-printer/escpos-printer-simulator';
import { createTransport } from '../transport/open-transport';
import { TcpTransport } from '../transport/tcp-transport';
import { EscPosTicketPrinter } from './escpos-ticket-printer';
import { testTicketContent } from './ticket-layout';
import type { TicketPrinter } from './ticket-printer-port';

interface Subject {
  readonly printer: TicketPrinter;
  dispose(): Promise<void>;
}

function contract(name: string, make: () => Promise<Subject>): void {
  describe(`TicketPrinter contract: ${name}`, () => {
    it('reports a ready printer', async () => {
      const s = await make();
      try {
        const status = await s.printer.status();
        expect(status.state).toBe('ready');
        expect(status.raw).toMatch(/^([0-9A-F]{2} ){3}[0-9A-F]{2}$/);
      } finally {
        await s.dispose();
      }
    });

    it('prints the test ticket, confirmed before and after', async () => {
      const s = await make();
      try {
        const ticket = testTicketContent(new Date(), 'Trung tâm Phục vụ hành chính công');
        const report = await s.printer.printTicket(ticket);
        expect(report.error).toBeUndefined();
        expect(report).toMatchObject({ printed: true, unencodable: [] });
        expect(report.bytesSent).toBeGreaterThan(0);
      } finally {
        await s.dispose();
      }
    });
  });
}

contract('simulator over TCP', async () => {
  const sim = new EscPosPrinterSimulator();
  const { port } = await sim.listen(0);
  const printer = new EscPosTicketPrinter(new TcpTransport({ host: '127.0.0.1', port }));
  return {
    printer,
    dispose: async () => {
      await printer.close();
      await sim.close();
    },
  };
});

const hardware = process.env.KIOSK_HW_PRINTER;
if (hardware) {
  contract(`hardware ${hardware}`, () => {
    const printer = new EscPosTicketPrinter(createTransport(hardware), {
      model: process.env.KIOSK_HW_PRINTER_MODEL === 'star' ? 'star' : 'epson',
      paperWidth: process.env.KIOSK_HW_PRINTER_WIDTH === '58' ? 58 : 80,
      codePage: Number(process.env.KIOSK_HW_PRINTER_CODEPAGE ?? 52),
      encoding: process.env.KIOSK_HW_PRINTER_ENCODING === 'raster' ? 'raster' : 'codepage',
    });
    return Promise.resolve({ printer, dispose: () => printer.close() });
  });
}
