/*
 * tmux's input options side by side with tmux 3.3a: the same panes in both, running a
 * program that appends every byte it reads to a file (test/fixtures/dump-input.py), the
 * same keys typed into an attached client of each and the same commands run; then what
 * each pane received is compared byte for byte, and what each outer terminal was sent
 * (titles, focus reporting) is compared too. Covers synchronize-panes and focus-events.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, hasTmux, waitFor, type OuterTerminal } from './harness.js';
import { SideBySide, script, type Attached, type Run, type Step } from './lib/side-by-side.js';

const DUMP = path.join(ROOT, 'test', 'fixtures', 'dump-input.py');

let both: SideBySide | undefined;

afterEach(async () => {
  await both?.dispose();
  both = undefined;
});

/** The shell command of a pane that dumps its input into `file`, having first written `asks` to its terminal. */
function dump(file: string, ...asks: string[]): string {
  return ['python3', DUMP, file, ...asks].map((a) => `'${a}'`).join(' ');
}

/** The two sides: how to run a command, the client to type into, where their panes' files go. */
interface Side {
  run: Run;
  dir: string;
}

function sides(b: SideBySide): { tmux: Side; ccmux: Side } {
  const make = (name: string): Side => {
    const dir = path.join(b.sb.dir, `input-${name}`);
    fs.mkdirSync(dir, { recursive: true });
    return { run: name === 'tmux' ? b.tmux : b.ccmux, dir };
  };
  return { tmux: make('tmux'), ccmux: make('ccmux') };
}

const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'latin1') : '');

/** Run `steps` on one side, failing on the first that fails. */
async function ok(side: Side, steps: string[][]): Promise<void> {
  for (const s of steps) {
    const r = await side.run(s);
    if (r.code !== 0) throw new Error(`${s.join(' ')}: ${r.err}`);
  }
}

describe.skipIf(!hasTmux())('synchronize-panes, side by side with tmux 3.3a', () => {
  it('sends typed keys, a paste and send-keys to every synchronized pane not in a mode, each encoded for its program', async () => {
    both = await new SideBySide().start();
    const s = sides(both);
    const files = (side: Side) => ['a', 'b', 'c', 'd'].map((n) => path.join(side.dir, n));
    for (const side of [s.tmux, s.ccmux]) {
      const [a, b, c, d] = files(side);
      await ok(side, [
        // Both ask for bracketed paste (tmux 3.3a passes a paste's markers on even to a program
        // that did not, ccmux only to one that did); b's asks for application cursor keys too.
        ['new-session', '-d', '-s', 'sy', '-x', '80', '-y', '24', dump(a, '\\e[?2004h')],
        ['split-window', '-t', 'sy', dump(b, '\\e[?1h\\e[?2004h')],
        ['split-window', '-t', 'sy', dump(c)],
        ['split-window', '-t', 'sy', dump(d)],
        ['select-layout', '-t', 'sy', 'tiled'],
      ]);
      await waitFor(() => [a, b, c, d].every((f) => fs.existsSync(f)), 10_000, 'the dump programs to start');
    }
    const setup = [
      ['set', '-w', '-t', 'sy', 'synchronize-panes', 'on'],
      ['set', '-p', '-t', 'sy:0.3', 'synchronize-panes', 'off'],
      ['copy-mode', '-t', 'sy:0.2'],
      ['select-pane', '-t', 'sy:0.0'],
      ['show', '-w', '-t', 'sy'],
      ['show', '-p', '-t', 'sy:0.3'],
      ['show', '-gw', 'synchronize-panes'],
      ['display', '-p', '-t', 'sy:0.0', '#{pane_synchronized}#{synchronize-panes}'],
      ['display', '-p', '-t', 'sy:0.3', '#{pane_synchronized}#{synchronize-panes}'],
    ];
    expect(await script(s.ccmux.run, setup)).toEqual(await script(s.tmux.run, setup));
    const clients = await both.attach('sy');
    const typeAll = async (side: Side, client: Attached) => {
      const [a, b] = files(side);
      client.type('ab');
      client.type('\x1b[A');
      client.type('\x1b[200~P q\x1b[201~');
      await waitFor(() => read(a).endsWith('\x1b[201~') && read(b).endsWith('\x1b[201~'), 10_000, 'the typed keys').catch((e: Error) => {
        throw new Error(`${e.message}: ${JSON.stringify(files(side).map(read))}`);
      });
      await ok(side, [['send-keys', '-t', 'sy:0.1', 'X', 'Up', 'Enter']]);
      await waitFor(() => read(a).endsWith('\r'), 10_000, 'send-keys');
      client.type('Z');
      await waitFor(() => read(a).endsWith('Z') && read(b).endsWith('Z'), 10_000, 'the last key');
    };
    await typeAll(s.tmux, clients.tmux);
    await typeAll(s.ccmux, clients.ccmux);
    const got = (side: Side) => files(side).map(read);
    const theirs = got(s.tmux);
    expect(theirs[0]).toBe('ab\x1b[A\x1b[200~P q\x1b[201~X\x1b[A\rZ');
    expect(theirs[1]).toBe('ab\x1bOA\x1b[200~P q\x1b[201~X\x1bOA\rZ');
    expect(got(s.ccmux)).toEqual(theirs);
  }, 90_000);
});

