import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CitizenIdentity } from '../../../common/citizen-identity';
import { CARD_CITIZENS } from '../../../simulators/data/card-citizens';
import {
  CITY_SIMULATOR_CLIENT,
  CityServerSimulator,
} from '../../../simulators/city/city-server-simulator';
import { HttpCityGateway } from '../../city/http-city-gateway';
import { DossierKeyFile } from '../../platform/dossier-key-file';
import { SqliteAuditStore } from '../../storage/audit/sqlite-audit-store';
import { SqliteDossierStore } from '../../storage/dossier/sqlite-dossier-store';
import { AuditLog } from '../audit/audit-log';
import { DossierOutbox } from '../dossier/dossier-outbox';
import { MemoryLogger } from '../log/logger';
import { IntakeService } from './intake-service';
import { parseVietQr } from '../../../common/qr/viet-qr';

const citizen = CARD_CITIZENS[0];
if (!citizen) throw new Error('no card citizen');
const identity: CitizenIdentity = {
  idNumber: citizen.idNumber,
  fullName: citizen.fullName,
  dateOfBirth: citizen.dateOfBirth,
  sex: citizen.sex,
  nationality: citizen.nationality,
  placeOfOrigin: citizen.placeOfOrigin,
  placeOfResidence: citizen.placeOfResidence,
  expiryDate: citizen.expiryDate,
  fatherName: citizen.fatherName,
  motherName: citizen.motherName,
  passiveAuth: { status: 'verified', detail: 'test' },
  access: 'PACE',
};

const sim = new CityServerSimulator({ seed: 5 });
let dir: string;
let outbox: DossierOutbox;
let audit: AuditLog;
let auditStore: SqliteAuditStore;
let dossierStore: SqliteDossierStore;
let intake: IntakeService;

beforeAll(async () => {
  const { url } = await sim.start();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'intake-'));
  const keys = new DossierKeyFile({ dir: path.join(dir, 'keys') });
  const gateway = new HttpCityGateway({
    baseUrl: url,
    clientId: CITY_SIMULATOR_CLIENT.clientId,
    clientSecret: CITY_SIMULATOR_CLIENT.clientSecret,
    timeoutMs: 3000,
  });
  dossierStore = SqliteDossierStore.open({ path: path.join(dir, 'dossiers.db') });
  outbox = await DossierOutbox.open({
    store: dossierStore,
    gateway,
    keys,
    attachmentsDir: path.join(dir, 'attachments'),
  });
  outbox.start();
  auditStore = SqliteAuditStore.open({ path: path.join(dir, 'audit.db') });
  audit = await AuditLog.open({ store: auditStore, keys });
  intake = new IntakeService({
    city: () => gateway,
    identity: () => identity,
    outbox,
    audit,
    terminal: () => ({ actor: { kind: 'kiosk', id: 'KIOSK-01' }, terminalId: 'KIOSK-01' }),
    log: new MemoryLogger(),
    codeWaitMs: 5000,
  });
});

afterAll(async () => {
  await outbox.stop();
  dossierStore.close();
  auditStore.close();
  await sim.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('IntakeService against the city simulator, the outbox and the audit log', () => {
  it('refuses the population lookup before consent, and audits both decisions', async () => {
    await intake.start('1.001193');
    await expect(intake.lookup()).rejects.toMatchObject({ code: 'CONSENT_REQUIRED' });
    await intake.consent(false);
    await expect(intake.lookup()).rejects.toMatchObject({ code: 'CONSENT_REQUIRED' });
    const records = await audit.query();
    expect(records.at(-1)).toMatchObject({ kind: 'consent', outcome: 'declined' });
    expect(JSON.stringify(records)).not.toContain(identity.idNumber);
  });

  it('looks up with consent, prefills the form, and the citizen leaves with the city code', async () => {
    const started = await intake.start('1.001193');
    expect(started.procedure.name).toBe('Đăng ký khai sinh');
    await intake.consent(true);
    const lookup = await intake.lookup();
    expect(lookup.population.fullName).toBe('Nguyễn Thị Thu Hà');
    expect(lookup.prefill.hoTenNguoiYeuCau).toBe('Nguyễn Thị Thu Hà');
    expect(lookup.prefill.soDinhDanhNguoiYeuCau).toBe(identity.idNumber);

    const records = await audit.query();
    const lookupRecord = records.find((r) => r.kind === 'population-lookup');
    expect(lookupRecord).toMatchObject({
      outcome: 'found',
      actorKind: 'kiosk',
      terminalId: 'KIOSK-01',
      procedureCode: '1.001193',
      consentRef: started.consentRef,
    });
    expect(lookupRecord?.idHash).toMatch(/^[0-9a-f]{64}$/);

    const child = {
      quanHeVoiTre: 'Mẹ',
      treHoTen: 'Lê Minh An',
      treNgaySinh: '2026-11-20',
      treGioiTinh: 'Nam',
      treNoiSinh: 'Bệnh viện Phụ sản thành phố Cần Thơ',
      meHoTen: 'Nguyễn Thị Thu Hà',
    };
    // A form missing required fields is refused before anything is stored or sent.
    await expect(intake.submit({ ...lookup.prefill }, 'KIOSK-01')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    const receipt = await intake.submit({ ...lookup.prefill, ...child }, 'KIOSK-01');
    expect(receipt.rejectionReason).toBeNull();
    expect(receipt.localRef).toMatch(/^TAM-/);
    expect(receipt.code).toMatch(/-\d{6}-\d{4}$/);
    expect(receipt.ownerName).toBe('Nguyễn Thị Thu Hà');
    expect(sim.dossiers.all().filter((d) => d.MaHoSo === receipt.code)).toHaveLength(1);

    expect(receipt.fee).toBeNull(); // khai sinh is free

    intake.wipe();
    await expect(intake.consent(true)).rejects.toMatchObject({ code: 'INTAKE_NOT_STARTED' });
  });

  it('gives the fees with a VietQR payload whose CRC checks out for a procedure with a fee', async () => {
    await intake.start('1.004884'); // Đăng ký lại khai sinh: 5.000 đồng
    await intake.consent(true);
    const { prefill } = await intake.lookup();
    const photo = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
    const receipt = await intake.submit(
      { ...prefill, noiDungYeuCau: 'Đăng ký lại khai sinh do mất bản chính' },
      'KIOSK-01',
      [{ documentCode: 'TK', fileName: 'to-khai.jpg', mimeType: 'image/jpeg', data: photo }],
    );
    const atCity = sim.dossiers.all().find((d) => d.MaHoSo === receipt.code);
    expect(JSON.stringify(atCity)).toContain('to-khai.jpg');
    expect(receipt.fee?.totalVnd).toBe(5000);
    const qr = parseVietQr(receipt.fee?.vietQr ?? '');
    expect(qr.ok).toBe(true);
    expect(qr.ok && qr.value.amount).toBe(5000);
  });
});
