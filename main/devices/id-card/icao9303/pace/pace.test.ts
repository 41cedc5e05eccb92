import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../../../common/hex';
import type { ApduTransceiver } from '../../apdu-transceiver';
import { cccdCan } from '../bac-key';
import { CCCD_CARD_ACCESS, parseCardAccess } from './card-access';
import { performPace } from './pace';
import {
  authenticationToken,
  decodePoint,
  decryptNonce,
  mapGenerator,
  pacePasswordKey,
  paceSessionKeys,
  sharedSecret,
} from './pace-crypto';
import { bytesToBigInt, paceCurve } from './pace-curves';
import { G1, G1_TRANSCRIPT } from '../icao9303-test-vectors';

const hex = (b: Uint8Array): string => toHex(b, '');
const curve = paceCurve(13)!;
const big = (h: string): bigint => bytesToBigInt(fromHex(h));

/** Replays a fixed exchange and fails on the first command byte that differs. */
class ScriptedTransceiver implements ApduTransceiver {
  readonly sent: string[] = [];
  constructor(private readonly script: readonly { command: string; response: string }[]) {}
  transceive(apdu: Uint8Array): Promise<Uint8Array> {
    const step = this.script[this.sent.length];
    this.sent.push(hex(apdu));
    if (step === undefined) return Promise.reject(new Error('Script exhausted'));
    expect(hex(apdu)).toBe(step.command);
    return Promise.resolve(fromHex(step.response));
  }
}

function replay(values: readonly string[]): (n: number) => Uint8Array {
  let i = 0;
  return (n) => {
    const v = fromHex(values[i++] ?? '');
    expect(v.length).toBe(n);
    return v;
  };
}

describe('EF.CardAccess', () => {
  it('finds PACE-ECDH-GM-AES-128 with brainpoolP256r1 in the CCCD CardAccess', () => {
    const access = parseCardAccess(CCCD_CARD_ACCESS);
    expect(access.pace).toHaveLength(1);
    expect(access.pace[0]).toMatchObject({
      oid: '0.4.0.127.0.7.2.2.4.2.2',
      version: 2,
      parameterId: 13,
      agreement: 'ECDH',
      mapping: 'GM',
      cipher: 'AES-128',
    });
    expect(hex(access.pace[0]!.oidBytes)).toBe(G1.oid);
    expect(access.otherProtocols).toEqual(['0.4.0.127.0.7.2.2.2', '0.4.0.127.0.7.2.2.3.2.2']);
  });
  it('rejects a file that is not a SET of SecurityInfos with CARD_PROTOCOL', () => {
    for (const bad of ['3000FF', '30020500', '31023000', '310430020201', '']) {
      expect(() => parseCardAccess(fromHex(bad))).toThrow(
        expect.objectContaining({ code: 'CARD_PROTOCOL' }),
      );
    }
  });
});

