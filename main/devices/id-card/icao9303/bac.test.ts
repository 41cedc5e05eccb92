import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../../common/hex';
import { bacAuthenticationData, bacSessionKeys } from './bac';
import { cccdCan, cccdDocumentNumber, deriveBacKeys, mrzInformation } from './bac-key';
import { mrzCheckDigit } from './mrz-check-digit';

const hex = (b: Uint8Array): string => toHex(b, '');

// ICAO 9303-11 Appendix D.2 / D.3 (research §1.1, §1.2).
const D2 = { documentNumber: 'L898902C', dateOfBirth: '690806', dateOfExpiry: '940623' };
const RND_IC = fromHex('4608F91988702212');
const NONCES = {
  rndIfd: fromHex('781723860C06C226'),
  kIfd: fromHex('0B795240CB7049B01C19B33E32804F0B'),
};
const CHIP_ANSWER = fromHex(
  '46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7449',
);

describe('MRZ check digits (ICAO 9303-3 §4.9)', () => {
  it('computes the Appendix D.2 and synthetic CCCD digits', () => {
    expect(mrzCheckDigit('L898902C<')).toBe(3);
    expect(mrzCheckDigit('690806')).toBe(1);
    expect(mrzCheckDigit('940623')).toBe(6);
    expect(mrzCheckDigit('099012345')).toBe(9);
  });
  it('rejects characters outside the MRZ alphabet', () => {
    expect(() => mrzCheckDigit('12a')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('BAC key derivation (Appendix D.2)', () => {
  it('builds MRZ_information and KEnc/KMac', () => {
    expect(mrzInformation(D2)).toBe('L898902C<369080619406236');
    const keys = deriveBacKeys(D2);
    expect(hex(keys.kSeed)).toBe('239AB9CB282DAF66231DC5A4DF6BFBAE');
    expect(hex(keys.kEnc)).toBe('AB94FDECF2674FDFB9B391F85D7F76F2');
    expect(hex(keys.kMac)).toBe('7962D9ECE03D1ACD4C76089DCE131543');
  });

  it('derives the synthetic CCCD key of research §2.1', () => {
    const documentNumber = cccdDocumentNumber('001099012345');
    expect(documentNumber).toBe('099012345');
    expect(cccdCan('001099012345')).toBe('012345');
    const key = { documentNumber, dateOfBirth: '990101', dateOfExpiry: '240101' };
    expect(mrzInformation(key)).toBe('099012345999010182401014');
    const keys = deriveBacKeys(key);
    expect(hex(keys.kSeed)).toBe('199BDFC279ABD7CFCFE64ACA30DBE74B');
    expect(hex(keys.kEnc)).toBe('76A73E1F1ADC04527F0DD9A1DA1FDCDA');
    expect(hex(keys.kMac)).toBe('98921C793D4976DF04C41097E3B5DC58');
  });

  it('rejects malformed input with INVALID_INPUT', () => {
    expect(() => cccdDocumentNumber('12345')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => mrzInformation({ ...D2, dateOfBirth: '1969-08-06' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});

describe('BAC mutual authentication, terminal side (Appendix D.3)', () => {
  const keys = deriveBacKeys(D2);
  it('builds the EXTERNAL AUTHENTICATE data', () => {
    expect(hex(bacAuthenticationData(keys, RND_IC, NONCES))).toBe(
      '72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A7',
    );
  });
  it('checks the chip answer and derives session keys and SSC', () => {
    const session = bacSessionKeys(keys, RND_IC, NONCES, CHIP_ANSWER);
    expect(hex(session.ksEnc)).toBe('979EC13B1CBFE9DCD01AB0FED307EAE5');
    expect(hex(session.ksMac)).toBe('F1CB1F1FB5ADF208806B89DC579DC1F8');
    expect(hex(session.ssc)).toBe('887022120C06C226');
  });
  it('refuses a chip answer with a wrong MAC or other nonces', () => {
    const badMac = CHIP_ANSWER.slice();
    badMac[39] = badMac[39]! ^ 1;
    expect(() => bacSessionKeys(keys, RND_IC, NONCES, badMac)).toThrow(
      expect.objectContaining({ code: 'CARD_ACCESS_DENIED' }),
    );
    const otherNonces = { ...NONCES, rndIfd: fromHex('781723860C06C227') };
    expect(() => bacSessionKeys(keys, RND_IC, otherNonces, CHIP_ANSWER)).toThrow(
      expect.objectContaining({ code: 'CARD_ACCESS_DENIED' }),
    );
    expect(() => bacSessionKeys(keys, RND_IC, NONCES, CHIP_ANSWER.subarray(0, 32))).toThrow(
      expect.objectContaining({ code: 'CARD_PROTOCOL' }),
    );
  });
});
