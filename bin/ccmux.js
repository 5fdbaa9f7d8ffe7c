#!/usr/bin/env node
// Entry point of the `ccmux` command. `npm run build` compiles src/ into dist/ (tsc) and
// bundles the command into dist/bundle/ccmux.cjs (scripts/build/bundle.mjs): one file
// to read and compile instead of a tree of ES modules (docs/performance.md, issue 18).
// The bundle is used only while it is not older than tsc's dist/cli/main.js, so a bare
// `tsc -p .` never leaves a stale bundle running.
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';

const dist = new URL('../dist/', import.meta.url);
const mtime = (rel) => statSync(new URL(rel, dist), { throwIfNoEntry: false })?.mtimeMs;
const bundled = mtime('bundle/ccmux.cjs');
const compiled = mtime('cli/main.js');
const argv = process.argv.slice(2);
if (bundled !== undefined && compiled !== undefined && bundled >= compiled) {
  createRequire(import.meta.url)('../dist/bundle/ccmux.cjs').main(argv);
} else {
  import('../dist/cli/main.js').then((m) => m.main(argv)).catch((err) => {
    if (err && err.code === 'ERR_MODULE_NOT_FOUND') {
      process.stderr.write('ccmux: not built yet; run `npm run build` (or `npm start`) first\n');
      process.exit(1);
    }
    throw err;
  });
}
