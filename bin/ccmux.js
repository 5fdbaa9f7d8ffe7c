#!/usr/bin/env node
// Entry point of the `ccmux` command. CommonJS (bin/package.json), so that starting it
// costs no ES module loader: ~10 ms of CPU per call (issue 18). `npm run build` compiles
// src/ into dist/ (tsc) and bundles the command into dist/bundle/ccmux.cjs
// (scripts/build/bundle.mjs): one file to read and compile instead of a tree of ES
// modules. The bundle is used only while it is not older than tsc's dist/cli/main.js, so
// a bare `tsc -p .` never leaves a stale bundle running.
'use strict';
const { statSync } = require('node:fs');
const path = require('node:path');

const dist = path.join(__dirname, '..', 'dist');
const mtime = (rel) => statSync(path.join(dist, rel), { throwIfNoEntry: false })?.mtimeMs;
const bundled = mtime('bundle/ccmux.cjs');
const compiled = mtime('cli/main.js');
const argv = process.argv.slice(2);
if (bundled !== undefined && compiled !== undefined && bundled >= compiled) {
  require(path.join(dist, 'bundle', 'ccmux.cjs')).main(argv);
} else {
  import(path.join(dist, 'cli', 'main.js')).then((m) => m.main(argv)).catch((err) => {
    if (err && err.code === 'ERR_MODULE_NOT_FOUND') {
      process.stderr.write('ccmux: not built yet; run `npm run build` (or `npm start`) first\n');
      process.exit(1);
    }
    throw err;
  });
}
