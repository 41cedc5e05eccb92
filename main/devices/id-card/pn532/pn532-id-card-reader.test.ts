import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../common/errors.js';
import { fromHex, toHex } from '../../../../common/hex.js';
import { FakeCardEmulator } from '../../../../simulators/pn532/fake-card-emulator.js';
import type { Pn532SimulatorOptions } from '../../../../simulators/pn532/pn532-simulator.js';
import {
  startPn532OnPty,
  type PtyPn532,
} from '../../../../simulators/pn532/pn532-simulator-hosts.js';
import {
  SOCAT_MISSING_MESSAGE,
  isSocatAvailable,
} from '../../../../simulators/pty/create-pty-pair.js';
import { SerialTransport } from '../../transport/serial-transport.js';
import type { Pn532FrameLogEntry } from './pn532-client.js';
import { Pn532IdCardReader, type Pn532IdCardReaderOptions } from './pn532-id-card-reader.js';

const socat = isSocatAvailable();
if (!socat) console.warn(SOCAT_MISSING_MESSAGE);

const SELECT_EMRTD = fromHex('00 A4 04 0C 07 A0 00 00 02 47 10 01');
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(
  sim: Pn532SimulatorOptions = {},
  reader: Pn532IdCardReaderOptions = {},
): Promise<{ pty: PtyPn532; reader: Pn532IdCardReader; log: Pn532FrameLogEntry[] }> {
  const pty = await startPn532OnPty(sim);
  cleanups.push(() => pty.close());
  const log: Pn532FrameLogEntry[] = [];
  const r = new Pn532IdCardReader(new SerialTransport({ path: pty.path, baudRate: 115200 }), {
    onFrame: (e) => log.push(e),
    ...reader,
  });
  cleanups.push(() => r.close());
  return { pty, reader: r, log };
}

function sent(pty: PtyPn532): string[] {
  return pty.simulator.received.map((b) => toHex(b));
}