describe.skipIf(!hasTmux())('focus-events, side by side with tmux 3.3a', () => {
  it('asks the terminal for focus reports and tells panes that asked as focus moves: terminal, pane, window', async () => {
    both = await new SideBySide().start();
    const s = sides(both);
    const files = (side: Side) => ['a', 'b', 'c'].map((n) => path.join(side.dir, n));
    const O = '\x1b[O';
    const I = '\x1b[I';
    const attach = (side: Side): Promise<OuterTerminal> =>
      side === s.tmux
        ? both!.sb.terminal(['-L', both!.tmuxName, '-f', '/dev/null', 'attach', '-t', 'f'], 80, 24, { program: 'tmux', env: { TMUX_TMPDIR: both!.sb.dir } })
        : both!.sb.terminal(['attach', '-t', 'f'], 80, 24);
    const logs: Record<string, string> = {};
    const outers: Record<string, OuterTerminal> = {};
    for (const [name, side] of [['tmux', s.tmux], ['ccmux', s.ccmux]] as const) {
      const [a, b, c] = files(side);
      /** Each pane's input so far, as `what` says it should be by now. */
      const reach = (what: string, want: string[]) =>
        waitFor(() => files(side).map(read).join('|') === want.join('|'), 10_000, what).catch((e: Error) => {
          throw new Error(`${name}: ${e.message}: ${JSON.stringify(files(side).map(read))}`);
        });
      await ok(side, [
        ['set', '-g', 'focus-events', 'on'],
        ['set-hook', '-g', 'client-focus-in', 'set -ga @log I'],
        ['set-hook', '-g', 'client-focus-out', 'set -ga @log O'],
        ['set-hook', '-g', 'pane-focus-in', 'set -gaF @log "+#{pane_index}"'],
        ['set-hook', '-g', 'pane-focus-out', 'set -gaF @log "-#{pane_index}"'],
        ['new-session', '-d', '-s', 'f', '-x', '80', '-y', '24', dump(a, '\\e[?1004h')],
        ['split-window', '-t', 'f', dump(b, '\\e[?1004h')],
        ['new-window', '-d', '-t', 'f', dump(c, '\\e[?1004h')],
      ]);
      // A program turning focus reports on is told at once: no client, so no focus.
      await reach('the first reports', [O, O, O]);
      const outer = await attach(side);
      outers[name] = outer;
      await reach('the focus at attach', [O, O + I, O]);
      // tmux asks once it has given up waiting for the terminal's answer to its queries (5 s).
      await waitFor(() => outer.output.includes('\x1b[?1004h'), 10_000, `${name} asking the terminal for focus reports`);
      outer.type(O);
      await reach('focus out', [O, O + I + O, O]);
      outer.type(I);
      await reach('focus in', [O, O + I + O + I, O]);
      await ok(side, [['select-pane', '-t', 'f:0.0']]);
      await reach('select-pane', [O + I, O + I + O + I + O, O]);
      await ok(side, [['select-window', '-t', 'f:1']]);
      await reach('select-window', [O + I + O, O + I + O + I + O, O + I]);
      await ok(side, [['select-window', '-t', 'f:0']]);
      await reach('select-window back', [O + I + O + I, O + I + O + I + O, O + I + O]);
      // The pane with the focus closes: the window's new active pane has it.
      await ok(side, [['kill-pane', '-t', 'f:0.0']]);
      await reach('kill-pane', [O + I + O + I, O + I + O + I + O + I, O + I + O]);
      logs[name] = (await side.run(['show', '-gv', '@log'])).out;
    }
    // tmux runs pane-focus-out before client-focus-out, client-focus-in before pane-focus-in.
    expect(logs.tmux).toBe('+1-1OI+1-1+0-0+0-0+0+0\n');
    expect(logs.ccmux).toBe(logs.tmux);
    // Neither asks for focus reports twice, and both turn them off when the client leaves.
    for (const [name, side] of [['tmux', s.tmux], ['ccmux', s.ccmux]] as const) {
      const outer = outers[name]!;
      expect(outer.output.split('\x1b[?1004h').length, name).toBe(2);
      await ok(side, [['detach-client', '-s', 'f']]);
      await waitFor(() => outer.output.lastIndexOf('\x1b[?1004l') > outer.output.lastIndexOf('\x1b[?1004h'), 10_000, `${name} turning focus reports off`);
    }
  }, 90_000);
});

