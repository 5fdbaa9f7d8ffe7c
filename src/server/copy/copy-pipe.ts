/*
 * Where copy-pipe and pipe send text: a `/bin/sh -c` job (tmux's job_run with JOB_NOWAIT)
 * that gets the text on its stdin and whose output is dropped, never waited for. The
 * command is copy-pipe's argument, else the copy-command server option (nothing runs when
 * both are empty). The text goes through node's non-blocking pipe; a job that exits
 * without reading it loses it (EPIPE is not an error here).
 */
import { spawn } from 'node:child_process';
import type { Logger } from 'pino';

/** The command copy-pipe runs: its own argument, else copy-command; null for none. */
export function pipeCommand(arg: string | undefined, copyCommand: string): string | null {
  if (arg) return arg;
  return copyCommand || null;
}

/** Start `command` in `cwd` with `env` and write `text` to its stdin. */
export function pipeToCommand(command: string, text: string, cwd: string, env: Record<string, string>, log: Logger): void {
  let child;
  try {
    child = spawn('/bin/sh', ['-c', command], { cwd, env, stdio: ['pipe', 'ignore', 'ignore'] });
  } catch (err) {
    log.warn({ err, command }, 'copy-pipe: cannot start the command');
    return;
  }
  child.on('error', (err) => log.warn({ err, command }, 'copy-pipe: the command failed'));
  child.stdin.on('error', () => {}); // the job did not read it all
  child.stdin.end(text);
}
