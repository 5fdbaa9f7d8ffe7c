/*
 * Control mode, side by side: the same control session (-C over pipes) against tmux
 * 3.3a and ccmux, each on a fresh private server, and the message sequences compared
 * after normalising what legitimately differs — the time and the command number in the
 * guard lines, and tmux's passing rename of a new window to "tmux" and back — with pane
 * output (%output) taken out of the sequence (it arrives whenever the programs print) and
 * compared by what it carries instead.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as pty from 'node-pty';
import { afterEach, describe, expect, it } from 'vitest';
import { CCMUX, hasTmux, waitFor } from './harness.js';
import { SideBySide } from './lib/side-by-side.js';
import { unescapeOutput } from '../../src/protocol/control-lines.js';

/** One control client process: lines in, everything it printed kept. */
class ControlSession {
  readonly child: ChildProcess;
  out = Buffer.alloc(0);
  exited: number | null = null;

  constructor(cmd: string, args: string[], env: Record<string, string>) {
    this.child = spawn(cmd, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (d: Buffer) => (this.out = Buffer.concat([this.out, d])));
    this.child.on('exit', (code) => (this.exited = code ?? 1));
  }

  get lines(): string[] {
    return this.out.toString('latin1').split('\n');
  }

  /** Guard lines closing a command (%end, %error) seen so far. */
  get done(): number {
    return this.lines.filter((l) => /^%(end|error) /.test(l)).length;
  }

  /** Send one command line and wait for its last %end/%error (`commands`: how many it holds). */
  async run(line: string, commands = 1): Promise<void> {
    const before = this.done;
    this.child.stdin!.write(line + '\n');
    await waitFor(() => this.done >= before + commands, 10_000, `"${line}" to finish`);
  }

  /** Everything pane `pane` printed so far, unescaped. */
  output(pane: number): string {
    const prefix = `%output %${pane} `;
    return this.lines
      .filter((l) => l.startsWith(prefix))
      .map((l) => unescapeOutput(Buffer.from(l.slice(prefix.length), 'latin1')).toString('latin1'))
      .join('');
  }

  async end(): Promise<void> {
    this.child.stdin!.end('\n');
    await waitFor(() => this.exited !== null, 10_000, 'the control client to exit');
  }
}

/** The message sequence: no %output, guard times and numbers replaced, each %begin matched by its end. */
function normalise(lines: string[]): string[] {
  const seq: string[] = [];
  let open: string | null = null;
  // tmux's rename timer can catch a new pane's process between fork and exec, still named
  // after tmux itself, and tells it; up to half a second later, the shell's name again:
  // seen under load. Both are dropped: the rename to "tmux", and the next rename of that
  // window if it gives back the name it had (its last one told, else that of the `sh` every
  // window here runs). A rename to anything else (rename-window meanwhile) is kept.
  const names = new Map<string, string>();
  const transient = new Set<string>();
  for (const l of lines) {
    if (l === '' || l.startsWith('%output ')) continue;
    const renamed = /^%(?:unlinked-)?window-renamed (@\d+) (.*)$/.exec(l);
    if (renamed) {
      const id = renamed[1]!;
      const name = renamed[2]!;
      if (name === 'tmux') {
        transient.add(id);
        continue;
      }
      const back = transient.delete(id) && name === (names.get(id) ?? 'sh');
      names.set(id, name);
      if (back) continue;
    }
    const g = /^%(begin|end|error) (\d+) (\d+) ([01])$/.exec(l);
    if (!g) {
      seq.push(l);
      continue;
    }
    if (g[1] === 'begin') open = `${g[3]}`;
    else {
      expect(g[3], `${l} closes the %begin with the same number`).toBe(open);
      expect(Math.abs(Number(g[2]) - Date.now() / 1000)).toBeLessThan(120);
    }
    seq.push(`%${g[1]} T N ${g[4]}`);
  }
  return seq;
}

/** The two servers of the running test (each started by its first command or control client). */
let sbs: SideBySide | undefined;
const sessions: ControlSession[] = [];

afterEach(async () => {
  for (const s of sessions.splice(0)) if (s.exited === null && s.child.pid) s.child.kill();
  await sbs?.dispose();
  sbs = undefined;
});

/** A fresh pair of servers, neither started yet. */
function fresh(): SideBySide {
  sbs = new SideBySide();
  return sbs;
}

