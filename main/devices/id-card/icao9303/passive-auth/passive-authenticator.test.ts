import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CARD_CITIZENS } from '../../../../../simulators/data/card-citizens.js';
import type { CardCitizen } from '../../../../../simulators/data/card-citizens.js';
import { buildCardFiles } from '../../../../../simulators/cccd-chip/data/card-files-builder.js';
import type {
  CardFiles,
  CardFilesOptions,
} from '../../../../../simulators/cccd-chip/data/card-files-builder.js';
import { createTestPki } from '../../../../../simulators/cccd-chip/data/test-pki.js';
import { verifyPassiveAuth } from './passive-authenticator.js';
import { loadTrustStore } from './trust-store.js';
import type { TrustStore } from './trust-store.js';

const citizen: CardCitizen = CARD_CITIZENS[0]!;
let dir: string;
let store: TrustStore;

function dataGroupsOf(card: CardFiles, numbers = [1, 2, 13, 14, 15]): Map<number, Uint8Array> {
  return new Map(
    numbers.map((dg) => [
      dg,
      card.files.get((0x100 + dg).toString(16).padStart(4, '0').toUpperCase())!,
    ]),
  );
}

async function verify(options: CardFilesOptions = {}, trust: TrustStore = store, now?: Date) {
  const card = await buildCardFiles(citizen, options);
  return verifyPassiveAuth({
    sod: card.files.get('011D')!,
    dataGroups: dataGroupsOf(card),
    trustStore: trust,
    ...(now ? { now } : {}),
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'csca-'));
  const pki = await createTestPki();
  await writeFile(join(dir, 'vn-test-csca.cer'), pki.cscaDer);
  await writeFile(join(dir, 'notes.txt'), 'not a certificate, ignored');
  store = await loadTrustStore(dir);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('verifyPassiveAuth', () => {
  it('verifies hashes, signature and the chain to the CSCA in the trust folder', async () => {
    const report = await verify({}, store, new Date(Date.UTC(2026, 5, 1)));
    expect(report.status).toBe('verified');
    expect(report.hashesVerified).toEqual([1, 2, 13, 14, 15]);
    expect(report.cscaFile).toBe('vn-test-csca.cer');
    expect(report.detail).toContain('DS certificate valid 2021-01-01..2036-01-01');
    expect(report.detail).toContain('CSCA TEST default');
  });

  it('accepts a PEM trust store with several certificates', async () => {
    const pemDir = await mkdtemp(join(tmpdir(), 'csca-pem-'));
    try {
      const other = await createTestPki('other-country');
      const pki = await createTestPki();
      const pem = [other.cscaDer, pki.cscaDer]
        .map(
          (der) =>
            `-----BEGIN CERTIFICATE-----\n${Buffer.from(der)
              .toString('base64')
              .replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----\n`,
        )
        .join('');
      await writeFile(join(pemDir, 'CSCA-LIST.PEM'), pem);
      const pemStore = await loadTrustStore(pemDir);
      expect(pemStore.anchors).toHaveLength(2);
      expect((await verify({}, pemStore)).status).toBe('verified');
    } finally {
      await rm(pemDir, { recursive: true, force: true });
    }
  });

  it('accepts an ICAO CSCA master list (.ml) and reports a broken one', async () => {
    const mlDir = await mkdtemp(join(tmpdir(), 'csca-ml-'));
    try {
      const certs = [
        (await createTestPki('other-country')).cscaDer,
        (await createTestPki()).cscaDer,
      ];
      const list = new asn1js.Sequence({
        value: [
          new asn1js.Integer({ value: 0 }),
          new asn1js.Set({ value: certs.map((d) => asn1js.fromBER(d).result) }),
        ],
      });
      const signedData = new pkijs.SignedData({
        version: 3,
        encapContentInfo: new pkijs.EncapsulatedContentInfo({
          eContentType: '2.23.136.1.1.2',
          eContent: new asn1js.OctetString({ valueHex: list.toBER(false) }),
        }),
        signerInfos: [],
      });
      const ml = new pkijs.ContentInfo({
        contentType: pkijs.ContentInfo.SIGNED_DATA,
        content: signedData.toSchema(true),
      });
      await writeFile(join(mlDir, 'ICAO_ml_test.ml'), new Uint8Array(ml.toSchema().toBER(false)));
      await writeFile(join(mlDir, 'broken.ml'), Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x00));
      const mlStore = await loadTrustStore(mlDir);
      expect(mlStore.anchors.map((a) => a.file)).toEqual(['ICAO_ml_test.ml', 'ICAO_ml_test.ml']);
      expect(mlStore.problems).toHaveLength(1);
      expect(mlStore.problems[0]).toMatch(/^broken\.ml: /);
      const report = await verify({}, mlStore);
      expect(report.status).toBe('verified');
      expect(report.cscaFile).toBe('ICAO_ml_test.ml');
    } finally {
      await rm(mlDir, { recursive: true, force: true });
    }
  });

  it("gives 'untrusted-ca' when no CSCA in the store signs the document signer", async () => {
    const report = await verify({ unknownCsca: true });
    expect(report.status).toBe('untrusted-ca');
    expect(report.signatureVerified).toBe(true);
    expect(report.detail).toContain('no CSCA signs the DS');
  });

  it("gives 'untrusted-ca' and names the problem when the trust folder does not exist", async () => {
    const missing = await loadTrustStore(join(dir, 'nope'));
    const report = await verify({}, missing);
    expect(report.status).toBe('untrusted-ca');
    expect(report.detail).toContain('trust store folder unreadable');
  });

  it.each([1, 2, 13] as const)("gives 'failed' when DG%i was altered after signing", async (dg) => {
    const report = await verify({ tamperDataGroup: dg });
    expect(report.status).toBe('failed');
    expect(report.detail).toContain(`DG${dg} hash mismatch`);
  });

  it("gives 'failed' on a damaged SOD signature, even with a trusted CSCA", async () => {
    const report = await verify({ corruptSignature: true });
    expect(report.status).toBe('failed');
    expect(report.signatureVerified).toBe(false);
    expect(report.detail).toContain('signature');
  });

  it("gives 'failed' when a data group was read that the SOD does not list", async () => {
    const card = await buildCardFiles(citizen);
    const groups = dataGroupsOf(card);
    groups.set(3, Uint8Array.of(0x63, 0x00));
    const report = await verifyPassiveAuth({
      sod: card.files.get('011D')!,
      dataGroups: groups,
      trustStore: store,
    });
    expect(report.status).toBe('failed');
    expect(report.detail).toContain('DG3');
  });

  it("gives 'failed' when no data group was given to check", async () => {
    const card = await buildCardFiles(citizen);
    const report = await verifyPassiveAuth({
      sod: card.files.get('011D')!,
      dataGroups: new Map(),
      trustStore: store,
    });
    expect(report).toMatchObject({
      status: 'failed',
      detail: 'no data group to check against the SOD',
    });
  });

  it("gives 'failed' on an unreadable SOD", async () => {
    const report = await verifyPassiveAuth({
      sod: Uint8Array.of(0x77, 0x03, 0x30, 0x01, 0x00),
      dataGroups: new Map(),
      trustStore: store,
    });
    expect(report.status).toBe('failed');
    expect(report.detail).toMatch(/^SOD unreadable/);
  });

  it('reports an expired document signer certificate without failing', async () => {
    const report = await verify({}, store, new Date(Date.UTC(2037, 0, 1)));
    expect(report.status).toBe('verified');
    expect(report.detail).toContain('DS certificate expired (2021-01-01..2036-01-01)');
  });
});

