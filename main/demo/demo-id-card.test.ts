import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  IcaoCardDocumentInterpreter,
  pn532CardDocumentReader,
} from '../devices/id-card/icao-card-document-reader.js';
import { createTransport } from '../devices/transport/open-transport.js';
import { IdentityService } from '../services/identity/identity-service.js';
import { ScopedLogger } from '../services/log/logger.js';
import { isSocatAvailable } from '../../simulators/pty/create-pty-pair.js';
import { startDemoIdCard, type DemoIdCard } from './demo-id-card.js';

const log = new ScopedLogger(() => undefined);

function serviceFor(demo: DemoIdCard): IdentityService {
  const transport = createTransport(demo.readerUri, { resolveSim: demo.resolveSim });
  return new IdentityService({
    reader: pn532CardDocumentReader(transport),
    interpreter: new IcaoCardDocumentInterpreter(),
    trustDir: demo.trustDir,
    timeouts: { waitForCardMs: 1_000 },
  });
}

async function exercise(demo: DemoIdCard): Promise<void> {
  const service = serviceFor(demo);
  try {
    expect(demo.listProfiles().map((p) => p.id)).toEqual(
      expect.arrayContaining(['thu-ha', 'tampered-dg', 'bac-only', 'removed-mid-read']),
    );
    const profile = demo.profiles.find((p) => p.id === 'van-hung')!;
    await demo.placeCard('van-hung');
    expect(demo.currentProfile).toBe('van-hung');
    const identity = await service.readCard({ key: { kind: 'qr', text: profile.qrText } });
    expect(identity.fullName).toBe('Trần Văn Hưng');
    expect(identity.passiveAuth.status).toBe('verified');
    const tampered = demo.profiles.find((p) => p.id === 'tampered-dg')!;
    await demo.placeCard('tampered-dg');
    const bad = await service.readCard({ key: { kind: 'qr', text: tampered.qrText } });
    expect(bad.passiveAuth.status).toBe(tampered.expected.passiveAuth);
    demo.removeCard();
    expect(demo.currentProfile).toBeUndefined();
    await expect(
      service.readCard({ key: { kind: 'qr', text: profile.qrText } }),
    ).rejects.toMatchObject({ code: 'CARD_NOT_PRESENT' });
    await expect(demo.placeCard('nobody')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  } finally {
    await service.close();
  }
}

describe('startDemoIdCard', () => {
  it('in process: the app reader reads placed cards through sim://pn532', async () => {
    const demo = await startDemoIdCard(log, { transport: 'in-process' });
    try {
      expect(demo.readerUri).toBe('sim://pn532');
      expect(readdirSync(demo.trustDir)).toEqual(['demo-csca.cer']);
      await exercise(demo);
    } finally {
      await demo.stop();
    }
    expect(existsSync(demo.trustDir)).toBe(false);
  });

  it.skipIf(!isSocatAvailable())(
    'over a socat pty: the reader opens a real serial path',
    async () => {
      const demo = await startDemoIdCard(log, { transport: 'pty' });
      try {
        expect(demo.via).toBe('pty');
        expect(demo.readerUri).toMatch(/^serial:\/\/\/dev\/pts\/\d+\?baud=115200$/);
        expect(() => demo.resolveSim('pn532')).toThrow();
        await exercise(demo);
      } finally {
        await demo.stop();
      }
    },
  );
});
