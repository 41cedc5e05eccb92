import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CitizenIdentity } from '../../common/citizen-identity.js';
import { AppError } from '../../common/errors.js';
import { parseQrPayload } from '../../common/qr/qr-payload.js';
import {
  IcaoCardDocumentInterpreter,
  pn532CardDocumentReader,
} from '../devices/id-card/icao-card-document-reader.js';
import { EscPosTicketPrinter } from '../devices/printer/escpos-ticket-printer.js';
import type { PrinterModel } from '../devices/printer/escpos-command-set.js';
import { testTicketContent } from '../devices/printer/ticket-layout.js';
import { SerialQrScanner } from '../devices/scanner/serial-qr-scanner.js';
import { createTransport } from '../devices/transport/open-transport.js';
import { listSerialPorts } from '../devices/transport/serial-transport.js';
import type { IdentityKey } from '../services/identity/identity-key.js';
import { IdentityService } from '../services/identity/identity-service.js';

/** Writes one JSON document per line (stdout in the CLI, an array in tests). */
export type Emit = (value: unknown) => void;
/** Technician diagnostics (stderr in the CLI). */
export type Note = (line: string) => void;

/** `--port /dev/ttyUSB0` or a full device URI (`serial:///dev/ttyUSB0?baud=…`, `tcp://…`). */
export function deviceUri(port: string, baud: number): string {
  if (/^[a-z]+:\/\//i.test(port)) return port;
  const p = port.startsWith('/') ? port : `/${port}`;
  return `serial://${p}?baud=${baud}`;
}

export async function listPorts(emit: Emit): Promise<void> {
  emit(await listSerialPorts());
}

export interface ReadCardArgs {
  readonly uri: string;
  readonly key: IdentityKey;
  readonly trustDir?: string;
  readonly photoPath?: string;
  readonly waitMs: number;
}

/** The identity as JSON: the photo as its size and SHA-256, never the bytes. */
export function identityJson(identity: CitizenIdentity): Record<string, unknown> {
  const { photo, ...rest } = identity;
  return {
    ...rest,
    ...(photo
      ? { photo: { bytes: photo.length, sha256: createHash('sha256').update(photo).digest('hex') } }
      : {}),
  };
}

export async function readCard(args: ReadCardArgs, emit: Emit, note: Note): Promise<void> {
  const reader = pn532CardDocumentReader(createTransport(args.uri));
  const service = new IdentityService({
    reader,
    interpreter: new IcaoCardDocumentInterpreter(),
    ...(args.trustDir === undefined ? {} : { trustDir: args.trustDir }),
    timeouts: { waitForCardMs: args.waitMs },
  });
  try {
    note(`waiting up to ${args.waitMs} ms for a card on ${args.uri}`);
    const identity = await service.readCard({
      key: args.key,
      onProgress: (p) => {
        if (p.bytesRead === undefined) note(`step ${p.step}`);
      },
    });
    for (const w of service.lastRead?.warnings ?? []) note(`warning: ${w}`);
    if (args.photoPath !== undefined && identity.photo) {
      // Explicitly asked for by the technician; the app itself never writes card images.
      await writeFile(args.photoPath, identity.photo, { mode: 0o600 });
    }
    emit(identityJson(identity));
  } finally {
    for (const line of service.lastRead?.lines ?? []) note(`icao: ${line}`);
    await service.close().catch(() => undefined);
  }
}

export interface ScanQrArgs {
  readonly uri: string;
  readonly count: number;
  readonly timeoutMs: number;
}

/**
 * Prints each scan as a parsed QrPayload until `count` were seen. Scans are queued as they
 * arrive (two codes can come in one chunk); DEVICE_TIMEOUT when none comes for `timeoutMs`.
 */
export async function scanQr(args: ScanQrArgs, emit: Emit, note: Note): Promise<void> {
  const scanner = new SerialQrScanner(createTransport(args.uri));
  const queue: string[] = [];
  let wake: (() => void) | undefined;
  const offScan = scanner.onScan((scan) => {
    queue.push(scan.text);
    wake?.();
  });
  const offError = scanner.onError((err) => note(`scanner: ${err.code}: ${err.message}`));
  try {
    await scanner.open();
    note(`waiting for scans on ${args.uri}`);
    for (let seen = 0; seen < args.count; seen++) {
      if (queue.length === 0) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => {
            wake = undefined;
            reject(
              new AppError(
                'DEVICE_TIMEOUT',
                `No scan from ${args.uri} within ${args.timeoutMs} ms`,
              ),
            );
          }, args.timeoutMs);
          wake = () => {
            clearTimeout(timer);
            wake = undefined;
            resolve();
          };
        });
      }
      emit(parseQrPayload(queue.shift() ?? ''));
    }
  } finally {
    offScan();
    offError();
    await scanner.close().catch(() => undefined);
  }
}

export interface PrinterArgs {
  readonly uri: string;
  readonly width: 58 | 80;
  readonly encoding: 'codepage' | 'raster';
  readonly model: PrinterModel;
  readonly centreName: string;
}

/** resources/fonts: main/cli/ in the source tree and dist/main/ after the build are both 2 deep. */
function fontDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../resources/fonts');
}

function printer(args: PrinterArgs): EscPosTicketPrinter {
  return new EscPosTicketPrinter(createTransport(args.uri), {
    paperWidth: args.width,
    encoding: args.encoding,
    model: args.model,
    fontDir: fontDir(),
  });
}

/**
 * Prints the technician's test ticket and emits the PrintReport; the exit code is 0 only when the
 * printer confirmed the ticket (report.printed).
 */
export async function printTest(args: PrinterArgs, emit: Emit): Promise<number> {
  const p = printer(args);
  try {
    const report = await p.printTicket(testTicketContent(new Date(), args.centreName));
    emit(report);
    return report.printed ? 0 : 1;
  } finally {
    await p.close().catch(() => undefined);
  }
}

export async function printerStatus(args: PrinterArgs, emit: Emit): Promise<void> {
  const p = printer(args);
  try {
    emit(await p.status());
  } finally {
    await p.close().catch(() => undefined);
  }
}
