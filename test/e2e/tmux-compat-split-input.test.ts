/*
 * split-window -I and display-message -I side by side with tmux 3.3a: the same bytes piped
 * (or typed on a terminal) into the CLI of each, the empty pane's screen captured, what
 * list-panes says of it (pane_dead, pane_pid, pane_current_command, …), and what
 * respawn-pane and kill-pane do to it; the CLI waits for the end of its stdin and leaves
 * the pane as it is when it is killed halfway. (tmux-compat-input.test.ts holds the input
 * options: synchronize-panes, focus-events.) Also resize-pane -T, the history lines a
 * program's output pushed up brought back below the cursor, and show-buffer's exact bytes.
 */
import { spawn } from 'node:child_process';
import * as pty from 'node-pty';
import { afterEach, describe, expect, it } from 'vitest';
import { CCMUX, hasTmux, waitFor } from './harness.js';
import { script, SideBySide, type Step } from './lib/side-by-side.js';

let both: SideBySide | undefined;
/** The CLIs this test started (each ended by its own pid afterwards). */
const started: Array<{ kill(signal?: NodeJS.Signals): unknown; exitCode?: number | null }> = [];

afterEach(async () => {
  for (const c of started.splice(0)) {
    try {
      c.kill('SIGKILL');
    } catch {
      /* gone */
    }
  }
  await both?.dispose();
  both = undefined;
});

type Which = 'tmux' | 'ccmux';

/** How to run `args` on `which`'s server: program, argv, environment. */
function command(which: Which, args: string[]): { file: string; argv: string[]; env: Record<string, string> } {
  const b = both!;
  return which === 'tmux' ? { file: 'tmux', argv: b.tmuxArgv(args), env: b.tmuxEnv } : { file: process.execPath, argv: [CCMUX, ...args], env: b.sb.env };
}

/** A CLI of `which` running `args` with a pipe on its stdin that the test writes and ends. */
function piped(which: Which, args: string[]) {
  const { file, argv, env } = command(which, args);
  const child = spawn(file, argv, { env, cwd: both!.sb.home, stdio: ['pipe', 'pipe', 'pipe'] });
  started.push(child);
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  child.stdin.on('error', () => undefined); // a CLI that has exited no longer reads
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let done = false;
  void exited.then(() => (done = true));
  return {
    write: (s: string) => child.stdin.write(s),
    end: () => child.stdin.end(),
    kill: () => child.kill('SIGKILL'),
    running: () => !done,
    out: () => out,
    err: () => err,
    exited,
  };
}

/** Run `args` on `which` with `data` as its whole stdin: exit code, output, first line of errors. */
async function withStdin(which: Which, args: string[], data: string): Promise<string> {
  const p = piped(which, args);
  p.write(data);
  p.end();
  const { code } = await p.exited;
  return `${code} ${JSON.stringify(p.out())} ${JSON.stringify(p.err().split('\n')[0])}`;
}

const run = (which: Which, args: string[]) => both![which](args);

/** What each side's pane `target` shows (trailing blank lines dropped). */
async function screen(which: Which, target: string): Promise<string> {
  const r = await run(which, ['capture-pane', '-p', '-t', target]);
  return r.out.replace(/\n+$/, '');
}

/** What the tests read of a pane: tmux's empty pane is dead, has pid 0, no tty and no current path. */
const FACTS = 'dead=#{pane_dead} pid=#{?pane_dead,#{pane_pid},live} cmd=#{pane_current_command} start=[#{pane_start_command}] status=[#{pane_dead_status}] tty=[#{pane_tty}] path=[#{pane_current_path}] in_off=#{pane_input_off} cursor=#{cursor_x},#{cursor_y} size=#{pane_width}x#{pane_height}';

