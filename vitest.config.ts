import { configDefaults, defineConfig } from 'vitest/config';

// Unit tests run in parallel; end-to-end tests drive real servers and ptys, so they
// get longer timeouts. Both live under test/. Besides the usual console report, a JSON
// report goes to test-results.json, from which .ci/run prints its summary line.
// test/claude-real/ runs the real Claude Code and is opt-in: `npm run test:claude`
// (vitest.claude.config.ts), never part of `npm test`.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'test/claude-real/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
  },
});
