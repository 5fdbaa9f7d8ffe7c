/*
 * The ccmux version, read once from package.json (two levels above the compiled file,
 * which sits in dist/core/ or src/core/).
 */
import fs from 'node:fs';

function readVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export const VERSION: string = readVersion();

/** The tmux whose commands, options and formats ccmux follows (docs/tmux-compat.md): what `tmux -V` says through the shim. */
export const TMUX_VERSION = '3.3a';
