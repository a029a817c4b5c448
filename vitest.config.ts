import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['mock-vendor/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 15_000,
    hookTimeout: 15_000,
    pool: 'forks',
  },
});
