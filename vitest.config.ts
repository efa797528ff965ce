import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts', 'renderer/**/*.test.tsx', 'bench/**/*.test.ts', 'scripts/**/*.test.ts', 'integration/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite instances and PostgreSQL databases per file: two cores, so keep the pool small.
    maxWorkers: 2,
  },
});
