import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{common,main,simulators,renderer,preload,scripts}/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
