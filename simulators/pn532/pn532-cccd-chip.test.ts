import { afterEach, describe, expect, it } from 'vitest';
import { Pn532IdCardReader } from '../../main/devices/id-card/pn532/pn532-id-card-reader.js';
import { cccdCan, cccdDocumentNumber } from '../../main/devices/id-card/icao9303/bac-key.js';
import {
  openSecureSession,
  readLdsFiles,
  type AccessKey,
} from '../../main/devices/id-card/icao9303/secure-session.js';
import { SerialTransport } from '../../main/devices/transport/serial-transport.js';
import { CccdChipCard, type CccdChipCardOptions } from '../cccd-chip/card/cccd-chip-card.js';
import { randomLdsFiles } from '../cccd-chip/card/random-lds-files.js';
import { CARD_CITIZENS } from '../data/card-citizens.js';
import { SOCAT_MISSING_MESSAGE, isSocatAvailable } from '../pty/create-pty-pair.js';
import { startPn532OnPty, type PtyPn532 } from './pn532-simulator-hosts.js';

// The whole stack over a real pty: ICAO 9303 engine → Pn532IdCardReader → serialport → socat →
// Pn532Simulator → the CCCD chip simulator (simulators/cccd-chip).

const socat = isSocatAvailable();
if (!socat) console.warn(SOCAT_MISSING_MESSAGE);

const citizen = CARD_CITIZENS[1] ?? CARD_CITIZENS[0];
if (!citizen) throw new Error('no card citizens');
const yymmdd = (iso: string): string => iso.slice(2).replace(/-/g, '');
const MRZ = {
  documentNumber: cccdDocumentNumber(citizen.idNumber),
  dateOfBirth: yymmdd(citizen.dateOfBirth),
  dateOfExpiry: yymmdd(citizen.expiryDate ?? '2099-12-31'),
};
const CAN = cccdCan(citizen.idNumber);
const CAN_KEY: AccessKey = { kind: 'CAN', can: CAN };
const FILES = randomLdsFiles(7);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(
  card: Partial<CccdChipCardOptions> = {},
): Promise<{ pty: PtyPn532; reader: Pn532IdCardReader }> {
  const pty = await startPn532OnPty();
  cleanups.push(() => pty.close());
  pty.simulator.placeCard(new CccdChipCard({ files: FILES, can: CAN, mrz: MRZ, ...card }));
  const reader = new Pn532IdCardReader(new SerialTransport({ path: pty.path }));
  cleanups.push(() => reader.close());
  await reader.open();
  return { pty, reader };
}

describe.skipIf(!socat)('CCCD chip simulator behind the PN532 simulator over a socat pty', () => {
  it('reads DG1 and a 12 KB DG2 through PACE-CAN', async () => {
    const { pty, reader } = await setup();
    const card = await reader.waitForCard(2_000);
    const session = await openSecureSession(card, CAN_KEY);
    expect(session.access).toBe('PACE');
    const files = await readLdsFiles(session, ['DG1', 'DG2']);
    expect(files.DG1).toEqual(FILES.get('0101'));
    expect(files.DG2).toEqual(FILES.get('0102'));
    expect(pty.simulator.stats.commands).toBeGreaterThan(50);
  });

  it('reads a BAC-only card with the MRZ key', async () => {
    const { reader } = await setup({ cardAccess: null });
    const card = await reader.waitForCard(2_000);
    const session = await openSecureSession(card, { kind: 'MRZ', ...MRZ });
    expect(session.access).toBe('BAC');
    expect((await readLdsFiles(session, ['DG1'])).DG1).toEqual(FILES.get('0101'));
  });

  it('a card that leaves mid-read gives CARD_REMOVED', async () => {
    const { reader } = await setup({ removeAfterApdus: 40 });
    const card = await reader.waitForCard(2_000);
    const session = await openSecureSession(card, CAN_KEY, { apduTimeoutMs: 2_000 });
    await expect(readLdsFiles(session, ['DG2'])).rejects.toMatchObject({ code: 'CARD_REMOVED' });
  });
});
