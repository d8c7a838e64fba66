import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'emulator/**/*.test.ts', 'scenarios/**/*.test.ts', 'reports/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