/** A control client (`-C args`) of `which`, ended after the test. */
function control(which: 'tmux' | 'ccmux', args: string[]): ControlSession {
  const s = which === 'tmux'
    ? new ControlSession('tmux', sbs!.tmuxArgv(['-C', ...args]), sbs!.tmuxEnv)
    : new ControlSession(process.execPath, [CCMUX, '-C', ...args], sbs!.sb.env);
  sessions.push(s);
  return s;
}

/** Start a control client of each: `tmux -C args` and `ccmux -C args`. */
function startBoth(args: string[]): { tmux: ControlSession; ccmux: ControlSession } {
  fresh();
  return { tmux: control('tmux', args), ccmux: control('ccmux', args) };
}

describe.skipIf(!hasTmux())('control mode, side by side with tmux 3.3a', () => {
  it('frames commands and reports a split, output, renames, zoom, kills and a size as tmux does', async () => {
    const both = startBoth(['new-session', '-s', 'x', 'sh']);
    const script = async (c: ControlSession) => {
      await waitFor(() => c.lines.some((l) => l.startsWith('%session-changed')), 10_000, 'the session');
      if (c === both.tmux) await sbs!.noteTmuxPid('x');
      await c.run('display -p "#{client_control_mode} #{session_name} #{window_width}x#{window_height}"');
      await c.run('split-window -h sh');
      await waitFor(() => c.output(1).includes('$ '), 10_000, 'the new pane\'s prompt');
      await c.run(`send-keys -t %1 "printf 'a\\\\tb\\\\\\\\c\\\\n'" Enter`);
      await waitFor(() => c.output(1).includes('a\tb\\c'), 10_000, 'the printf in %1');
      await c.run('rename-window foo');
      await c.run('new-window -d sh');
      await c.run('select-pane -t %0');
      await c.run('resize-pane -Z');
      await c.run('resize-pane -Z');
      await c.run('kill-pane -t %1');
      await c.run('kill-window -t @1');
      await c.run('rename-session bar');
      await c.run('bogus');
      await c.run('split-window -Q');
      await c.run('kill-pane -t %99 ; display -p after');
      await c.run('display -p one ; display -p two', 2);
      await c.run('kill-pane -t %99');
      await c.run('refresh-client -C 100x30');
      await c.run('list-sessions -F "#{session_name} #{session_windows} #{session_width}"');
      // A size for one window only (-C @N:WxH), then none again (@N:), and the errors.
      await c.run('refresh-client -C @0:60x20');
      await c.run('list-windows -F "#{window_id} #{window_width}x#{window_height}"');
      await c.run('refresh-client -C @0:');
      await c.run('list-windows -F "#{window_id} #{window_width}x#{window_height}"');
      await c.run('refresh-client -C @0:0x5');
      await c.run('refresh-client -C @x:1x1');
      await c.end();
    };
    await script(both.tmux);
    await script(both.ccmux);
    const t = normalise(both.tmux.lines);
    const c = normalise(both.ccmux.lines);
    expect(c).toEqual(t);
    expect(both.ccmux.output(1)).toContain('a\tb\\c\r\n');
    expect(both.ccmux.exited).toBe(0);
  });

  it('attaches to a session, hears of changes others make, switches, and pauses and continues a pane as tmux does', async () => {
    const both = fresh();
    const tmuxCli = (args: string[]) => both.ok('tmux', args);
    const ccmuxCli = (args: string[]) => both.ok('ccmux', args);
    await tmuxCli(['new-session', '-d', '-s', 'keep', 'sh']);
    await both.noteTmuxPid('keep');
    await ccmuxCli(['new-session', '-d', '-s', 'keep', 'sh']);
    const tmux = control('tmux', ['attach', '-t', 'keep']);
    const ccmux = control('ccmux', ['attach', '-t', 'keep']);
    const script = async (c: ControlSession, cli: (args: string[]) => Promise<string>) => {
      await waitFor(() => c.lines.some((l) => l.startsWith('%session-changed')), 10_000, 'the session');
      await c.run('refresh-client -C 90x20');
      // Changes made by another client arrive as they happen.
      const seen = () => c.lines.length - 1; // whole lines: the last element is what follows the last newline
      let n = seen();
      await cli(['new-window', '-d', '-t', 'keep', 'sh']);
      await waitFor(() => c.lines.slice(n).some((l) => l.startsWith('%window-add')), 10_000, '%window-add');
      n = seen();
      // Made at the control client's size: tmux reports a switch's resize whenever its loop gets to it.
      await cli(['new-session', '-d', '-s', 'other', '-n', 'named', '-x', '90', '-y', '20', 'sh']);
      await waitFor(() => c.lines.slice(n).some((l) => l === '%sessions-changed'), 10_000, '%sessions-changed');
      n = seen();
      await cli(['rename-window', '-t', 'other:0', 'elsewhere']);
      await waitFor(() => c.lines.slice(n).some((l) => l.includes('window-renamed')), 10_000, '%unlinked-window-renamed');
      await c.run("refresh-client -A '%0:pause'");
      await c.run("refresh-client -A '%0:continue'");
      await c.run('refresh-client -f pause-after=30');
      await c.run('send-keys -t %0 "echo one" Enter');
      await waitFor(() => c.lines.some((l) => /^%extended-output %0 \d+ : .*one/.test(l)), 10_000, '%extended-output');
      await c.run('switch-client -t other');
      await c.run('display -p "#{session_name} #{window_width}x#{window_height} #{client_control_mode}"');
      await c.end();
    };
    await script(tmux, tmuxCli);
    await script(ccmux, ccmuxCli);
    // %extended-output is pane output: its content is compared, its age is not.
    const norm = (lines: string[]) => normalise(lines.filter((l) => !l.startsWith('%extended-output')));
    expect(norm(ccmux.lines)).toEqual(norm(tmux.lines));
    for (const l of ['%window-add @1', '%unlinked-window-add @2', '%unlinked-window-renamed @2 elsewhere', '%pause %0', '%continue %0', '%session-changed $1 other', 'other 90x20 1']) expect(norm(ccmux.lines)).toContain(l);
    expect(ccmux.lines.filter((l) => l.startsWith('%extended-output %0 ')).length).toBeGreaterThan(0);
  });
});

