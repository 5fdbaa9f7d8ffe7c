/*
 * The `#(command)` jobs of formats (tmux's format_job_*): a shell command run in the
 * background whose last line of output stands in its place. A status line asks for a job
 * each time it is expanded; the first time it starts the command and shows nothing, and
 * when the command prints a line the status line is drawn again with it.
 *
 * As tmux: a job is known by its tag (which status line or window entry asked) and its
 * command text; the command's formats are expanded first, and a new expansion (another
 * session's name, say) ends the run and starts another at once. The output kept is the
 * last complete line, or at the end what is left without a newline. A job not asked for
 * in an hour is forgotten; a client's jobs end with the client.
 *
 * Unlike tmux, which runs a finished job again whenever its status line is redrawn (at
 * most once a second), a job runs again once `status-interval` seconds have passed since
 * its last start (0: only when its expanded command changes): ccmux re-expands the status
 * line for more reasons than tmux redraws it (a pane's title, its program), and must not
 * start a process a second because a pane prints. The server's status timer (server.ts)
 * expands the status line each status-interval while it shows a job.
 *
 * Nothing here waits: output comes as it comes, a job printing without end keeps only
 * MAX_LINE characters of a line, and the server's event loop never blocks on a job.
 */
import { spawn, type ChildProcess } from 'node:child_process';

/** Characters of one line kept (a status line is one row; the rest is dropped). */
export const MAX_LINE = 64 * 1024;
/** A job not asked for this long is forgotten (tmux's format_job_tidy: an hour). */
const FORGET_MS = 3600_000;

interface Job {
  expanded: string;
  /** When it last started (ms). */
  last: number;
  /** When a format last asked for it (ms). */
  asked: number;
  out: string | null;
  /** A line came this run. */
  updated: boolean;
  child: ChildProcess | null;
  partial: string;
}

/** Starts `sh -c command` for the status line or entry `tag` names (its environment and directory are the runner's). */
export type JobRunner = (command: string, tag: string) => ChildProcess;

export class FormatJobs {
  private readonly jobs = new Map<string, Job>();
  /** Changes each time a job's output changes: part of status-line cache keys. */
  generation = 0;
  private lastTidy = Date.now();

  constructor(
    private readonly run: JobRunner,
    /** A job's output changed: draw the status lines again. */
    private readonly changed: (tag: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The output of `command` for `tag` as known now, starting or restarting it when due:
   * when `expanded` differs from the last run's, or when it is not running and
   * `interval` seconds have passed since it started (never again for 0).
   */
  get(tag: string, command: string, expanded: string, interval: number): string {
    const t = this.now();
    this.tidy(t);
    const key = `${tag}\0${command}`;
    let job = this.jobs.get(key);
    if (!job) {
      job = { expanded, last: -Infinity, asked: t, out: null, updated: false, child: null, partial: '' };
      this.jobs.set(key, job);
    }
    job.asked = t;
    const force = job.expanded !== expanded;
    if (force) {
      this.stop(job);
      job.expanded = expanded;
    }
    const due = job.last === -Infinity || (interval > 0 && t - job.last >= interval * 1000);
    if (force || (job.child === null && due)) this.start(key, tag, job);
    return job.out ?? '';
  }

  /** End and forget the jobs whose tag starts with `prefix` (a client's, when it goes). */
  forget(prefix: string): void {
    for (const [key, job] of this.jobs) {
      if (!key.startsWith(prefix)) continue;
      this.stop(job);
      this.jobs.delete(key);
    }
  }

  /** End every job (the server is going). */
  dispose(): void {
    this.forget('');
  }

  /** Jobs known (tests). */
  get size(): number {
    return this.jobs.size;
  }

  private start(key: string, tag: string, job: Job): void {
    job.last = this.now();
    job.updated = false;
    job.partial = '';
    let child: ChildProcess;
    try {
      child = this.run(job.expanded, tag);
    } catch {
      this.set(tag, job, `<'${key.slice(tag.length + 1)}' didn't start>`);
      return;
    }
    job.child = child;
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (d: string) => {
      if (job.child !== child) return;
      const lines = (job.partial + d).split('\n');
      job.partial = lines.pop()!.slice(-MAX_LINE);
      if (lines.length === 0) return;
      const line = lines[lines.length - 1]!;
      job.updated = true;
      this.set(tag, job, line.replace(/\r$/, '').slice(0, MAX_LINE));
    });
    const done = (): void => {
      if (job.child !== child) return;
      job.child = null;
      if (job.partial !== '' || !job.updated) this.set(tag, job, job.partial);
      job.partial = '';
    };
    child.on('close', done);
    child.on('error', () => {
      if (job.child !== child) return;
      job.child = null;
      this.set(tag, job, `<'${key.slice(tag.length + 1)}' didn't start>`);
    });
  }

  private set(tag: string, job: Job, out: string): void {
    if (job.out === out) return;
    job.out = out;
    this.generation++;
    this.changed(tag);
  }

  private stop(job: Job): void {
    const child = job.child;
    job.child = null;
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  }

  private tidy(t: number): void {
    if (t - this.lastTidy < 60_000) return;
    this.lastTidy = t;
    for (const [key, job] of this.jobs) {
      if (t - job.asked < FORGET_MS) continue;
      this.stop(job);
      this.jobs.delete(key);
    }
  }
}

/** Start `sh -c command` for a job: no input, output read, errors to nowhere (as tmux's job_run). */
export function shellJobRunner(place: (tag: string) => { env: Record<string, string>; cwd: string }): JobRunner {
  return (command, tag) => {
    const { env, cwd } = place(tag);
    return spawn('/bin/sh', ['-c', command], { cwd, env, stdio: ['ignore', 'pipe', 'ignore'] });
  };
}
