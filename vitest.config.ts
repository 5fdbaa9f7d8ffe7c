import { defineConfig } from 'vitest/config';

// Unit tests run in parallel; end-to-end tests drive real servers and ptys, so they
// get longer timeouts. Both live under test/.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
