#!/usr/bin/env node
/*
 * Install the real Claude Code, pinned, into a cache dir (not the project's node_modules):
 *
 *   node scripts/claude-real/install.mjs        → prints the path of the `claude` executable
 *
 * Dir: $CCMUX_CLAUDE_CACHE, default ~/.cache/ccmux-test/claude-code-<version>.
 * Idempotent: when the executable is there and answers `--version` with the pinned
 * version, nothing is installed. npm runs with the caller's real HOME on purpose: its
 * settings (e.g. `nodedir`) live in the real ~/.npmrc. Only claude itself is ever run
 * with a throw-away HOME (see seed.mjs).
 *
 * Also usable as a module: `import { ensureClaude, CLAUDE_VERSION } from './install.mjs'`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLAUDE_VERSION = '2.1.197';
export const CLAUDE_PACKAGE = '@anthropic-ai/claude-code';

export function cacheDir(env = process.env) {
  return env.CCMUX_CLAUDE_CACHE || path.join(os.homedir(), '.cache', 'ccmux-test', `claude-code-${CLAUDE_VERSION}`);
}

export function claudeBin(dir = cacheDir()) {
  return path.join(dir, 'node_modules', '.bin', 'claude');
}

/** The version the installed executable reports, or undefined. Runs with a throw-away HOME. */
export function installedVersion(bin) {
  if (!fs.existsSync(bin)) return undefined;
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmux-claude-version-'));
  try {
    const r = spawnSync(bin, ['--version'], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: process.env.PATH, HOME: home, CLAUDE_CONFIG_DIR: path.join(home, 'config'), DISABLE_AUTOUPDATER: '1' },
    });
    const m = /^(\d+\.\d+\.\d+)/.exec(r.stdout ?? '');
    return m?.[1];
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

/** Install when missing; returns the executable's path. Throws with npm's output on failure. */
export function ensureClaude({ dir = cacheDir(), log = (s) => process.stderr.write(s + '\n') } = {}) {
  const bin = claudeBin(dir);
  if (installedVersion(bin) === CLAUDE_VERSION) return bin;
  fs.mkdirSync(dir, { recursive: true });
  // A package.json of our own keeps npm from walking up to some parent project.
  const pkg = path.join(dir, 'package.json');
  if (!fs.existsSync(pkg)) fs.writeFileSync(pkg, JSON.stringify({ name: 'ccmux-claude-real-cache', private: true }, null, 2) + '\n');
  log(`installing ${CLAUDE_PACKAGE}@${CLAUDE_VERSION} into ${dir} (≈250 MB, once)…`);
  try {
    // Real HOME: npm's own settings (nodedir, registry) live in the user's ~/.npmrc.
    execFileSync('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', '--save-exact', `${CLAUDE_PACKAGE}@${CLAUDE_VERSION}`], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, DISABLE_AUTOUPDATER: '1' },
    });
  } catch (err) {
    throw new Error(`npm install of ${CLAUDE_PACKAGE}@${CLAUDE_VERSION} into ${dir} failed: ${err.message}`);
  }
  let v = installedVersion(bin);
  if (v !== CLAUDE_VERSION) {
    // bin/claude.exe ships as a 500-byte placeholder that the package's postinstall replaces with
    // the native binary of the platform package. An npm that skips install scripts leaves the
    // placeholder: run that postinstall ourselves.
    const pkgDir = path.join(dir, 'node_modules', ...CLAUDE_PACKAGE.split('/'));
    log(`${bin} reports ${v ?? 'nothing'}; running the package's postinstall (install.cjs)…`);
    spawnSync(process.execPath, ['install.cjs'], { cwd: pkgDir, stdio: ['ignore', 'inherit', 'inherit'] });
    v = installedVersion(bin);
  }
  if (v !== CLAUDE_VERSION) throw new Error(`installed ${bin}, but it reports version ${v ?? '(none)'}, not ${CLAUDE_VERSION}`);
  return bin;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1])) {
  try {
    process.stdout.write(ensureClaude() + '\n');
  } catch (err) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}
