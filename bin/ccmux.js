#!/usr/bin/env node
// Entry point of the `ccmux` command: the compiled CLI lives in dist/ (npm run build).
import('../dist/cli/main.js').then((m) => m.main(process.argv.slice(2))).catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND') {
    process.stderr.write('ccmux: not built yet; run `npm run build` (or `npm start`) first\n');
    process.exit(1);
  }
  throw err;
});
