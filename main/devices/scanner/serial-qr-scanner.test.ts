import { afterEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../../common/errors.js';
import { startQrScannerOnPty } from '../../../simulators/qr-scanner/qr-scanner-simulator.js';
import {
  SOCAT_MISSING_MESSAGE,
  isSocatAvailable,
} from '../../../simulators/pty/create-pty-pair.js';
import { SerialTransport } from '../transport/serial-transport.js';
import { SerialQrScanner, type QrScan, type SerialQrScannerOptions } from './serial-qr-scanner.js';
import type { QrScannerSimulatorOptions } from '../../../simulators/qr-scanner/qr-scanner-simulator.js';

const socat = isSocatAvailable();
if (!socat) console.warn(SOCAT_MISSING_MESSAGE);

const CCCD =
  '092099012345|092099012|Trần Văn Phúc|05061985|Nam|Phường Cái Khế, Thành phố Cần Thơ|20032021';
const VIETQR =
  '00020101021138540010A00000072701240006970436011000123456780208QRIBFTTA53037045802VN6304ABCD';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(sim: QrScannerSimulatorOptions = {}, opts: SerialQrScannerOptions = {}) {
  const pty = await startQrScannerOnPty(sim);
  cleanups.push(() => pty.close());
  const scanner = new SerialQrScanner(
    new SerialTransport({ path: pty.path, baudRate: 9600 }),
    opts,
  );
  cleanups.push(() => scanner.close());
  await scanner.open();
  const scans: QrScan[] = [];
  const errs: AppError[] = [];
  scanner.onScan((s) => scans.push(s));
  scanner.onError((e) => errs.push(e));
  return { pty, scanner, scans, errs };
}

describe.skipIf(!socat)('SerialQrScanner ⇄ QrScannerSimulator over a socat pty', () => {
  it('delivers each scan as raw text, whatever the terminator and chunking', async () => {
    const { pty, scanner, scans } = await setup({ chunkSize: 7 });
    const last = new Promise<void>((resolve) =>
      scanner.onScan((s) => s.text === 'done' && resolve()),
    );
    await pty.simulator.scan(CCCD, { terminator: 'CRLF' });
    await pty.simulator.scan(VIETQR, { terminator: 'CR' });
    await pty.simulator.scan('https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html', {
      terminator: 'LF',
    });
    await pty.simulator.scan('done');
    await last;
    expect(scans.map((s) => s.text)).toEqual([
      CCCD,
      VIETQR,
      'https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html',
      'done',
    ]);
  });

  it('nextScan() resolves with the next scan', async () => {
    const { pty, scanner } = await setup();
    const next = scanner.nextScan(5_000);
    await pty.simulator.scan(CCCD);
    expect((await next).text).toBe(CCCD);
  });

  it('an overlong line is a typed error and the next scan still comes through', async () => {
    const { pty, scanner, errs } = await setup({}, { maxLineBytes: 64 });
    const next = scanner.nextScan(5_000);
    await pty.simulator.scan('X'.repeat(500));
    await pty.simulator.scan('after');
    expect((await next).text).toBe('after');
    expect(errs.map((e) => e.code)).toEqual(['DEVICE_PROTOCOL']);
  });

  it('a scanner set to send no suffix works with idleFlushMs', async () => {
    const { pty, scanner } = await setup({ terminator: 'none' }, { idleFlushMs: 50 });
    const next = scanner.nextScan(5_000);
    await pty.simulator.scan(CCCD);
    expect((await next).text).toBe(CCCD);
  });

  it('no scan: nextScan rejects with DEVICE_TIMEOUT', async () => {
    const { scanner } = await setup();
    await expect(scanner.nextScan(150)).rejects.toMatchObject({ code: 'DEVICE_TIMEOUT' });
  });

  it('a cancelled wait rejects with TIMEOUT', async () => {
    const { scanner } = await setup();
    const ac = new AbortController();
    const next = scanner.nextScan(10_000, ac.signal);
    ac.abort();
    await expect(next).rejects.toMatchObject({ code: 'TIMEOUT' });
  });
});
