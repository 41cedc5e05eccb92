import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../common/errors';
import { fromHex, toHex } from '../../../../common/hex';
import { CARD_CITIZENS } from '../../../../simulators/data/card-citizens';
import {
  CccdChipCard,
  type CccdChipCardOptions,
} from '../../../../simulators/cccd-chip/card/cccd-chip-card';
import { DirectCardTransceiver } from '../../../../simulators/cccd-chip/card/direct-card-transceiver';
import { randomLdsFiles } from '../../../../simulators/cccd-chip/card/random-lds-files';
import type { ApduTransceiver } from '../apdu-transceiver';
import { bacExpiryCandidates } from './bac-expiry-candidates';
import { cccdCan, cccdDocumentNumber } from './bac-key';
import { openSecureSession, readLdsFiles, type AccessKey } from './secure-session';

// Reader (this folder) against the independent chip simulator, in process.

const citizen = CARD_CITIZENS[0]!; // fictional
const yymmdd = (iso: string): string => iso.slice(2).replace(/-/g, '');
const MRZ = {
  documentNumber: cccdDocumentNumber(citizen.idNumber),
  dateOfBirth: yymmdd(citizen.dateOfBirth),
  dateOfExpiry: yymmdd(citizen.expiryDate ?? '2099-12-31'),
};
const CAN = cccdCan(citizen.idNumber);
const CAN_KEY: AccessKey = { kind: 'CAN', can: CAN };
const MRZ_KEY: AccessKey = { kind: 'MRZ', ...MRZ };
const FILES = randomLdsFiles(42);

function makeCard(overrides: Partial<CccdChipCardOptions> = {}): CccdChipCard {
  return new CccdChipCard({ files: FILES, can: CAN, mrz: MRZ, ...overrides });
}

const EXPECTED = {
  COM: FILES.get('011E'),
  DG1: FILES.get('0101'),
  DG2: FILES.get('0102'),
  DG13: FILES.get('010D'),
  DG14: FILES.get('010E'),
  DG15: FILES.get('010F'),
  SOD: FILES.get('011D'),
};

/** Passes APDUs through, letting a test corrupt or drop one exchange. */
class FaultyTransceiver implements ApduTransceiver {
  count = 0;
  constructor(
    private readonly inner: ApduTransceiver,
    private readonly fault: (
      n: number,
      apdu: Uint8Array,
      forward: () => Promise<Uint8Array>,
    ) => Promise<Uint8Array>,
  ) {}
  transceive(apdu: Uint8Array): Promise<Uint8Array> {
    this.count++;
    return this.fault(this.count, apdu, () => this.inner.transceive(apdu));
  }
}

