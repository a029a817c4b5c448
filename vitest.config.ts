import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['mock-vendor/**/*.test.ts', 'test/**/*.test.ts', 'grader/**/*.test.ts'],
    // Graded checks judge a target chosen by the grader (npm run grade); npm test runs them
    // through test/honesty/, against solutions, pristine starters and bad clients. Container tests
    // need Docker: npm run test:containers (vitest.containers.config.ts); browser tests need
    // Chromium: npm run test:browser (vitest.browser.config.ts). Fixtures hold lab 09's
    // deliberately weak test suites, which the honesty matrix runs as bad clients.
    exclude: ['test/labs/**', 'test/containers/**', 'test/browser/**', 'test/fixtures/**', 'node_modules/**'],
    testTimeout: 15_000,
    hookTimeout: 15_000,
    pool: 'forks',
    // vitest's default on 2 cores is one file at a time, but most files here wait (on the network, on
    // timeouts, on the honesty matrix's own workers): three at once keep both cores busy.
    maxWorkers: 3,
  },
});
