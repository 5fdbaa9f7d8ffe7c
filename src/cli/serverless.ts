/*
 * The commands that only read or tidy the state dir — `sessions`, `du`, `gc`, `doctor`,
 * `worktrees` —
 * answered when no server is running (issue 14.9): a model with no panes, built in this
 * process over the same state dir and config, runs the command as a server would.
 * Nothing is started and nothing listens; dirs named in any server's checkpoint, or used
 * by a running process, stay protected as they are for a server's own gc.
 */
import os from 'node:os';
import pino from 'pino';
import { stateDir } from '../core/paths.js';
import { readConfig } from '../commands/read-config.js';
import { RUNNER } from '../commands/run.js';
import { Server } from '../server/server.js';
import { ClaudeAwareness } from '../claude/awareness.js';
import { PROTOCOL_VERSION } from '../protocol/frames.js';
import { dirOwners } from '../persist/orphans.js';

export const SERVERLESS = new Set(['sessions', 'du', 'gc', 'doctor', 'worktrees']);

/** Run `argv` (one of SERVERLESS) here; its exit code. */
export async function runServerless(argv: string[], configFile: string | undefined, socketPath: string): Promise<number> {
  const { loaded, errors } = readConfig(configFile, RUNNER.check);
  if (!loaded) {
    process.stderr.write(`ccmux: ${errors.join('\n')}\n`);
    return 1;
  }
  const home = process.env.HOME || os.homedir();
  const server = new Server({
    socketPath,
    stateDir: stateDir(process.env, home),
    configFile,
    home,
    spawner: () => {
      throw new Error('no panes are started without a server');
    },
    log: pino({ level: 'silent' }),
    config: loaded,
    env: {},
  });
  new ClaudeAwareness(server);
  // As a server's persistence does: dirs a checkpoint names are restorable, not orphans.
  server.dirKeepers.push(() => dirOwners(server).keys());
  const caller = { protocol: PROTOCOL_VERSION, version: 'serverless', pid: process.pid, cwd: process.cwd(), tty: false, cols: 80, rows: 24, env: {} };
  const { code } = await RUNNER.runLine(server, argv, {
    caller,
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
  });
  return code;
}
