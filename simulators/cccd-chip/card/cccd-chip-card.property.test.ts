import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex } from '../../../common/hex';
import { D } from '../../../main/devices/id-card/icao9303/icao9303-test-vectors';
import { CccdChipCard } from './cccd-chip-card';
import { randomLdsFiles, seededBytes } from './random-lds-files';

fc.configureGlobal({ seed: 0x9303 });

/** A chip in the Appendix D state: BAC done, 3DES SM running. */
function bacCard(): CccdChipCard {
  const values = [D.rndIc, D.kIc];
  let i = 0;
  const card = new CccdChipCard({
    files: randomLdsFiles(7),
    mrz: D.mrz,
    random: (n) => (i < values.length ? fromHex(values[i++]!) : seededBytes(n)(n)),
  });
  card.transceive(fromHex('00A4040C07A0000002471001'));
  card.transceive(fromHex('0084000008'));
  card.transceive(fromHex(D.externalAuthenticate));
  return card;
}

const apduLike = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc
    .tuple(
      fc.constantFrom(0x00, 0x0c, 0x10, 0x1c, 0x80),
      fc.constantFrom(0xa4, 0xb0, 0xb1, 0x84, 0x82, 0x22, 0x86, 0x2a),
      fc.uint8Array({ minLength: 2, maxLength: 2 }),
      fc.uint8Array({ maxLength: 120 }),
    )
    .map(([cla, ins, p, body]) => Uint8Array.from([cla, ins, ...p, body.length, ...body, 0])),
);

describe('chip simulator robustness', () => {
  it('answers any byte string with a status word, unauthenticated or under SM', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(apduLike, { minLength: 1, maxLength: 6 }),
        (authenticated, apdus) => {
          const card = authenticated
            ? bacCard()
            : new CccdChipCard({ files: randomLdsFiles(7), can: '123456' });
          for (const apdu of apdus) {
            const response = card.transceive(apdu);
            expect(response.length).toBeGreaterThanOrEqual(2);
            const sw1 = response[response.length - 2]!;
            expect([0x90, 0x62, 0x63, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6d, 0x6e]).toContain(sw1);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('ends secure messaging after a bad MAC (6988) and refuses protected files afterwards', () => {
    const card = bacCard();
    const tampered = fromHex(D.secureMessaging[0].command);
    tampered[tampered.length - 2] = tampered[tampered.length - 2]! ^ 1;
    expect(Buffer.from(card.transceive(tampered)).toString('hex')).toBe('6988');
    expect(
      Buffer.from(card.transceive(fromHex(D.secureMessaging[0].command))).toString('hex'),
    ).toBe('6882');
    expect(Buffer.from(card.transceive(fromHex('00A4020C020101'))).toString('hex')).toBe('6982');
  });
});