/** The titles (OSC 0 and 2) a terminal was sent, in order, each once in a row. */
function titles(outer: OuterTerminal): string[] {
  const out: string[] = [];
  for (const m of outer.output.matchAll(/\x1b\][02];([^\x07\x1b]*)(?:\x07|\x1b\\)/g)) if (out.at(-1) !== m[1]) out.push(m[1]!);
  return out;
}

describe.skipIf(!hasTmux())('set-titles, side by side with tmux 3.3a', () => {
  it('sets the terminal title to set-titles-string as the session, window and pane title change', async () => {
    both = await new SideBySide().start();
    const s = sides(both);
    const setup = [
      ['new-session', '-d', '-s', 't', '-x', '80', '-y', '24', '-n', 'one'],
      ['set', '-g', 'set-titles', 'on'],
    ];
    for (const side of [s.tmux, s.ccmux]) await ok(side, setup);
    const theirs = await both.sb.terminal(['-L', both.tmuxName, '-f', '/dev/null', 'attach', '-t', 't'], 80, 24, { program: 'tmux', env: { TMUX_TMPDIR: both.sb.dir } });
    const ours = await both.sb.terminal(['attach', '-t', 't'], 80, 24);
    const steps: string[][][] = [
      [],
      [['select-pane', '-t', 't:0', '-T', 'my title']],
      [['new-window', '-t', 't', '-n', 'two']],
      [['rename-window', '-t', 't:1', 'renamed']],
      [['set', '-g', 'set-titles-string', '#{session_name}|#{window_index}|#{window_name}|#{pane_title}']],
      [['select-window', '-t', 't:0']],
      [['set', '-t', 't', 'set-titles-string', 'local #S']],
    ];
    for (const step of steps) {
      const before = titles(theirs).at(-1);
      await ok(s.tmux, step);
      const want = await waitFor(() => titles(theirs).at(-1) !== before && titles(theirs).at(-1), 10_000, `tmux's title after ${JSON.stringify(step)}`);
      await ok(s.ccmux, step);
      await waitFor(() => titles(ours).at(-1) === want, 10_000, `ccmux's title to be ${want}`).catch((e: Error) => {
        throw new Error(`${e.message}; ccmux's titles: ${JSON.stringify(titles(ours))}`);
      });
    }
    expect(titles(theirs).at(-1)).toBe('local t');
    expect(titles(ours)).toEqual(titles(theirs));
  }, 90_000);
});

describe.skipIf(!hasTmux())('alternate-screen, side by side with tmux 3.3a', () => {
  it('off, a program drawing on the alternate screen draws on the normal one, its lines kept in the history', async () => {
    both = await new SideBySide().start();
    const prog = `sh -c 'seq 1 3; printf "\\033[?1049hALT\\033[?1049l"; seq 4 10; printf "\\033[?47hB\\033[?47l\\033[?1047hC\\033[?1047l"; echo end; sleep 60'`;
    const steps = [
      ['set', '-gw', 'alternate-screen', 'off'],
      ['new-session', '-d', '-s', 'off', '-x', '40', '-y', '6', prog],
      { poll: ['capture-pane', '-p', '-t', 'off', '-S', '-20'], until: /end/ },
      ['set', '-gw', 'alternate-screen', 'on'],
      ['new-session', '-d', '-s', 'on', '-x', '40', '-y', '6', prog],
      { poll: ['capture-pane', '-p', '-t', 'on', '-S', '-20'], until: /end/ },
      ['show', '-gw', 'alternate-screen'],
      ['set', '-p', '-t', 'on', 'alternate-screen', 'off'],
      ['show', '-p', '-t', 'on'],
    ];
    const { theirs, ours } = await both.both(steps);
    expect(theirs[2]).toContain('ALT4');
    expect(theirs[5]).not.toContain('ALT');
    expect(ours).toEqual(theirs);
  }, 60_000);
});

