/*
 * The second half of `npm run build` (after `tsc -p .`): one CommonJS bundle per
 * process, made with rolldown from tsc's output, so that a process reads and compiles
 * one file instead of hundreds of ES modules (ADR "bundled entries", docs/performance.md
 * issue 18):
 *
 *   dist/bundle/ccmux.cjs    the `ccmux` command (bin/ccmux.js requires it), from dist/cli/main.js
 *   dist/bundle/server.cjs   the server process, from dist/server/main.js; client/start-server.ts
 *                            spawns dist/bundle/server-boot.cjs (code-cache-boot.cjs), which
 *                            compiles it with V8's code cache server.cjs.cache, made here
 *
 * What a process imports lazily (`import()`) stays a separate chunk beside its bundle
 * (`ccmux-<name>-<hash>.cjs`), loaded only when needed. node-pty (a native addon) and
 * node's own modules stay outside; @xterm/headless, pino and smol-toml go in. The bundles
 * sit one directory below dist/, as tsc's files do, so the paths they find relative to
 * themselves (package.json, bin/ccmux.js, dist/cli/hook.js) are the same.
 *
 * A bundle is used only while it is not older than tsc's file it was made from: after a
 * bare `tsc -p .` the processes run tsc's output again, never a stale bundle.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { rolldown } from 'rolldown';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = path.join(ROOT, 'dist', 'bundle');

/** Run by node with the server's flags: compile the bundle (argv[1]) as code-cache-boot.cjs does and write its code cache beside it. */
const MAKE_CACHE = `const fs = require('node:fs'), vm = require('node:vm'), Module = require('node:module');
const file = process.argv[1];
const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file });
fs.writeFileSync(file + '.cache', script.createCachedData());`;

/** name → tsc's entry file (relative to dist/). */
const ENTRIES = { ccmux: 'cli/main.js', server: 'server/main.js' };

/** Left to node at run time: its own modules and native addons. */
const external = (id) => id.startsWith('node:') || id === 'node-pty';

fs.rmSync(OUT, { recursive: true, force: true });
for (const [name, entry] of Object.entries(ENTRIES)) {
  const bundle = await rolldown({
    input: { [name]: path.join(ROOT, 'dist', entry) },
    platform: 'node',
    external,
    // A module both imported and import()ed stays where it is: only a note, not a fault.
    checks: { ineffectiveDynamicImport: false },
    logLevel: 'warn',
  });
  await bundle.write({ dir: OUT, format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: `${name}-[name]-[hash].cjs`, sourcemap: false });
  await bundle.close();
}

// The server starts through a small loader that compiles its bundle with V8's code cache,
// made here by this node with the server's flags (V8 rejects a cache of another version
// or other flags; the loader then compiles as usual).
fs.copyFileSync(path.join(ROOT, 'scripts', 'build', 'code-cache-boot.cjs'), path.join(OUT, 'server-boot.cjs'));
const { SERVER_NODE_FLAGS } = await import(path.join(ROOT, 'dist', 'client', 'start-server.js'));
const made = spawnSync(process.execPath, [...SERVER_NODE_FLAGS, '-e', MAKE_CACHE, path.join(OUT, 'server.cjs')], { stdio: 'inherit' });
if (made.status !== 0) throw new Error('making the server bundle\'s code cache failed');