describe('openSecureSession + readLdsFiles against the CCCD chip simulator', () => {
  it('reads every file through PACE-CAN and AES secure messaging', async () => {
    const card = makeCard();
    const session = await openSecureSession(new DirectCardTransceiver(card), CAN_KEY);
    expect(session.access).toBe('PACE');
    expect(await readLdsFiles(session)).toEqual(EXPECTED);
    const reads = card.history.filter((c) => c.ins === 0xb0 && c.secure);
    expect(reads.length).toBeGreaterThan(50);
    expect(Math.max(...reads.map((c) => c.ne))).toBe(0xdf);
    // Never SELECT MF: the CCCD answers it with 6D00.
    expect(card.history.some((c) => c.ins === 0xa4 && c.p1 === 0x00)).toBe(false);
    expect(card.history.some((c) => c.ins === 0x86)).toBe(true);
  });

  it('runs PACE on NIST P-256 (parameter 12) when EF.CardAccess says so', async () => {
    const cardAccess = fromHex('3114 3012 060A04007F00070202040202 020102 02010C');
    const card = makeCard({ cardAccess });
    const session = await openSecureSession(new DirectCardTransceiver(card), CAN_KEY);
    expect(session.access).toBe('PACE');
    expect(await readLdsFiles(session, ['DG1'])).toEqual({ DG1: EXPECTED.DG1 });
    const mse = card.history.find((c) => c.ins === 0x22);
    expect(mse?.sw).toBe(0x9000);
  });

  it('reads a BAC-only card, trying the expiry candidates in order', async () => {
    const card = makeCard({ cardAccess: null });
    const candidates = bacExpiryCandidates({
      dateOfBirth: citizen.dateOfBirth,
      issueDate: citizen.issueDate,
    });
    const keys: AccessKey[] = [
      CAN_KEY,
      { kind: 'MRZ', ...MRZ, dateOfExpiry: '991231' },
      ...candidates.map((dateOfExpiry): AccessKey => ({ kind: 'MRZ', ...MRZ, dateOfExpiry })),
    ];
    const session = await openSecureSession(new DirectCardTransceiver(card), keys);
    expect(session.access).toBe('BAC');
    expect(session.key).toEqual(MRZ_KEY);
    expect(await readLdsFiles(session, ['DG1', 'DG13'])).toEqual({
      DG1: EXPECTED.DG1,
      DG13: EXPECTED.DG13,
    });
    expect(card.history.filter((c) => c.ins === 0x82).map((c) => c.sw)).toEqual([0x6300, 0x9000]);
  });

  it('falls back from a wrong CAN to PACE with the MRZ', async () => {
    const card = makeCard();
    const session = await openSecureSession(new DirectCardTransceiver(card), [
      { kind: 'CAN', can: '000000' },
      MRZ_KEY,
    ]);
    expect(session.access).toBe('PACE');
    expect(session.key).toEqual(MRZ_KEY);
  });

  it('says CARD_ACCESS_DENIED for a wrong CAN or a wrong MRZ', async () => {
    await expect(
      openSecureSession(new DirectCardTransceiver(makeCard()), { kind: 'CAN', can: '999999' }),
    ).rejects.toMatchObject({ code: 'CARD_ACCESS_DENIED' });
    await expect(
      openSecureSession(new DirectCardTransceiver(makeCard({ cardAccess: null })), {
        ...MRZ_KEY,
        dateOfBirth: '850315',
      }),
    ).rejects.toMatchObject({ code: 'CARD_ACCESS_DENIED' });
    await expect(
      openSecureSession(new DirectCardTransceiver(makeCard({ cardAccess: null })), CAN_KEY),
    ).rejects.toMatchObject({
      code: 'CARD_ACCESS_DENIED',
      message: expect.stringContaining('no PACE') as string,
    });
  });

  it('steps the READ BINARY length down on 6700 and keeps the size that works', async () => {
    const card = makeCard({ maxReadLength: 100 });
    const session = await openSecureSession(new DirectCardTransceiver(card), CAN_KEY);
    expect(await readLdsFiles(session, ['DG2', 'SOD'])).toEqual({
      DG2: EXPECTED.DG2,
      SOD: EXPECTED.SOD,
    });
    const reads = card.history.filter((c) => c.ins === 0xb0 && c.secure);
    expect(reads.filter((c) => c.sw === 0x6700).map((c) => c.ne)).toEqual([0xdf, 0xa0, 0x80]);
    const firstGood = reads.findIndex((c) => c.sw === 0x9000 && c.ne > 8);
    expect(reads.slice(firstGood).every((c) => c.ne <= 0x60)).toBe(true);
  });

  it('opens with the expected plain APDUs on the wire (golden bytes)', async () => {
    const wire = async (card: CccdChipCard, key: AccessKey): Promise<string[]> => {
      const sent: string[] = [];
      const direct = new DirectCardTransceiver(card);
      await openSecureSession(
        {
          transceive: (apdu) => {
            sent.push(toHex(apdu, ''));
            return direct.transceive(apdu);
          },
        },
        key,
      );
      return sent;
    };
    expect((await wire(makeCard(), CAN_KEY)).slice(0, 5)).toEqual([
      '00A4020C02011C', // SELECT EF.CardAccess (no SELECT MF)
      '00B0000008', // TLV header probe
      '00B000082E', // the remaining 46 bytes
      '0022C1A412800A04007F0007020204020283010284010D', // MSE:Set AT, CAN, brainpoolP256r1
      '10860000027C0000', // GENERAL AUTHENTICATE: encrypted nonce
    ]);
    const bac = await wire(makeCard({ cardAccess: null }), MRZ_KEY);
    expect(bac.slice(0, 3)).toEqual(['00A4020C02011C', '00A4040C07A0000002471001', '0084000008']);
    expect(bac[3]).toMatch(/^0082000028[0-9A-F]{80}28$/);
  });

  it('passes the per-APDU timeout to every exchange', async () => {
    const card = makeCard();
    const direct = new DirectCardTransceiver(card);
    const timeouts = new Set<number | undefined>();
    const recording: ApduTransceiver = {
      transceive: (apdu, timeoutMs) => {
        timeouts.add(timeoutMs);
        return direct.transceive(apdu);
      },
    };
    const session = await openSecureSession(recording, CAN_KEY, { apduTimeoutMs: 1234 });
    await readLdsFiles(session, ['COM']);
    expect([...timeouts]).toEqual([1234]);
  });

  it('leaves out files the chip does not have', async () => {
    const files = new Map(FILES);
    files.delete('010E');
    files.delete('010F');
    const session = await openSecureSession(
      new DirectCardTransceiver(makeCard({ files })),
      CAN_KEY,
    );
    const read = await readLdsFiles(session);
    expect(Object.keys(read).sort()).toEqual(['COM', 'DG1', 'DG13', 'DG2', 'SOD']);
  });

  it('re-authenticates after a chip ends SM with a bare 6A82 and reads the next files', async () => {
    const files = new Map(FILES);
    files.delete('010E');
    const card = makeCard({ files, plainErrorsUnderSm: true });
    const session = await openSecureSession(new DirectCardTransceiver(card), CAN_KEY);
    const read = await readLdsFiles(session, ['DG13', 'DG14', 'DG15', 'SOD']);
    expect(read).toEqual({ DG13: EXPECTED.DG13, DG15: EXPECTED.DG15, SOD: EXPECTED.SOD });
    expect(card.history.filter((c) => c.ins === 0x22).length).toBe(2);
  });

  it('starts over once when the reader fails during access control', async () => {
    const card = makeCard();
    const lines: string[] = [];
    const glitchy = new FaultyTransceiver(new DirectCardTransceiver(card), (n, _apdu, forward) =>
      n === 6 ? Promise.reject(new AppError('DEVICE_TIMEOUT', 'slow reader')) : forward(),
    );
    const session = await openSecureSession(glitchy, CAN_KEY, { log: (l) => lines.push(l) });
    expect(session.access).toBe('PACE');
    expect(lines.some((l) => l.includes('starting over'))).toBe(true);
    // The technician log never carries key material or ID digits.
    expect(lines.join('\n')).not.toContain(CAN);
    expect(lines.join('\n')).not.toContain(MRZ.documentNumber);
  });

  it('gives CARD_REMOVED when the card leaves mid-read', async () => {
    const card = makeCard({ removeAfterApdus: 40 });
    const session = await openSecureSession(new DirectCardTransceiver(card), CAN_KEY);
    await expect(readLdsFiles(session)).rejects.toMatchObject({ code: 'CARD_REMOVED' });
  });

  it('gives CARD_REMOVED when the reader only times out after the card left', async () => {
    const card = makeCard({ removeAfterApdus: 30 });
    const timeouts = new FaultyTransceiver(new DirectCardTransceiver(card), (_n, _apdu, forward) =>
      card.present ? forward() : Promise.reject(new AppError('DEVICE_TIMEOUT', 'no answer')),
    );
    const session = await openSecureSession(timeouts, CAN_KEY);
    const before = timeouts.count;
    await expect(readLdsFiles(session)).rejects.toMatchObject({ code: 'CARD_REMOVED' });
    // One recovery attempt, not a retry loop.
    expect(timeouts.count - before).toBeLessThan(40);
  });

  it('recovers from a lost exchange by re-authenticating and resumes at the offset', async () => {
    for (const mode of ['lost-command', 'lost-response'] as const) {
      const card = makeCard();
      const glitchy = new FaultyTransceiver(
        new DirectCardTransceiver(card),
        async (n, _apdu, forward) => {
          if (n !== 25) return forward();
          if (mode === 'lost-response') await forward();
          throw new AppError('CARD_RF_ERROR', 'RF glitch');
        },
      );
      const session = await openSecureSession(glitchy, CAN_KEY);
      expect(await readLdsFiles(session)).toEqual(EXPECTED);
      expect(card.history.filter((c) => c.ins === 0x22).length).toBe(2);
    }
  });

  it('rejects a tampered response MAC or cryptogram with CARD_SM_MAC_INVALID', async () => {
    for (const position of ['mac', 'cryptogram'] as const) {
      const card = makeCard();
      let armed = false;
      const tamper = new FaultyTransceiver(
        new DirectCardTransceiver(card),
        async (_n, _apdu, forward) => {
          const response = await forward();
          if (!armed || response.length < 40) return response;
          const copy = response.slice();
          const index = position === 'mac' ? copy.length - 3 : 5;
          copy[index] = copy[index]! ^ 0x01;
          return copy;
        },
      );
      const session = await openSecureSession(tamper, CAN_KEY);
      armed = true;
      await expect(readLdsFiles(session, ['DG2'])).rejects.toMatchObject({
        code: 'CARD_SM_MAC_INVALID',
      });
    }
  });

  it('passes CARD_REMOVED straight through when the card is absent from the start', async () => {
    const card = makeCard();
    card.remove();
    await expect(openSecureSession(new DirectCardTransceiver(card), CAN_KEY)).rejects.toMatchObject(
      {
        code: 'CARD_REMOVED',
      },
    );
  });
});
