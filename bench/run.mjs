// `npm run bench -- <name>`: speed and size figures (never in timed tests). Each benchmark
// prints a table and writes bench-results/<name>.json. Medians, to ride out machine noise.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.join(import.meta.dirname, '..');
const benches = {
  foundation: () => import('./foundation.mjs'),
  identity: () => import('./identity.mjs'),
  dossier: () => import('./dossier.mjs'),
  queue: () => import('./queue.mjs'),
};

const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const selected = names.length ? names : Object.keys(benches);
for (const name of selected) {
  const load = benches[name];
  if (!load) {
    console.error(`unknown benchmark "${name}"; known: ${Object.keys(benches).join(', ')}`);
    process.exit(2);
  }
  const { run } = await load();
  const result = await run({ root });
  console.log(`\n## ${name}`);
  console.table(result.table);
  mkdirSync(path.join(root, 'bench-results'), { recursive: true });
  const file = path.join(root, 'bench-results', `${name}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ measuredAt: new Date().toISOString(), ...result.json }, null, 2)}\n`,
  );
  console.log(`written ${path.relative(root, file)}`);
}
