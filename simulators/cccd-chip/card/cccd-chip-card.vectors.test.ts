import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../common/hex';
import {
  AES_SM,
  D,
  G1,
  G1_TRANSCRIPT,
} from '../../../main/devices/id-card/icao9303/icao9303-test-vectors';
import { CccdChipCard } from './cccd-chip-card';

// The chip simulator on its own against ICAO 9303-11 Appendices D and G.1: the commands are the
// published bytes, not produced by our reader, so a reader bug cannot make these pass.

const hex = (b: Uint8Array): string => toHex(b, '');

function replay(values: readonly string[]): (n: number) => Uint8Array {
  let i = 0;
  return (n) => {
    const value = fromHex(values[i++] ?? '');
    expect(value.length).toBe(n);
    return value;
  };
}

function send(card: CccdChipCard, command: string): string {
  return hex(card.transceive(fromHex(command)));
}

describe('chip side of BAC and 3DES secure messaging (Appendix D)', () => {
  it('answers the D.3 mutual authentication and the D.4 protected APDUs byte for byte', () => {
    const card = new CccdChipCard({
      files: new Map([['011E', fromHex(D.efCom)]]),
      cardAccess: null,
      mrz: D.mrz,
      random: replay([D.rndIc, D.kIc]),
    });
    expect(send(card, '00A4040C07A0000002471001')).toBe('9000');
    expect(send(card, '0084000008')).toBe(`${D.rndIc}9000`);
    expect(send(card, D.externalAuthenticate)).toBe(`${D.externalAuthenticateResponse}9000`);
    for (const step of D.secureMessaging) {
      expect(send(card, step.command)).toBe(step.response);
    }
  });

  it('refuses EXTERNAL AUTHENTICATE with a wrong key (6300) and without a challenge (6985)', () => {
    const card = new CccdChipCard({
      files: new Map(),
      cardAccess: null,
      mrz: { ...D.mrz, dateOfExpiry: '940624' },
      random: replay([D.rndIc]),
    });
    send(card, '00A4040C07A0000002471001');
    expect(send(card, D.externalAuthenticate)).toBe('6985');
    expect(send(card, '0084000008')).toBe(`${D.rndIc}9000`);
    expect(send(card, D.externalAuthenticate)).toBe('6300');
  });
});

describe('chip side of PACE ECDH-GM brainpoolP256r1 (Appendix G.1)', () => {
  function g1Card(): CccdChipCard {
    return new CccdChipCard({
      files: new Map(),
      mrz: G1.mrz,
      random: replay([G1.s, G1.skMapIc, G1.skDhIc]),
    });
  }

  it('answers every G.1 command with the published response, then speaks AES SM', () => {
    const card = g1Card();
    for (const step of G1_TRANSCRIPT) expect(send(card, step.command)).toBe(step.response);
    expect(send(card, AES_SM.command)).toBe(AES_SM.response);
  });

  it('accepts MSE:Set AT without the optional parameter ID', () => {
    const card = g1Card();
    expect(send(card, '0022C1A40F800A04007F00070202040202830101')).toBe('9000');
    for (const step of G1_TRANSCRIPT.slice(1)) expect(send(card, step.command)).toBe(step.response);
  });

  it('refuses a wrong terminal token with 6300 and no SM session', () => {
    const card = g1Card();
    for (const step of G1_TRANSCRIPT.slice(0, 4)) send(card, step.command);
    expect(send(card, `008600000C7C0A8508${'11'.repeat(8)}00`)).toBe('6300');
    expect(send(card, AES_SM.command)).toBe('6882');
  });

  it('refuses an unknown PACE OID, a missing password and out-of-order steps', () => {
    const card = new CccdChipCard({ files: new Map(), can: '123456' });
    expect(send(card, '0022C1A40F800A04007F00070202040204830102')).toBe('6A80');
    expect(send(card, '0022C1A40F800A04007F00070202040202830101')).toBe('6A88');
    expect(send(card, '10860000027C0000')).toBe('6985');
    expect(send(card, '0022C1A40F800A04007F00070202040202830102')).toBe('9000');
    expect(send(card, `10860000457C438341${G1.pkDhIfd}00`)).toBe('6A80');
  });
});
