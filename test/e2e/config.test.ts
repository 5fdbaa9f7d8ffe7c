/*
 * End-to-end: ccmux.toml as a user meets it — a new prefix and bindings typed in a real
 * terminal, root-table bindings, reloading a changed file in a running server (source-file
 * and prefix R), a broken edit that leaves the old config in force, a bad config at
 * start-up, -f FILE, and the shipped config/ccmux.toml used as is.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, Sandbox, waitFor, type OuterTerminal } from './harness.js';

let sb: Sandbox;
afterEach(async () => {
  await sb?.dispose();
});

/** Where the Sandbox puts the user's config ($XDG_CONFIG_HOME/ccmux/ccmux.toml). */
function configPath(s: Sandbox): string {
  return path.join(s.dir, 'config', 'ccmux', 'ccmux.toml');
}

async function paneCount(): Promise<number> {
  return (await sb.panes()).length;
}

/** The status line: the last row of the terminal. */
function statusLine(t: OuterTerminal): string {
  const lines = t.screen();
  return lines[lines.length - 1]!;
}

/** The background of the status line's first cell: an xterm palette index, or -1 for none. */
async function statusBg(t: OuterTerminal): Promise<number> {
  await t.flush();
  const buf = t.term.buffer.active;
  const cell = buf.getLine(buf.viewportY + t.term.rows - 1)!.getCell(0)!;
  return cell.isBgPalette() ? cell.getBgColor() : -1;
}

/** A whole line of one pane on the screen, whichever pane it is in. */
function paneLine(text: string): RegExp {
  return new RegExp(`(^|│)${text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')} *(│|$)`, 'm');
}

/** Start `cat -v` with echo off in the active pane, so the screen shows exactly the bytes the pane got. */
async function catV(t: OuterTerminal): Promise<void> {
  t.type('stty -echo; echo cat-$((1+1)); cat -v\r');
  await t.waitForScreen(paneLine('cat-2'));
}