describe.skipIf(!hasTmux())('split-window -I and display-message -I, side by side with tmux 3.3a', () => {
  it('a piped stdin becomes an empty pane\'s screen; the pane is dead with pid 0; display -I adds to it; respawn-pane and kill-pane work on it', async () => {
    both = await new SideBySide().start({ SHELL: '/bin/sh' });
    const text = 'hi\nthere\n\x1b[1mbold\x1b[0m and \x1b[31mred\x1b[0m\n\ttab\rTAB\n';
    const seen: Record<Which, string[]> = { tmux: [], ccmux: [] };
    for (const which of ['tmux', 'ccmux'] as const) {
      const note = (s: string) => seen[which].push(s);
      note(await withStdin(which, ['split-window', '-dI', '-t', 'keep', '-P', '-F', '#{pane_id}'], text));
      note(await screen(which, '%1'));
      const facts = (await run(which, ['display', '-p', '-t', '%1', FACTS])).out;
      note(facts);
      note(await withStdin(which, ['display-message', '-I', '-t', '%1'], 'more\n'));
      note(await screen(which, '%1'));
      // Only an empty pane takes input.
      note(await withStdin(which, ['display-message', '-I', '-t', '%0'], 'nope\n'));
      // -I with a command runs the command (-I is for a pane with none).
      note(await withStdin(which, ['split-window', '-dI', '-t', 'keep', 'exec cat'], 'x\n'));
      // An empty stdin: the pane is made and the CLI returns at once.
      note(await withStdin(which, ['split-window', '-dI', '-t', 'keep', '-P', '-F', '#{pane_id}'], ''));
      // '' as the command: an empty pane with nothing written into it.
      note(await withStdin(which, ['split-window', '-d', '-t', 'keep', '-P', '-F', '#{pane_id}', ''], 'unread\n'));
      note((await run(which, ['display', '-p', '-t', '%4', FACTS])).out);
      note((await run(which, ['list-panes', '-t', 'keep', '-F', '#{pane_id} #{pane_dead}'])).out);
      // respawn-pane needs no -k: nothing runs in it.
      const r = await run(which, ['respawn-pane', '-t', '%1', 'printf respawned; exec cat']);
      note(`respawn ${r.code} ${r.err}`);
      await waitFor(async () => (await screen(which, '%1')) === 'respawned', 10_000, `${which}: the respawned pane's output`);
      note((await run(which, ['display', '-p', '-t', '%1', 'dead=#{pane_dead} start=[#{pane_start_command}]'])).out);
      const k = await run(which, ['kill-pane', '-t', '%3']);
      note(`kill ${k.code} ${k.err}`);
      note((await run(which, ['list-panes', '-t', 'keep', '-F', '#{pane_id} #{pane_dead}'])).out);
    }
    expect(seen.tmux[1]).toContain('bold and red');
    expect(seen.tmux[2]).toContain('dead=1 pid=0');
    expect(seen.ccmux).toEqual(seen.tmux);
  }, 90_000);

  it('the CLI writes its stdin as it comes and returns at its end; killed halfway, the pane stays as it was', async () => {
    both = await new SideBySide().start();
    const seen: Record<Which, string[]> = { tmux: [], ccmux: [] };
    for (const which of ['tmux', 'ccmux'] as const) {
      const note = (s: string) => seen[which].push(s);
      const p = piped(which, ['split-window', '-dI', '-t', 'keep']);
      p.write('first\n');
      await waitFor(async () => (await screen(which, '%1')) === 'first', 10_000, `${which}: the first line in the pane`);
      note(`running ${p.running()}`);
      note((await run(which, ['list-panes', '-t', 'keep', '-F', '#{pane_id} #{pane_dead}'])).out);
      p.write('second\n');
      await waitFor(async () => (await screen(which, '%1')) === 'first\nsecond', 10_000, `${which}: the second line in the pane`);
      p.end();
      note(JSON.stringify(await p.exited));
      // Killed before its stdin ended: what came stays, the pane too.
      const q = piped(which, ['split-window', '-dI', '-t', 'keep']);
      q.write('half');
      await waitFor(async () => (await screen(which, '%2')) === 'half', 10_000, `${which}: the half line in the pane`);
      q.kill();
      await q.exited;
      note((await run(which, ['list-panes', '-t', 'keep', '-F', '#{pane_id} #{pane_dead}'])).out);
      note(await screen(which, '%2'));
    }
    expect(seen.tmux[0]).toBe('running true');
    expect(seen.ccmux).toEqual(seen.tmux);
  }, 90_000);

  it('a terminal on stdin is read line by line until ^D', async () => {
    both = await new SideBySide().start();
    const seen: Record<Which, string[]> = { tmux: [], ccmux: [] };
    for (const which of ['tmux', 'ccmux'] as const) {
      const { file, argv, env } = command(which, ['split-window', '-dI', '-t', 'keep']);
      const t = pty.spawn(file, argv, { name: 'xterm-256color', cols: 80, rows: 24, cwd: both.sb.home, env });
      started.push(t);
      const exited = new Promise<number>((resolve) => t.onExit((e) => resolve(e.exitCode)));
      await waitFor(async () => (await run(which, ['list-panes', '-t', 'keep'])).out.split('\n').length === 3, 10_000, `${which}: the empty pane`);
      t.write('typed line\r');
      await waitFor(async () => (await screen(which, '%1')) === 'typed line', 10_000, `${which}: the typed line in the pane`);
      t.write('\x04');
      seen[which].push(`exit ${await exited}`, await screen(which, '%1'));
    }
    expect(seen.ccmux).toEqual(seen.tmux);
  }, 60_000);

  it('from a key binding (an attached client) split-window -I makes an empty pane and reads nothing', async () => {
    both = await new SideBySide().start();
    const clients = await both.attach();
    const steps: Step[] = [
      ['bind-key', '-n', 'F5', 'split-window', '-dI'],
      { keys: '\x1b[15~' },
      { poll: ['list-panes', '-t', 'keep', '-F', '#{pane_id} #{pane_dead} #{?pane_dead,#{pane_pid},live}'], until: /%1 1 0/ },
    ];
    const { theirs, ours } = await both.both(steps, clients);
    expect(ours).toEqual(theirs);
    clients.tmux.close();
    clients.ccmux.close();
  }, 60_000);
});

