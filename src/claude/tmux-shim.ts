/*
 * The tmux shim (ADR 0015): `<state>/tmux-shim/tmux`, a script that runs ccmux with the
 * arguments it was given (through the fast client, ADR 0025, when it was built). A Claude pane with `[claude] tmux_shim = true` gets this dir
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

/**
 * The script: `node bin/ccmux.js "$@"`, marked as a call through the shim — through the
 * fast client (native/tmux-client.c, ADR 0025) when it was built, which carries a plain
 * command itself and execs the same node command for anything else.
 */
export function shimScript(nodePath: string, entry: string, fast?: string): string {
  const run = `${shQuote(nodePath)} ${shQuote(entry)} "$@"`;
  return [
    '#!/bin/sh',
    "# ccmux's tmux (ADR 0015, 0025): run-shell, if-shell and #() jobs and Claude panes with",
    '# tmux_shim run `tmux`; this runs ccmux with the same arguments. Rewritten by the ccmux server.',
    `${SHIM_CALL_VAR}=1`,
    `export ${SHIM_CALL_VAR}`,
    ...(fast ? [`[ -x ${shQuote(fast)} ] && exec ${shQuote(fast)} ${run}`] : []),
    `exec ${run}`,
    '',
  ].join('\n');
}

/** Write (or refresh) `<state>/tmux-shim/tmux`; returns the dir to put first in PATH. */
export function writeTmuxShim(stateDir: string): string {
  const dir = path.join(stateDir, 'tmux-shim');
  const file = path.join(dir, 'tmux');
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const text = shimScript(process.execPath, path.join(root, 'bin', 'ccmux.js'), path.join(root, 'dist', 'native', 'ccmux-tmux'));
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeIfChanged(file, text, 0o700);
  return dir;
}
