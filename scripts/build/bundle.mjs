/*
 * The second half of `npm run build` (after `tsc -p .`): one CommonJS bundle per
 * process, made with rolldown from tsc's output, so that a process reads and compiles
 * one file instead of hundreds of ES modules (ADR "bundled entries", docs/performance.md
 * issue 18):
 *
 *   dist/bundle/ccmux.cjs    the `ccmux` command (bin/ccmux.js requires it), from dist/cli/main.js
 *   dist/bundle/server.cjs   the server process (client/start-server.ts spawns it), from dist/server/main.js
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
import { rolldown } from 'rolldown';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = path.join(ROOT, 'dist', 'bundle');

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