describe.skipIf(!hasTmux())('control clients together, side by side with tmux 3.3a', () => {
  it('tells of another client coming and going, copy mode, and exits after the kill-session that ends its session', async () => {
    const both = fresh();
    // A named window: tmux would rename it (to "[tmux]" in copy mode) otherwise.
    for (const which of ['tmux', 'ccmux'] as const) {
      await both.ok(which, ['new-session', '-d', '-s', 'keep', '-n', 'w', 'sh']);
      await both.ok(which, ['new-session', '-d', '-s', 'spare', 'sh']);
    }
    await both.noteTmuxPid('keep');
    const script = async (start: (args: string[]) => ControlSession) => {
      const a = start(['attach', '-t', 'keep']);
      await waitFor(() => a.lines.some((l) => l.startsWith('%session-changed')), 10_000, 'the first client');
      const b = start(['attach', '-t', 'keep']);
      await waitFor(() => a.lines.some((l) => l.startsWith('%client-session-changed')), 10_000, '%client-session-changed');
      await b.end();
      await waitFor(() => a.lines.some((l) => l.startsWith('%client-detached')), 10_000, '%client-detached');
      await a.run('copy-mode');
      await a.run('send-keys -X cancel');
      await a.run('kill-session');
      await waitFor(() => a.exited !== null, 10_000, 'the client to exit');
      return { a, b };
    };
    const t = await script((args) => control('tmux', args));
    const c = await script((args) => control('ccmux', args));
    // Client names are client-<pid>: the pids differ.
    const names = (s: ControlSession, other: ControlSession) => normalise(s.lines).map((l) => l.replaceAll(`client-${other.child.pid}`, 'client-B'));
    expect(names(c.a, c.b)).toEqual(names(t.a, t.b));
    for (const l of ['%client-session-changed client-B $0 keep', '%client-detached client-B', '%pane-mode-changed %0', '%sessions-changed', '%exit']) expect(names(c.a, c.b)).toContain(l);
  });
});

