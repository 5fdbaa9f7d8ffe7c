/*
 * End-to-end: ccmux driven from a shell script, as tmux is — building a layout with
 * split-window / send-keys and checking it with capture-pane and list-panes --json,
 * targets (%id, session:window.pane), formats, scrollback ranges, key bindings and options
 * set at run time, windows and sessions by name, exit codes, and commands chained with ";".
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { CCMUX, ROOT, Sandbox, waitFor, type OuterTerminal } from './harness.js';

let sb: Sandbox;
afterEach(async () => {
  await sb?.dispose();
});

/** `capture-pane -p` of a pane, as lines with trailing blank lines dropped. */
async function capture(target: string, ...extra: string[]): Promise<string[]> {
  const out = await sb.ok(['capture-pane', '-p', '-t', target, ...extra]);
  return out.replace(/\n+$/, '').split('\n');
}

async function waitForCapture(target: string, pred: (lines: string[]) => boolean, what: string): Promise<string[]> {
  return waitFor(async () => {
    const lines = await capture(target);
    return pred(lines) ? lines : null;
  }, 10_000, `${target} to show ${what}`);
}

async function display(format: string, target?: string): Promise<string> {
  return (await sb.ok(['display-message', '-p', ...(target ? ['-t', target] : []), format])).replace(/\n$/, '');
}

/** A whole line of one pane on the screen, whichever pane it is in. */
function paneLine(text: string): RegExp {
  return new RegExp(`(^|│)${text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')} *(│|$)`, 'm');
}

async function catV(t: OuterTerminal): Promise<void> {
  t.type('stty -echo; echo cat-$((1+1)); cat -v\r');
  await t.waitForScreen(paneLine('cat-2'));
}

