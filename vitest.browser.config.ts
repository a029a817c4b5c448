import { defineConfig } from 'vitest/config';

/**
 * `npm run test:browser`: the console page in headless Chromium (Debian's `chromium` package,
 * driven by playwright-core). Not part of `npm test`, which needs nothing but Node.
 */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
