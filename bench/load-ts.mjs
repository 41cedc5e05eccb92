// Benchmarks are plain .mjs: the TypeScript modules they measure are bundled on the fly with
// esbuild (as scripts/build.mjs does for the app) and imported from a throwaway file.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** Bundles `entrySource` (re-exports of the modules under test) and imports it. */
export async function loadTsModules(root, name, entrySource) {
  const dir = path.join(root, 'node_modules', '.cache', `bench-${name}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const outfile = path.join(dir, `${name}-bench.mjs`);
  await build({
    stdin: {
      contents: entrySource,
      resolveDir: root,
      loader: 'ts',
      sourcefile: `${name}-bench.ts`,
    },
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  const mod = await import(pathToFileURL(outfile).href);
  return { mod, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
