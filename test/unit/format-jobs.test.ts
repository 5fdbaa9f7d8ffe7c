/*
 * `#(command)` jobs without a shell: the expander's part (the command expanded without
 * jobs, its output expanded again, nothing where the context runs no jobs), FormatJobs'
 * rules (start, the last line kept, a tail with no newline, a new expansion ending the
 * run, running again only after status-interval, forgetting a client's jobs) with a fake
 * child process, and tmux's argument escaping (args_escape) for list-keys.
 */
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import type { ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { expandFormat as expand, type FormatContext } from '../../src/core/format.js';
import { FormatJobs } from '../../src/server/format-jobs.js';
import { escapeArg as tmuxEscapeArg } from '../../src/commands/print-command.js';

class FakeChild extends EventEmitter {
  stdout = new PassThrough();
  exitCode: number | null = null;
  signalCode: string | null = null;
  killed: string[] = [];
  constructor(readonly command: string) {
    super();
  }
  kill(sig: string): boolean {
    this.killed.push(sig);
    return true;
  }
  print(text: string): void {
    this.stdout.write(text);
  }
  end(): void {
    this.exitCode = 0;
    this.stdout.end();
    setImmediate(() => this.emit('close', 0, null));
  }
}

function jobsWith(clock: { t: number }) {
  const started: FakeChild[] = [];
  const changed: string[] = [];
  const jobs = new FormatJobs(
    (command) => {
      const c = new FakeChild(command);
      started.push(c);
      return c as unknown as ChildProcess;
    },
    (tag) => changed.push(tag),
    () => clock.t,
  );
  return { jobs, started, changed };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('#() in the expander', () => {
  it('runs the expanded command through the context and expands what it printed, without jobs inside', () => {
    const asked: Array<[string, string]> = [];
    const ctx: FormatContext = {
      lookup: (n) => ({ session_name: 'work', x: 'X' })[n],
      job: (command, expanded) => {
        asked.push([command, expanded]);
        return expanded === 'echo work' ? '#{x}#(nested)' : '';
      },
    };
    expect(expand('[#(echo #{session_name})]', ctx)).toBe('[X]');
    expect(asked).toEqual([['echo #{session_name}', 'echo work']]);
  });

  it('is empty where the context runs no jobs, and ends the output when never closed', () => {
    const ctx: FormatContext = { lookup: () => undefined };
    expect(expand('a#(echo b)c', ctx)).toBe('ac');
    expect(expand('a#(echo (b)c', ctx)).toBe('a');
  });
});

describe('FormatJobs', () => {
  it('shows nothing until the job prints, then its last complete line, then a tail left without a newline', async () => {
    const clock = { t: 1_000_000 };
    const { jobs, started, changed } = jobsWith(clock);
    expect(jobs.get('c0:', 'cmd', 'cmd', 15)).toBe('');
    expect(started).toHaveLength(1);
    started[0]!.print('one\ntwo\nthr');
    await tick();
    expect(jobs.get('c0:', 'cmd', 'cmd', 15)).toBe('two');
    expect(changed).toEqual(['c0:']);
    started[0]!.print('ee');
    started[0]!.end();
    await tick();
    await tick();
    expect(jobs.get('c0:', 'cmd', 'cmd', 15)).toBe('three');
    expect(started).toHaveLength(1);
  });

  it('keeps the last line when a job ends after a newline, and an empty output when it printed nothing', async () => {
    const clock = { t: 0 };
    const { jobs, started } = jobsWith(clock);
    jobs.get('t:', 'a', 'a', 15);
    started[0]!.print('done\n');
    started[0]!.end();
    jobs.get('t:', 'b', 'b', 15);
    started[1]!.end();
    await tick();
    await tick();
    expect(jobs.get('t:', 'a', 'a', 15)).toBe('done');
    expect(jobs.get('t:', 'b', 'b', 15)).toBe('');
  });

  it('runs again once status-interval has passed since it started, and never again with 0', async () => {
    const clock = { t: 0 };
    const { jobs, started } = jobsWith(clock);
    jobs.get('t:', 'a', 'a', 15);
    jobs.get('t:', 'z', 'z', 0);
    started[0]!.end();
    started[1]!.end();
    await tick();
    clock.t = 14_999;
    jobs.get('t:', 'a', 'a', 15);
    expect(started).toHaveLength(2);
    clock.t = 15_000;
    jobs.get('t:', 'a', 'a', 15);
    jobs.get('t:', 'z', 'z', 0);
    expect(started.map((c) => c.command)).toEqual(['a', 'z', 'a']);
  });

  it('ends a running job whose expansion changed and starts the new one at once', () => {
    const { jobs, started } = jobsWith({ t: 0 });
    jobs.get('t:', 'echo #S', 'echo a', 15);
    jobs.get('t:', 'echo #S', 'echo b', 15);
    expect(started.map((c) => c.command)).toEqual(['echo a', 'echo b']);
    expect(started[0]!.killed).toEqual(['SIGTERM']);
    // a job of another tag with the same text is its own
    jobs.get('u:', 'echo #S', 'echo a', 15);
    expect(started).toHaveLength(3);
  });

  it("forgets a client's jobs, ending those still running", () => {
    const { jobs, started } = jobsWith({ t: 0 });
    jobs.get('c1:', 'a', 'a', 15);
    jobs.get('c1:@3:', 'b', 'b', 15);
    jobs.get('c2:', 'a', 'a', 15);
    jobs.forget('c1:');
    expect(jobs.size).toBe(1);
    expect(started.map((c) => c.killed.length)).toEqual([1, 1, 0]);
  });
});

describe("tmux's argument escaping (args_escape)", () => {
  it.each([
    ['plain', 'plain'],
    ['', "''"],
    ['a b', '"a b"'],
    ['#{x}', '"#{x}"'],
    ["it's", '"it\'s"'],
    ['plain"q', `'plain"q'`],
    ['a $HOME "q" \\ b', '"a \\$HOME \\"q\\" \\\\ b"'],
    ['~home', '\\~home'],
    ['~ x', '"\\~ x"'],
    [';', '\\;'],
    ['"', '\\"'],
    ['~', '\\~'],
    ['tab\there', 'tab\\there'],
    ['\x01', '\\001'],
  ])('%j prints as %s', (arg, printed) => {
    expect(tmuxEscapeArg(arg)).toBe(printed);
  });
});
