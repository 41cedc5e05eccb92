import { describe, it, expect } from 'vitest';
import { AppError } from '../../../common/errors.js';
import { citizenIdentityFromCardFiles, toCitizenIdentity } from './citizen-identity-mapper.js';
import { dataGroupFid } from './icao9303/lds/lds-files.js';
import { CARD_CITIZENS } from '../../../simulators/data/card-citizens.js';
import { buildCardFiles } from '../../../simulators/cccd-chip/data/card-files-builder.js';
import type { Dg1 } from './icao9303/lds/dg1.js';
import type { Dg13 } from './icao9303/lds/dg13.js';

const DG1: Dg1 = {
  lines: [
    'IDVNM0990123459001099012345<<0',
    '4407025M9912315VNM<<<<<<<<<<<0',
    'LE<<VAN<A<<<<<<<<<<<<<<<<<<<<<',
  ],
  documentCode: 'ID',
  issuingState: 'VNM',
  documentNumber: '099012345',
  optionalData1: '001099012345<<0',
  idNumber: '001099012345',
  dateOfBirth: '440702',
  sex: 'M',
  dateOfExpiry: '991231',
  nationality: 'VNM',
  optionalData2: '<<<<<<<<<<<',
  surname: 'LE',
  givenNames: 'VAN A',
  checkDigits: { documentNumber: true, dateOfBirth: true, dateOfExpiry: true, composite: true },
};
const PA = { status: 'untrusted-ca', detail: 'no CSCA' } as const;

function dg13(fields: Partial<Dg13>): Dg13 {
  return { fields: new Map(), ...fields };
}

describe('toCitizenIdentity', () => {
  it('takes Vietnamese fields from DG13, NFC-normalised, dates as yyyy-mm-dd', () => {
    const id = toCitizenIdentity({
      dg1: DG1,
      dg13: dg13({
        idNumber: '001099012345',
        fullName: 'Lê  Văn A'.normalize('NFD'),
        dateOfBirth: '02/07/1944',
        sex: 'Nam',
        nationality: 'Việt Nam',
        placeOfResidence: 'Cần Thơ'.normalize('NFD'),
        issueDate: '10/04/2021',
        expiryDate: 'Không thời hạn',
        motherName: 'Trần Thị C',
      }),
      passiveAuth: PA,
      access: 'BAC',
    });
    expect(id).toEqual({
      idNumber: '001099012345',
      fullName: 'Lê Văn A',
      dateOfBirth: '1944-07-02',
      sex: 'M',
      nationality: 'Việt Nam',
      placeOfResidence: 'Cần Thơ',
      issueDate: '2021-04-10',
      expiryDate: null,
      motherName: 'Trần Thị C',
      passiveAuth: PA,
      access: 'BAC',
    });
    expect(id.fullName).toBe('Lê Văn A'.normalize('NFC'));
  });

  it('falls back to the MRZ without DG13: name, century of birth, 991231 = no expiry', () => {
    const id = toCitizenIdentity({
      dg1: DG1,
      passiveAuth: PA,
      access: 'PACE',
      now: new Date(Date.UTC(2026, 0, 1)),
    });
    expect(id).toMatchObject({
      fullName: 'LE VAN A',
      dateOfBirth: '1944-07-02',
      expiryDate: null,
      nationality: 'Việt Nam',
    });
    const young = toCitizenIdentity({
      dg1: { ...DG1, dateOfBirth: '030725', dateOfExpiry: '280725' },
      passiveAuth: PA,
      access: 'PACE',
      now: new Date(Date.UTC(2026, 0, 1)),
    });
    expect([young.dateOfBirth, young.expiryDate]).toEqual(['2003-07-25', '2028-07-25']);
  });

  it('gives reduced-precision ISO dates for births without a recorded day or month', () => {
    const birth = (dg13Date: string | undefined, mrz = '440702'): string =>
      toCitizenIdentity({
        dg1: { ...DG1, dateOfBirth: mrz },
        ...(dg13Date !== undefined ? { dg13: dg13({ dateOfBirth: dg13Date }) } : {}),
        passiveAuth: PA,
        access: 'PACE',
        now: new Date(Date.UTC(2026, 0, 1)),
      }).dateOfBirth;
    expect(birth('00/00/1944')).toBe('1944');
    expect(birth('00/07/1944')).toBe('1944-07');
    expect(birth('1944')).toBe('1944');
    expect(birth(undefined, '44<<<<')).toBe('1944');
    expect(birth(undefined, '4407<<')).toBe('1944-07');
    expect(birth('garbage')).toBe('1944-07-02'); // falls back to the MRZ
    expect(() => birth(undefined, '44AB<<')).toThrow(/not a date/);
  });

  it('reads a dated DG13 expiry and a "Nữ" sex', () => {
    const id = toCitizenIdentity({
      dg1: DG1,
      dg13: dg13({ expiryDate: '09/12/2036', sex: 'Nữ' }),
      passiveAuth: PA,
      access: 'PACE',
    });
    expect([id.expiryDate, id.sex]).toEqual(['2036-12-09', 'F']);
  });

  it('refuses a card whose DG1 and DG13 disagree on the ID, or that has no 12-digit ID', () => {
    expect(() =>
      toCitizenIdentity({
        dg1: DG1,
        dg13: dg13({ idNumber: '001099099999' }),
        passiveAuth: PA,
        access: 'PACE',
      }),
    ).toThrow(AppError);
    const noId: Dg1 = { ...DG1, optionalData1: '<<<<<<<<<<<<<<<' };
    delete (noId as { idNumber?: string }).idNumber;
    expect(() => toCitizenIdentity({ dg1: noId, passiveAuth: PA, access: 'PACE' })).toThrow(
      /No 12-digit ID/,
    );
  });

  it('keeps only a JPEG photo from DG2', () => {
    const jpeg = Uint8Array.of(0xff, 0xd8, 0xff, 0xd9);
    const id = toCitizenIdentity({
      dg1: DG1,
      dg2: {
        images: [
          { mime: 'image/jp2', bytes: Uint8Array.of(1), width: 1, height: 1 },
          { mime: 'image/jpeg', bytes: jpeg, width: 1, height: 1 },
        ],
      },
      passiveAuth: PA,
      access: 'PACE',
    });
    expect([...(id.photo ?? [])]).toEqual([...jpeg]);
  });
});

