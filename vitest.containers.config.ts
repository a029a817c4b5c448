import { defineConfig } from 'vitest/config';
import { dockerEnv } from './grader/isolate/docker.ts';

/**
 * `npm run test:containers`: tests that need a Docker engine and the project's images
 * (scripts/docker-up.sh, scripts/image-build.sh; scripts/ci-containers.sh does all of it).
 * Not part of `npm test`. One file at a time: each one already keeps the machine busy.
 */
const env = dockerEnv();
export default defineConfig({
  test: {
    include: ['test/containers/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 600_000,
    env: {
      ...(env['DOCKER_HOST'] ? { DOCKER_HOST: env['DOCKER_HOST'] } : {}),
      ...(env['DOCKER_CONFIG'] ? { DOCKER_CONFIG: env['DOCKER_CONFIG'] } : {}),
      // No reaper image can be pulled here, and this VM's /.dockerenv misleads host detection:
      // the tests remove what they start themselves.
      TESTCONTAINERS_RYUK_DISABLED: 'true',
      TESTCONTAINERS_HOST_OVERRIDE: '127.0.0.1',
    },
  },
});
