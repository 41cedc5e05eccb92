// Dossier outbox figures (issue 5): submit → city code p50/p95 at 20 ms simulated latency, and
// the drain rate of 1,000 dossiers queued while the city is down, with lost/duplicated counts.
// Everything over real HTTP on 127.0.0.1 against the city simulator, real SQLite files (WAL,
// synchronous=FULL) and encrypted attachment files in a temp data dir.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadTsModules } from './load-ts.mjs';

const LATENCY_MS = 20;
const SUBMITS = 200;
const WARMUP = 10;
const QUEUED = 1000;

const ENTRY = `
export { CityServerSimulator, CITY_SIMULATOR_CLIENT } from './simulators/city/city-server-simulator';
export { HttpCityGateway } from './main/city/http-city-gateway';
export { DossierOutbox } from './main/services/dossier/dossier-outbox';
export { SqliteDossierStore } from './main/storage/dossier/sqlite-dossier-store';
export { DossierKeyFile } from './main/platform/dossier-key-file';
`;

const loadModules = (root) => loadTsModules(root, 'dossier', ENTRY);

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

function draft(name, i) {
  return {
    procedureCode: '1.001193',
    caseCode: 'TH01',
    channel: 'truc-tiep',
    receivingPointId: 'KIOSK-BENCH',
    owner: { fullName: name, idNumber: '092185001234', dateOfBirth: '1985-03-14' },
    formData: {
      hoTenNguoiYeuCau: name,
      soDinhDanhNguoiYeuCau: '092185001234',
      noiCuTru: 'Phường Ninh Kiều, thành phố Cần Thơ',
      quanHeVoiTre: 'Mẹ',
      treHoTen: `Lê Minh An ${i}`,
      treNgaySinh: '2026-11-20',
      treGioiTinh: 'Nam',
      treNoiSinh: 'Bệnh viện Phụ sản thành phố Cần Thơ',
      meHoTen: name,
    },
    // A 40 KiB photo-sized attachment (a phone photo of a birth certificate is larger; the
    // city's limit is 5 MiB).
    attachments: [
      {
        documentCode: 'GCS',
        fileName: 'giấy chứng sinh.jpg',
        mimeType: 'image/jpeg',
        data: new Uint8Array(40 * 1024).fill(i & 0xff),
      },
    ],
    consentRef: `consent-${i}`,
  };
}

async function openOutbox(mod, dataDir, url) {
  const store = mod.SqliteDossierStore.open({ path: path.join(dataDir, 'dossiers.db') });
  const outbox = await mod.DossierOutbox.open({
    store,
    gateway: new mod.HttpCityGateway({
      baseUrl: url,
      clientId: mod.CITY_SIMULATOR_CLIENT.clientId,
      clientSecret: mod.CITY_SIMULATOR_CLIENT.clientSecret,
      timeoutMs: 5000,
      retries: 0,
    }),
    keys: new mod.DossierKeyFile({ dir: path.join(dataDir, 'keys') }),
    attachmentsDir: path.join(dataDir, 'attachments'),
  });
  return { store, outbox };
}

async function submitLatency(mod, dataDir) {
  const sim = new mod.CityServerSimulator({ faults: { latencyMs: LATENCY_MS } });
  const { url } = await sim.start();
  const { store, outbox } = await openOutbox(mod, dataDir, url);
  outbox.start();
  const samples = [];
  for (let i = 0; i < WARMUP + SUBMITS; i++) {
    const t0 = performance.now();
    const receipt = await outbox.submit(draft(`Nguyễn Thị Đo ${i}`, i));
    const status = await outbox.waitForCode(receipt.localRef, 5000);
    const ms = performance.now() - t0;
    if (status.state !== 'acknowledged') throw new Error(`no code for ${receipt.localRef}`);
    if (i >= WARMUP) samples.push(ms);
  }
  await outbox.stop();
  store.close();
  await sim.stop();
  return samples;
}

