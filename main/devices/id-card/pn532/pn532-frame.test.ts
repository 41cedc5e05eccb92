import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../../common/hex.js';
import { ACK_FRAME, ERROR_FRAME, NACK_FRAME, WAKEUP_BYTES } from './pn532-constants.js';
import {
  getFirmwareVersion,
  inDataExchange,
  inListPassiveTarget,
  inRelease,
  rfMaxRetries,
  rfTimings,
  rfField,
  samConfiguration,
  setParameters,
} from './pn532-commands.js';
import { checksum, encodeFrame } from './pn532-frame.js';

const frame = (body: Uint8Array): string => toHex(encodeFrame(body));

// Golden frames from research/cccd-chip-and-readers.md §4.1, checked there against the bytes
// nfcpy and libnfc send.
describe('PN532 command frames (golden bytes)', () => {
  it('GetFirmwareVersion', () => {
    expect(frame(getFirmwareVersion())).toBe('00 00 FF 02 FE D4 02 2A 00');
  });
  it('SAMConfiguration normal mode, timeout 0, IRQ 0', () => {
    expect(frame(samConfiguration())).toBe('00 00 FF 05 FB D4 14 01 00 00 17 00');
  });
  it('SetParameters AutoATR_RES | AutoRATS', () => {
    expect(frame(setParameters())).toBe('00 00 FF 03 FD D4 12 14 06 00');
  });
  it('RFConfiguration MaxRetries FF 01 02', () => {
    expect(frame(rfMaxRetries(0xff, 0x01, 0x02))).toBe('00 00 FF 06 FA D4 32 05 FF 01 02 F3 00');
  });
  it('RFConfiguration VariousTimings 00 0B 0A', () => {
    // LEN 6, LCS FA; DCS = -(D4+32+02+00+0B+0A) = -0x1D (mod 256) = E3
    expect(frame(rfTimings())).toBe('00 00 FF 06 FA D4 32 02 00 0B 0A E3 00');
  });
  it('RFConfiguration RF field off', () => {
    expect(frame(rfField(false))).toBe('00 00 FF 04 FC D4 32 01 00 F9 00');
  });
  it('InListPassiveTarget 1 target, 106 kbps type A', () => {
    expect(frame(inListPassiveTarget('A'))).toBe('00 00 FF 04 FC D4 4A 01 00 E1 00');
  });
  it('InListPassiveTarget type B, AFI 00', () => {
    expect(frame(inListPassiveTarget('B'))).toBe('00 00 FF 05 FB D4 4A 01 03 00 DE 00');
  });
  it('InDataExchange Tg 1 SELECT eMRTD AID', () => {
    const select = fromHex('00 A4 04 0C 07 A0 00 00 02 47 10 01');
    expect(frame(inDataExchange(1, select))).toBe(
      '00 00 FF 0F F1 D4 40 01 00 A4 04 0C 07 A0 00 00 02 47 10 01 36 00',
    );
  });
  it('InDataExchange with MI set in Tg (host-side chaining)', () => {
    expect(frame(inDataExchange(1, fromHex('AA'), true))).toBe('00 00 FF 04 FC D4 40 41 AA 01 00');
  });
  it('InRelease Tg 1', () => {
    expect(frame(inRelease(1))).toBe('00 00 FF 03 FD D4 52 01 D9 00');
  });
});

describe('PN532 fixed frames', () => {
  it('ACK, NACK, error frame and wake-up', () => {
    expect(toHex(ACK_FRAME)).toBe('00 00 FF 00 FF 00');
    expect(toHex(NACK_FRAME)).toBe('00 00 FF FF 00 00');
    expect(toHex(ERROR_FRAME)).toBe('00 00 FF 01 FF 7F 81 00');
    expect(toHex(WAKEUP_BYTES)).toBe('55 55 00 00 00 00 00 00 00 00 00 00 00 00 00 00');
  });
  it('the error frame is the normal encoding of TFI 7F with no data', () => {
    expect(encodeFrame(new Uint8Array(0), 0x7f)).toEqual(ERROR_FRAME);
  });
});

describe('encodeFrame', () => {
  it('uses a normal frame up to LEN 255', () => {
    const f = encodeFrame(new Uint8Array(254).fill(0x11), 0xd5);
    expect(toHex(f.subarray(0, 6))).toBe('00 00 FF FF 01 D5');
    expect(f.length).toBe(3 + 2 + 255 + 2);
  });
  it('switches to an extended frame above LEN 255 (00 00 FF FF FF LENM LENL LCS)', () => {
    const data = new Uint8Array(255).fill(0x22);
    const f = encodeFrame(data, 0xd5);
    // LEN = 256 = 01 00, LCS = FF
    expect(toHex(f.subarray(0, 9))).toBe('00 00 FF FF FF 01 00 FF D5');
    expect(f.length).toBe(5 + 3 + 256 + 2);
    expect((0xd5 + 255 * 0x22 + (f[f.length - 2] ?? 0)) & 0xff).toBe(0);
  });
  it('refuses more than 264 data bytes with a typed error', () => {
    expect(() => encodeFrame(new Uint8Array(265))).toThrow(
      expect.objectContaining({ code: 'DEVICE_PROTOCOL' }),
    );
  });
  it('checksum makes the sum zero', () => {
    expect(checksum([0x02])).toBe(0xfe);
    expect(checksum([])).toBe(0);
    expect(checksum([0xd4, 0x02])).toBe(0x2a);
  });
});
