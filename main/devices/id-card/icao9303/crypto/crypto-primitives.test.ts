import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../../../common/hex';
import { aesCmac } from './aes-cmac';
import { tdesCbcEncrypt } from './block-ciphers';
import { adjustDesParity } from './des-parity';
import { deriveKey, KDF_ENC, KDF_MAC, KDF_PACE } from './derive-key';
import { pad, unpad } from './iso9797-padding';
import { retailMac } from './retail-mac';

const hex = (b: Uint8Array): string => toHex(b, '');

describe('ISO 9797-1 padding method 2', () => {
  it('appends 80 00… and a whole block when already aligned', () => {
    expect(hex(pad(fromHex('011E'), 8))).toBe('011E800000000000');
    expect(pad(new Uint8Array(32), 8).length).toBe(40);
    expect(hex(pad(new Uint8Array(0), 16))).toBe('80' + '00'.repeat(15));
  });
  it('unpad reverses pad and rejects garbage with CARD_PROTOCOL', () => {
    expect(hex(unpad(fromHex('60145F0180000000')))).toBe('60145F01');
    expect(() => unpad(fromHex('0000000000000000'))).toThrow(
      expect.objectContaining({ code: 'CARD_PROTOCOL' }),
    );
    expect(() => unpad(fromHex('1234567812345678'))).toThrow(
      expect.objectContaining({ code: 'CARD_PROTOCOL' }),
    );
  });
});

describe('DES parity and the ICAO 9303-11 §9.7.1 KDF', () => {
  it('sets odd parity (logicalaccess values before adjustment, research §1.1)', () => {
    expect(hex(adjustDesParity(fromHex('AB94FCEDF2664EDFB9B291F85D7F77F2')))).toBe(
      'AB94FDECF2674FDFB9B391F85D7F76F2',
    );
  });
  it('derives KEnc/KMac of Appendix D.2 from Kseed', () => {
    const seed = fromHex('239AB9CB282DAF66231DC5A4DF6BFBAE');
    expect(hex(deriveKey(seed, KDF_ENC, '3DES'))).toBe('AB94FDECF2674FDFB9B391F85D7F76F2');
    expect(hex(deriveKey(seed, KDF_MAC, '3DES'))).toBe('7962D9ECE03D1ACD4C76089DCE131543');
  });
  it('derives the PACE password key of Appendix G.1', () => {
    const k = fromHex('7E2D2A41C74EA0B38CD36F863939BFA8E9032AAD');
    expect(hex(deriveKey(k, KDF_PACE, 'AES-128'))).toBe('89DED1B26624EC1E634C1989302849DD');
  });
  it('uses SHA-256 for AES-256', () => {
    expect(deriveKey(new Uint8Array(16), KDF_ENC, 'AES-256').length).toBe(32);
    expect(deriveKey(new Uint8Array(16), KDF_ENC, 'AES-192').length).toBe(24);
  });
});

describe('3DES and the retail MAC (Appendix D.3)', () => {
  const kEnc = fromHex('AB94FDECF2674FDFB9B391F85D7F76F2');
  const kMac = fromHex('7962D9ECE03D1ACD4C76089DCE131543');
  it('encrypts S into E_IFD and MACs it into M_IFD', () => {
    const s = fromHex('781723860C06C2264608F919887022120B795240CB7049B01C19B33E32804F0B');
    const eIfd = tdesCbcEncrypt(kEnc, new Uint8Array(8), s);
    expect(hex(eIfd)).toBe('72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2');
    expect(hex(retailMac(kMac, pad(eIfd, 8)))).toBe('5F1448EEA8AD90A7');
  });
  it('rejects unpadded input', () => {
    expect(() => retailMac(kMac, fromHex('0102'))).toThrow(RangeError);
  });
});

describe('AES-CMAC (RFC 4493 §4 examples)', () => {
  const key = fromHex('2b7e151628aed2a6abf7158809cf4f3c');
  it('matches the empty, 16, 40 and 64 byte examples', () => {
    const msg = fromHex(
      '6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710',
    );
    expect(hex(aesCmac(key, new Uint8Array(0)))).toBe('BB1D6929E95937287FA37D129B756746');
    expect(hex(aesCmac(key, msg.subarray(0, 16)))).toBe('070A16B46B4D4144F79BDD9DD04A287C');
    expect(hex(aesCmac(key, msg.subarray(0, 40)))).toBe('DFA66747DE9AE63030CA32611497C827');
    expect(hex(aesCmac(key, msg))).toBe('51F0BEBF7E3B9D92FC49741779363CFE');
  });
});
