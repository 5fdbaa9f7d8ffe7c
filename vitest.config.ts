import { defineConfig } from 'vitest/config';

// Unit tests run in parallel; end-to-end tests drive real servers and ptys, so they
// get longer timeouts. Both live under test/. Besides the usual console report, a JSON
// report goes to test-results.json, from which .ci/run prints its summary line.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
  },
});
