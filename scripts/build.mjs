// Builds every process: the renderer with Vite, main/preload/harness/CLI with esbuild.
// Output goes to dist/; Electron loads dist/main/index.mjs, the harness runs dist/main/web.mjs.
import { build as viteBuild } from 'vite';
import { build as esbuild } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { cpSync, readFileSync } from 'node:fs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const r = (p) => path.join(root, p);
const quiet = process.argv.includes('--quiet');
const pkg = JSON.parse(readFileSync(r('package.json'), 'utf8'));

await viteBuild({ configFile: r('vite.config.ts'), logLevel: quiet ? 'warn' : 'info' });

// Announcement clips and the chime, served with the renderer (DESIGN: resources/sounds).
cpSync(r('resources/sounds'), r('dist/renderer/sounds'), {
  recursive: true,
  filter: (src) => !src.endsWith('.md'),
});

const node = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
};
await Promise.all([
  esbuild({
    ...node,
    entryPoints: {
      index: r('main/index.ts'),
      web: r('main/web.ts'),
      device: r('main/cli/device.ts'),
    },
    outdir: r('dist/main'),
    outExtension: { '.js': '.mjs' },
  }),
  // Sandboxed preloads must be a single CommonJS file (electron-vite's rule).
  esbuild({
    ...node,
    format: 'cjs',
    entryPoints: [r('preload/index.ts')],
    outfile: r('dist/preload/index.cjs'),
  }),
  // The browser harness's stand-in for the preload, built from the same contract.
  esbuild({
    bundle: true,
    platform: 'browser',
    target: 'chrome120',
    format: 'iife',
    minify: true,
    entryPoints: [r('preload/web-bridge.ts')],
    outfile: r('dist/renderer/web-bridge.js'),
    logLevel: 'warning',
    absWorkingDir: root,
  }),
]);
if (!quiet) console.log('build: dist/ ready');