describe.skipIf(!hasTmux())('allow-rename, side by side with tmux 3.3a', () => {
  it("takes screen's ESC k NAME ESC \\ out of the output; on, it names the window and turns automatic-rename off", async () => {
    both = await new SideBySide().start();
    /** A program printing A, the rename sequence with `name`, B, then waiting. */
    const prog = (name: string) => `printf 'A\\033k${name}\\033\\\\B\\n'; sleep 60`;
    const steps = [
      ['new-session', '-d', '-s', 'off', prog('first')],
      { poll: ['capture-pane', '-p', '-t', 'off'], until: /^AB$/m },
      ['display', '-p', '-t', 'off', '#{automatic-rename} #{allow-rename}'],
      ['set', '-gw', 'allow-rename', 'on'],
      ['new-session', '-d', '-s', 'on', '-n', 'start', prog('first')],
      { poll: ['display', '-p', '-t', 'on', '#W'], until: /first/ },
      ['capture-pane', '-p', '-t', 'on', '-E', '0'],
      ['show', '-w', '-t', 'on'],
      // An empty name gives the window back automatic-rename (its own value removed).
      ['new-session', '-d', '-s', 'empty', '-n', 'start', prog('')],
      { poll: ['display', '-p', '-t', 'empty', '#{automatic-rename}'], until: /1/ },
      ['show', '-w', '-t', 'empty'],
      // A pane may refuse for itself.
      ['set', '-p', '-t', 'on', 'allow-rename', 'off'],
      ['respawn-pane', '-k', '-t', 'on', prog('second')],
      { poll: ['capture-pane', '-p', '-t', 'on'], until: /^AB$/m },
      ['display', '-p', '-t', 'on', '#W'],
    ];
    const { theirs, ours } = await both.both(steps);
    expect(theirs[2]).toContain('1 0');
    expect(theirs[7]).toContain('automatic-rename off');
    expect(ours).toEqual(theirs);
  }, 60_000);
});

describe.skipIf(!hasTmux())('key-table, side by side with tmux 3.3a', () => {
  it("a session's clients look keys up in its key-table, and go back to it after the prefix", async () => {
    both = await new SideBySide().start();
    const s = sides(both);
    for (const side of [s.tmux, s.ccmux]) {
      await ok(side, [['new-session', '-d', '-s', 'k', '-x', '80', '-y', '24', dump(path.join(side.dir, 'k'))]]);
      await waitFor(() => fs.existsSync(path.join(side.dir, 'k')), 10_000, 'the dump program to start');
    }
    const clients = await both.attach('k');
    const steps = [
      ['set', '-t', 'k', 'key-table', 'mine'],
      ['bind', '-T', 'mine', 'a', 'set -ga @hit a'],
      ['bind', '-T', 'prefix', 'y', 'set -ga @hit y'],
      ['show', '-t', 'k', 'key-table'],
      { keys: 'b' },
      { keys: 'a' },
      { poll: ['show', '-gv', '@hit'], until: /^a\n$/ },
      { keys: '\x02y' },
      { poll: ['show', '-gv', '@hit'], until: /^ay\n$/ },
      { keys: 'ac' },
      { poll: ['show', '-gv', '@hit'], until: /^aya\n$/ },
      ['list-clients', '-F', '#{client_key_table}'],
    ];
    const theirs = await script(s.tmux.run, steps, clients.tmux);
    await waitFor(() => read(path.join(s.tmux.dir, 'k')) === 'bc', 10_000, "tmux's pane to get b and c");
    const ours = await script(s.ccmux.run, steps, clients.ccmux);
    await waitFor(() => read(path.join(s.ccmux.dir, 'k')) === 'bc', 10_000, "ccmux's pane to get b and c").catch((e: Error) => {
      throw new Error(`${e.message}: ${JSON.stringify(read(path.join(s.ccmux.dir, 'k')))}`);
    });
    expect(theirs.at(-1)).toContain('mine');
    expect(ours).toEqual(theirs);
  }, 60_000);
});

