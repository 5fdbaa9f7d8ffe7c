/*
 * The tmux shim (ADR 0015): `<state>/tmux-shim/tmux`, a script that runs ccmux with the
 * arguments it was given. A Claude pane with `[claude] tmux_shim = true` gets this dir
 * first in PATH and TMUX / TMUX_PANE set as tmux sets them (core/spawn-env.ts), so
 * Claude Code — which places agent-team teammates by running `tmux -S <socket from
 * $TMUX> split-window …` — makes ccmux panes. Nothing else gets it: a user's real tmux in
 * any other pane is untouched.
 *
 * The script marks its calls (CCMUX_TMUX_CALL=1): a pane made by one inherits what ccmux
 * gave the calling Claude pane (commands/teammate-env.ts), as a team shares its lead's
 * state.
 */
import { writeIfChanged } from '../core/write-if-changed.js';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Set by the shim in the environment of the ccmux it runs. */
export const SHIM_CALL_VAR = 'CCMUX_TMUX_CALL';

/** Quote for sh. */
function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The script: `node bin/ccmux.js "$@"`, marked as a call through the shim. */
export function shimScript(nodePath: string, entry: string): string {
  return [
    '#!/bin/sh',
    "# ccmux's tmux for Claude panes (tmux_shim, ADR 0015): Claude Code's agent teams run",
    '# `tmux`; this runs ccmux with the same arguments. Rewritten by the ccmux server.',
    `${SHIM_CALL_VAR}=1 exec ${shQuote(nodePath)} ${shQuote(entry)} "$@"`,
    '',
  ].join('\n');
}

/** Write (or refresh) `<state>/tmux-shim/tmux`; returns the dir to put first in PATH. */
export function writeTmuxShim(stateDir: string): string {
  const dir = path.join(stateDir, 'tmux-shim');
  const file = path.join(dir, 'tmux');
  const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'ccmux.js');
  const text = shimScript(process.execPath, path.resolve(entry));
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeIfChanged(file, text, 0o700);
  return dir;
}
