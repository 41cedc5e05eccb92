import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CitizenIdentity } from '../../common/citizen-identity.js';
import { compareCardWithPopulation } from '../../common/population-record.js';
import { prefillForm } from '../../common/procedure.js';
import { CARD_CITIZENS } from '../../simulators/data/card-citizens.js';
import {
  CITY_SIMULATOR_CLIENT,
  CityServerSimulator,
} from '../../simulators/city/city-server-simulator.js';
import { SpecValidator } from '../../simulators/city/spec-validator.js';
import type { CityDossierSubmission } from './city-gateway-port.js';
import { toDossierWire, toLookupWire } from './city-mappers.js';
import { HttpCityGateway } from './http-city-gateway.js';

const spec = new SpecValidator();
const sim = new CityServerSimulator({ seed: 7 });
let gateway: HttpCityGateway;
let baseUrl = '';

beforeAll(async () => {
  const { url } = await sim.start();
  baseUrl = url;
  gateway = new HttpCityGateway({
    baseUrl: url,
    clientId: CITY_SIMULATOR_CLIENT.clientId,
    clientSecret: CITY_SIMULATOR_CLIENT.clientSecret,
    timeoutMs: 2000,
    backoffMs: 5,
    maxBackoffMs: 20,
  });
});
afterAll(() => sim.stop());

const [thuHa, vanHung] = CARD_CITIZENS;
if (thuHa === undefined || vanHung === undefined) throw new Error('card citizens missing');

function submission(
  key: string,
  overrides: Partial<CityDossierSubmission> = {},
): CityDossierSubmission {
  return {
    idempotencyKey: key,
    procedureCode: '1.001193',
    caseCode: 'TH01',
    channel: 'truc-tiep',
    receivingPointId: 'KIOSK-01',
    owner: {
      fullName: thuHa!.fullName,
      idNumber: thuHa!.idNumber,
      dateOfBirth: thuHa!.dateOfBirth,
    },
    formData: {
      hoTenNguoiYeuCau: thuHa!.fullName,
      soDinhDanhNguoiYeuCau: thuHa!.idNumber,
      noiCuTru: thuHa!.placeOfResidence,
      quanHeVoiTre: 'Mẹ',
      treHoTen: 'Lê Hoàng Minh An',
      treNgaySinh: '2026-11-20',
      treGioiTinh: 'Nam',
      treNoiSinh: 'Bệnh viện Phụ sản thành phố Cần Thơ',
      meHoTen: thuHa!.fullName,
    },
    attachments: [
      {
        documentCode: 'GCS',
        fileName: 'giấy chứng sinh.jpg',
        mimeType: 'image/jpeg',
        data: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]),
      },
    ],
    consentRef: 'consent-42',
    verifiedByChip: true,
    nationalDatabasesUsed: ['CSDLDC'],
    ...overrides,
  };
}

function asIdentity(c: (typeof CARD_CITIZENS)[number]): CitizenIdentity {
  return {
    ...c,
    passiveAuth: { status: 'verified', detail: 'test' },
    access: 'PACE',
  };
}

