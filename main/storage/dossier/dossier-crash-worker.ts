/**
 * Test support only (dossier-outbox.crash.test.ts): one kiosk process that submits `count`
 * dossiers to its outbox and waits until every one is acknowledged, then prints `{"done":true}`.
 * The test kills it with SIGKILL at random moments and starts it again on the same data dir;
 * submissions resume after the last committed one (rows are committed one by one, in order).
 * Bundled by the test with esbuild; it lives here, not in services/, because it wires adapters.
 */
import path from 'node:path';
import { HttpCityGateway } from '../../city/http-city-gateway';
import { DossierKeyFile } from '../../platform/dossier-key-file';
import { DossierOutbox } from '../../services/dossier/dossier-outbox';
import type { DossierDraft } from '../../services/dossier/dossier-types';
import { SqliteDossierStore } from './sqlite-dossier-store';

export interface CrashWorkerArgs {
  readonly dataDir: string;
  readonly cityUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly trial: number;
  readonly count: number;
}

/** The owner's name carries trial and index, so the test can count each dossier at the city. */
export function crashOwnerName(trial: number, index: number): string {
  return `Nguyễn Văn Thử T${String(trial).padStart(2, '0')} D${String(index).padStart(3, '0')}`;
}

function draft(trial: number, index: number): DossierDraft {
  const name = crashOwnerName(trial, index);
  return {
    procedureCode: '1.001193',
    caseCode: 'TH01',
    channel: 'truc-tiep',
    receivingPointId: `KIOSK-CRASH-${trial}`,
    owner: { fullName: name, idNumber: '092185001234', dateOfBirth: '1985-03-14' },
    formData: {
      hoTenNguoiYeuCau: name,
      soDinhDanhNguoiYeuCau: '092185001234',
      noiCuTru: 'Phường Ninh Kiều, thành phố Cần Thơ',
      quanHeVoiTre: 'Cha',
      treHoTen: `Nguyễn Minh Thử ${index}`,
      treNgaySinh: '2026-11-20',
      treGioiTinh: 'Nam',
      treNoiSinh: 'Bệnh viện Phụ sản thành phố Cần Thơ',
      meHoTen: 'Trần Thị Mẹ',
    },
    attachments: [
      {
        documentCode: 'GCS',
        fileName: `giấy chứng sinh ${index}.jpg`,
        mimeType: 'image/jpeg',
        data: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, trial, index & 0xff, 0xff, 0xd9]),
      },
    ],
    consentRef: `consent-${trial}-${index}`,
  };
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '{}') as CrashWorkerArgs;
  const store = SqliteDossierStore.open({ path: path.join(args.dataDir, 'dossiers.db') });
  const outbox = await DossierOutbox.open({
    store,
    gateway: new HttpCityGateway({
      baseUrl: args.cityUrl,
      clientId: args.clientId,
      clientSecret: args.clientSecret,
      timeoutMs: 2000,
      retries: 0,
    }),
    keys: new DossierKeyFile({ dir: path.join(args.dataDir, 'keys') }),
    attachmentsDir: path.join(args.dataDir, 'attachments'),
    backoff: { baseMs: 5, maxMs: 100 },
    // The previous process is dead (SIGKILL): its half-written folders are orphans at once.
    orphanGraceMs: 0,
  });
  const finished = new Promise<void>((resolve, reject) => {
    const check = async (): Promise<void> => {
      const c = await outbox.counts();
      if (c.rejected > 0) reject(new Error(`rejected: ${c.rejected}`));
      if (c.acknowledged === args.count) resolve();
    };
    outbox.onChange((s) => {
      if (s.state === 'acknowledged' || s.state === 'rejected') check().catch(reject);
    });
    check().catch(reject);
  });
  // The outbox's retry timer does not hold the process open (it is unref'd); this does.
  const keepAlive = setInterval(() => undefined, 1000);
  outbox.start();
  const c = await outbox.counts();
  const stored = c.pending + c.sent + c.acknowledged + c.rejected + c.failedRetrying;
  for (let i = stored; i < args.count; i++) await outbox.submit(draft(args.trial, i));
  await finished;
  clearInterval(keepAlive);
  await outbox.stop();
  store.close();
  process.stdout.write('{"done":true}\n');
}

// Runs only when started as the worker (importing the file for its helpers does nothing).
if (process.env.MOTCUA_CRASH_WORKER === '1') {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