describe.skipIf(!hasTmux())('allow-passthrough, side by side with tmux 3.3a', () => {
  it('takes ESC P tmux; … ESC \\ out of the output; on, its data goes to the terminals showing the pane', async () => {
    both = await new SideBySide().start();
    const s = sides(both);
    /** Prints A, a passthrough of an OSC 2 title `t`, B; twice, with a line read in between. */
    const seq = (t: string, a: string, b: string) => `${a}\\033Ptmux;\\033\\033]2;${t}\\007\\033\\\\${b}\\n`;
    const prog = `printf '${seq('OFF', 'A', 'B')}'; read x; printf '${seq('ON', 'C', 'D')}'; sleep 60`;
    for (const side of [s.tmux, s.ccmux]) await ok(side, [['new-session', '-d', '-s', 'p', '-x', '80', '-y', '24', prog]]);
    const theirs = await both.sb.terminal(['-L', both.tmuxName, '-f', '/dev/null', 'attach', '-t', 'p'], 80, 24, { program: 'tmux', env: { TMUX_TMPDIR: both.sb.dir } });
    const ours = await both.sb.terminal(['attach', '-t', 'p'], 80, 24);
    // Attached before the passthrough is printed (only the terminals showing the pane then get it).
    await theirs.waitForScreen(/^\[p\] /m);
    await ours.waitForScreen(/^\[p\] /m);
    const steps = [
      { poll: ['capture-pane', '-p', '-t', 'p'], until: /^AB$/m },
      ['show', '-gw', 'allow-passthrough'],
      ['set', '-p', '-t', 'p', 'allow-passthrough', 'on'],
      ['send-keys', '-t', 'p', 'Enter'],
      { poll: ['capture-pane', '-p', '-t', 'p'], until: /^CD$/m },
    ];
    const got = await both.both(steps);
    expect(got.ours).toEqual(got.theirs);
    for (const [name, outer] of [['tmux', theirs], ['ccmux', ours]] as const) {
      await waitFor(() => outer.output.includes('\x1b]2;ON\x07'), 10_000, `${name}'s terminal to get the passthrough`);
      // The first, sent while it was off, was dropped (the same program, so it came first).
      expect(outer.output, name).not.toContain('OFF');
    }
  }, 60_000);
});

describe.skipIf(!hasTmux())('backspace, side by side with tmux 3.3a', () => {
  it('Backspace, typed or sent with send-keys, sends the backspace option\'s key', async () => {
    both = await new SideBySide().start();
    const s = sides(both);
    for (const side of [s.tmux, s.ccmux]) {
      await ok(side, [['new-session', '-d', '-s', 'b', '-x', '80', '-y', '24', dump(path.join(side.dir, 'b'))]]);
      await waitFor(() => fs.existsSync(path.join(side.dir, 'b')), 10_000, 'the dump program to start');
    }
    const clients = await both.attach('b');
    const file = (side: Side) => path.join(side.dir, 'b');
    /** Wait until the pane has had `n` bytes in all (each key is read before the next step). */
    const had = (side: Side, n: number): Step => ({ poll: ['show', '-s', 'backspace'], until: () => read(file(side)).length >= n });
    const steps = (side: Side): Step[] => [
      // A first key, read before anything else is typed: the client is ready for keys.
      { keys: 'x' },
      had(side, 1),
      ['set', '-s', 'backspace', 'C-h'],
      ['show', '-s', 'backspace'],
      { keys: '\x7f' },
      had(side, 2),
      { keys: '\x1b\x7f' },
      had(side, 4),
      ['send-keys', '-t', 'b', 'BSpace', 'C-?', 'M-BSpace'],
      had(side, 8),
      ['set', '-s', 'backspace', 'M-x'],
      ['send-keys', '-t', 'b', 'BSpace'],
      had(side, 9),
      ['set', '-s', 'backspace', 'C-?'],
      { keys: '\x7fZ' },
      had(side, 11),
    ];
    const theirs = await script(s.tmux.run, steps(s.tmux), clients.tmux);
    const ours = await script(s.ccmux.run, steps(s.ccmux), clients.ccmux);
    expect(read(file(s.tmux))).toBe('x\x08\x1b\x08\x08\x7f\x1b\x08\x7f\x7fZ');
    expect(read(file(s.ccmux))).toBe(read(file(s.tmux)));
    expect(ours).toEqual(theirs);
  }, 60_000);
});
