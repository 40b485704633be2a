import { defineConfig } from 'vitest/config';
import { workspaceAliases } from './support/aliases.js';

// One run covers unit tests inside each workspace and the cross-service tests in test/.
// Workspace imports resolve to their TypeScript sources, so tests never run stale builds.
export default defineConfig({
  root: new URL('..', import.meta.url).pathname,
  resolve: { alias: workspaceAliases() },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'services/*/src/**/*.test.ts',
      'dashboards/src/**/*.test.ts',
      'examples/*/src/**/*.test.ts',
      'examples/*/test/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['test/support/global-setup.ts'],
    // Each test file runs in its own process: the embedded ClickHouse engine is one per process.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});