describe('citizenIdentityFromCardFiles', () => {
  const groupsOf = (files: ReadonlyMap<string, Uint8Array>): Map<number, Uint8Array> =>
    new Map([1, 2, 13, 14, 15].map((dg) => [dg, files.get(dataGroupFid(dg))!]));

  it('parses, authenticates and maps the files of a card', async () => {
    const citizen = CARD_CITIZENS[1]!;
    const card = await buildCardFiles(citizen);
    const store = { directory: '(none)', anchors: [], problems: [] };
    const result = await citizenIdentityFromCardFiles({
      dataGroups: groupsOf(card.files),
      sod: card.files.get('011D')!,
      trustStore: store,
      access: 'BAC',
    });
    expect(result.warnings).toEqual([]);
    expect(result.passiveAuth.status).toBe('untrusted-ca');
    expect(result.identity).toMatchObject({
      fullName: citizen.fullName,
      expiryDate: null,
      access: 'BAC',
      passiveAuth: { status: 'untrusted-ca' },
    });
    expect(result.identity.photo?.length).toBeGreaterThan(14_000);
  });

  it('leaves out a malformed DG13 with a warning (and passive authentication fails)', async () => {
    const card = await buildCardFiles(CARD_CITIZENS[0]!);
    const groups = groupsOf(card.files);
    groups.set(13, Uint8Array.of(0x6d, 0x05, 0x30, 0x03, 0x02, 0x01));
    const result = await citizenIdentityFromCardFiles({
      dataGroups: groups,
      sod: card.files.get('011D')!,
      trustStore: { directory: '(none)', anchors: [], problems: [] },
      access: 'PACE',
    });
    expect(result.warnings[0]).toMatch(/^DG13: /);
    expect(result.identity.fullName).toBe('NGUYEN THI THU HA');
    expect(result.identity.passiveAuth.status).toBe('failed');
  });

  it('refuses a read without DG1', async () => {
    await expect(
      citizenIdentityFromCardFiles({
        dataGroups: new Map(),
        sod: new Uint8Array(),
        trustStore: { directory: '(none)', anchors: [], problems: [] },
        access: 'PACE',
      }),
    ).rejects.toThrow(/DG1 was not read/);
  });
});
