import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseMrz } from 'mrz';
import { CARD_CITIZENS } from '../../data/card-citizens.js';
import { buildCardFiles, cccdQrText } from './card-files-builder.js';
import { createTestPki } from './test-pki.js';
import { parseDg1 } from '../../../main/devices/id-card/icao9303/lds/dg1.js';
import { parseDg2 } from '../../../main/devices/id-card/icao9303/lds/dg2.js';
import { parseDg13 } from '../../../main/devices/id-card/icao9303/lds/dg13.js';
import {
  paceInfos,
  parseCardAccess,
  parseDg14,
} from '../../../main/devices/id-card/icao9303/lds/security-infos.js';
import { parseDg15 } from '../../../main/devices/id-card/icao9303/lds/dg15.js';
import { parseEfCom } from '../../../main/devices/id-card/icao9303/lds/ef-com.js';
import { parseSod } from '../../../main/devices/id-card/icao9303/lds/sod.js';
import { loadTrustStore } from '../../../main/devices/id-card/icao9303/passive-auth/trust-store.js';
import type { TrustStore } from '../../../main/devices/id-card/icao9303/passive-auth/trust-store.js';
import { verifyPassiveAuth } from '../../../main/devices/id-card/icao9303/passive-auth/passive-authenticator.js';
import { toCitizenIdentity } from '../../../main/devices/id-card/citizen-identity-mapper.js';
import { parseCccdQr } from '../../../common/qr/cccd-qr.js';
import { toHex } from '../../../common/hex.js';

