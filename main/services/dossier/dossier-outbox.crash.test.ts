/**
 * Crash test of the outbox (issue 5): a kiosk process submitting 100 dossiers is killed with
 * SIGKILL at random moments and restarted on the same data dir until all its dossiers are
 * acknowledged, 50 trials, against the city simulator dropping answers after the commit (and
 * some 503s). At the end each dossier exists exactly once at the city: none lost, none twice.
 *
 * The worker (main/storage/dossier/dossier-crash-worker.ts) is bundled once with esbuild into a
 * temp .mjs and run with this node binary, so the killed process runs the very outbox, SQLite
 * store and HTTP gateway under test.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CITY_SIMULATOR_CLIENT,
  CityServerSimulator,
} from '../../../simulators/city/city-server-simulator';
import { seededRandom } from '../../../simulators/city/fault-plan';
import { crashOwnerName, type CrashWorkerArgs } from '../../storage/dossier/dossier-crash-worker';

const TRIALS = 50;
const DOSSIERS = 100;
/** Kills per trial at most; after them the worker runs to completion. */
const MAX_KILLS = 3;
/** A worker that has not finished in this long fails the test (generous for a loaded CI box). */
const RUN_TIMEOUT_MS = 30_000;
const SEED = 20261128;

const sim = new CityServerSimulator({
  seed: SEED,
  faults: { dropAfterCommitRate: 0.25, serverErrorRate: 0.05 },
});
let cityUrl = '';
let tmp = '';
let workerJs = '';

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(tmpdir(), 'motcua-crash-'));
  workerJs = path.join(tmp, 'worker.mjs');
  await build({
    entryPoints: [
      fileURLToPath(new URL('../../storage/dossier/dossier-crash-worker.ts', import.meta.url)),
    ],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    outfile: workerJs,
    logLevel: 'silent',
  });
  cityUrl = (await sim.start()).url;
});

afterAll(async () => {
  await sim.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Runs the worker; kills it after `killAfterMs` if given. Resolves 'done' or 'killed'. */
function runWorker(
  args: CrashWorkerArgs,
  killAfterMs: number | undefined,
): Promise<'done' | 'killed'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--no-warnings', workerJs, JSON.stringify(args)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, MOTCUA_CRASH_WORKER: '1' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    let killed = false;
    const killer =
      killAfterMs === undefined
        ? undefined
        : setTimeout(() => {
            killed = true;
            child.kill('SIGKILL');
          }, killAfterMs);
    const guard = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      if (killer !== undefined) clearTimeout(killer);
      if (code === 0 && out.includes('"done":true')) resolve('done');
      else if (killed && signal === 'SIGKILL') resolve('killed');
      else reject(new Error(`worker trial ${args.trial} ended ${code ?? signal}: ${err}`));
    });
  });
}

interface TrialResult {
  readonly starts: number;
  readonly kills: number;
  readonly codes: Map<string, string>;
  readonly interrupted: number;
}

async function trial(n: number, random: () => number, runMs: number): Promise<TrialResult> {
  const dataDir = path.join(tmp, `trial-${n}`);
  fs.mkdirSync(dataDir);
  const args: CrashWorkerArgs = {
    dataDir,
    cityUrl,
    clientId: CITY_SIMULATOR_CLIENT.clientId,
    clientSecret: CITY_SIMULATOR_CLIENT.clientSecret,
    trial: n,
    count: DOSSIERS,
  };
  let starts = 0;
  let kills = 0;
  for (;;) {
    starts++;
    const kill = kills < MAX_KILLS ? Math.floor(random() * runMs) : undefined;
    const outcome = await runWorker(args, kill);
    if (outcome === 'done') break;
    kills++;
  }
  const db = new DatabaseSync(path.join(dataDir, 'dossiers.db'), { readOnly: true });
  const rows = db.prepare('SELECT local_ref, state, code FROM dossiers').all();
  // A send the kill interrupted: 'sent' followed directly by 'sent' (no answer, no failure).
  const interrupted = Number(
    db
      .prepare(
        `SELECT COUNT(*) AS n FROM (SELECT state, LEAD(state) OVER
           (PARTITION BY local_ref ORDER BY id) AS next FROM dossier_history)
         WHERE state = 'sent' AND next = 'sent'`,
      )
      .get()?.n ?? 0,
  );
  db.close();
  const codes = new Map<string, string>();
  for (const r of rows) {
    expect(r.state).toBe('acknowledged');
    codes.set(String(r.local_ref), String(r.code));
  }
  expect(codes.size).toBe(DOSSIERS);
  // Every dossier kept its attachment folder; folders left by a kill mid-submit were removed.
  expect(fs.readdirSync(path.join(dataDir, 'attachments')).sort()).toEqual(
    [...codes.keys()].sort(),
  );
  return { starts, kills, codes, interrupted };
}