describe('config: prefix and bindings', () => {
  it('rebinds the prefix to C-a: C-a | splits, C-b reaches the program, C-a C-a is the prefix again (as in tmux)', async () => {
    sb = new Sandbox({ config: 'prefix = "C-a"\n\n[keys.prefix]\n"|" = "split-window -h"\n' });
    const t = await sb.terminal([], 100, 30);
    await t.waitForScreen(/\[0\] 0:/);
    await catV(t);
    // C-b is no longer special: the program gets it.
    t.type('\x02b\r');
    await t.waitForScreen(paneLine('^Bb'));
    // C-a C-a: the prefix table has no C-a, so it is looked up again outside it, where it is
    // the prefix (tmux's table_changed; checked against tmux 3.3a): the key after is a prefix key.
    t.type('\x01\x01t');
    await waitFor(async () => (await sb.ok(['display', '-p', '#{pane_mode}'])).trim() === 'clock-mode', 10_000, 'C-a C-a t to show the clock');
    t.type('q'); // any key ends clock mode, and does nothing else
    await waitFor(async () => (await sb.ok(['display', '-p', '#{pane_mode}'])).trim() === '', 10_000, 'the clock to go');
    expect(t.text()).not.toMatch(/\^A/);
    // C-a C-b: the default `C-b send-prefix` binding stays, and sends the configured prefix.
    t.type('\x01\x02r\r');
    await t.waitForScreen(paneLine('^Ar'));
    expect(await paneCount()).toBe(1);
    t.type('\x01|');
    const panes = await waitFor(async () => {
      const p = await sb.panes();
      return p.length === 2 ? p : null;
    }, 10_000, 'C-a | to split');
    expect(panes[0]!.left).toBe(0);
    expect(panes[1]!.left).toBeGreaterThan(0);
    expect(panes[1]!.active).toBe(true);
    // tmux's columns (padded) and its escaping (args_escape: `|` is bare)
    const keys = (await sb.ok(['list-keys', '-T', 'prefix'])).replace(/ +/g, ' ');
    expect(keys).toContain('bind-key -T prefix | split-window -h');
    expect(keys).toContain('bind-key -T prefix C-b send-prefix');
    expect(keys).not.toMatch(/ C-a /);
  });

  it('sends the prefix to the program with C-a C-a once "C-a" = "send-prefix" is bound', async () => {
    sb = new Sandbox({ config: 'prefix = "C-a"\n\n[keys.prefix]\n"C-a" = "send-prefix"\n"C-b" = ""\n' });
    const t = await sb.terminal([], 100, 30);
    await t.waitForScreen(/\[0\] 0:/);
    await catV(t);
    t.type('\x01\x01s\r');
    await t.waitForScreen(paneLine('^As'));
    // C-b was unbound in the prefix table: C-a C-b does nothing, the next key is typed as is.
    t.type('\x01\x02u\r');
    await t.waitForScreen(paneLine('u'));
    expect(t.text()).not.toMatch(/\^Au/);
  });

  it('runs a root-table binding without the prefix', async () => {
    sb = new Sandbox({ config: '[keys.root]\n"M-h" = "select-pane -L"\n"M-l" = "select-pane -R"\n' });
    const t = await sb.terminal([], 100, 30);
    await t.waitForScreen(/\[0\] 0:/);
    await sb.ok(['split-window', '-h']);
    await waitFor(async () => (await sb.panes())[1]?.active === true, 10_000, 'the new right pane to be active');
    t.type('\x1bh');
    await waitFor(async () => (await sb.panes())[0]!.active === true, 10_000, 'M-h to select the left pane');
    t.type('\x1bl');
    await waitFor(async () => (await sb.panes())[1]!.active === true, 10_000, 'M-l to select the right pane');
    // The pane never saw the bound keys.
    await catV(t);
    t.type('x\r');
    await t.waitForScreen(paneLine('x'));
    expect(t.text()).not.toMatch(/\^\[h|\^\[l/);
  });
});

describe('config: reloading in a running server', () => {
  const base = 'display-time = 10000\nhistory-limit = 1234\n\n[keys.prefix]\n"V" = "display-message bound-V"\n';

  it('applies a changed file on source-file and on prefix R; a broken edit is reported and the old config stays', async () => {
    sb = new Sandbox({ config: base });
    const file = configPath(sb);
    const t = await sb.terminal([], 160, 30);
    await t.waitForScreen(/\[0\] 0:/);
    expect(await statusBg(t)).toBe(2); // status-style's default bg=green

    // A new binding and new option values, loaded with `ccmux source-file`.
    fs.writeFileSync(file, 'status-style = "bg=blue,fg=white"\n' + base.replace('history-limit = 1234', 'history-limit = 2345') + '"W" = "display-message bound-W"\n');
    expect(await sb.ok(['source-file'])).toBe('');
    expect((await sb.ok(['show-options', '-gv', 'history-limit'])).trim()).toBe('2345');
    await waitFor(async () => (await statusBg(t)) === 4, 10_000, 'the status line to turn blue');
    t.prefix('V');
    await waitFor(() => statusLine(t).includes('bound-V'), 10_000, 'prefix V to show bound-V');
    t.prefix('W');
    await waitFor(() => statusLine(t).includes('bound-W'), 10_000, 'prefix W to show bound-W');

    // Another binding, loaded with prefix R: the status line says so.
    fs.writeFileSync(file, base + '"W" = "display-message bound-W"\n"X" = "display-message bound-X"\n');
    t.prefix('R');
    await waitFor(() => statusLine(t).includes(`reloaded ${file}`), 10_000, 'prefix R to say reloaded');
    t.prefix('X');
    await waitFor(() => statusLine(t).includes('bound-X'), 10_000, 'prefix X to show bound-X');
    expect((await sb.ok(['show-options', '-gv', 'history-limit'])).trim()).toBe('1234');
    expect((await sb.ok(['show-options', '-gv', 'status-style'])).trim()).toBe('bg=green,fg=black');

    // A TOML syntax error: exit 1 with file:line:col on stderr, the same on the status line.
    fs.writeFileSync(file, base.replace('[keys.prefix]', '[keys.prefix') + 'history-limit = 99\n');
    let r = await sb.ccmux(['source-file']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('config not reloaded, the old one stays in force');
    expect(r.stderr).toContain(`${file}:4:13: TOML syntax error`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    t.prefix('R');
    await waitFor(() => statusLine(t).includes(`not reloaded: ${file}:4:13: TOML syntax error`), 10_000, 'the syntax error on the status line');

    // An unknown option: did-you-mean, at the option's line and column.
    fs.writeFileSync(file, 'histroy-limit = 99\n' + base + '"Y" = "display-message bound-Y"\n');
    r = await sb.ccmux(['source-file']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:1:1: unknown option "histroy-limit" (did you mean "history-limit"?)`);
    t.prefix('R');
    await waitFor(() => statusLine(t).includes(`not reloaded: ${file}:1:1: unknown option "histroy-limit" (did you mean "history-limit"?)`), 10_000, 'the option error on the status line');

    // Neither broken file was applied: the bindings and options of the last good one are in force.
    t.prefix('X');
    await waitFor(() => statusLine(t).includes('bound-X'), 10_000, 'the old binding X to still work');
    // Y binds nothing, so nothing shows it was read: had V come in the same read, its keys would
    // be too fast for typing and run no binding (assume-paste-time). 0: no key is a paste's.
    await sb.ok(['set', '-g', 'assume-paste-time', '0']);
    t.prefix('Y');
    t.prefix('V');
    await waitFor(() => statusLine(t).includes('bound-V'), 10_000, 'the old binding V to still work');
    expect(t.text()).not.toContain('bound-Y');
    expect((await sb.ok(['show-options', '-gv', 'history-limit'])).trim()).toBe('1234');
    expect(await sb.ok(['list-keys', '-T', 'prefix'])).not.toContain('bound-Y');
  });

  it('takes a new prefix key on reload: the old one then reaches the program', async () => {
    sb = new Sandbox({ config: base });
    const t = await sb.terminal([], 100, 30);
    await t.waitForScreen(/\[0\] 0:/);
    fs.writeFileSync(configPath(sb), 'prefix = "C-a"\n' + base);
    t.prefix('R');
    await waitFor(() => statusLine(t).includes('reloaded'), 10_000, 'prefix R to reload');
    t.type('\x01V');
    await waitFor(() => statusLine(t).includes('bound-V'), 10_000, 'C-a V to show bound-V');
    await catV(t);
    t.type('\x02V\r');
    await t.waitForScreen(paneLine('^BV'));
  });

  it('checks a file without applying it (source-file -n) and loads another file given as a path', async () => {
    sb = new Sandbox({ config: base });
    await sb.ok(['new', '-d', '-s', 'cfg']);
    const other = path.join(sb.dir, 'other.toml');
    fs.writeFileSync(other, 'history-limit = 777\n');
    await sb.ok(['source-file', '-n', other]);
    expect((await sb.ok(['show-options', '-gv', 'history-limit'])).trim()).toBe('1234');
    await sb.ok(['bind-key', '-n', 'F7', 'split-window']);
    await sb.ok(['set-option', '-g', 'status-position', 'top']);
    await sb.ok(['source-file', other]);
    expect((await sb.ok(['show-options', '-gv', 'history-limit'])).trim()).toBe('777');
    // The file replaces the config in force: options it does not set are back at their
    // defaults, the key tables are the defaults plus its bindings, run-time changes are gone.
    expect((await sb.ok(['show-options', '-gv', 'display-time'])).trim()).toBe('750');
    expect((await sb.ok(['show-options', '-gv', 'status-position'])).trim()).toBe('bottom');
    expect(await sb.ok(['list-keys', '-T', 'prefix'])).not.toContain('bound-V');
    const root = await sb.ok(['list-keys', '-T', 'root']);
    expect(root).not.toMatch(/ F7 /);
    expect(root).toMatch(/ MouseDown1Pane /); // the default mouse bindings are back
    // The file loaded last is the one a plain source-file (and prefix R) re-reads; a new
    // history-limit applies to the panes already open, as set-option's does.
    fs.writeFileSync(other, 'history-limit = 20\n');
    await sb.ok(['source-file']);
    expect((await sb.ok(['show-options', '-gv', 'history-limit'])).trim()).toBe('20');
    await sb.ok(['send-keys', '-t', 'cfg', 'i=1; while [ $i -le 100 ]; do echo n$i; i=$((i+1)); done', 'Enter']);
    await waitFor(async () => (await sb.ok(['capture-pane', '-p', '-t', 'cfg'])).includes('n100'), 10_000, 'n100');
    const history = (await sb.ok(['capture-pane', '-p', '-t', 'cfg', '-S', '-1000', '-E', '-1'])).replace(/\n$/, '').split('\n');
    expect(history).toHaveLength(20);
  });
});

describe('config: at start-up', () => {
  it('refuses to start on a TOML syntax error, naming file, line and column, and leaves no server', async () => {
    sb = new Sandbox({ config: 'prefix = "C-a"\nhistory-limit = \n' });
    const r = await sb.ccmux(['new', '-d']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`ccmux: ${configPath(sb)}:2:17: TOML syntax error: invalid value`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const ls = await sb.ccmux(['ls']);
    expect(ls.code).toBe(1);
    expect(ls.stderr).toMatch(/no server running/);
  });

  it('reports every bad line at load, with did-you-mean, including an unknown command in a binding', async () => {
    sb = new Sandbox({
      config: ['prefix = "C-a"', 'histroy-limit = 5', '', '[keys.prefix]', '"x" = "split-windw"', '"y" = "split-window -Q"', '"NoSuchKey" = "split-window"', ''].join('\n'),
    });
    const r = await sb.ccmux(['new', '-d']);
    expect(r.code).toBe(1);
    const file = configPath(sb);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe(`ccmux: ${file}:2:1: unknown option "histroy-limit" (did you mean "history-limit"?)`);
    expect(lines[1]).toBe(`${file}:5:7: keys.prefix.x: unknown command: split-windw (did you mean "split-window"?)`);
    expect(lines[2]).toMatch(new RegExp(`^${file.replace(/[.]/g, '\\.')}:6:7: keys\\.prefix\\.y: split-window: unknown flag -Q \\(usage: split-window `));
    expect(lines[3]).toMatch(new RegExp(`^${file.replace(/[.]/g, '\\.')}:7:1: keys\\.prefix\\.NoSuchKey: `));
    expect(lines).toHaveLength(4);
    expect((await sb.ccmux(['ls'])).stderr).toMatch(/no server running/);
  });

  it('uses the file given with -f instead of the usual one, and source-file re-reads it', async () => {
    sb = new Sandbox({ config: 'this is not toml\n' });
    const other = path.join(sb.dir, 'mine.toml');
    fs.writeFileSync(other, 'history-limit = 4321\n');
    await sb.ok(['-f', other, 'new', '-d', '-s', 'f']);
    expect((await sb.ok(['show-options', '-gv', 'history-limit'])).trim()).toBe('4321');
    fs.writeFileSync(other, 'history-limit = 4322\n');
    await sb.ok(['source-file']);
    expect((await sb.ok(['show-options', '-gv', 'history-limit'])).trim()).toBe('4322');
  });

  it('refuses a -f file that does not exist, saying so', async () => {
    sb = new Sandbox();
    const missing = path.join(sb.dir, 'missing.toml');
    const r = await sb.ccmux(['-f', missing, 'new', '-d']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`ccmux: ${missing}: cannot read the config file (ENOENT)`);
    expect((await sb.ccmux(['ls'])).stderr).toMatch(/no server running/);
  });

  it('starts with the shipped config/ccmux.toml as the user config, which changes nothing', async () => {
    const shipped = fs.readFileSync(path.join(ROOT, 'config', 'ccmux.toml'), 'utf8');
    const plain = new Sandbox();
    let defaults: { options: string; keys: string };
    try {
      await plain.ok(['new', '-d', '-s', 'plain']);
      defaults = { options: await plain.ok(['show-options', '--json']), keys: await plain.ok(['list-keys']) };
    } finally {
      await plain.dispose();
    }
    sb = new Sandbox({ config: shipped });
    const t = await sb.terminal([], 100, 30);
    await t.waitForScreen(/\[0\] 0:/);
    expect(await sb.ok(['show-options', '--json'])).toBe(defaults.options);
    expect(await sb.ok(['list-keys'])).toBe(defaults.keys);
    t.prefix('R');
    await t.waitForScreen(`reloaded ${configPath(sb)}`);
  });
});