let dir: string;
let store: TrustStore;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'csca-'));
  await writeFile(join(dir, 'csca.der'), (await createTestPki()).cscaDer);
  store = await loadTrustStore(dir);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('buildCardFiles → LDS parsers → passive auth → CitizenIdentity', () => {
  it.each(CARD_CITIZENS.map((c) => [c.profileId, c] as const))(
    'round-trips %s',
    async (_id, citizen) => {
      const card = await buildCardFiles(citizen);
      const file = (fid: string): Uint8Array => {
        const bytes = card.files.get(fid);
        if (!bytes) throw new Error(`no file ${fid}`);
        return bytes;
      };
      expect([...card.files.keys()].sort()).toEqual([
        '0101',
        '0102',
        '010D',
        '010E',
        '010F',
        '011C',
        '011D',
        '011E',
      ]);
      expect(parseEfCom(file('011E')).dataGroups).toEqual([1, 2, 13, 14, 15]);
      const dg1 = parseDg1(file('0101'));
      const dg2 = parseDg2(file('0102'));
      const dg13 = parseDg13(file('010D'));
      const groups = new Map(
        [1, 2, 13, 14, 15].map((dg) => [
          dg,
          file((0x100 + dg).toString(16).padStart(4, '0').toUpperCase()),
        ]),
      );
      const passiveAuth = await verifyPassiveAuth({
        sod: file('011D'),
        dataGroups: groups,
        trustStore: store,
      });
      expect(passiveAuth.status).toBe('verified');
      const identity = toCitizenIdentity({ dg1, dg2, dg13, passiveAuth, access: 'PACE' });
      expect(identity).toEqual({
        idNumber: citizen.idNumber,
        fullName: citizen.fullName,
        dateOfBirth: citizen.dateOfBirth,
        sex: citizen.sex,
        nationality: 'Việt Nam',
        ethnicity: citizen.ethnicity,
        religion: citizen.religion,
        placeOfOrigin: citizen.placeOfOrigin,
        placeOfResidence: citizen.placeOfResidence,
        identifyingMarks: citizen.identifyingMarks,
        issueDate: citizen.issueDate,
        expiryDate: citizen.expiryDate,
        fatherName: citizen.fatherName,
        motherName: citizen.motherName,
        ...(citizen.spouseName !== undefined ? { spouseName: citizen.spouseName } : {}),
        ...(citizen.oldIdNumber !== undefined ? { oldIdNumber: citizen.oldIdNumber } : {}),
        photo: dg2.images[0]?.bytes,
        passiveAuth: { status: 'verified', detail: passiveAuth.detail },
        access: 'PACE',
      });
      expect(identity.fullName.normalize('NFC')).toBe(identity.fullName);
      // The CAN, the BAC inputs and the QR agree with the card.
      expect(card.can).toBe(citizen.idNumber.slice(6));
      expect(card.bac.documentNumber).toBe(citizen.idNumber.slice(3));
      expect(card.bac.dateOfExpiry).toBe(citizen.expiryDate === null ? '991231' : dg1.dateOfExpiry);
      const qr = parseCccdQr(card.qrText);
      expect(qr.ok && qr.value.idNumber).toBe(citizen.idNumber);
      expect(qr.ok && qr.value.fullName).toBe(citizen.fullName);
    },
  );

  it('writes an MRZ that an independent MRZ library accepts', async () => {
    for (const citizen of CARD_CITIZENS) {
      const { mrzLines } = await buildCardFiles(citizen);
      const result = parseMrz([...mrzLines]);
      expect(result.format).toBe('TD1');
      expect(result.valid).toBe(true);
      expect(result.fields.documentNumber).toBe(citizen.idNumber.slice(3));
    }
  });

  it('writes EF.CardAccess with the CCCD PACE info: ECDH-GM-AES-128, brainpoolP256r1 (13)', async () => {
    const card = await buildCardFiles(CARD_CITIZENS[1]!);
    // research §1.6, as read from CCCDs
    expect(toHex(card.cardAccess, '')).toBe(
      '3134300D060804007F0007020202020101300F060A04007F00070202030202020101' +
        '3012060A04007F0007020204020202010202010D',
    );
    expect(paceInfos(parseCardAccess(card.cardAccess))).toEqual([
      { protocol: '0.4.0.127.0.7.2.2.4.2.2', version: 2, parameterId: 13 },
    ]);
    expect(paceInfos(parseDg14(card.files.get('010E')!).securityInfos)[0]?.parameterId).toBe(13);
    expect(parseDg15(card.files.get('010F')!).curveName).toBe('prime256v1');
  });

  it('writes a DG2 with a JPEG of about 15 KB and a valid JPEG marker structure', async () => {
    const card = await buildCardFiles(CARD_CITIZENS[2]!);
    const dg2 = card.files.get('0102')!;
    expect(dg2.length).toBeGreaterThan(14_000);
    const [image] = parseDg2(dg2).images;
    expect(image?.mime).toBe('image/jpeg');
    expect([image?.width, image?.height]).toEqual([96, 128]);
    const jpeg = image!.bytes;
    expect(toHex(jpeg.subarray(0, 4), '')).toBe('FFD8FFE0');
    expect(toHex(jpeg.subarray(-2), '')).toBe('FFD9');
    // Walk the marker segments up to SOS: SOI APP0 DQT SOF0 DHT DHT COM SOS.
    const markers: number[] = [];
    let pos = 2;
    while (pos < jpeg.length && jpeg[pos] === 0xff) {
      const marker = jpeg[pos + 1]!;
      markers.push(marker);
      if (marker === 0xda) break;
      pos += 2 + (jpeg[pos + 2]! << 8) + jpeg[pos + 3]!;
    }
    expect(markers).toEqual([0xe0, 0xdb, 0xc0, 0xc4, 0xc4, 0xfe, 0xda]);
  });

  it('tampers a data group so that it still parses, and only its hash gives it away', async () => {
    const citizen = CARD_CITIZENS[0]!;
    const clean = await buildCardFiles(citizen);
    for (const dg of [1, 2, 13] as const) {
      const card = await buildCardFiles(citizen, { tamperDataGroup: dg });
      const fid = (0x100 + dg).toString(16).padStart(4, '0').toUpperCase();
      const bytes = card.files.get(fid)!;
      expect(toHex(bytes)).not.toBe(toHex(clean.files.get(fid)!));
      const parse = { 1: parseDg1, 2: parseDg2, 13: parseDg13 }[dg];
      expect(() => parse(bytes)).not.toThrow();
    }
    const dg13 = parseDg13(
      (await buildCardFiles(citizen, { tamperDataGroup: 13 })).files.get('010D')!,
    );
    expect(dg13.fullName).toBe(`${citizen.fullName} Giả`);
  });

  it('writes both DG13 parent-name layouts, and the parser reads both', async () => {
    const citizen = CARD_CITIZENS[0]!;
    for (const parentLayout of ['separate', 'combined'] as const) {
      const card = await buildCardFiles(citizen, { parentLayout });
      const dg13 = parseDg13(card.files.get('010D')!);
      expect([dg13.fatherName, dg13.motherName]).toEqual([citizen.fatherName, citizen.motherName]);
    }
  });

  it('signs with the cached PKI, and with another CSCA on request', async () => {
    const a = await buildCardFiles(CARD_CITIZENS[0]!);
    const b = await buildCardFiles(CARD_CITIZENS[1]!);
    const rogue = await buildCardFiles(CARD_CITIZENS[0]!, { unknownCsca: true });
    expect(a.pki).toBe(b.pki);
    expect(rogue.pki).not.toBe(a.pki);
    const issuer = (fid: Uint8Array): string => toHex(parseSod(fid).documentSignerDer!);
    expect(issuer(a.files.get('011D')!)).toBe(issuer(b.files.get('011D')!));
    expect(issuer(rogue.files.get('011D')!)).not.toBe(issuer(a.files.get('011D')!));
  });

  it('writes the QR text of research §3: empty old-ID field kept, 11 fields on 2024-model cards', () => {
    const minhKhoa = CARD_CITIZENS.find((c) => c.profileId === 'minh-khoa')!;
    expect(cccdQrText(minhKhoa)).toBe(
      '092203007788||Lâm Minh Khoa|25072003|Nam|Số 45/7, hẻm 91, đường Trần Hưng Đạo, phường Ninh Kiều, thành phố Cần Thơ|05082024||||',
    );
  });
});
