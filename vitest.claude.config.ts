import { defineConfig } from 'vitest/config';

// The opt-in suite against the real Claude Code (`npm run test:claude`): ccmux panes running
// @anthropic-ai/claude-code@2.1.197 offline against scripts/claude-real/fake-api.mjs.
// One file at a time, tests in order: each starts a real claude (a native binary, ~1 s).
export default defineConfig({
  test: {
    include: ['test/claude-real/**/*.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 90_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
