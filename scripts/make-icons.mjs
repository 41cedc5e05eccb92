// Renders the app icon (resources/icons/*.png) from one SVG with resvg. Run once when the icon
// changes: `node scripts/make-icons.mjs`; the PNGs are committed for electron-builder.
import { Resvg } from '@resvg/resvg-js';
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
  <rect width="64" height="64" rx="14" fill="#a0171f"/>
  <circle cx="32" cy="32" r="25" fill="#f2c14e"/>
  <path d="M32 14 15 24h34z" fill="#7a0f16"/>
  <path d="M18 27h28v3H18zM16 45h32v4H16z" fill="#7a0f16"/>
  <path d="M20 31h4v13h-4zM27 31h4v13h-4zM33 31h4v13h-4zM40 31h4v13h-4z" fill="#7a0f16"/>
</svg>`;

const dir = path.join(import.meta.dirname, '..', 'resources', 'icons');
mkdirSync(dir, { recursive: true });
for (const size of [16, 32, 48, 64, 128, 256, 512]) {
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
  writeFileSync(path.join(dir, `${size}x${size}.png`), png);
}
writeFileSync(
  path.join(dir, 'icon.png'),
  new Resvg(svg, { fitTo: { mode: 'width', value: 512 } }).render().asPng(),
);
console.log(`icons written to ${dir}`);
