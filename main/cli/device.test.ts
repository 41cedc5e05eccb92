import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDg2 } from '../devices/id-card/icao9303/lds/dg2.js';
import {
  createProfileCard,
  trustedCscaDer,
  type ProfileCard,
} from '../../simulators/cccd-chip/profiles.js';
import { EscPosPrinterSimulator } from '../../simulators/escpos-printer/escpos-printer-simulator.js';
import { startPn532OnPty, type PtyPn532 } from '../../simulators/pn532/pn532-simulator-hosts.js';
import { isSocatAvailable, SOCAT_MISSING_MESSAGE } from '../../simulators/pty/create-pty-pair.js';
import { startQrScannerOnPty } from '../../simulators/qr-scanner/qr-scanner-simulator.js';

// The technician CLI as a real child process (bundled by esbuild as scripts/build.mjs does),
// talking to simulators over socat ptys and loopback TCP.

const root = path.resolve(import.meta.dirname, '../..');
const socat = isSocatAvailable();
if (!socat) console.warn(SOCAT_MISSING_MESSAGE);

let cli: string;
let buildDir: string;
let work: string;

beforeAll(async () => {
  // Inside node_modules so that the bundle's external packages resolve.
  buildDir = path.join(root, 'node_modules', '.cache', `device-cli-test-${process.pid}`);
  mkdirSync(buildDir, { recursive: true });
  cli = path.join(buildDir, 'device.mjs');
  await build({
    entryPoints: [path.join(root, 'main/cli/device.ts')],
    outfile: cli,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  work = mkdtempSync(path.join(tmpdir(), 'device-cli-'));
});

afterAll(() => {
  rmSync(buildDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Each stdout line parsed as JSON. */
  readonly docs: unknown[];
}

function runCli(args: string[], onStderr?: (text: string) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
    child.stderr.setEncoding('utf8').on('data', (t: string) => {
      stderr += t;
      onStderr?.(t);
    });
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(killer);
      const docs = stdout
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as unknown);
      resolve({ code, stdout, stderr, docs });
    });
  });
}

describe('device CLI: argument errors', () => {
  it('answers a usage error with a JSON error and exit code 2', async () => {
    const run = await runCli(['read-card', '--port', '/dev/null']);
    expect(run.code).toBe(2);
    expect(run.docs).toEqual([
      { error: { code: 'INVALID_INPUT', message: 'give exactly one of --qr, --can, --mrz' } },
    ]);
    expect(run.stderr).toContain('usage: npm run device');
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.docs[0]).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });

  it('list-ports prints one JSON array', async () => {
    const run = await runCli(['list-ports']);
    expect(run.code).toBe(0);
    expect(run.docs).toHaveLength(1);
    expect(Array.isArray(run.docs[0])).toBe(true);
  });
});