async function drain(mod, dataDir) {
  const sim = new mod.CityServerSimulator({ faults: { latencyMs: LATENCY_MS }, seed: 5 });
  const { url } = await sim.start();
  const port = Number(new URL(url).port);
  await sim.stop(); // the outage
  const { store, outbox } = await openOutbox(mod, dataDir, url);
  const acked = new Set();
  let firstAck = 0;
  let lastAck = 0;
  const all = new Promise((resolve) =>
    outbox.onChange((s) => {
      if (s.state !== 'acknowledged' || acked.has(s.localRef)) return;
      acked.add(s.localRef);
      lastAck = performance.now();
      if (acked.size === 1) firstAck = lastAck;
      if (acked.size === QUEUED) resolve();
    }),
  );
  outbox.start();
  const tQueue = performance.now();
  const refs = [];
  for (let i = 0; i < QUEUED; i++) {
    refs.push((await outbox.submit(draft(`Trần Văn Hàng Đợi ${i}`, i))).localRef);
  }
  const queueMs = performance.now() - tQueue;
  const during = await outbox.counts();
  await sim.start({ port }); // the city is back
  const tUp = performance.now();
  await all;
  const counts = await outbox.counts();
  await outbox.stop();
  store.close();
  // Lost: queued but not acknowledged exactly once at the city; duplicated: more than once.
  const byName = new Map();
  for (const d of sim.dossiers.all())
    byName.set(d.ChuHoSo.HoVaTen, (byName.get(d.ChuHoSo.HoVaTen) ?? 0) + 1);
  let lost = 0;
  let duplicated = 0;
  for (let i = 0; i < QUEUED; i++) {
    const n = byName.get(`Trần Văn Hàng Đợi ${i}`) ?? 0;
    if (n === 0) lost++;
    if (n > 1) duplicated += n - 1;
  }
  await sim.stop();
  return {
    queueMs,
    attemptsWhileDown: during,
    recoveryMs: firstAck - tUp,
    drainMs: lastAck - firstAck,
    totalMs: lastAck - tUp,
    drainPerSecond: (QUEUED / (lastAck - firstAck)) * 1000,
    acknowledged: counts.acknowledged,
    lost,
    duplicated,
    cityDossiers: sim.dossiers.count(),
  };
}

export async function run({ root }) {
  const { mod, cleanup } = await loadModules(root);
  const base = mkdtempSync(path.join(os.tmpdir(), 'bench-dossier-'));
  try {
    mkdirSync(path.join(base, 'latency'));
    mkdirSync(path.join(base, 'drain'));
    const samples = await submitLatency(mod, path.join(base, 'latency'));
    const d = await drain(mod, path.join(base, 'drain'));
    const p50 = quantile(samples, 0.5);
    const p95 = quantile(samples, 0.95);
    const json = {
      method:
        `submit → waitForCode over HTTP on 127.0.0.1, simulator latency ${LATENCY_MS} ms per request, ` +
        `${SUBMITS} sequential dossiers (40 KiB attachment each) after ${WARMUP} warm-up; drain: ` +
        `${QUEUED} dossiers submitted while the simulator was stopped (not a real 60 s wait: queuing ` +
        `took queueMs), then started on the same port; drainPerSecond = ${QUEUED} / (last − first ` +
        `acknowledgement); recoveryMs = city up → first acknowledgement (the earliest backoff to ` +
        `expire). Default outbox settings (concurrency 8, backoff 1 s · 2^n, full jitter, cap 60 s).`,
      submitMs: {
        p50: round(p50),
        p95: round(p95),
        max: round(Math.max(...samples)),
        n: samples.length,
      },
      targets: { submitP95Ms: 150, drainPerSecond: 100 },
      drain: {
        queued: QUEUED,
        queueMs: round(d.queueMs),
        recoveryMs: round(d.recoveryMs),
        drainMs: round(d.drainMs),
        totalMs: round(d.totalMs),
        drainPerSecond: round(d.drainPerSecond),
        acknowledged: d.acknowledged,
        cityDossiers: d.cityDossiers,
      },
      lost: d.lost,
      duplicated: d.duplicated,
      machine: { cpus: os.cpus().length, node: process.version },
    };
    const table = {
      'submit→code p50 (ms)': { value: json.submitMs.p50, target: '' },
      'submit→code p95 (ms)': { value: json.submitMs.p95, target: '≤ 150' },
      'drain (dossiers/s)': { value: json.drain.drainPerSecond, target: '≥ 100' },
      'queue 1000 while down (ms)': { value: json.drain.queueMs, target: '' },
      'city up → first code (ms)': { value: json.drain.recoveryMs, target: '' },
      lost: { value: json.lost, target: '0' },
      duplicated: { value: json.duplicated, target: '0' },
    };
    return { table, json };
  } finally {
    rmSync(base, { recursive: true, force: true });
    cleanup();
  }
}
