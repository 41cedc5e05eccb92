// `npm run docs:arch`: draws the architecture picture with dependency-cruiser (folders collapsed
// to their layer) as a Mermaid chart in docs/architecture.md, which the README links to.
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const root = path.join(import.meta.dirname, '..');
const mermaid = execFileSync(
  'npx',
  [
    'depcruise',
    '--config',
    '.dependency-cruiser.cjs',
    'common',
    'main',
    'preload',
    'renderer',
    'simulators',
    '--include-only',
    '^(common|main|preload|renderer|simulators)/',
    '--exclude',
    '\\.test\\.tsx?$|test-|-worker\\.ts$',
    '--collapse',
    '^(common|preload|renderer/[^/]+|main/(app|ipc|services|platform|web|demo|city|storage|cli)|main/devices/[^/]+|main/[^/]+\\.ts|simulators/[^/]+)',
    '--output-type',
    'mermaid',
  ],
  { cwd: root, encoding: 'utf8' },
);
mkdirSync(path.join(root, 'docs'), { recursive: true });
writeFileSync(
  path.join(root, 'docs', 'architecture.md'),
  `# Architecture picture\n\nDrawn by dependency-cruiser (\`npm run docs:arch\`) from the imports in the code: each box is\na layer folder, each arrow an import. The rules it enforces are in \`.dependency-cruiser.cjs\`.\n\n\`\`\`mermaid\n${mermaid.trim()}\n\`\`\`\n`,
);
console.log('docs/architecture.md written');
