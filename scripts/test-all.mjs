// `npm test`: typecheck, lint, lint:arch, unit/integration (Vitest) and E2E (Playwright).
// Runs every stage even after a failure, prints the counts, exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';

const tmp = path.join(os.tmpdir(), `motcua-test-${process.pid}`);
mkdirSync(tmp, { recursive: true });
const vitestJson = path.join(tmp, 'vitest.json');
const playwrightJson = path.join(tmp, 'playwright.json');

const stages = [
  { name: 'typecheck', cmd: 'npm', args: ['run', '-s', 'typecheck'] },
  { name: 'lint', cmd: 'npm', args: ['run', '-s', 'lint'] },
  { name: 'lint:arch', cmd: 'npm', args: ['run', '-s', 'lint:arch'] },
  {
    name: 'unit+integration',
    cmd: 'npx',
    args: [
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${vitestJson}`,
    ],
    counts: () => {
      const j = JSON.parse(readFileSync(vitestJson, 'utf8'));
      return {
        passed: j.numPassedTests,
        failed: j.numFailedTests,
        skipped: (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0),
      };
    },
  },
  {
    name: 'e2e',
    cmd: 'npm',
    args: ['run', '-s', 'test:e2e', '--', '--reporter=list,json'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
    counts: () => {
      const s = JSON.parse(readFileSync(playwrightJson, 'utf8')).stats;
      return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped };
    },
  },
];

const results = [];
for (const stage of stages) {
  const started = Date.now();
  console.log(`\n=== ${stage.name} ===`);
  const run = spawnSync(stage.cmd, stage.args, {
    stdio: 'inherit',
    env: { ...process.env, ...stage.env },
  });
  let counts = null;
  if (stage.counts) {
    try {
      counts = stage.counts();
    } catch {
      counts = null;
    }
  }
  results.push({ ...stage, ok: run.status === 0, counts, seconds: (Date.now() - started) / 1000 });
}
rmSync(tmp, { recursive: true, force: true });

console.log('\n=== summary ===');
let passed = 0;
let failed = 0;
let skipped = 0;
for (const r of results) {
  const c = r.counts
    ? ` (${r.counts.passed} passed, ${r.counts.failed} failed, ${r.counts.skipped} skipped)`
    : '';
  console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name.padEnd(18)} ${r.seconds.toFixed(1)} s${c}`);
  if (r.counts) {
    passed += r.counts.passed;
    failed += r.counts.failed;
    skipped += r.counts.skipped;
  }
  if (!r.ok && !(r.counts && r.counts.failed > 0)) failed += r.counts ? 0 : 1;
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
