/** Layer rules of DESIGN.md, machine-checked by `npm run lint:arch`. */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'common-imports-nothing',
      comment: 'common/ is shared by all processes: it imports only itself and pure libraries.',
      severity: 'error',
      from: { path: '^common/', pathNot: '\\.test\\.ts$' },
      to: {
        pathNot: ['^common/', '^node_modules/zod/'],
      },
    },
    {
      name: 'renderer-no-node-no-electron-no-main',
      severity: 'error',
      from: { path: '^renderer/' },
      to: {
        path: ['^main/', '^preload/', '^simulators/', '^node_modules/electron/'],
      },
    },
    {
      name: 'renderer-no-node-builtins',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'preload-only-electron-and-ipc-contract',
      severity: 'error',
      from: { path: '^preload/' },
      to: {
        pathNot: [
          '^preload/',
          '^common/ipc/',
          '^common/errors',
          '^node_modules/electron/',
          '^node_modules/zod/',
        ],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'only-main-app-imports-electron',
      severity: 'error',
      from: { path: '^(main|common|simulators)/', pathNot: '^main/(app/|index\\.ts$)' },
      to: { path: '^node_modules/electron/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'only-transport-imports-serialport',
      severity: 'error',
      from: { path: '^main/', pathNot: '^main/devices/transport/' },
      to: { path: '^node_modules/(serialport|@serialport)/' },
    },
    {
      name: 'services-depend-on-interfaces-not-adapters',
      comment:
        'Services use device and gateway interfaces; adapters are chosen in the composition root.',
      severity: 'error',
      from: { path: '^main/services/', pathNot: '\\.test\\.ts$' },
      to: {
        path: ['^main/devices/', '^main/city/', '^main/storage/', '^main/app/', '^simulators/'],
        pathNot: '/(ports?|types|interfaces?)\\.ts$|/[a-z-]+-(port|interface)\\.ts$',
      },
    },
    {
      name: 'ipc-handlers-are-transport-agnostic',
      severity: 'error',
      from: { path: '^main/ipc/' },
      to: { path: ['^main/app/', '^node_modules/electron/', '^node_modules/ws/'] },
    },
    {
      name: 'production-code-never-imports-simulators',
      comment: 'Simulators are wired in only by the composition roots (demo mode) and tests.',
      severity: 'error',
      from: {
        path: '^main/',
        pathNot: [
          '^main/(index|composition|web)\\.ts$',
          '^main/demo/',
          '\\.test\\.ts$',
          '^main/cli/',
        ],
      },
      to: { path: '^simulators/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|e2e|out)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.main.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: {
      archi: {
        collapsePattern:
          '^(common|preload|renderer/[^/]+|main/[^/]+|main/devices/[^/]+|simulators/[^/]+)',
      },
    },
  },
};