describe('verifyPassiveAuth with a brainpoolP256r1 PKI (no WebCrypto support: OpenSSL fallback)', () => {
  it('verifies the signature and the chain', async () => {
    const bpDir = await mkdtemp(join(tmpdir(), 'csca-bp-'));
    try {
      const pki = await createTestPki('default', 'brainpoolP256r1');
      await writeFile(join(bpDir, 'bp.crt'), pki.cscaDer);
      const bpStore = await loadTrustStore(bpDir);
      const card = await buildCardFiles(citizen, { curve: 'brainpoolP256r1' });
      const report = await verifyPassiveAuth({
        sod: card.files.get('011D')!,
        dataGroups: dataGroupsOf(card),
        trustStore: bpStore,
      });
      expect(report.status).toBe('verified');
      expect(report.detail).toContain('OpenSSL fallback');
      // The P-256 CSCA does not sign a brainpool DS, and a damaged signature still fails.
      const other = await verifyPassiveAuth({
        sod: card.files.get('011D')!,
        dataGroups: dataGroupsOf(card),
        trustStore: store,
      });
      expect(other.status).toBe('untrusted-ca');
      const bad = await buildCardFiles(citizen, {
        curve: 'brainpoolP256r1',
        corruptSignature: true,
      });
      const badReport = await verifyPassiveAuth({
        sod: bad.files.get('011D')!,
        dataGroups: dataGroupsOf(bad),
        trustStore: bpStore,
      });
      expect(badReport.status).toBe('failed');
      const tampered = await buildCardFiles(citizen, {
        curve: 'brainpoolP256r1',
        tamperDataGroup: 13,
      });
      const tamperedReport = await verifyPassiveAuth({
        sod: tampered.files.get('011D')!,
        dataGroups: dataGroupsOf(tampered),
        trustStore: bpStore,
      });
      expect(tamperedReport.status).toBe('failed');
    } finally {
      await rm(bpDir, { recursive: true, force: true });
    }
  });
});

describe('verifyPassiveAuth on corrupted SODs', () => {
  it('never throws on a corrupted SOD, and reports one of the three statuses', async () => {
    const card = await buildCardFiles(citizen);
    const sod = card.files.get('011D')!;
    const groups = dataGroupsOf(card);
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: sod.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        async (i, x) => {
          const m = sod.slice();
          m[i] = (m[i] ?? 0) ^ x;
          const report = await verifyPassiveAuth({ sod: m, dataGroups: groups, trustStore: store });
          expect(['verified', 'untrusted-ca', 'failed']).toContain(report.status);
          expect(typeof report.detail).toBe('string');
        },
      ),
      { numRuns: 300, seed: 20261128 },
    );
  });
});
