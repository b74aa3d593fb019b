import { defineConfig } from 'vitest/config';

const ALL = ['packages/*/src/**/*.test.ts', 'apps/server/src/**/*.test.ts', 'apps/web/src/**/*.test.ts'];

/**
 * Integration tests start Redis, child processes (the CLI, workers) or real servers: they live in folders named
 * `integration`. The exceptions: the sandbox pool's test, which starts `node` to check its worker flags, and the
 * hostile-script test, whose runaway threads keep both cores busy for seconds.
 */
const INTEGRATION = [
  '**/integration/**/*.test.ts',
  'packages/engine/src/sandbox/pool.test.ts',
  'packages/engine/src/sandbox/hostile.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
    projects: [
      { extends: true, test: { name: 'unit', include: ALL, exclude: ['**/node_modules/**', ...INTEGRATION] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: INTEGRATION,
          exclude: ['**/node_modules/**'],
          // The tests start `fireflow`, which runs the server's build.
          globalSetup: ['apps/server/src/testing/build-server.ts'],
        },
      },
    ],
  },
});
