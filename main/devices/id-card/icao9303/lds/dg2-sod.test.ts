import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { fromHex, toHex } from '../../../../../common/hex.js';
import { AppError } from '../../../../../common/errors.js';
import { CARD_CITIZENS } from '../../../../../simulators/data/card-citizens.js';
import { buildCardFiles } from '../../../../../simulators/cccd-chip/data/card-files-builder.js';
import { parseDg2 } from './dg2.js';
import { parseSod } from './sod.js';
import { parseCardAccess, paceInfos, parseDg14 } from './security-infos.js';
import { parseDg15 } from './dg15.js';
import { decodeOid } from './object-identifier.js';

/** DG2 around a 4-byte "image" FF D8 FF D9, every header field written out (ISO 19794-5 §5.4–5.7). */
const TINY_DG2 = fromHex(
  '75 4F 7F61 4C 020101 7F60 46' +
    ' A1 0F 80020101 810102 87020101 88020008' +
    ' 5F2E 32' +
    ' 46414300 30313000 00000032 0001' + // 'FAC\0' '010\0' length 50, one face
    ' 00000024 0000 01 00 00 000000 0000 000000 000000' + // block length 36, no feature points, male
    ' 01 00 0003 0004 03 02 0000 0000' + // frontal, JPEG, 3×4, grey, digital still
    ' FFD8FFD9',
);

function expectTypedError(fn: () => unknown): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('ID_CARD_DATA_INVALID');
  }
}

describe('parseDg2', () => {
  it('walks 7F61 → 7F60 → 5F2E and the facial record down to the image', () => {
    const dg2 = parseDg2(TINY_DG2);
    expect(dg2.images).toHaveLength(1);
    expect(dg2.images[0]).toMatchObject({ mime: 'image/jpeg', width: 3, height: 4 });
    expect(toHex(dg2.images[0]!.bytes, '')).toBe('FFD8FFD9');
  });

  it('rejects a record that is not FAC, an image type that does not match its bytes, a truncated block', () => {
    const notFac = TINY_DG2.slice();
    notFac[toHex(TINY_DG2, '').indexOf('46414300') / 2] = 0x58;
    expect(() => parseDg2(notFac)).toThrow(/FAC/);
    const jp2 = TINY_DG2.slice();
    jp2[TINY_DG2.length - 4 - 11] = 0x01; // image data type JPEG 2000, bytes still JPEG
    expect(() => parseDg2(jp2)).toThrow(/does not match/);
    const longBlock = TINY_DG2.slice();
    longBlock[TINY_DG2.length - 4 - 12 - 20 + 3] = 0x40; // block length 64 > record
    expect(() => parseDg2(longBlock)).toThrow(/does not fit/);
  });

  it('survives random corruption of a real-size DG2 with typed errors only', async () => {
    const dg2 = (await buildCardFiles(CARD_CITIZENS[0]!)).files.get('0102')!;
    const head = dg2.subarray(0, 120);
    fc.assert(
      fc.property(fc.nat({ max: head.length - 1 }), fc.integer({ min: 0, max: 255 }), (i, v) => {
        const m = head.slice();
        m[i] = v;
        expectTypedError(() => parseDg2(m));
      }),
      { numRuns: 1000, seed: 20261128 },
    );
  });
});

describe('SecurityInfos', () => {
  it('decodes OIDs (X.690 §8.19)', () => {
    expect(decodeOid(fromHex('04007F00070202040202'))).toBe('0.4.0.127.0.7.2.2.4.2.2');
    expect(decodeOid(fromHex('2A864886F70D010702'))).toBe('1.2.840.113549.1.7.2');
    expect(() => decodeOid(fromHex('2A86'))).toThrow(/truncated/);
  });

  it('reads the EF.CardAccess hard-coded by Vietnamese apps (research §1.6)', () => {
    const infos = parseCardAccess(
      fromHex(
        '3134300D060804007F0007020202020101300F060A04007F00070202030202020101' +
          '3012060A04007F0007020204020202010202010D',
      ),
    );
    expect(infos.map((i) => [i.name, i.integers])).toEqual([
      ['id-TA', [1]],
      ['id-CA-ECDH-AES-CBC-CMAC-128', [1]],
      ['id-PACE-ECDH-GM-AES-CBC-CMAC-128', [2, 13]],
    ]);
    expect(paceInfos(infos)).toEqual([
      { protocol: '0.4.0.127.0.7.2.2.4.2.2', version: 2, parameterId: 13 },
    ]);
  });

  it('reads DG14 and DG15 as built by the simulator', async () => {
    const card = await buildCardFiles(CARD_CITIZENS[3]!);
    const dg14 = parseDg14(card.files.get('010E')!);
    expect(dg14.securityInfos.map((i) => i.name)).toEqual([
      'id-PACE-ECDH-GM-AES-CBC-CMAC-128',
      'id-CA-ECDH-AES-CBC-CMAC-128',
      'id-PK-ECDH',
    ]);
    const dg15 = parseDg15(card.files.get('010F')!);
    expect(dg15.algorithmName).toBe('id-ecPublicKey');
    expect(() => parseDg15(fromHex('6F 03 30 01 00'))).toThrow(/not a SubjectPublicKeyInfo/);
  });
});

describe('parseSod', () => {
  it('reads the LDSSecurityObject, the hash algorithm and the document signer', async () => {
    const card = await buildCardFiles(CARD_CITIZENS[1]!);
    const sod = parseSod(card.files.get('011D')!);
    expect(sod.ldsSecurityObject.hashAlgorithmName).toBe('SHA-256');
    expect([...sod.ldsSecurityObject.dataGroupHashes.keys()]).toEqual([1, 2, 13, 14, 15]);
    expect(sod.signatureAlgorithm).toBe('1.2.840.10045.4.3.2');
    expect(toHex(sod.documentSignerDer!)).toBe(toHex(card.pki.documentSignerDer));
  });

  it('rejects what is not a SignedData over an LDSSecurityObject', () => {
    expect(() => parseSod(fromHex('77 03 02 01 00'))).toThrow(/not a CMS SignedData/);
    expect(() => parseSod(fromHex('60 00'))).toThrow(/expected tag 77/);
  });

  it('never throws anything but ID_CARD_DATA_INVALID on random or corrupted SODs', async () => {
    const sodBytes = (await buildCardFiles(CARD_CITIZENS[2]!)).files.get('011D')!;
    fc.assert(
      fc.property(
        fc.nat({ max: sodBytes.length - 1 }),
        fc.integer({ min: 0, max: 255 }),
        (i, v) => {
          const m = sodBytes.slice();
          m[i] = v;
          expectTypedError(() => parseSod(m));
        },
      ),
      { numRuns: 500, seed: 20261128 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        expectTypedError(() => parseSod(Uint8Array.of(0x77, 0x81, b.length & 0xff, ...b)));
      }),
      { numRuns: 1000, seed: 20261128 },
    );
    fc.assert(
      fc.property(fc.nat({ max: sodBytes.length }), (n) =>
        expectTypedError(() => parseSod(sodBytes.subarray(0, n))),
      ),
      { numRuns: 300, seed: 20261128 },
    );
  });
});
