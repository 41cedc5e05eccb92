// Technician CLI: `npm run device -- <command>` (issue 3). One JSON document per line on stdout;
// on failure one {"error":{"code","message"}} and a non-zero exit. Diagnostics go to stderr.
import { parseArgs } from 'node:util';
import { AppError, toErrorInfo } from '../../common/errors.js';
import { toHex } from '../../common/hex.js';
import type { IdentityKey } from '../services/identity/identity-key.js';
import {
  deviceUri,
  listPorts,
  printerStatus,
  printTest,
  readCard,
  scanQr,
  type Emit,
  type Note,
} from './device-commands.js';

const USAGE = `usage: npm run device -- <command>
  list-ports
  read-card --port <path|uri> [--baud 115200] (--qr "<CCCD QR text>" | --can <6 digits> |
            --mrz <docNo>,<yymmdd birth>,<yymmdd expiry>) [--trust <dir>] [--photo <out.jpg>]
            [--wait <ms>] [--verbose]
  scan-qr --port <path|uri> [--baud 115200] [--count N] [--timeout <ms>]
  print-test --printer <uri> [--width 58|80] [--codepage wpc1258|raster] [--model epson|star]
  printer-status --printer <uri> [--width 58|80]`;

const OPTIONS = {
  port: { type: 'string' },
  baud: { type: 'string', default: '115200' },
  qr: { type: 'string' },
  can: { type: 'string' },
  mrz: { type: 'string' },
  trust: { type: 'string' },
  photo: { type: 'string' },
  wait: { type: 'string', default: '15000' },
  count: { type: 'string', default: '1' },
  timeout: { type: 'string', default: '30000' },
  printer: { type: 'string' },
  width: { type: 'string', default: '80' },
  codepage: { type: 'string', default: 'wpc1258' },
  model: { type: 'string', default: 'epson' },
  centre: { type: 'string', default: 'Trung tâm Phục vụ hành chính công' },
  verbose: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

/** A command-line mistake: exit code 2 and the usage text on stderr. */
class UsageError extends AppError {}

function usage(message: string): AppError {
  return new UsageError('INVALID_INPUT', message);
}

function int(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw usage(`--${name} must be an integer from ${min} to ${max}`);
  }
  return n;
}

function required(name: string, value: string | undefined): string {
  if (value === undefined || value === '') throw usage(`--${name} is required`);
  return value;
}

function cardKey(v: { qr?: string; can?: string; mrz?: string }): IdentityKey {
  const given = [v.qr, v.can, v.mrz].filter((x) => x !== undefined).length;
  if (given !== 1) throw usage('give exactly one of --qr, --can, --mrz');
  if (v.qr !== undefined) return { kind: 'qr', text: v.qr };
  if (v.can !== undefined) return { kind: 'can', can: v.can };
  const parts = (v.mrz ?? '').split(',').map((p) => p.trim());
  if (parts.length !== 3) throw usage('--mrz is <docNo>,<yymmdd birth>,<yymmdd expiry>');
  const [documentNumber = '', dateOfBirth = '', dateOfExpiry = ''] = parts;
  return { kind: 'mrz', documentNumber, dateOfBirth, dateOfExpiry };
}

/** JSON with byte arrays as hex (printer status carries raw DLE EOT bytes). */
function json(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? toHex(v, '') : v));
}

/** Runs one command; returns the exit code. */
export async function runDeviceCli(
  argv: readonly string[],
  emit: Emit,
  note: Note,
): Promise<number> {
  try {
    const { positionals, values: v } = parseArgs({
      args: [...argv],
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    });
    const [command, ...extra] = positionals;
    if (v.help || command === undefined) {
      note(USAGE);
      return command === undefined && !v.help ? 2 : 0;
    }
    if (extra.length > 0) throw usage(`unexpected argument "${extra[0]}"`);
    const baud = int('baud', v.baud, 1200, 1_288_000);
    const quietNote: Note = v.verbose ? note : () => undefined;
    switch (command) {
      case 'list-ports':
        await listPorts(emit);
        return 0;
      case 'read-card':
        await readCard(
          {
            uri: deviceUri(required('port', v.port), baud),
            key: cardKey(v),
            ...(v.trust === undefined ? {} : { trustDir: v.trust }),
            ...(v.photo === undefined ? {} : { photoPath: v.photo }),
            waitMs: int('wait', v.wait, 100, 600_000),
          },
          emit,
          quietNote,
        );
        return 0;
      case 'scan-qr':
        await scanQr(
          {
            uri: deviceUri(required('port', v.port), baud),
            count: int('count', v.count, 1, 1_000_000),
            timeoutMs: int('timeout', v.timeout, 100, 86_400_000),
          },
          emit,
          quietNote,
        );
        return 0;
      case 'print-test':
      case 'printer-status': {
        const width = int('width', v.width, 58, 80);
        if (width !== 58 && width !== 80) throw usage('--width is 58 or 80');
        if (v.codepage !== 'wpc1258' && v.codepage !== 'raster') {
          throw usage('--codepage is wpc1258 or raster');
        }
        if (v.model !== 'epson' && v.model !== 'star') throw usage('--model is epson or star');
        const args = {
          uri: required('printer', v.printer),
          width,
          encoding: v.codepage === 'raster' ? 'raster' : 'codepage',
          model: v.model,
          centreName: v.centre,
        } as const;
        if (command === 'printer-status') {
          await printerStatus(args, emit);
          return 0;
        }
        return await printTest(args, emit);
      }
      default:
        throw usage(`unknown command "${command}"`);
    }
  } catch (err) {
    const parseError =
      err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS');
    const info = parseError
      ? { code: 'INVALID_INPUT' as const, message: (err as TypeError).message }
      : toErrorInfo(err);
    emit({ error: info });
    if (parseError || err instanceof UsageError) {
      note(USAGE);
      return 2;
    }
    if (!(err instanceof AppError)) note(String(err));
    return 1;
  }
}

const isMain = process.argv[1] !== undefined && /device\.(mjs|js|ts)$/.test(process.argv[1]);
if (isMain) {
  const code = await runDeviceCli(
    process.argv.slice(2),
    (value) => process.stdout.write(`${json(value)}\n`),
    (line) => process.stderr.write(`${line}\n`),
  );
  // stdout/stderr are synchronous for files and pipes on Linux; serial handles may linger.
  process.exit(code);
}