describe('cli scripting: layouts', () => {
  it('builds a 3-pane layout with split-window and send-keys, and checks it with capture-pane and list-panes --json', async () => {
    sb = new Sandbox();
    fs.mkdirSync(path.join(sb.dir, 'proj'));
    const proj = fs.realpathSync(path.join(sb.dir, 'proj'));
    await sb.ok(['new-session', '-d', '-s', 'work', '-x', '120', '-y', '40'], { cwd: proj });
    // Run in the project, as a user there would: a pane made from a command line starts where it was run.
    await sb.ok(['split-window', '-h', '-t', 'work'], { cwd: proj });
    await sb.ok(['split-window', '-v', '-t', 'work'], { cwd: proj });

    const panes = JSON.parse(await sb.ok(['list-panes', '-t', 'work', '--json'])) as Array<Record<string, any>>;
    expect(panes.map((p) => p.id)).toEqual(['%0', '%1', '%2']);
    expect(panes.filter((p) => p.active).map((p) => p.id)).toEqual(['%2']);
    const [win] = JSON.parse(await sb.ok(['list-windows', '-t', 'work', '--json'])) as Array<Record<string, any>>;
    const W = win!.width as number;
    const H = win!.height as number;
    expect([W, H]).toEqual([120, 40]);
    const [a, b, c] = panes as [Record<string, number>, Record<string, number>, Record<string, number>];
    // %0 fills the left column; %1 over %2 fill the right one; one-cell borders between.
    expect([a.left, a.top, a.height]).toEqual([0, 0, H]);
    expect(a.width + 1 + b.width).toBe(W);
    expect([b.left, b.top, c.left, c.width]).toEqual([a.width + 1, 0, a.width + 1, b.width]);
    expect(b.height + 1 + c.height).toBe(H);
    expect(c.top).toBe(b.height + 1);
    expect(Math.abs(a.width - b.width)).toBeLessThanOrEqual(1);
    expect(Math.abs(b.height - c.height)).toBeLessThanOrEqual(1);

    // Each pane by id gets its own command and shows only its own output.
    for (const [i, p] of panes.entries()) await sb.ok(['send-keys', '-t', p.id, `echo out-$((${i}+10))`, 'Enter']);
    for (const [i, p] of panes.entries()) {
      const lines = await waitForCapture(p.id, (l) => l.includes(`out-${i + 10}`), `out-${i + 10}`);
      for (const other of [10, 11, 12].filter((n) => n !== i + 10)) expect(lines).not.toContain(`out-${other}`);
      expect(lines.length).toBeLessThanOrEqual(p.height);
    }

    // session:window.pane targets, and formats.
    await sb.ok(['send-keys', '-t', 'work:0.1', 'echo via-$((2*21))', 'Enter']);
    await waitForCapture('%1', (l) => l.includes('via-42'), 'via-42');
    expect(await capture('%0')).not.toContain('via-42');
    expect(await display('#{pane_id}', 'work:0.1')).toBe('%1');
    expect(await display('#{session_name}:#{window_index}.#{pane_index} #{pane_id}')).toBe('work:0.2 %2');
    expect(await display('#{pane_id} #{pane_current_path}', '%2')).toBe(`%2 ${proj}`);
    fs.mkdirSync(path.join(proj, 'sub'));
    await sb.ok(['send-keys', '-t', '%2', 'cd sub', 'Enter']);
    await waitFor(async () => (await display('#{pane_current_path}', '%2')) === path.join(proj, 'sub'), 10_000, 'pane_current_path to follow cd');
    // A split right after a spawn starts in the directory its command line ran in, not the server's.
    await sb.ok(['new-session', '-d', '-s', 'fresh', ';', 'split-window', '-t', 'fresh'], { cwd: proj });
    expect((JSON.parse(await sb.ok(['list-panes', '-t', 'fresh', '--json'])) as Array<{ current_path: string }>).map((p) => p.current_path)).toEqual([proj, proj]);

    const bad = await sb.ccmux(['send-keys', '-t', '%99', 'x']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/%99/);
  });

  it('captures a range of the history with -S and -E', async () => {
    sb = new Sandbox();
    await sb.ok(['new-session', '-d', '-s', 'h', '-x', '80', '-y', '24']);
    await sb.ok(['send-keys', '-t', 'h', 'i=1; while [ $i -le 100 ]; do echo n$i; i=$((i+1)); done', 'Enter']);
    const screen = await waitForCapture('h', (l) => l.includes('n100'), 'n100');
    const first = Number(/^n(\d+)$/.exec(screen.find((l) => /^n\d+$/.test(l))!)![1]);
    expect(first).toBeGreaterThan(51);
    const history = await capture('h', '-S', '-50', '-E', '-1');
    expect(history).toEqual(Array.from({ length: 50 }, (_, i) => `n${first - 50 + i}`));
    expect(await capture('h', '-S', '-3', '-E', '-3')).toEqual([`n${first - 3}`]);
  });
});

describe('cli scripting: large outputs (issue 13.10)', () => {
  it('captures a 20 MB history whole, in many frames, while the server keeps answering others', async () => {
    sb = new Sandbox({ config: 'history-limit = 250000\n' });
    await sb.ok(['new', '-d', '-s', 'big', '-x', '200', '-y', '50']);
    const LINES = 200_000;
    const line = 'x'.repeat(100);
    await sb.ok(['send-keys', '-t', 'big', `yes ${line} | head -n ${LINES}; echo DONE-BIG`, 'Enter']);
    await waitFor(async () => (await sb.ok(['capture-pane', '-p', '-t', 'big'])).includes('\nDONE-BIG'), 60_000, 'the flood to end');
    const started = Date.now();
    let captureDone = 0;
    let streamed = 0;
    const capture = sb.ccmux(['capture-pane', '-p', '-S', '-', '-t', 'big'], { timeoutMs: 60_000, onStdout: (d) => (streamed += d.length) }).then((r) => {
      captureDone = Date.now();
      return r;
    });
    // While the capture streams, another command is answered (it does not wait for the capture's end).
    // Barrier: the capture's first bytes have reached its client, so the capture is under way on the
    // server (a capture that ends with no output goes on to fail the assertions below).
    await waitFor(() => streamed > 0 || captureDone > 0, 60_000, 'the capture to start streaming');
    const other = await sb.ccmux(['display', '-p', '#{session_name}']);
    const otherDone = Date.now();
    const r = await capture;
    expect(r.code, `${r.stderr} (${r.stdout.length} bytes)`).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.filter((l) => l === line).length).toBe(LINES);
    expect(r.stdout.length).toBeGreaterThan(20_000_000);
    expect(other.stdout).toBe('big\n');
    expect(otherDone, `capture took ${captureDone - started} ms`).toBeLessThan(captureDone);
  }, 120_000);
});

