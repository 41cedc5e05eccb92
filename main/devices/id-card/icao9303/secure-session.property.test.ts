import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../common/errors';
import { CccdChipCard } from '../../../../simulators/cccd-chip/card/cccd-chip-card';
import { DirectCardTransceiver } from '../../../../simulators/cccd-chip/card/direct-card-transceiver';
import { randomLdsFiles } from '../../../../simulators/cccd-chip/card/random-lds-files';
import type { ApduTransceiver } from '../apdu-transceiver';
import { openSecureSession, readLdsFiles } from './secure-session';

fc.configureGlobal({ seed: 0x5e55 });

const MRZ = { documentNumber: '185001234', dateOfBirth: '850314', dateOfExpiry: '250314' };
const FILES = randomLdsFiles(3, { '011E': 24, '0101': 93, '010D': 600, '011D': 900 });
const EXPECTED = {
  COM: FILES.get('011E'),
  DG1: FILES.get('0101'),
  DG13: FILES.get('010D'),
  SOD: FILES.get('011D'),
};
const TYPED = [
  'CARD_REMOVED',
  'CARD_SM_MAC_INVALID',
  'CARD_PROTOCOL',
  'CARD_ACCESS_DENIED',
  'CARD_FILE_PROTECTED',
];

type FaultKind = 'drop-command' | 'drop-response' | 'timeout' | 'flip-bit' | 'truncate' | 'garbage';
interface Fault {
  readonly at: number;
  readonly kind: FaultKind;
  readonly position: number;
}

const fault = fc.record({
  at: fc.integer({ min: 1, max: 120 }),
  kind: fc.constantFrom<FaultKind>(
    'drop-command',
    'drop-response',
    'timeout',
    'flip-bit',
    'truncate',
    'garbage',
  ),
  position: fc.nat(),
});

/** A reader link that misbehaves at the scheduled exchanges. */
function faultyLink(
  inner: ApduTransceiver,
  faults: readonly Fault[],
): ApduTransceiver & { count: number } {
  const link = {
    count: 0,
    async transceive(apdu: Uint8Array): Promise<Uint8Array> {
      link.count++;
      if (link.count > 3000) throw new Error('runaway: the engine keeps sending APDUs');
      const f = faults.find((x) => x.at === link.count);
      if (f === undefined) return inner.transceive(apdu);
      switch (f.kind) {
        case 'drop-command':
          throw new AppError('CARD_RF_ERROR', 'lost command');
        case 'timeout':
          throw new AppError('DEVICE_TIMEOUT', 'no answer');
        case 'drop-response':
          await inner.transceive(apdu);
          throw new AppError('CARD_RF_ERROR', 'lost response');
        case 'flip-bit': {
          const r = (await inner.transceive(apdu)).slice();
          const i = f.position % r.length;
          r[i] = r[i]! ^ (1 << (f.position % 8));
          return r;
        }
        case 'truncate': {
          const r = await inner.transceive(apdu);
          return r.subarray(0, f.position % r.length);
        }
        case 'garbage':
          await inner.transceive(apdu);
          return Uint8Array.of(0x87, 0x09, 0x01, f.position & 0xff, 0x90, 0x00);
      }
    },
  };
  return link;
}

describe('openSecureSession + readLdsFiles under injected link faults', () => {
  it('either reads the exact bytes or fails with a typed CARD_* error, never loops', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(fault, { maxLength: 3 }), async (pace, faults) => {
        const card = new CccdChipCard({
          files: FILES,
          mrz: MRZ,
          can: '001234',
          maxReadLength: 0x80,
          ...(pace ? {} : { cardAccess: null }),
        });
        const link = faultyLink(new DirectCardTransceiver(card), faults);
        try {
          const session = await openSecureSession(link, [
            { kind: 'CAN', can: '001234' },
            { kind: 'MRZ', ...MRZ },
          ]);
          expect(await readLdsFiles(session, ['COM', 'DG1', 'DG13', 'SOD'])).toEqual(EXPECTED);
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          expect(TYPED).toContain(err.code);
        }
      }),
      { numRuns: 60 },
    );
  });
});
