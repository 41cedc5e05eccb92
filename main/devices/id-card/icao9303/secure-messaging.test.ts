import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../../common/hex';
import { SecureMessaging } from './secure-messaging';

const hex = (b: Uint8Array): string => toHex(b, '');

// ICAO 9303-11 Appendix D.4 (research §1.3).
function bacSession(): SecureMessaging {
  return new SecureMessaging({
    cipher: '3DES',
    ksEnc: fromHex('979EC13B1CBFE9DCD01AB0FED307EAE5'),
    ksMac: fromHex('F1CB1F1FB5ADF208806B89DC579DC1F8'),
    ssc: fromHex('887022120C06C226'),
  });
}

describe('3DES secure messaging, terminal side (Appendix D.4)', () => {
  it('protects SELECT, READ BINARY and checks the responses byte for byte', () => {
    const sm = bacSession();
    const select = sm.protect({ cla: 0, ins: 0xa4, p1: 0x02, p2: 0x0c, data: fromHex('011E') });
    expect(hex(select)).toBe('0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800');
    expect(sm.unprotect(fromHex('990290008E08FA855A5D4C50A8ED9000'))).toEqual({
      data: new Uint8Array(0),
      sw: 0x9000,
    });

    const read4 = sm.protect({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 4 });
    expect(hex(read4)).toBe('0CB000000D9701048E08ED6705417E96BA5500');
    const r1 = sm.unprotect(fromHex('8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000'));
    expect(hex(r1.data)).toBe('60145F01');
    expect(r1.sw).toBe(0x9000);

    const read18 = sm.protect({ cla: 0, ins: 0xb0, p1: 0, p2: 4, le: 0x12 });
    expect(hex(read18)).toBe('0CB000040D9701128E082EA28A70F3C7B53500');
    const r2 = sm.unprotect(
      fromHex(
        '871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000',
      ),
    );
    expect(hex(r2.data)).toBe('04303130365F36063034303030305C026175');
    expect(hex(sm.sendSequenceCounter)).toBe('887022120C06C22C');
  });

  it('rejects a response whose MAC was tampered with', () => {
    const sm = bacSession();
    sm.protect({ cla: 0, ins: 0xa4, p1: 0x02, p2: 0x0c, data: fromHex('011E') });
    expect(() => sm.unprotect(fromHex('990290008E08FA855A5D4C50A8EC9000'))).toThrow(
      expect.objectContaining({
        code: 'CARD_SM_MAC_INVALID',
        // Protocol errors carry a hex dump of the offending bytes.
        message: expect.stringContaining(
          '[99 02 90 00 8E 08 FA 85 5A 5D 4C 50 A8 EC 90 00]',
        ) as string,
      }),
    );
  });

  it('rejects a bare 9000 and card-reported SM errors, passes bare error SWs through', () => {
    const sm = bacSession();
    expect(() => sm.unprotect(fromHex('9000'))).toThrow(
      expect.objectContaining({ code: 'CARD_SM_MAC_INVALID' }),
    );
    expect(() => sm.unprotect(fromHex('6988'))).toThrow(
      expect.objectContaining({ code: 'CARD_SM_MAC_INVALID' }),
    );
    expect(sm.unprotect(fromHex('6A82'))).toEqual({ data: new Uint8Array(0), sw: 0x6a82 });
  });
});

describe('AES secure messaging after PACE (research §1.4)', () => {
  it('protects SELECT eMRTD application with the G.1 keys at SSC 1 and checks the answer', () => {
    const sm = new SecureMessaging({
      cipher: 'AES',
      ksEnc: fromHex('F5F0E35C0D7161EE6724EE513A0D9A7F'),
      ksMac: fromHex('FE251C7858B356B24514B3BD5F4297D1'),
      ssc: new Uint8Array(16),
    });
    const apdu = sm.protect({
      cla: 0,
      ins: 0xa4,
      p1: 0x04,
      p2: 0x0c,
      data: fromHex('A0000002471001'),
    });
    expect(hex(apdu)).toBe(
      '0CA4040C1D871101752F676B09FAC86A87D632749A49C7CC8E08C18BA1FCE707BD9F00',
    );
    expect(sm.unprotect(fromHex('990290008E08BEA7B381C494A0799000')).sw).toBe(0x9000);
  });
});