describe('cli scripting: bindings and options', () => {
  it('lists key bindings as bind-key commands and the commands themselves', async () => {
    sb = new Sandbox();
    await sb.ok(['new', '-d', '-s', 'k']);
    // tmux's columns: the -r slot, table and key padded to the widest
    const raw = (await sb.ok(['list-keys'])).replace(/\n$/, '').split('\n');
    for (const line of raw) expect(line).toMatch(/^bind-key (-r|  ) -T (prefix|root|copy-mode-vi|copy-mode) +\S+ +\S.*$/);
    const keys = raw.map((l) => l.replace(/ +/g, ' '));
    expect(keys).toContain('bind-key -T prefix \\% split-window -h');
    expect(keys).toContain('bind-key -T prefix C-b send-prefix');
    expect(keys).toContain('bind-key -T prefix R source-file');
    expect(keys).toContain('bind-key -r -T prefix C-Up resize-pane -U');
    // root holds tmux's mouse bindings
    expect(await sb.ok(['list-keys', '-T', 'root'])).toMatch(/^bind-key -T root MouseDown1Pane +select-pane -t = \\; send-keys -M$/m);
    const badTable = await sb.ccmux(['list-keys', '-T', 'nosuch']);
    expect([badTable.code, badTable.stderr]).toEqual([1, expect.stringMatching(/table nosuch doesn't exist/)]);

    const commands = (await sb.ok(['list-commands'])).replace(/\n$/, '').split('\n');
    // Every command of the registry the binary was built from, once each.
    const { COMMANDS } = (await import(path.join(ROOT, 'dist', 'commands', 'registry.js'))) as { COMMANDS: Array<{ name: string }> };
    expect(commands.map((l) => l.split(' ')[0]).sort()).toEqual(COMMANDS.map((c) => c.name).sort());
    expect(commands).toContainEqual(expect.stringMatching(/^split-window \(splitw\) \[-bdfhIPvZ\] \[-c start-directory\] \[-e environment\]/));
    // A reader that goes away (`ccmux list-keys | head -n 1`, `| true`) ends ccmux quietly
    // with the command's exit code, not an EPIPE stack trace.
    const sh = (script: string) =>
      new Promise<string>((resolve, reject) =>
        execFile('sh', ['-c', script, 'sh', process.execPath, CCMUX], { env: sb.env, cwd: sb.dir }, (err, stdout) => (err ? reject(err) : resolve(stdout))),
      );
    expect(await sh('"$1" "$2" list-keys 2>head.err | head -n 1')).toBe(`${raw[0]}\n`);
    await sh('{ "$1" "$2" list-keys 2>true.err; echo $? >true.code; } | true');
    for (const f of ['head.err', 'true.err']) expect(fs.readFileSync(path.join(sb.dir, f), 'utf8')).toBe('');
    expect(fs.readFileSync(path.join(sb.dir, 'true.code'), 'utf8')).toBe('0\n');
  });

  it('set-option -a, -o, -q and -F, show-options -s/-w/-q, as tmux 3.3 has them; unknown flags refused', async () => {
    sb = new Sandbox();
    await sb.ok(['new', '-d', '-s', 'opts']);
    await sb.ok(['set', '-g', 'status-left', 'A']);
    await sb.ok(['set', '-ga', 'status-left', 'B']);
    expect(await sb.ok(['show', '-gv', 'status-left'])).toBe('AB\n');
    const again = await sb.ccmux(['set', '-go', 'status-left', 'C']);
    expect([again.code, again.stderr]).toEqual([1, 'already set: status-left\n']);
    expect((await sb.ccmux(['set', '-gqo', 'status-left', 'C'])).code).toBe(0);
    expect((await sb.ccmux(['set', '-gq', 'no-such-option', 'x'])).code).toBe(0);
    expect((await sb.ccmux(['set', '-g', 'no-such-option', 'x'])).code).toBe(1);
    await sb.ok(['set', '-gF', 'status-right', '#{session_name}!']);
    expect(await sb.ok(['show', '-gv', 'status-right'])).toBe('opts!\n');
    const server = (await sb.ok(['show', '-s'])).trim().split('\n').map((l) => l.split(' ')[0]);
    expect(server).toContain('escape-time');
    expect(server).not.toContain('status-left');
    expect((await sb.ok(['show', '-gw'])).split('\n').map((l) => l.split(' ')[0])).toContain('mode-keys');
    expect((await sb.ccmux(['show', '-q', 'nosuch'])).code).toBe(0);
    // A list option given as one string is split on spaces, as tmux does; -a adds to it.
    await sb.ok(['set', '-g', 'update-environment', 'FOO BAR']);
    await sb.ok(['set', '-ga', 'update-environment', 'BAZ']);
    expect(await sb.ok(['show', '-gv', 'update-environment'])).toBe('FOO\nBAR\nBAZ\n');
    // new-window -t names a session or an index; anything else is not there.
    const nowhere = await sb.ccmux(['new-window', '-d', '-t', 'nosuch']);
    expect([nowhere.code, nowhere.stderr]).toEqual([1, "can't find window: nosuch\n"]);
    for (const args of [['split-window', '-K'], ['set', '-A', 'mouse', 'on'], ['capture-pane', '-pK'], ['switch-client', '-K', 'x']]) {
      const r = await sb.ccmux(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(/unknown flag -[IAK c]*\nusage: /);
    }
  });

  it('shows and sets options at their levels (global, session, window, pane), with typed errors and did-you-mean', async () => {
    sb = new Sandbox();
    await sb.ok(['new', '-d', '-s', 'o']);
    await sb.ok(['new', '-d', '-s', 'p']);
    const all = await sb.ok(['show-options', '-g']);
    expect(all).toMatch(/^history-limit 10000$/m);
    expect(all).toMatch(/^prefix C-b$/m);
    expect(await sb.ok(['show-options', '-gv', 'history-limit'])).toBe('10000\n');
    // Without -g: the target session's own value, over the global one; the other session keeps the global one.
    expect(await sb.ok(['set-option', '-t', 'o', 'history-limit', '500'])).toBe('');
    expect(await sb.ok(['show-options', '-t', 'o'])).toMatch(/^history-limit 500$/m);
    expect(await sb.ok(['show-options', '-t', 'p'])).not.toMatch(/history-limit/);
    expect(await sb.ok(['show-options', '-A', '-t', 'p', 'history-limit'])).toBe('history-limit* 10000\n');
    expect(await sb.ok(['show-options', '-gv', 'history-limit'])).toBe('10000\n');
    expect(await sb.ok(['display-message', '-p', '-t', 'o', '#{history_limit} #{history-limit}'])).toBe('500 500\n');
    expect(await sb.ok(['display-message', '-p', '-t', 'p', '#{history_limit}'])).toBe('10000\n');
    await sb.ok(['set-option', '-u', '-t', 'o', 'history-limit']);
    expect(await sb.ok(['display-message', '-p', '-t', 'o', '#{history_limit}'])).toBe('10000\n');
    // A window option on one window; a pane option on one pane.
    await sb.ok(['set-option', '-w', '-t', 'o', 'mode-keys', 'emacs']);
    expect(await sb.ok(['show-options', '-w', '-t', 'o'])).toBe('mode-keys emacs\n');
    expect(await sb.ok(['show-options', '-gwv', 'mode-keys'])).toBe('vi\n');
    await sb.ok(['set-option', '-p', '-t', 'p', 'remain-on-exit', 'failed']);
    expect(await sb.ok(['show-options', '-p', '-t', 'p'])).toBe('remain-on-exit failed\n');
    expect(await sb.ok(['show-options', '-wA', '-t', 'p', 'remain-on-exit'])).toBe('remain-on-exit* off\n');

    const lots = await sb.ccmux(['set-option', '-g', 'history-limit', 'lots']);
    expect(lots.code).toBe(1);
    expect(lots.stderr).toMatch(/history-limit: expected a number/);
    const typo = await sb.ccmux(['set-option', 'histroy-limit', '1']);
    expect(typo.code).toBe(1);
    expect(typo.stderr.trim()).toBe('invalid option: histroy-limit (did you mean "history-limit"?)');
    const nosuch = await sb.ccmux(['set-option', 'nosuch', '1']);
    expect(nosuch.code).toBe(1);
    expect(nosuch.stderr.trim()).toBe('invalid option: nosuch');
    const noSession = await sb.ccmux(['set-option', '-t', 'zz', 'status-left', 'x']);
    expect([noSession.code, noSession.stderr.trim()]).toEqual([1, 'no such session: zz']);
    expect(await sb.ok(['show-options', '-gv', 'history-limit'])).toBe('10000\n');
  });

  it('draws a client with its session\'s own options: status-left, status-position, pane borders, mode-keys', async () => {
    sb = new Sandbox();
    await sb.ok(['new', '-d', '-s', 'other']);
    const t = await sb.terminal(['new', '-s', 'mine'], 100, 30);
    await t.waitForScreen(/\[mine\] 0:/);
    await sb.ok(['set', '-t', 'other', 'status-left', 'THEIRS ']);
    await sb.ok(['set', '-t', 'mine', 'status-left', 'OURS ']);
    await t.waitForScreen((lines) => lines[29]!.startsWith('OURS '));
    await sb.ok(['set', '-t', 'mine', 'status-position', 'top']);
    await t.waitForScreen((lines) => lines[0]!.startsWith('OURS '));
    // Another session's value never reaches this client; dropping ours falls back to the global one.
    await sb.ok(['set', '-u', '-t', 'mine', 'status-left']);
    await t.waitForScreen((lines) => lines[0]!.startsWith('[mine] '));
    expect(t.text()).not.toContain('THEIRS');
    // A window's own mode-keys is the table copy mode uses in it.
    await sb.ok(['set', '-w', '-t', 'mine', 'mode-keys', 'emacs']);
    expect(await sb.ok(['display-message', '-p', '-t', 'mine', '#{mode-keys}'])).toBe('emacs\n');
    expect(await sb.ok(['display-message', '-p', '-t', 'other', '#{mode-keys}'])).toBe('vi\n');
  });

  it('binds a root key at run time (bind-key -n F5) that works in the terminal, and unbinds it', async () => {
    sb = new Sandbox();
    const t = await sb.terminal([], 100, 30);
    await t.waitForScreen(/\[0\] 0:/);
    await sb.ok(['bind-key', '-n', 'F5', 'split-window', '-h']);
    expect(await sb.ok(['list-keys', '-T', 'root', 'F5'])).toBe('bind-key -T root F5 split-window -h\n');
    t.type('\x1b[15~');
    await waitFor(async () => (await sb.panes()).length === 2, 10_000, 'F5 to split');
    await sb.ok(['unbind-key', '-n', 'F5']);
    const gone = await sb.ccmux(['list-keys', '-T', 'root', 'F5']);
    expect([gone.code, gone.stderr]).toEqual([1, 'unknown key: F5\n']);
    // As in tmux, unbinding a key that is not bound is no error; an unknown table is.
    expect((await sb.ccmux(['unbind-key', '-n', 'F5'])).code).toBe(0);
    const noTable = await sb.ccmux(['unbind-key', '-T', 'nosuch', 'F5']);
    expect([noTable.code, noTable.stderr]).toEqual([1, "table nosuch doesn't exist\n"]);
    // Unbound, F5 goes to the program like any other key.
    await catV(t);
    t.type('\x1b[15~\r');
    await t.waitForScreen(paneLine('^[[15~'));
    expect(await sb.panes()).toHaveLength(2);
    const badCmd = await sb.ccmux(['bind-key', 'F6', 'split-windw']);
    expect(badCmd.code).toBe(1);
    expect(badCmd.stderr).toMatch(/unknown command: split-windw \(did you mean "split-window"\?\)/);
  });
});

describe('cli scripting: windows, sessions, exit codes', () => {
  it('renames, selects and kills windows and sessions by name; has-session answers with its exit code', async () => {
    sb = new Sandbox();
    await sb.ok(['new-session', '-d', '-s', 'x']);
    await sb.ok(['new-window', '-t', 'x']);
    await sb.ok(['rename-window', '-t', 'x:1', 'logs']);
    await sb.ok(['select-window', '-t', 'x:0']);
    const names = async () => (JSON.parse(await sb.ok(['list-windows', '-t', 'x', '--json'])) as Array<{ index: number; name: string; active: boolean }>).map((w) => [w.index, w.name, w.active]);
    expect(await names()).toEqual([[0, expect.any(String), true], [1, 'logs', false]]);
    await sb.ok(['select-window', '-t', ':1']);
    expect(await names()).toEqual([[0, expect.any(String), false], [1, 'logs', true]]);
    expect(await display('#{window_name}')).toBe('logs');

    await sb.ok(['rename-session', '-t', 'x', 'y']);
    expect((await sb.ccmux(['has-session', '-t', 'x'])).code).toBe(1);
    expect((await sb.ccmux(['has-session', '-t', 'y'])).code).toBe(0);
    await sb.ok(['new-session', '-d', '-s', 'x']);
    expect((await sb.ccmux(['has-session', '-t', 'x'])).code).toBe(0);

    await sb.ok(['kill-window', '-t', 'y:1']);
    expect(await sb.ok(['list-windows', '-t', 'y', '-F', '#{window_index}'])).toBe('0\n');
    await sb.ok(['kill-session', '-t', 'x']);
    const gone = await sb.ccmux(['has-session', '-t', 'x']);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/x/);
    expect((await sb.ccmux(['kill-session', '-t', 'x'])).code).toBe(1);
    expect((await sb.ok(['ls', '-F', '#{session_name}'])).trim()).toBe('y');
    const dup = await sb.ccmux(['new-session', '-d', '-s', 'y']);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/duplicate session: y/);
  });

  it('runs commands chained with a lone ";" argument, stopping at the first failure', async () => {
    sb = new Sandbox();
    const out = await sb.ok(['new', '-d', '-s', 'a', ';', 'split-window', '-t', 'a', ';', 'split-window', '-h', '-t', 'a', ';', 'list-panes', '-t', 'a', '-F', '#{pane_id}']);
    expect(out).toBe('%0\n%1\n%2\n');
    const r = await sb.ccmux(['split-window', '-t', 'nosuch', ';', 'split-window', '-t', 'a']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nosuch/);
    expect(await sb.panes()).toHaveLength(3);
    // An argument ending in \; is a literal ";" (tmux's escaped semicolon), not a separator.
    await sb.ok(['send-keys', '-t', '%0', 'echo one\\;', 'echo two-$((1+1))', 'Enter']);
    await waitForCapture('%0', (l) => l.includes('two-2'), 'two-2');
  });
});