describe('PACE primitives against ICAO 9303-11 Appendix G.1', () => {
  it('derives K_π from the MRZ and decrypts the nonce', () => {
    const kPi = pacePasswordKey({ kind: 'MRZ', mrz: G1.mrz }, 'AES-128');
    expect(hex(kPi)).toBe(G1.kPi);
    expect(hex(decryptNonce(kPi, fromHex(G1.z), 'AES-128'))).toBe(G1.s);
  });
  it('derives K_π from the synthetic CCCD CAN of research §2.1', () => {
    const can = cccdCan('001099012345');
    expect(hex(pacePasswordKey({ kind: 'CAN', can }, 'AES-128'))).toBe(
      '5E5CD537047973C8F8BFDEA168324EC0',
    );
  });
  it('maps the generator, agrees on the secret and derives keys and tokens', () => {
    expect(curve.Point.BASE.multiply(big(G1.skMapIfd)).toHex(false).toUpperCase()).toBe(
      G1.pkMapIfd,
    );
    expect(curve.Point.BASE.multiply(big(G1.skMapIc)).toHex(false).toUpperCase()).toBe(G1.pkMapIc);
    const pkMapIc = decodePoint(curve, fromHex(G1.pkMapIc));
    expect(pkMapIc.multiply(big(G1.skMapIfd)).toHex(false).toUpperCase()).toBe(G1.h);
    const g = mapGenerator(curve, fromHex(G1.s), big(G1.skMapIfd), pkMapIc);
    expect(g.toHex(false).toUpperCase()).toBe(G1.mappedG);
    expect(g.multiply(big(G1.skDhIfd)).toHex(false).toUpperCase()).toBe(G1.pkDhIfd);
    expect(g.multiply(big(G1.skDhIc)).toHex(false).toUpperCase()).toBe(G1.pkDhIc);
    const secret = sharedSecret(curve, big(G1.skDhIfd), decodePoint(curve, fromHex(G1.pkDhIc)));
    expect(hex(secret)).toBe(G1.secret);
    const keys = paceSessionKeys(secret, 'AES-128');
    expect(hex(keys.ksEnc)).toBe(G1.ksEnc);
    expect(hex(keys.ksMac)).toBe(G1.ksMac);
    expect(
      hex(authenticationToken('AES-128', keys.ksMac, fromHex(G1.oid), fromHex(G1.pkDhIc))),
    ).toBe(G1.tIfd);
    expect(
      hex(authenticationToken('AES-128', keys.ksMac, fromHex(G1.oid), fromHex(G1.pkDhIfd))),
    ).toBe(G1.tIc);
  });
  it('rejects points off the curve', () => {
    const off = fromHex(G1.pkMapIc);
    off[64] = off[64]! ^ 1;
    expect(() => decodePoint(curve, off)).toThrow(
      expect.objectContaining({ code: 'CARD_PROTOCOL' }),
    );
    expect(() => decodePoint(curve, fromHex('02' + G1.secret))).toThrow(
      expect.objectContaining({ code: 'CARD_PROTOCOL' }),
    );
  });
});

describe('performPace, terminal side, replaying the G.1 APDUs', () => {
  const info = parseCardAccess(CCCD_CARD_ACCESS).pace[0]!;

  it('sends the G.1 commands byte for byte and ends in AES secure messaging at SSC 0', async () => {
    const t = new ScriptedTransceiver(G1_TRANSCRIPT);
    const sm = await performPace(t, { kind: 'MRZ', mrz: G1.mrz }, info, {
      random: replay([G1.skMapIfd, G1.skDhIfd]),
    });
    expect(t.sent).toHaveLength(5);
    expect(sm.cipher).toBe('AES');
    expect(hex(sm.sendSequenceCounter)).toBe('00'.repeat(16));
    const select = sm.protect({
      cla: 0,
      ins: 0xa4,
      p1: 4,
      p2: 0x0c,
      data: fromHex('A0000002471001'),
    });
    expect(hex(select)).toBe(
      '0CA4040C1D871101752F676B09FAC86A87D632749A49C7CC8E08C18BA1FCE707BD9F00',
    );
  });

  it('refuses a wrong chip token with CARD_ACCESS_DENIED', async () => {
    const script = G1_TRANSCRIPT.map((s, i) =>
      i === 4 ? { ...s, response: `7C0A8608${'00'.repeat(8)}9000` } : s,
    );
    await expect(
      performPace(new ScriptedTransceiver(script), { kind: 'MRZ', mrz: G1.mrz }, info, {
        random: replay([G1.skMapIfd, G1.skDhIfd]),
      }),
    ).rejects.toMatchObject({ code: 'CARD_ACCESS_DENIED' });
  });

  it('maps the chip refusing our token (6300) to CARD_ACCESS_DENIED', async () => {
    const script = G1_TRANSCRIPT.map((s, i) => (i === 4 ? { ...s, response: '6300' } : s));
    await expect(
      performPace(new ScriptedTransceiver(script), { kind: 'MRZ', mrz: G1.mrz }, info, {
        random: replay([G1.skMapIfd, G1.skDhIfd]),
      }),
    ).rejects.toMatchObject({ code: 'CARD_ACCESS_DENIED' });
  });

  it('reports a refused MSE:Set AT as CARD_PROTOCOL', async () => {
    const script = [{ command: G1_TRANSCRIPT[0]!.command, response: '6A80' }];
    await expect(
      performPace(new ScriptedTransceiver(script), { kind: 'MRZ', mrz: G1.mrz }, info),
    ).rejects.toMatchObject({ code: 'CARD_PROTOCOL' });
  });
});