describe('HttpCityGateway ⇄ simulator: population lookup', () => {
  it('finds every card citizen and agrees with the chip on every compared field', async () => {
    for (const card of CARD_CITIZENS) {
      const record = await gateway.lookupCitizen({
        idNumber: card.idNumber,
        fullName: card.fullName,
        dateOfBirth: card.dateOfBirth,
        purpose: 'Điền sẵn tờ khai',
        consentRef: 'consent-1',
        terminalId: 'KIOSK-01',
        procedureCode: '1.001193',
      });
      expect(record.idNumber).toBe(card.idNumber);
      expect(record.fullName).toBe(card.fullName);
      expect(record.sex).toBe(card.sex);
      expect(record.ethnicity).toBe(card.ethnicity);
      expect(record.religion).toBe(card.religion);
      expect(record.nationality).toBe('Việt Nam');
      expect(record.oldIdNumber).toBe(card.oldIdNumber);
      expect(record.permanentAddress?.provinceCode).toBe('92');
      expect(record.permanentAddress?.wardCode).toMatch(/^\d{5}$/);
      expect(compareCardWithPopulation(asIdentity(card), record)).toEqual([]);
    }
  });

  it('shows where Thu Hà lives now, apart from her permanent address', async () => {
    const r = await gateway.lookupCitizen({
      ...thuHa,
      purpose: 'Tiếp nhận hồ sơ',
      consentRef: 'c',
      staffId: 'CB-07',
    });
    expect(r.permanentAddress?.text).toBe(thuHa.placeOfResidence);
    expect(r.currentAddress?.text).toBe(
      'Số 5, hẻm 12, đường Mậu Thân, phường An Bình, thành phố Cần Thơ',
    );
    expect(r.spouse?.fullName).toBe(thuHa.spouseName);
    expect(r.householdHead).toEqual({
      relation: 'Chủ hộ',
      fullName: thuHa.fullName,
      idNumber: thuHa.idNumber,
    });
  });

  it('answers NOT_FOUND for a mismatch and INVALID_INPUT before sending a bad request', async () => {
    const base = { ...vanHung, purpose: 'p', consentRef: 'c', terminalId: 'K' };
    await expect(
      gateway.lookupCitizen({ ...base, dateOfBirth: '1958-11-03' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const sent = sim.requests.length;
    await expect(gateway.lookupCitizen({ ...base, idNumber: '123' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    const anonymous = {
      idNumber: base.idNumber,
      fullName: base.fullName,
      dateOfBirth: base.dateOfBirth,
      purpose: base.purpose,
      consentRef: base.consentRef,
    };
    await expect(gateway.lookupCitizen(anonymous)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(sim.requests.length).toBe(sent);
  });

  it('prefills every x-prefill field of every catalogue form from a looked-up record', async () => {
    const record = await gateway.lookupCitizen({
      ...thuHa,
      purpose: 'Điền sẵn tờ khai',
      consentRef: 'c',
      terminalId: 'K',
    });
    for (const summary of await gateway.listProcedures()) {
      const { formSchema } = await gateway.getProcedure(summary.code);
      const wanted = Object.entries(formSchema.properties).filter(([, p]) => 'x-prefill' in p);
      const filled = prefillForm(formSchema, record);
      expect({ code: summary.code, filled: Object.keys(filled).sort() }).toEqual({
        code: summary.code,
        filled: wanted.map(([k]) => k).sort(),
      });
    }
  });

  it('sends lookup requests the spec accepts', () => {
    const wire = toLookupWire(
      { ...thuHa, purpose: 'p', consentRef: 'c', terminalId: 'K' },
      'req-1',
    );
    expect(spec.schemaErrors('TraCuuCongDanRequest', wire)).toBeNull();
  });
});

describe('HttpCityGateway ⇄ simulator: dossiers', () => {
  it('submits a dossier and reads back status, attachments and (no) fees', async () => {
    const d = await gateway.submitDossier(submission('kiosk-01-dossier-0001'));
    expect(d.replayed).toBe(false);
    expect(d.code).toMatch(/^000\.00\.17\.H13-\d{6}-\d{4}$/);
    expect(d.status).toBe('received');
    expect(d.ownerName).toBe(thuHa.fullName);
    expect(d.attachments).toHaveLength(1);
    expect(d.attachments[0]).toMatchObject({
      documentCode: 'GCS',
      fileName: 'giấy chứng sinh.jpg',
      size: 9,
    });
    const stored = await gateway.getDossier(d.code);
    expect({ ...stored, replayed: d.replayed }).toEqual(d);
    const fees = await gateway.getDossierFees(d.code);
    expect(fees).toEqual({ dossierCode: d.code, totalVnd: 0, paid: true, items: [] });
  });

  it('gives fees with a VietQR for a paid procedure', async () => {
    const d = await gateway.submitDossier(
      submission('kiosk-01-dossier-0002', {
        procedureCode: '2.000884',
        caseCode: 'TH01',
        formData: {
          hoTenNguoiYeuCau: thuHa.fullName,
          soDinhDanhNguoiYeuCau: thuHa.idNumber,
          noiCuTru: thuHa.placeOfResidence,
          tenGiayTo: 'Hợp đồng thuê nhà',
          soBan: 2,
        },
        attachments: [],
      }),
    );
    const fees = await gateway.getDossierFees(d.code);
    expect(fees.totalVnd).toBe(10000);
    expect(fees.items).toEqual([
      { name: 'Phí chứng thực chữ ký', kind: 'phi', unitVnd: 10000, quantity: 1, amountVnd: 10000 },
    ]);
    expect(fees.payment?.vietQr).toMatch(/^000201010212.*5405100005802VN.*6304[0-9A-F]{4}$/);
  });

  it('creates exactly one dossier when the answer is dropped after the commit', async () => {
    const before = sim.dossiers.count();
    sim.injectNext('drop-after-commit', 2, '/api/v1/dossiers');
    const d = await gateway.submitDossier(submission('kiosk-01-dossier-0003'));
    expect(d.replayed).toBe(true);
    expect(sim.dossiers.count()).toBe(before + 1);
    const posts = sim.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/dossiers');
    expect(posts.slice(-3)).toHaveLength(3);
    const again = await gateway.submitDossier(submission('kiosk-01-dossier-0003'));
    expect(again.code).toBe(d.code);
    expect(sim.dossiers.count()).toBe(before + 1);
  });

  it('never duplicates under random dropped answers and 5xx (seeded)', async () => {
    const before = sim.dossiers.count();
    sim.setFaults({ dropAfterCommitRate: 0.4, serverErrorRate: 0.15 });
    const patient = new HttpCityGateway({
      baseUrl,
      clientId: CITY_SIMULATOR_CLIENT.clientId,
      clientSecret: CITY_SIMULATOR_CLIENT.clientSecret,
      timeoutMs: 2000,
      retries: 12,
      backoffMs: 1,
      maxBackoffMs: 5,
    });
    const codes: string[] = [];
    try {
      for (let i = 0; i < 15; i++) {
        codes.push((await patient.submitDossier(submission(`bulk-dossier-${i}`))).code);
      }
    } finally {
      sim.setFaults({});
    }
    const posts = sim.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/dossiers');
    expect(posts.length).toBeGreaterThan(before + 15); // faults struck and were retried
    expect(new Set(codes).size).toBe(15);
    expect(sim.dossiers.count()).toBe(before + 15);
  });

  it('maps an invalid dossier to CITY_REJECTED without retrying it', async () => {
    const sent = sim.requests.length;
    await expect(
      gateway.submitDossier(
        submission('kiosk-01-dossier-0004', {
          attachments: [
            {
              documentCode: 'NOPE',
              fileName: 'x.pdf',
              mimeType: 'application/pdf',
              data: new Uint8Array([1]),
            },
          ],
        }),
      ),
    ).rejects.toMatchObject({ code: 'CITY_REJECTED' });
    expect(sim.requests.length).toBe(sent + 1);
  });

  it('sends dossier requests the spec accepts', () => {
    expect(
      spec.schemaErrors('TaoHoSoRequest', toDossierWire(submission('spec-check-01'))),
    ).toBeNull();
  });
});
