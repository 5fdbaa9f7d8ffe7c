/*
 * A pane's pipe (pipe-pane): a `/bin/sh -c` command that gets what the pane's program
 * prints on its stdin (-O, the default) and/or whose stdout is typed into the pane (-I),
 * as tmux's pipe-pane connects them.
 *
 * The server never waits for the command: its stdin is a non-blocking pipe written
 * through node's stream, and what it has not yet taken is bounded — past
 * MAX_PIPE_PENDING bytes waiting, output is dropped (and counted) until it catches up,
 * where tmux would keep buffering without limit. The pipe ends when the command exits,
 * when its stdin breaks, or when it is closed (its stdin then sees end of file; the
 * command is not killed, as in tmux).
 */
import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Bytes of pane output waiting for a pipe's command before more is dropped: 4 MiB is
 * seconds of the fastest output a pane's program makes (a `cat` of a big file reads at
 * ~1-2 MB/s through the terminal parser), so a command that keeps up (`cat >>log`) never
 * loses any, and one that stopped reading costs the server no more than this.
 */
export const MAX_PIPE_PENDING = 4 * 1024 * 1024;

export interface PipeOptions {
  command: string;
  cwd: string;
  env: Record<string, string>;
  /** The pane's output goes to the command's stdin (-O; also when neither -I nor -O). */
  output: boolean;
  /** The command's stdout is written to the pane as input (-I). */
  input: boolean;
  /** Write the command's output into the pane (its program reads it as typed); whole characters. */
  toPane(data: string): void;
  /** The pipe ended (the command exited, its stdin broke, or it was closed). */
  closed(): void;
}

export class PanePipe {
  private child: ChildProcess | null;
  private ended = false;
  /** Output bytes dropped because the command did not take them in time. */
  dropped = 0;

  constructor(private readonly o: PipeOptions) {
    this.child = spawn('/bin/sh', ['-c', o.command], {
      cwd: o.cwd,
      env: o.env,
      stdio: [o.output ? 'pipe' : 'ignore', o.input ? 'pipe' : 'ignore', 'ignore'],
    });
    // A broken stdin (the command exited, or closed it) ends the pipe; it must not throw.
    this.child.stdin?.on('error', () => this.close());
    this.child.stdout?.setEncoding('utf8');
    this.child.stdout?.on('data', (d: string) => {
      if (!this.ended) o.toPane(d);
    });
    this.child.on('error', () => this.close());
    // Exited: what it printed last may still be on its way (-I), so its stdout ends first.
    this.child.on('exit', () => {
      const out = this.child?.stdout;
      if (out && !out.destroyed && !out.readableEnded) out.once('close', () => this.close());
      else this.close();
    });
  }

  get open(): boolean {
    return !this.ended;
  }

  /** The pid of the command (tests, logs). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** What the pane's program printed: to the command's stdin, or dropped past the bound. */
  write(data: Buffer | string): void {
    const stdin = this.child?.stdin;
    if (this.ended || !stdin || !this.o.output) return;
    if (stdin.writableLength + data.length > MAX_PIPE_PENDING) {
      this.dropped += typeof data === 'string' ? Buffer.byteLength(data) : data.length;
      return;
    }
    stdin.write(data);
  }

  /** End the pipe: the command's stdin sees end of file, its output is no longer read. */
  close(): void {
    if (this.ended) return;
    this.ended = true;
    const child = this.child;
    this.child = null;
    child?.stdin?.end();
    child?.stdout?.destroy();
    child?.unref();
    this.o.closed();
  }
}
