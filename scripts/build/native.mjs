/*
 * The third part of `npm run build`: the tmux shim's fast client (native/tmux-client.c,
 * ADR 0025) compiled to dist/native/ccmux-tmux with the C compiler node-pty's build
 * already needs. Without a compiler, or if it fails, the shim runs the node CLI for
 * every call (slower, the same answers): a warning, never a failed build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SRC = path.join(ROOT, 'native', 'tmux-client.c');
const OUT = path.join(ROOT, 'dist', 'native', 'ccmux-tmux');
const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;

fs.mkdirSync(path.dirname(OUT), { recursive: true });
const tmp = `${OUT}.${process.pid}`;
const cc = process.env.CC || 'cc';
const r = spawnSync(cc, ['-O2', '-Wall', '-Wextra', '-std=c11', `-DCCMUX_VERSION="${version}"`, '-o', tmp, SRC], { encoding: 'utf8' });
if (r.status === 0) {
  fs.renameSync(tmp, OUT);
} else {
  fs.rmSync(tmp, { force: true });
  fs.rmSync(OUT, { force: true });
  const why = r.error ? r.error.message : (r.stderr || '').trim().split('\n').slice(0, 5).join('\n');
  process.stderr.write(`warning: the tmux shim's fast client was not built (${cc}: ${why}); the shim will run the node CLI for each call\n`);
}
