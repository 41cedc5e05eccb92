import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../common/errors.js';
import {
  IcaoCardDocumentInterpreter,
  pn532CardDocumentReader,
} from '../../devices/id-card/icao-card-document-reader.js';
import { parseDg2 } from '../../devices/id-card/icao9303/lds/dg2.js';
import { SerialTransport } from '../../devices/transport/serial-transport.js';
import {
  CHIP_PROFILES,
  createProfileCard,
  SMALL_MAX_READ,
  trustedCscaDer,
  type ProfileCard,
} from '../../../simulators/cccd-chip/profiles.js';
import { startPn532OnPty, type PtyPn532 } from '../../../simulators/pn532/pn532-simulator-hosts.js';
import { Pn532Simulator } from '../../../simulators/pn532/pn532-simulator.js';
import {
  createPtyPair,
  isSocatAvailable,
  SOCAT_MISSING_MESSAGE,
} from '../../../simulators/pty/create-pty-pair.js';
import { IdentityService } from './identity-service.js';
import type { IdentityKey } from './identity-key.js';

// IdentityService → IcaoCardDocumentReader → Pn532IdCardReader → serialport on a socat pty →
// Pn532Simulator → CCCD chip simulator with signed files: every layer real, nothing mocked.

const socat = isSocatAvailable();
if (!socat) console.warn(SOCAT_MISSING_MESSAGE);

let pty: PtyPn532;
let service: IdentityService;
let trustDir: string;

beforeAll(async () => {
  if (!socat) return;
  trustDir = mkdtempSync(join(tmpdir(), 'identity-trust-'));
  writeFileSync(join(trustDir, 'csca-test.cer'), await trustedCscaDer());
  pty = await startPn532OnPty({ rfTimeoutMs: 50 });
  const reader = pn532CardDocumentReader(new SerialTransport({ path: pty.path }));
  service = new IdentityService({
    reader,
    interpreter: new IcaoCardDocumentInterpreter(),
    trustDir,
    timeouts: { waitForCardMs: 2_000 },
  });
});

afterAll(async () => {
  if (!socat) return;
  await service.close();
  await pty.close();
  rmSync(trustDir, { recursive: true, force: true });
});

async function place(id: string): Promise<ProfileCard> {
  const card = await createProfileCard(id);
  pty.simulator.placeCard(card.card);
  return card;
}

const qrKey = (card: ProfileCard): IdentityKey => ({ kind: 'qr', text: card.files.qrText });

