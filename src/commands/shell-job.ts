/*
 * A shell command run for run-shell and if-shell: `/bin/sh -c`, never waited for on the
 * event loop (a child process; the command only awaits its end), in the target pane's
 * directory (else the home dir), with the server's environment. Output (stdout and
 * stderr as they come) is kept up to MAX_OUTPUT bytes; the rest is counted and dropped.
 * The jobs running are listed for show-messages -J (runningJobs).
 */
import { spawn } from 'node:child_process';

/** Output kept from one job; tmux keeps all of it, a runaway job here cannot fill memory. */
const MAX_OUTPUT = 1024 * 1024;

export interface JobResult {
  /** Exit status, or 128 + the signal's number when a signal ended it. */
  status: number;
  output: string;
  /** Bytes dropped past MAX_OUTPUT. */
  dropped: number;
}

const SIGNALS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGPIPE: 13, SIGTERM: 15 };

/** The jobs running now, oldest first: their command and pid. */
const running = new Set<{ command: string; pid: number }>();

export function runningJobs(): ReadonlyArray<{ command: string; pid: number }> {
  return [...running];
}

export function runShellJob(command: string, cwd: string, env: Record<string, string>): Promise<JobResult> {
  return new Promise<JobResult>((resolve) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let dropped = 0;
    const take = (b: Buffer): void => {
      const room = MAX_OUTPUT - kept;
      if (room > 0) chunks.push(b.subarray(0, room));
      kept += Math.min(room, b.length);
      dropped += Math.max(0, b.length - room);
    };
    let child;
    try {
      child = spawn('/bin/sh', ['-c', command], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      resolve({ status: 127, output: `${(err as Error).message}\n`, dropped: 0 });
      return;
    }
    const job = { command, pid: child.pid ?? 0 };
    if (child.pid !== undefined) {
      running.add(job);
      child.on('close', () => running.delete(job));
      child.on('error', () => running.delete(job));
    }
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', (err) => resolve({ status: 127, output: `${err.message}\n`, dropped: 0 }));
    child.on('close', (code, signal) => {
      resolve({ status: code ?? 128 + (signal ? SIGNALS[signal] ?? 0 : 0), output: Buffer.concat(chunks).toString('utf8'), dropped });
    });
  });
}
