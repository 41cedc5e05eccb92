import { AppError } from '../../../common/errors.js';
import type { ByteTransport } from './byte-transport.js';
import { FileTransport } from './file-transport.js';
import { SerialTransport, type SerialParity } from './serial-transport.js';
import { TcpTransport } from './tcp-transport.js';
import { DEFAULT_OPEN_TIMEOUT_MS } from './transport-support.js';

export type TransportTarget =
  | {
      readonly kind: 'serial';
      readonly path: string;
      readonly baudRate: number;
      readonly dataBits: 5 | 6 | 7 | 8;
      readonly parity: SerialParity;
      readonly stopBits: 1 | 1.5 | 2;
      readonly rtscts: boolean;
    }
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'sim'; readonly name: string };

const BAUD_RATES = [
  1200, 2400, 4800, 9600, 14400, 19200, 38400, 57600, 115200, 230400, 460800, 921600, 1288000,
];
const PARITIES: readonly SerialParity[] = ['none', 'even', 'odd', 'mark', 'space'];

function invalid(uri: string, why: string): AppError {
  return new AppError('INVALID_INPUT', `Invalid device URI "${uri}": ${why}`);
}

function parseQuery(uri: string, query: string | undefined): Map<string, string> {
  const params = new Map<string, string>();
  if (!query) return params;
  for (const part of query.split('&')) {
    if (!part) continue;
    const [key = '', value = ''] = part.split('=', 2);
    params.set(decodeURIComponent(key).toLowerCase(), decodeURIComponent(value));
  }
  const known = new Set(['baud', 'databits', 'parity', 'stopbits', 'rtscts']);
  for (const key of params.keys()) {
    if (!known.has(key)) throw invalid(uri, `unknown option "${key}"`);
  }
  return params;
}

function parseSerial(uri: string, rest: string): TransportTarget {
  const [rawPath = '', query] = rest.split('?', 2);
  let path = decodeURIComponent(rawPath);
  // serial:///COM3 (Windows) → COM3; serial:///dev/ttyUSB0 → /dev/ttyUSB0
  if (/^\/(COM\d+|\\\\\.\\.+)$/i.test(path)) path = path.slice(1);
  if (/^COM\d+$/i.test(path) === false && !path.startsWith('/') && !path.startsWith('\\\\.\\')) {
    throw invalid(uri, 'expected serial:///dev/ttyUSB0 or serial:///COM3');
  }
  if (path === '/') throw invalid(uri, 'missing port path');
  const params = parseQuery(uri, query);
  const baudRate = Number(params.get('baud') ?? 115200);
  if (!BAUD_RATES.includes(baudRate)) throw invalid(uri, `unsupported baud rate ${baudRate}`);
  const dataBits = Number(params.get('databits') ?? 8);
  if (dataBits !== 5 && dataBits !== 6 && dataBits !== 7 && dataBits !== 8) {
    throw invalid(uri, `dataBits must be 5-8`);
  }
  const parity = (params.get('parity') ?? 'none') as SerialParity;
  if (!PARITIES.includes(parity))
    throw invalid(uri, `parity must be one of ${PARITIES.join(', ')}`);
  const stopBits = Number(params.get('stopbits') ?? 1);
  if (stopBits !== 1 && stopBits !== 1.5 && stopBits !== 2) {
    throw invalid(uri, 'stopBits must be 1, 1.5 or 2');
  }
  const rtscts = params.get('rtscts');
  if (rtscts !== undefined && rtscts !== 'true' && rtscts !== 'false') {
    throw invalid(uri, 'rtscts must be true or false');
  }
  return { kind: 'serial', path, baudRate, dataBits, parity, stopBits, rtscts: rtscts === 'true' };
}

function parseTcp(uri: string, rest: string): TransportTarget {
  const m = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})\/?$/.exec(rest);
  if (!m?.[1] || !m[2]) throw invalid(uri, 'expected tcp://host:port');
  const port = Number(m[2]);
  if (port < 1 || port > 65535) throw invalid(uri, 'port must be 1-65535');
  const host = m[1].startsWith('[') ? m[1].slice(1, -1) : m[1];
  return { kind: 'tcp', host, port };
}

/**
 * Parses a device URI:
 * - `serial:///dev/ttyUSB0?baud=115200[&parity=none&dataBits=8&stopBits=1&rtscts=false]`,
 *   `serial:///COM3?baud=9600`
 * - `tcp://127.0.0.1:9100`, `tcp://[::1]:9100`
 * - `file:///dev/usb/lp0`
 * - `sim://pn532` (resolved by the composition root; see `openTransport`)
 * Throws AppError INVALID_INPUT with the reason.
 */
export function parseTransportUri(uri: string): TransportTarget {
  const m = /^([a-z]+):\/\/(.*)$/i.exec(uri.trim());
  if (!m?.[1] || m[2] === undefined) throw invalid(uri, 'expected scheme://…');
  const scheme = m[1].toLowerCase();
  const rest = m[2];
  switch (scheme) {
    case 'serial':
      return parseSerial(uri, rest);
    case 'tcp':
      return parseTcp(uri, rest);
    case 'file': {
      const path = decodeURIComponent(rest);
      if (!path.startsWith('/') || path.length < 2 || path.includes('?')) {
        throw invalid(uri, 'expected file:///absolute/path');
      }
      return { kind: 'file', path };
    }
    case 'sim': {
      if (!/^[a-z0-9][a-z0-9._-]*$/i.test(rest)) throw invalid(uri, 'expected sim://name');
      return { kind: 'sim', name: rest };
    }
    default:
      throw invalid(uri, `unsupported scheme "${scheme}" (serial, tcp, file, sim)`);
  }
}

export interface OpenTransportOptions {
  readonly timeoutMs?: number;
  /**
   * Resolves `sim://name` to an in-process transport (demo mode). Production code must not
   * import simulators, so the composition root passes this in.
   */
  readonly resolveSim?: (name: string) => ByteTransport;
}

/** Creates the transport for a URI without opening it. */
export function createTransport(
  uri: string,
  options: Pick<OpenTransportOptions, 'resolveSim'> = {},
): ByteTransport {
  const target = parseTransportUri(uri);
  switch (target.kind) {
    case 'serial':
      return new SerialTransport(target);
    case 'tcp':
      return new TcpTransport(target);
    case 'file':
      return new FileTransport(target.path);
    case 'sim': {
      if (!options.resolveSim) {
        throw new AppError('DEVICE_NOT_CONNECTED', `${uri}: simulators are not enabled`);
      }
      return options.resolveSim(target.name);
    }
  }
}

/** Creates and opens the transport for a URI (open timeout default 5 s). */
export async function openTransport(
  uri: string,
  options: OpenTransportOptions = {},
): Promise<ByteTransport> {
  const transport = createTransport(uri, options);
  await transport.open(options.timeoutMs ?? DEFAULT_OPEN_TIMEOUT_MS);
  return transport;
}