describe.skipIf(!socat)('device CLI read-card against a PN532 simulator on a pty', () => {
  let pty: PtyPn532;
  let trust: string;

  beforeAll(async () => {
    pty = await startPn532OnPty();
    trust = path.join(work, 'trust');
    mkdirSync(trust);
    writeFileSync(path.join(trust, 'csca.der'), await trustedCscaDer());
  });
  afterAll(async () => {
    await pty.close();
  });

  async function place(id: string): Promise<ProfileCard> {
    const card = await createProfileCard(id);
    pty.simulator.placeCard(card.card);
    return card;
  }

  it('prints the CitizenIdentity as JSON, the photo as size and SHA-256, and exits 0', async () => {
    const card = await place('minh-khoa');
    const photoPath = path.join(work, 'face.jpg');
    const run = await runCli([
      'read-card',
      '--port',
      pty.path,
      '--baud',
      '115200',
      '--qr',
      card.files.qrText,
      '--trust',
      trust,
      '--photo',
      photoPath,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.docs).toHaveLength(1);
    const jpeg = parseDg2(card.files.files.get('0102')!).images[0]!.bytes;
    const sha256 = createHash('sha256').update(jpeg).digest('hex');
    expect(run.docs[0]).toMatchObject({
      idNumber: '092203007788',
      fullName: 'Lâm Minh Khoa',
      ethnicity: 'Khmer',
      religion: 'Phật giáo Hòa Hảo',
      motherName: 'Thạch Thị Sa Rây',
      dateOfBirth: '2003-07-25',
      expiryDate: '2028-07-25',
      access: 'PACE',
      passiveAuth: { status: 'verified' },
      photo: { bytes: jpeg.length, sha256 },
    });
    expect(createHash('sha256').update(readFileSync(photoPath)).digest('hex')).toBe(sha256);
  });

  it('reads a BAC-only card from typed MRZ fields', async () => {
    const card = await place('bac-only');
    const { documentNumber, dateOfBirth, dateOfExpiry } = card.files.bac;
    const run = await runCli([
      'read-card',
      '--port',
      `serial://${pty.path}?baud=115200`,
      '--mrz',
      `${documentNumber},${dateOfBirth},${dateOfExpiry}`,
    ]);
    expect(run.code).toBe(0);
    // No trust store given: signature and hashes good, CSCA unknown.
    expect(run.docs[0]).toMatchObject({
      fullName: 'Nguyễn Thị Thu Hà',
      access: 'BAC',
      passiveAuth: { status: 'untrusted-ca' },
    });
  });

  it('prints one JSON error and exits non-zero when the chip refuses the key', async () => {
    await place('thu-ha');
    const run = await runCli(['read-card', '--port', pty.path, '--can', '999999']);
    expect(run.code).toBe(1);
    expect(run.docs).toHaveLength(1);
    expect(run.docs[0]).toMatchObject({ error: { code: 'CARD_ACCESS_DENIED' } });
  });

  it('reports CARD_NOT_PRESENT when no card comes', async () => {
    pty.simulator.removeCard();
    const run = await runCli(['read-card', '--port', pty.path, '--can', '001234', '--wait', '300']);
    expect(run.code).toBe(1);
    expect(run.docs).toHaveLength(1);
    expect(run.docs[0]).toMatchObject({ error: { code: 'CARD_NOT_PRESENT' } });
  });
});

describe.skipIf(!socat)('device CLI scan-qr against the QR scanner simulator on a pty', () => {
  it('prints one parsed payload per scan', async () => {
    const scanner = await startQrScannerOnPty({ terminator: 'CR', chunkSize: 7 });
    try {
      const card = await createProfileCard('thu-ha');
      let scanned: Promise<void> | undefined;
      const run = await runCli(
        ['scan-qr', '--port', scanner.path, '--count', '2', '--timeout', '10000', '--verbose'],
        (text) => {
          if (!scanned && text.includes('waiting for scans')) {
            scanned = scanner.simulator
              .scan(card.files.qrText)
              .then(() => scanner.simulator.scan('https://dichvucong.cantho.gov.vn/tra-cuu'));
          }
        },
      );
      await scanned;
      expect(run.stderr).toContain('waiting for scans');
      expect(run.code).toBe(0);
      expect(run.docs).toHaveLength(2);
      expect(run.docs[0]).toMatchObject({
        kind: 'cccd',
        value: { idNumber: '092185001234', fullName: 'Nguyễn Thị Thu Hà', issueDate: '2021-04-10' },
      });
      expect(run.docs[1]).toMatchObject({ kind: 'url' });
    } finally {
      await scanner.close();
    }
  });
});

describe('device CLI printer commands against the ESC/POS simulator on loopback TCP', () => {
  it('printer-status and print-test print JSON; a printer out of paper exits non-zero', async () => {
    const printer = new EscPosPrinterSimulator();
    const { uri } = await printer.listen(0);
    try {
      const status = await runCli(['printer-status', '--printer', uri]);
      expect(status.code).toBe(0);
      expect(status.docs[0]).toMatchObject({ state: 'ready' });
      const printed = await runCli(['print-test', '--printer', uri, '--width', '80']);
      expect(printed.code).toBe(0);
      expect(printed.docs[0]).toMatchObject({ printed: true });
      expect(printer.printedJobs).toHaveLength(1);
      expect(printer.jobText(printer.printedJobs[0]!)).toContain('Hộ tịch');
      printer.setPaper('out');
      const refused = await runCli(['print-test', '--printer', uri]);
      expect(refused.code).toBe(1);
      expect(refused.docs[0]).toMatchObject({
        printed: false,
        error: { code: 'PRINTER_PAPER_OUT' },
      });
    } finally {
      await printer.close();
    }
  });
});
