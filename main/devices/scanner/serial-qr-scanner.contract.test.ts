import { afterEach, describe, expect, it } from 'vitest';
import { startQrScannerOnPty } from '../../../simulators/qr-scanner/qr-scanner-simulator.js';
import {
  SOCAT_MISSING_MESSAGE,
  isSocatAvailable,
} from '../../../simulators/pty/create-pty-pair.js';
import { SerialTransport } from '../transport/serial-transport.js';
import { SerialQrScanner } from './serial-qr-scanner.js';

/**
 * The serial QR scanner contract, run against the simulator over a socat pty always, and
 * against a real USB-CDC / RS-232 scanner when KIOSK_HW_SCANNER=/dev/ttyACM0
 * (KIOSK_HW_SCANNER_BAUD, default 9600): the suite then asks for a QR code to be scanned.
 */
interface Harness {
  readonly scanner: SerialQrScanner;
  /** Makes a scan happen (simulator) or asks a person for one (hardware). */
  scan(text: string): Promise<void>;
  /** True when `scan` produces exactly `text`. */
  readonly exact: boolean;
  close(): Promise<void>;
}

const CCCD =
  '092099012345|092099012|Lê Thị Bích Ngọc|12121992|Nữ|Phường An Hòa, Thành phố Cần Thơ|01022022';

function contract(name: string, make: () => Promise<Harness>, scanWaitMs: number): void {
  describe(`QR scanner contract: ${name}`, () => {
    let h: Harness | undefined;
    afterEach(async () => {
      await h?.close();
      h = undefined;
    });

    it('a scan arrives as one line of text', async () => {
      h = await make();
      await h.scanner.open();
      const next = h.scanner.nextScan(scanWaitMs);
      await h.scan(CCCD);
      const scan = await next;
      if (h.exact) expect(scan.text).toBe(CCCD);
      else expect(scan.text.length).toBeGreaterThan(0);
      expect(scan.text).not.toMatch(/[\r\n]/);
    });

    it('no scan: nextScan rejects with DEVICE_TIMEOUT', async () => {
      h = await make();
      await h.scanner.open();
      await expect(h.scanner.nextScan(200)).rejects.toMatchObject({ code: 'DEVICE_TIMEOUT' });
    });

    it('after close(), nextScan rejects with DEVICE_NOT_CONNECTED', async () => {
      h = await make();
      await h.scanner.open();
      await h.scanner.close();
      await expect(h.scanner.nextScan(200)).rejects.toMatchObject({ code: 'DEVICE_NOT_CONNECTED' });
    });
  });
}

const socat = isSocatAvailable();
if (!socat) console.warn(SOCAT_MISSING_MESSAGE);
if (socat) {
  contract(
    'SerialQrScanner ⇄ QrScannerSimulator (socat pty)',
    async () => {
      const pty = await startQrScannerOnPty({ chunkSize: 16 });
      const scanner = new SerialQrScanner(new SerialTransport({ path: pty.path }));
      return {
        scanner,
        exact: true,
        scan: (text) => pty.simulator.scan(text),
        async close() {
          await scanner.close();
          await pty.close();
        },
      };
    },
    5_000,
  );
}

const hwPort = process.env.KIOSK_HW_SCANNER;
if (hwPort) {
  contract(
    `SerialQrScanner on real hardware (${hwPort})`,
    () => {
      const scanner = new SerialQrScanner(
        new SerialTransport({
          path: hwPort,
          baudRate: Number(process.env.KIOSK_HW_SCANNER_BAUD ?? 9600),
        }),
      );
      return Promise.resolve({
        scanner,
        exact: false,
        scan: () => {
          console.log(`Scan any QR code with the scanner on ${hwPort} now (15 s)…`);
          return Promise.resolve();
        },
        close: () => scanner.close(),
      });
    },
    15_000,
  );
} else {
  describe('QR scanner contract: real scanner', () => {
    it.skip('skipped: set KIOSK_HW_SCANNER=/dev/ttyACM0 to run against a real serial scanner', () =>
      undefined);
  });
}