describe.skipIf(!hasTmux())('resize-pane -T, side by side with tmux 3.3a', () => {
  it('trims the rows below the cursor, bringing history lines back onto the screen; at most the history; nothing in copy mode', async () => {
    both = await new SideBySide().start();
    const where = (t: string): string[] => ['display', '-p', '-t', t, '#{cursor_x},#{cursor_y} #{history_size}'];
    const steps: Step[] = [
      // 30 lines on 10 rows, then the cursor on row 2: 7 rows below it, 21 lines of history.
      ['new', '-d', '-s', 't', '-x', '40', '-y', '10', "seq 1 30; printf '\\033[3;1H'; exec cat"],
      { poll: where('t'), until: /^0,2 21$/m },
      ['resize-pane', '-T', '-t', 't'],
      where('t'),
      ['capture-pane', '-p', '-S', '-', '-t', 't'],
      ['resize-pane', '-T', '-t', 't'],
      where('t'),
      // 12 lines on 10 rows, the cursor on row 1: 8 rows below it, but 3 lines of history.
      ['new', '-d', '-s', 'u', '-x', '40', '-y', '10', "seq 1 12; printf '\\033[2;5H'; exec cat"],
      { poll: where('u'), until: /^4,1 3$/m },
      ['copy-mode', '-t', 'u'],
      ['resize-pane', '-T', '-t', 'u'],
      ['send-keys', '-X', '-t', 'u', 'cancel'],
      where('u'),
      ['resize-pane', '-T', '-t', 'u'],
      where('u'),
      ['capture-pane', '-p', '-S', '-', '-t', 'u'],
    ];
    const theirs = await script(both.tmux, steps);
    const ours = await script(both.ccmux, steps);
    expect(theirs[3]).toContain('0,9 14');
    expect(ours).toEqual(theirs);
  }, 60_000);
});

describe.skipIf(!hasTmux())('show-buffer, side by side with tmux 3.3a', () => {
  it('prints the buffer as it is: no newline added, none taken away', async () => {
    both = await new SideBySide().start();
    const steps: Step[] = [
      ['show-buffer'],
      ['set-buffer', '-b', 'plain', 'abc'],
      ['show-buffer', '-b', 'plain'],
      ['set-buffer', '-b', 'lines', 'x\ny\n'],
      ['show-buffer', '-b', 'lines'],
      ['set-buffer', '-b', 'ctl', 'a\tb\x1b[1mc\n\n'],
      ['show-buffer', '-b', 'ctl'],
      ['set-buffer', '-b', 'empty', ''],
      ['show-buffer', '-b', 'empty'],
      ['show-buffer'],
      ['show-buffer', '-b', 'nosuch'],
    ];
    // Each step's exit code, exact output and first line of errors (script() trims the output's end).
    const exact = async (which: Which) => {
      const seen: string[] = [];
      for (const s of steps) {
        const r = await run(which, s as string[]);
        seen.push(`${(s as string[]).join(' ')} → ${r.code} ${JSON.stringify(r.out)} ${JSON.stringify(r.err.split('\n')[0])}`);
      }
      return seen;
    };
    const theirs = await exact('tmux');
    const ours = await exact('ccmux');
    expect(theirs[2]).toContain('0 "abc" ""');
    expect(ours).toEqual(theirs);
  }, 60_000);
});

describe.skipIf(!hasTmux())('load-buffer -, side by side with tmux 3.3a', () => {
  it('reads the CLI\'s stdin into a buffer; an empty stdin makes none', async () => {
    both = await new SideBySide().start();
    const seen: Record<Which, string[]> = { tmux: [], ccmux: [] };
    for (const which of ['tmux', 'ccmux'] as const) {
      const note = async (what: string) => seen[which].push(`${what} ${JSON.stringify((await run(which, ['list-buffers', '-F', '#{buffer_name}=#{buffer_size}:#{buffer_sample}'])).out)}`);
      seen[which].push(await withStdin(which, ['load-buffer', '-'], 'from stdin\nline two'));
      await note('one');
      seen[which].push(await withStdin(which, ['load-buffer', '-b', 'named', '-'], 'x\n'));
      await note('named');
      seen[which].push(await withStdin(which, ['load-buffer', '-b', 'empty', '-'], ''));
      await note('empty');
      seen[which].push(`${JSON.stringify((await run(which, ['show-buffer', '-b', 'named'])).out)}`);
    }
    expect(seen.tmux[1]).toContain('buffer0=19:from stdin');
    expect(seen.ccmux).toEqual(seen.tmux);
  }, 60_000);
});