/** The calibration run's owner names never collide with a trial's. */
const CALIBRATION_TRIAL = 9999;

describe('DossierOutbox crash test', () => {
  it(`${TRIALS} trials × ${DOSSIERS} dossiers, SIGKILL at random moments: every dossier once at the city`, async () => {
    const random = seededRandom(SEED);
    // How long an uninterrupted run takes here (a calibration run of its own, never killed):
    // kill moments are drawn within 80% of it, so nearly every first run is really killed.
    const calibrationDir = path.join(tmp, 'calibration');
    fs.mkdirSync(calibrationDir);
    const t0 = performance.now();
    await runWorker(
      {
        dataDir: calibrationDir,
        cityUrl,
        clientId: CITY_SIMULATOR_CLIENT.clientId,
        clientSecret: CITY_SIMULATOR_CLIENT.clientSecret,
        trial: CALIBRATION_TRIAL,
        count: DOSSIERS,
      },
      undefined,
    );
    const runMs = Math.max(100, 0.8 * (performance.now() - t0));
    const results: TrialResult[] = [];
    for (let n = 0; n < TRIALS; n++) results.push(await trial(n, random, runMs));

    const calibration = crashOwnerName(CALIBRATION_TRIAL, 0).replace(/ D\d+$/, ' ');
    const all = sim.dossiers.all().filter((d) => !d.ChuHoSo.HoVaTen.startsWith(calibration));
    expect(all).toHaveLength(TRIALS * DOSSIERS);
    const byName = new Map<string, string[]>();
    for (const d of all)
      byName.set(d.ChuHoSo.HoVaTen, [...(byName.get(d.ChuHoSo.HoVaTen) ?? []), d.MaHoSo]);
    results.forEach((r, n) => {
      const local = new Set(r.codes.values());
      expect(local.size).toBe(DOSSIERS); // distinct codes within the trial
      for (let i = 0; i < DOSSIERS; i++) {
        const atCity = byName.get(crashOwnerName(n, i)) ?? [];
        expect(atCity, `trial ${n} dossier ${i}`).toHaveLength(1);
        expect(local.has(atCity[0] ?? '')).toBe(true);
      }
    });
    const kills = results.reduce((s, r) => s + r.kills, 0);
    const interrupted = results.reduce((s, r) => s + r.interrupted, 0);
    // Sanity: the kills really happened (machine speed varies between the calibration and the
    // trials, so not every single trial is guaranteed a kill), some between 'sent' and the answer.
    expect(kills).toBeGreaterThanOrEqual(TRIALS / 2);
    expect(interrupted).toBeGreaterThan(0);
    console.info(
      `crash test: ${TRIALS} trials, ${kills} SIGKILLs (${interrupted} mid-send), ${results.reduce((s, r) => s + r.starts, 0)} starts, ` +
        `${sim.requests.filter((q) => q.path === '/api/v1/dossiers').length} dossier POSTs, run ≈ ${Math.round(runMs)} ms`,
    );
  }, 240_000);
});