describe.skipIf(!socat)('IdentityService over a PN532 simulator on a socat pty', () => {
  for (const profile of CHIP_PROFILES.filter((p) => p.expected.error === undefined)) {
    it(`reads profile ${profile.id}: ${profile.expected.access}, passive auth ${profile.expected.passiveAuth}`, async () => {
      const card = await place(profile.id);
      const identity = await service.readCard({ key: qrKey(card) });
      const c = profile.citizen;
      expect(identity.idNumber).toBe(c.idNumber);
      // Diacritics intact, NFC, as on the card.
      expect(identity.fullName).toBe(
        profile.id === 'tampered-dg' ? `${c.fullName} Giả` : c.fullName,
      );
      expect(identity.fullName).toBe(identity.fullName.normalize('NFC'));
      expect(identity.placeOfResidence).toBe(c.placeOfResidence);
      expect(identity.fatherName).toBe(c.fatherName);
      expect(identity.motherName).toBe(c.motherName);
      expect(identity.dateOfBirth).toBe(c.dateOfBirth);
      expect(identity.expiryDate).toBe(c.expiryDate);
      expect(identity.access).toBe(profile.expected.access);
      expect(identity.passiveAuth.status).toBe(profile.expected.passiveAuth);
      const jpeg = parseDg2(card.files.files.get('0102')!).images[0]!.bytes;
      expect(identity.photo).toBeDefined();
      expect(sha256(identity.photo!)).toBe(sha256(jpeg));
      expect([...identity.photo!.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
      expect(service.lastIdentity).toBe(identity);
      expect(service.lastRead?.outcome).toBe('ok');
      expect(service.lastRead?.files.DG2).toBe(card.files.files.get('0102')!.length);
    });
  }

  it('small-max-read: every READ BINARY the chip answered stayed within its limit', async () => {
    const card = await place('small-max-read');
    await service.readCard({ key: qrKey(card) });
    const reads = card.chip.history.filter((c) => c.ins === 0xb0 && c.secure);
    const accepted = reads.filter((c) => c.sw === 0x9000 || c.sw === 0x6282);
    expect(reads.some((c) => c.sw === 0x6700)).toBe(true);
    expect(Math.max(...accepted.map((c) => c.ne))).toBeLessThanOrEqual(SMALL_MAX_READ);
    expect(Math.max(...accepted.map((c) => c.ne))).toBe(0x60);
  });

  it('bac-only: PACE is never attempted, BAC opens with a renewal-age expiry', async () => {
    const card = await place('bac-only');
    const identity = await service.readCard({ key: qrKey(card) });
    expect(identity.access).toBe('BAC');
    expect(card.chip.history.some((c) => c.ins === 0x86)).toBe(false); // no GENERAL AUTHENTICATE
    expect(card.chip.history.some((c) => c.ins === 0x82 && c.sw === 0x9000)).toBe(true);
  });

  it('reads with a typed CAN and with typed MRZ fields', async () => {
    const card = await place('ngoc-anh');
    const viaCan = await service.readCard({ key: { kind: 'can', can: card.files.can } });
    expect(viaCan.fullName).toBe('Phạm Ngọc Ánh');
    await place('bac-only');
    const { documentNumber, dateOfBirth, dateOfExpiry } = (await createProfileCard('bac-only'))
      .files.bac;
    const viaMrz = await service.readCard({
      key: { kind: 'mrz', documentNumber, dateOfBirth, dateOfExpiry },
    });
    expect(viaMrz.access).toBe('BAC');
    expect(viaMrz.fullName).toBe('Nguyễn Thị Thu Hà');
  });

  it('removed-mid-read: a typed CARD_REMOVED error, not a hang', async () => {
    const card = await place('removed-mid-read');
    const started = Date.now();
    const error = await service.readCard({ key: qrKey(card) }).catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'CARD_REMOVED' });
    expect(service.lastRead?.outcome).toMatchObject({ code: 'CARD_REMOVED' });
    // The failing step is DG2, and the identity of an earlier read is not replaced.
    expect(service.lastRead?.steps.at(-1)).toMatchObject({ step: 'read-DG2', ok: false });
    console.info(`removed-mid-read: error after ${elapsed} ms`);
  });

  it('a wrong CAN gives CARD_ACCESS_DENIED; no card gives CARD_NOT_PRESENT', async () => {
    await place('thu-ha');
    await expect(service.readCard({ key: { kind: 'can', can: '000000' } })).rejects.toMatchObject({
      code: 'CARD_ACCESS_DENIED',
    });
    pty.simulator.removeCard();
    await expect(
      service.readCard({ key: { kind: 'can', can: '001234' }, waitForCardMs: 300 }),
    ).rejects.toMatchObject({ code: 'CARD_NOT_PRESENT' });
  });

  it('survives garbage, truncated, corrupted, NACKed and lost frames in the middle of DG2', async () => {
    const card = await place('thu-ha');
    let injected = false;
    const identity = await service.readCard({
      key: qrKey(card),
      onProgress: (p) => {
        if (p.step === 'read-DG2' && (p.bytesRead ?? 0) > 2000 && !injected) {
          injected = true;
          pty.simulator.injectFault({ kind: 'garbage' });
          pty.simulator.injectFault({ kind: 'truncate' });
          pty.simulator.injectFault({ kind: 'corrupt-checksum' });
          pty.simulator.injectFault({ kind: 'nack' });
          pty.simulator.injectFault({ kind: 'silence' });
        }
      },
    });
    expect(injected).toBe(true);
    expect(identity.fullName).toBe('Nguyễn Thị Thu Hà');
    expect(identity.passiveAuth.status).toBe('verified');
    const frames = service.lastRead?.frames ?? [];
    expect(frames.some((f) => f.direction === 'out' && f.kind === 'nack')).toBe(true);
  });

  it('cross-checks the QR against the chip: a warning when the issue date differs', async () => {
    const card = await place('thu-ha');
    await service.readCard({ key: qrKey(card) });
    expect(service.lastRead?.warnings).toEqual([]);
    // Same ID (so the same CAN), another issue date: e.g. the QR of the citizen's previous card.
    const stale = card.files.qrText.replace('|10042021', '|10042016');
    const identity = await service.readCard({ key: { kind: 'qr', text: stale } });
    expect(identity.issueDate).toBe('2021-04-10');
    expect(service.lastRead?.warnings).toEqual(['QR and chip differ on the issue date']);
  });

  it('a bad QR text is refused before touching the reader', async () => {
    await expect(
      service.readCard({ key: { kind: 'qr', text: 'https://example.invalid/x' } }),
    ).rejects.toMatchObject({ code: 'QR_PAYLOAD_INVALID' });
    await expect(service.readCard({ key: { kind: 'can', can: '12ab56' } })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('wipe() drops the identity and the read log', async () => {
    const card = await place('van-hung');
    const identity = await service.readCard({ key: qrKey(card) });
    expect(identity.expiryDate).toBeNull();
    expect(service.lastIdentity?.idNumber).toBe('092058004321');
    expect(service.lastRead?.frames.length).toBeGreaterThan(0);
    service.wipe();
    expect(service.lastIdentity).toBeUndefined();
    expect(service.lastRead).toBeUndefined();
  });

  it('wipe() during a read cancels it and keeps nothing', async () => {
    const card = await place('ngoc-anh');
    const read = service.readCard({
      key: qrKey(card),
      onProgress: (p) => {
        if (p.step === 'read-DG2' && (p.bytesRead ?? 0) > 1000) service.wipe();
      },
    });
    await expect(read).rejects.toMatchObject({ code: 'TIMEOUT', message: 'Card read cancelled' });
    expect(service.lastIdentity).toBeUndefined();
    // The reader is usable again right away.
    await expect(service.readCard({ key: qrKey(card) })).resolves.toMatchObject({
      fullName: 'Phạm Ngọc Ánh',
    });
  });

  it('a second read while one runs is refused with DEVICE_BUSY', async () => {
    const card = await place('thu-ha');
    const first = service.readCard({ key: qrKey(card) });
    await expect(service.readCard({ key: qrKey(card) })).rejects.toMatchObject({
      code: 'DEVICE_BUSY',
    });
    await expect(first).resolves.toMatchObject({ idNumber: '092185001234' });
  });

  it('a step that overruns its timeout ends the read with TIMEOUT', async () => {
    const slow = new IdentityService({
      reader: pn532CardDocumentReader(new SerialTransport({ path: pty.path })),
      interpreter: new IcaoCardDocumentInterpreter(),
      timeouts: { waitForCardMs: 2_000, fileMs: 400 },
    });
    await service.close(); // one driver per port at a time; afterAll closes `slow`
    service = slow;
    // The chip stops answering (a hung card) in the middle of DG2: the reader driver would wait
    // for its own 1.5 s APDU timeout, the step gives up first.
    const card = await createProfileCard('thu-ha');
    pty.simulator.placeCard({
      type: card.card.type,
      uid: card.card.uid,
      present: true,
      transceive: (apdu) => {
        const last = card.chip.history.at(-1);
        const hung = last?.ins === 0xb0 && ((last.p1 << 8) | last.p2) >= 0x1000;
        return hung ? new Promise<Uint8Array>(() => undefined) : card.card.transceive(apdu);
      },
    });
    await expect(slow.readCard({ key: qrKey(card) })).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: expect.stringContaining('read-DG2') as string,
    });
    expect(slow.lastRead?.steps.at(-1)).toMatchObject({ step: 'read-DG2', ok: false });
  });
});

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

describe.skipIf(!socat)('IdentityService when the reader is not there yet', () => {
  it('fails with DEVICE_TIMEOUT, then reads once the reader answers, keeping only the newest frames', async () => {
    const pair = await createPtyPair();
    const deviceSide = new SerialTransport({ path: pair.b });
    const simulator = new Pn532Simulator();
    const slow = new IdentityService({
      reader: pn532CardDocumentReader(new SerialTransport({ path: pair.a })),
      interpreter: new IcaoCardDocumentInterpreter(),
      timeouts: { waitForCardMs: 2_000 },
      maxFrames: 16,
    });
    try {
      const card = await createProfileCard('thu-ha');
      await expect(slow.readCard({ key: qrKey(card) })).rejects.toMatchObject({
        code: 'DEVICE_TIMEOUT',
      });
      await simulator.attach(deviceSide);
      simulator.placeCard(card.card);
      const identity = await slow.readCard({ key: qrKey(card) });
      expect(identity.fullName).toBe('Nguyễn Thị Thu Hà');
      const log = slow.lastRead!;
      expect(log.frames).toHaveLength(16);
      expect(log.framesDropped).toBeGreaterThan(100);
      // The newest frames are kept: the read ends with InRelease (D4 52) and its answer (D5 53).
      expect(log.frames.some((f) => f.hex.includes('D4 52'))).toBe(true);
      expect(log.frames.at(-1)?.hex).toContain('D5 53');
    } finally {
      await slow.close();
      simulator.detach();
      await deviceSide.close();
      await pair.close();
    }
  });
});
