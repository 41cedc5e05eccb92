import { describe, expect, it } from 'vitest';
import { createMemoryTransportPair } from './memory-transport.js';
import { createTransport, openTransport, parseTransportUri } from './open-transport.js';
import { FileTransport } from './file-transport.js';
import { SerialTransport } from './serial-transport.js';
import { TcpTransport } from './tcp-transport.js';

describe('parseTransportUri', () => {
  it('parses serial URIs with options and defaults', () => {
    expect(parseTransportUri('serial:///dev/ttyUSB0?baud=115200')).toEqual({
      kind: 'serial',
      path: '/dev/ttyUSB0',
      baudRate: 115200,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
      rtscts: false,
    });
    expect(parseTransportUri('serial:///dev/ttyS1?baud=9600&parity=even&stopBits=2')).toMatchObject(
      { path: '/dev/ttyS1', baudRate: 9600, parity: 'even', stopBits: 2 },
    );
    expect(parseTransportUri('serial:///dev/ttyACM0')).toMatchObject({ baudRate: 115200 });
    expect(parseTransportUri('serial:///COM3?baud=9600')).toMatchObject({ path: 'COM3' });
  });

  it('parses tcp, file and sim URIs', () => {
    expect(parseTransportUri('tcp://127.0.0.1:9100')).toEqual({
      kind: 'tcp',
      host: '127.0.0.1',
      port: 9100,
    });
    expect(parseTransportUri('tcp://[::1]:9100')).toEqual({ kind: 'tcp', host: '::1', port: 9100 });
    expect(parseTransportUri('file:///dev/usb/lp0')).toEqual({
      kind: 'file',
      path: '/dev/usb/lp0',
    });
    expect(parseTransportUri('sim://pn532')).toEqual({ kind: 'sim', name: 'pn532' });
  });

  it.each([
    'ttyUSB0',
    'serial://',
    'serial:///dev/ttyUSB0?baud=12345',
    'serial:///dev/ttyUSB0?speed=9600',
    'serial:///dev/ttyUSB0?parity=maybe',
    'tcp://127.0.0.1',
    'tcp://127.0.0.1:0',
    'tcp://127.0.0.1:70000',
    'file://relative/path',
    'usb://whatever',
    'sim://',
  ])('rejects %s with INVALID_INPUT', (uri) => {
    expect(() => parseTransportUri(uri)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});

describe('createTransport / openTransport', () => {
  it('picks the adapter by scheme', () => {
    expect(createTransport('serial:///dev/ttyUSB0?baud=9600')).toBeInstanceOf(SerialTransport);
    expect(createTransport('serial:///dev/ttyUSB0?baud=9600').uri).toBe(
      'serial:///dev/ttyUSB0?baud=9600',
    );
    expect(createTransport('tcp://127.0.0.1:9100')).toBeInstanceOf(TcpTransport);
    expect(createTransport('file:///dev/usb/lp0')).toBeInstanceOf(FileTransport);
  });

  it('resolves sim:// only through the resolver the composition root passes', async () => {
    expect(() => createTransport('sim://pn532')).toThrow(
      expect.objectContaining({ code: 'DEVICE_NOT_CONNECTED' }),
    );
    const pair = createMemoryTransportPair('sim://pn532');
    const t = await openTransport('sim://pn532', {
      resolveSim: (name) => (name === 'pn532' ? pair.host : pair.device),
    });
    expect(t).toBe(pair.host);
    expect(t.isOpen).toBe(true);
  });

  it('openTransport surfaces the open error', async () => {
    await expect(openTransport('serial:///dev/ttyNOPE-kiosk?baud=115200')).rejects.toMatchObject({
      code: 'DEVICE_NOT_CONNECTED',
    });
  });
});