describe.skipIf(!hasTmux())('subscriptions, side by side with tmux 3.3a', () => {
  it('sends %subscription-changed for the session, panes and windows a second after a change, and stops when dropped', async () => {
    const both = fresh();
    for (const which of ['tmux', 'ccmux'] as const) {
      await both.ok(which, ['new-session', '-d', '-s', 'keep', '-n', 'w', 'sh']);
      await both.ok(which, ['split-window', '-t', 'keep', 'sh']);
    }
    await both.noteTmuxPid('keep');
    const script = async (c: ControlSession) => {
      await waitFor(() => c.lines.some((l) => l.startsWith('%session-changed')), 10_000, 'the session');
      await c.run("refresh-client -B 'a::#{session_name}' -B 'b:%*:#{pane_index}' -B 'c:@*:#{window_name}' -B 'd:%1:x#{pane_id}' -B 'e:@0:#{window_panes}'");
      await waitFor(() => c.lines.some((l) => l.startsWith('%subscription-changed e ')), 10_000, 'the subscriptions');
      await c.run('rename-session z');
      await waitFor(() => c.lines.some((l) => l.endsWith(' : z')), 10_000, 'the session subscription');
      await c.run('refresh-client -B a');
      await c.run('rename-session y');
      await new Promise((r) => setTimeout(r, 1500)); // a check of the subscriptions passes: a is gone
      await c.end();
    };
    const t = control('tmux', ['attach', '-t', 'keep']);
    await script(t);
    const c = control('ccmux', ['attach', '-t', 'keep']);
    await script(c);
    expect(normalise(c.lines)).toEqual(normalise(t.lines));
    expect(normalise(c.lines)).toContain('%subscription-changed b $0 @0 0 %1 : 1');
    expect(normalise(c.lines).filter((l) => l.endsWith(' : y'))).toEqual([]);
  });
});

describe.skipIf(!hasTmux())('control mode start-up, side by side with tmux 3.3a', () => {
  it('runs a command that attaches nothing and exits, and says what is wrong with a bad one, as tmux', async () => {
    const both = fresh();
    for (const which of ['tmux', 'ccmux'] as const) await both.ok(which, ['new-session', '-d', '-s', 'k', 'sh']);
    await both.noteTmuxPid('k');
    const cases = [['ls', '-F', '#{session_name}'], ['attach', '-t', 'nosuch'], ['bogus'], ['list-sessions', '-Q'], ['display', '-p', 'a', ';', 'display', '-p', 'b']];
    const seen = async (start: (args: string[]) => ControlSession) => {
      const out: string[] = [];
      for (const args of cases) {
        const s = start(args);
        // stdin stays open: these exit by themselves (tmux's client, its stdin at EOF at once, may leave before the answer).
        await waitFor(() => s.exited !== null, 10_000, `${args.join(' ')} to exit`);
        out.push(`${args.join(' ')} → ${s.exited}`, ...normalise(s.lines));
      }
      return out;
    };
    const t = await seen((args) => control('tmux', args));
    const c = await seen((args) => control('ccmux', args));
    expect(c).toEqual(t);
    expect(c).toContain('unknown command: bogus');
  });
});

describe.skipIf(!hasTmux())('-CC in a terminal, side by side with tmux 3.3a', () => {
  it('wraps the protocol in DCS 1000p … ST, with the terminal raw and not echoing', async () => {
    const both = fresh();
    const run = async (file: string, args: string[], env: Record<string, string>) => {
      const term = pty.spawn(file, args, { name: 'xterm-256color', cols: 80, rows: 24, cwd: both.sb.home, env });
      let out = '';
      let exited = false;
      term.onData((d) => (out += d));
      term.onExit(() => (exited = true));
      try {
        await waitFor(() => out.includes('%session-changed'), 10_000, 'the session');
        if (file === 'tmux') await both.noteTmuxPid('x');
        term.write('display -p hello\r'); // Enter sends CR: read as the end of the line
        await waitFor(() => /hello\r\n%end /.test(out), 10_000, 'the command\'s output');
        term.write('\r'); // an empty line detaches
        // node-pty may report the exit before the last output has been read: wait for both,
        // the last output being the ST that closes the DCS.
        await waitFor(() => exited && out.endsWith('\x1b\\'), 10_000, 'the client to exit after writing ST');
      } finally {
        if (!exited) term.kill();
      }
      return out;
    };
    const t = await run('tmux', both.tmuxArgv(['-CC', 'new-session', '-s', 'x', 'sh']), both.tmuxEnv);
    const c = await run(process.execPath, [CCMUX, '-CC', 'new-session', '-s', 'x', 'sh'], both.sb.env);
    for (const out of [t, c]) {
      expect(out.startsWith('\x1bP1000p%begin ')).toBe(true);
      expect(out.endsWith('%exit\r\n\x1b\\')).toBe(true);
      expect(out).not.toContain('display -p'); // no echo
    }
    const lines = (out: string) => normalise(out.slice('\x1bP1000p'.length, -2).split('\r\n'));
    expect(lines(c)).toEqual(lines(t));
  });
});