describe.skipIf(!socat)('Pn532IdCardReader ⇄ Pn532Simulator over a socat pty', () => {
  it('opens: wake-up, SAMConfiguration, firmware, parameters, finite retries, timings', async () => {
    const { pty, reader, log } = await setup();
    const info = await reader.open();
    expect(info).toMatchObject({ kind: 'pn532', firmware: '1.6', cardTypes: ['A', 'B'] });
    expect(info.description).toContain(pty.path);
    expect(sent(pty)).toEqual(['14 01 00 00', '02', '12 14', '32 05 FF 01 02', '32 02 00 0B 0A']);
    expect(log[0]).toMatchObject({ direction: 'out', kind: 'wakeup' });
    expect(toHex(log[1]?.bytes ?? new Uint8Array())).toBe('00 00 FF 05 FB D4 14 01 00 00 17 00');
    expect(log.some((e) => e.direction === 'in' && e.kind === 'ack')).toBe(true);
  });

  it('with longPreamble, every command is prefixed with 10 zero bytes and still understood', async () => {
    const { pty, reader, log } = await setup({}, { longPreamble: true });
    await reader.open();
    const first = log.find((e) => e.kind === 'command');
    expect(toHex(first?.bytes ?? new Uint8Array())).toBe(
      '00 00 00 00 00 00 00 00 00 00 00 00 FF 05 FB D4 14 01 00 00 17 00',
    );
    expect(sent(pty)).toHaveLength(5);
  });

  it('the frame log can be switched on and off at run time', async () => {
    const { reader } = await setup();
    await reader.open();
    const later: Pn532FrameLogEntry[] = [];
    reader.setFrameLogger((e) => later.push(e));
    await expect(reader.waitForCard(100)).rejects.toMatchObject({ code: 'CARD_NOT_PRESENT' });
    expect(toHex(later[0]?.bytes ?? new Uint8Array())).toBe('00 00 FF 04 FC D4 4A 01 00 E1 00');
    reader.setFrameLogger(undefined);
    const count = later.length;
    await expect(reader.waitForCard(100)).rejects.toMatchObject({ code: 'CARD_NOT_PRESENT' });
    expect(later.length).toBe(count);
  });

  it('finds a type A card and exchanges APDUs', async () => {
    const { pty, reader } = await setup();
    await reader.open();
    const card = new FakeCardEmulator({ uid: fromHex('08 01 02 03'), ats: fromHex('80 31 80 65') });
    pty.simulator.placeCard(card);
    const session = await reader.waitForCard(2_000);
    expect(session.type).toBe('A');
    expect(toHex(session.uid)).toBe('08 01 02 03');
    expect(toHex(session.ats ?? new Uint8Array())).toBe('80 31 80 65');
    expect(toHex(await session.transceive(SELECT_EMRTD))).toBe('90 00');
    const challenge = await session.transceive(fromHex('00 84 00 00 08'));
    expect(challenge.length).toBe(10);
    expect(toHex(challenge.subarray(8))).toBe('90 00');
    expect(card.apdus.map((a) => toHex(a))).toEqual([toHex(SELECT_EMRTD), '00 84 00 00 08']);
  });

  it('polls type A then type B and finds a type B card', async () => {
    const { pty, reader } = await setup();
    await reader.open();
    pty.simulator.placeCard(
      new FakeCardEmulator({ type: 'B', uid: fromHex('AB CD EF 01'), ats: fromHex('00 00 00 00') }),
    );
    const session = await reader.waitForCard(2_000);
    expect(session.type).toBe('B');
    expect(toHex(session.uid)).toBe('AB CD EF 01');
    const polls = sent(pty).filter((c) => c.startsWith('4A'));
    expect(polls.slice(0, 2)).toEqual(['4A 01 00', '4A 01 03 00']);
    expect(toHex(await session.transceive(SELECT_EMRTD))).toBe('90 00');
  });

  it('finds a card placed while waiting', async () => {
    const { pty, reader } = await setup();
    await reader.open();
    const waiting = reader.waitForCard(3_000);
    setTimeout(() => pty.simulator.placeCard(new FakeCardEmulator()), 150);
    expect((await waiting).type).toBe('A');
  });

  it('no card: CARD_NOT_PRESENT when the wait ends', async () => {
    const { reader } = await setup();
    await reader.open();
    await expect(reader.waitForCard(300)).rejects.toMatchObject({ code: 'CARD_NOT_PRESENT' });
  });

  it('a cancelled wait rejects with TIMEOUT', async () => {
    const { reader } = await setup();
    await reader.open();
    const ac = new AbortController();
    const waiting = reader.waitForCard(10_000, ac.signal);
    setTimeout(() => ac.abort(), 100);
    await expect(waiting).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it('reassembles responses over 255 bytes chained with MI (extended frames)', async () => {
    const { pty, reader, log } = await setup();
    await reader.open();
    pty.simulator.placeCard(new FakeCardEmulator());
    const session = await reader.waitForCard(2_000);
    const r = await session.transceive(fromHex('80 EE 03 E8'));
    expect(r.length).toBe(1002);
    expect(r.subarray(0, 1000).every((b, i) => b === (i & 0xff))).toBe(true);
    expect(toHex(r.subarray(1000))).toBe('90 00');
    const exchanges = sent(pty).filter((c) => c.startsWith('40'));
    expect(exchanges).toEqual(['40 01 80 EE 03 E8', '40 01', '40 01', '40 01']);
    expect(log.some((e) => e.kind === 'response' && toHex(e.bytes).startsWith('00 FF FF FF'))).toBe(
      true,
    );
  });

  it('works against a simulator paced like a 115200 baud UART', async () => {
    const { pty, reader } = await setup({ baudRate: 115200 });
    await reader.open();
    pty.simulator.placeCard(new FakeCardEmulator());
    const session = await reader.waitForCard(2_000);
    const r = await session.transceive(fromHex('80 EE 02 00'));
    expect(r.length).toBe(514);
    expect(pty.simulator.stats.bytesOut).toBeGreaterThan(514);
  });

  it('reassembles MI chains from a PN532 limited to normal frames', async () => {
    const { pty, reader } = await setup({ extendedFrames: false });
    await reader.open();
    pty.simulator.placeCard(new FakeCardEmulator());
    const session = await reader.waitForCard(2_000);
    const r = await session.transceive(fromHex('80 EE 01 2C'));
    expect(r.length).toBe(302);
    expect(r.subarray(0, 300).every((b, i) => b === (i & 0xff))).toBe(true);
  });

  it('sends host data over 262 bytes with MI set in Tg', async () => {
    const { pty, reader } = await setup();
    await reader.open();
    pty.simulator.placeCard(new FakeCardEmulator());
    const session = await reader.waitForCard(2_000);
    const data = Uint8Array.from({ length: 400 }, (_, i) => (i * 7) & 0xff);
    const r = await session.transceive(Uint8Array.of(0x80, 0xec, ...data));
    expect([...r]).toEqual([...data, 0x90, 0x00]);
    expect(sent(pty).filter((c) => c.startsWith('40 41')).length).toBe(1);
  });

  it('a card taken away mid-exchange gives CARD_REMOVED, before the 2 s exchange timeout', async () => {
    const { pty, reader } = await setup({ rfTimeoutMs: 50 });
    await reader.open();
    pty.simulator.placeCard(new FakeCardEmulator({ leaveDuringApdu: 2, delayMs: 20 }));
    const session = await reader.waitForCard(2_000);
    expect(toHex(await session.transceive(SELECT_EMRTD, 2_000))).toBe('90 00');
    await expect(session.transceive(fromHex('80 EE 03 E8'), 2_000)).rejects.toMatchObject({
      code: 'CARD_REMOVED',
    });
    expect(session.active).toBe(false);
    await expect(session.transceive(SELECT_EMRTD)).rejects.toMatchObject({ code: 'CARD_REMOVED' });
    // The card is put back: it can be read again after a new activation.
    pty.simulator.placeCard(new FakeCardEmulator());
    const next = await reader.waitForCard(2_000);
    expect(toHex(await next.transceive(SELECT_EMRTD))).toBe('90 00');
  });

  it('a card pulled away while the chip is slow to answer gives CARD_REMOVED', async () => {
    const { pty, reader } = await setup({ rfTimeoutMs: 50 });
    await reader.open();
    const card = new FakeCardEmulator({ delayMs: 1_000 });
    pty.simulator.placeCard(card);
    const session = await reader.waitForCard(2_000);
    const pending = session.transceive(SELECT_EMRTD, 2_000);
    setTimeout(() => pty.simulator.removeCard(), 100);
    await expect(pending).rejects.toMatchObject({ code: 'CARD_REMOVED' });
  });

  it('a card taken away between exchanges gives CARD_REMOVED with the PN532 status in the message', async () => {
    const { pty, reader } = await setup();
    await reader.open();
    pty.simulator.placeCard(new FakeCardEmulator());
    const session = await reader.waitForCard(2_000);
    pty.simulator.removeCard();
    const err = await session.transceive(SELECT_EMRTD, 2_000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('CARD_REMOVED');
    expect((err as AppError).message).toContain('status 0x01');
    expect((err as AppError).message).toContain('D5 41 01');
  });

  it.each([
    ['garbage before the response', { kind: 'garbage' } as const],
    ['a truncated response (host NACKs)', { kind: 'truncate' } as const],
    ['a response with a bad checksum (host NACKs)', { kind: 'corrupt-checksum' } as const],
    ['a NACK instead of an ACK (host resends)', { kind: 'nack' } as const],
    ['a lost command (host resends)', { kind: 'silence' } as const],
  ])('recovers from %s', async (_name, fault) => {
    const { pty, reader, log } = await setup();
    await reader.open();
    pty.simulator.placeCard(new FakeCardEmulator());
    const session = await reader.waitForCard(2_000);
    pty.simulator.injectFault(fault);
    const r = await session.transceive(fromHex('80 EE 01 00'), 2_000);
    expect(r.length).toBe(258);
    expect(r.subarray(0, 256).every((b, i) => b === (i & 0xff))).toBe(true);
    if (fault.kind === 'truncate' || fault.kind === 'corrupt-checksum') {
      expect(log.some((e) => e.direction === 'out' && e.kind === 'nack')).toBe(true);
    }
    if (
      fault.kind === 'garbage' ||
      fault.kind === 'truncate' ||
      fault.kind === 'corrupt-checksum'
    ) {
      expect(log.some((e) => e.direction === 'in' && e.kind === 'invalid')).toBe(true);
    }
  });

  it('a damaged ACK before a slow answer does not send the APDU twice', async () => {
    const { pty, reader } = await setup({}, { ackTimeoutMs: 100 });
    await reader.open();
    const card = new FakeCardEmulator({ delayMs: 400 });
    pty.simulator.placeCard(card);
    const session = await reader.waitForCard(2_000);
    pty.simulator.injectFault({ kind: 'damaged-ack' });
    const challenge = await session.transceive(fromHex('00 84 00 00 08'), 2_000);
    expect(toHex(challenge.subarray(8))).toBe('90 00');
    expect(card.apdus).toHaveLength(1);
  });

  it('a syntax error frame is a typed DEVICE_PROTOCOL error', async () => {
    const { pty, reader } = await setup();
    await reader.open();
    pty.simulator.placeCard(new FakeCardEmulator());
    const session = await reader.waitForCard(2_000);
    pty.simulator.injectFault({ kind: 'syntax-error' });
    await expect(session.transceive(SELECT_EMRTD)).rejects.toMatchObject({
      code: 'DEVICE_PROTOCOL',
    });
    expect(toHex(await session.transceive(SELECT_EMRTD))).toBe('90 00');
  });

  it('a reader that stops answering gives DEVICE_TIMEOUT, not a hang', async () => {
    const { pty, reader } = await setup();
    await reader.open();
    pty.simulator.placeCard(new FakeCardEmulator());
    const session = await reader.waitForCard(2_000);
    for (let i = 0; i < 5; i++) pty.simulator.injectFault({ kind: 'silence' });
    await expect(session.transceive(SELECT_EMRTD, 1_500)).rejects.toMatchObject({
      code: 'DEVICE_TIMEOUT',
    });
  });

  it('the reader unplugged while polling gives DEVICE_NOT_CONNECTED', async () => {
    const { pty, reader } = await setup();
    await reader.open();
    const waiting = reader.waitForCard(5_000);
    setTimeout(() => void pty.close(), 100);
    await expect(waiting).rejects.toMatchObject({ code: 'DEVICE_NOT_CONNECTED' });
  });

  it('can be closed and opened again', async () => {
    const { pty, reader } = await setup();
    await reader.open();
    await reader.close();
    await expect(reader.waitForCard(100)).rejects.toMatchObject({ code: 'DEVICE_NOT_CONNECTED' });
    const info = await reader.open();
    expect(info.firmware).toBe('1.6');
    pty.simulator.placeCard(new FakeCardEmulator());
    const session = await reader.waitForCard(2_000);
    expect(toHex(await session.transceive(SELECT_EMRTD))).toBe('90 00');
  });

  it('a port with no PN532 behind it fails open with DEVICE_TIMEOUT', async () => {
    const { pty, reader } = await setup({}, { commandTimeoutMs: 400, ackTimeoutMs: 100 });
    pty.simulator.detach();
    await expect(reader.open()).rejects.toMatchObject({ code: 'DEVICE_TIMEOUT' });
    // The port was released: another program (or the next try) can open it.
    const again = new SerialTransport({ path: pty.path });
    await again.open();
    await again.close();
  });

  it('the PN532 at power-on (passive activation retries 0xFF) does not block polling', async () => {
    // The driver sets finite retries; a sim that ignores RFConfiguration would block forever.
    const { pty, reader } = await setup();
    await reader.open();
    expect(sent(pty)).toContain('32 05 FF 01 02');
    await expect(reader.waitForCard(200)).rejects.toMatchObject({ code: 'CARD_NOT_PRESENT' });
  });
});
