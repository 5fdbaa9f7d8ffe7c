/*
 * Starts a bundle with V8's code cache (copied by scripts/build/bundle.mjs next to the
 * bundle as `<name>-boot.cjs`): the bundle's source is compiled with the cache
 * `<name>.cjs.cache` that the build made for this node, which spares V8 compiling the
 * 1.2 MB server bundle's top level again at each start (~50–100 ms here, ADR 0021). When
 * the cache is missing or V8 rejects it (another node version, other flags), the bundle is
 * compiled as node would compile it: slower, the same program. The bundle runs as a
 * CommonJS module of its own file (its require, __filename and __dirname).
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const file = path.join(__dirname, path.basename(__filename).replace(/-boot\.cjs$/, '.cjs'));
const source = fs.readFileSync(file, 'utf8');
let cachedData;
try {
  cachedData = fs.readFileSync(`${file}.cache`);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
const mod = { id: file, filename: file, exports: {} };
script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, __dirname);
