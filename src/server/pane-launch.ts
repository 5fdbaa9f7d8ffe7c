/*
 * What a new pane runs, decided in one place: its argv (one string is a shell command,
 * several are an argv to exec), else the default-command option, else the user's shell;
 * in the requested directory (falling back to HOME, then /, when it is gone); with the
 * environment built by spawn-env.ts.
 */
import fs from 'node:fs';
import { buildPaneEnv } from '../core/spawn-env.js';
import type { PaneLaunch } from './pane.js';
import type { SpawnRequest } from './spawn.js';

export interface LaunchOptions {
  term: string;
  /** default-shell ("" = $SHELL or /bin/sh). */
  shell: string;
  /** default-command ("" = the shell). */
  defaultCommand: string;
  socketPath: string;
  serverPid: number;
  /** The session the pane is in (tmux's $TMUX names it, for a pane given the tmux shim). */
  sessionId: number;
}

/** The program, arguments, directory and environment of pane `paneId` (e.g. "%3"). */
export function paneLaunchFor(paneId: string, req: SpawnRequest, o: LaunchOptions): PaneLaunch {
  const { term } = o;
  const tmux = req.tmuxShim ? { shimDir: req.tmuxShim, sessionId: o.sessionId } : undefined;
  const env = buildPaneEnv({ base: req.env, term, socketPath: o.socketPath, serverPid: o.serverPid, paneId, set: req.setEnv, unset: req.unsetEnv, tmux });
  const shell = o.shell || req.env.SHELL || '/bin/sh';
  let cwd = req.cwd;
  try {
    if (!fs.statSync(cwd).isDirectory()) cwd = req.env.HOME || '/';
  } catch {
    cwd = req.env.HOME && fs.existsSync(req.env.HOME) ? req.env.HOME : '/';
  }
  if (req.argv && req.argv.length === 1) return { file: shell, args: ['-c', req.argv[0]!], cwd, env, term, command: req.argv };
  if (req.argv && req.argv.length > 1) return { file: req.argv[0]!, args: req.argv.slice(1), cwd, env, term, command: req.argv };
  if (o.defaultCommand) return { file: shell, args: ['-c', o.defaultCommand], cwd, env, term };
  return { file: shell, args: [], cwd, env, term };
}
