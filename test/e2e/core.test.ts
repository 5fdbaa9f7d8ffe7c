/*
 * End-to-end: the core as a user meets it — start, split, type, resize, zoom, kill,
 * windows, detach/reattach, a second client, a hung-up terminal, vim's alternate screen.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CCMUX, Sandbox, waitFor, pidAlive } from './harness.js';

let sb: Sandbox;
afterEach(async () => {
  await sb?.dispose();
});

/** The column where a pane's text starts on a screen line (for "is it in the right pane"). */
function colOf(lines: string[], text: string): { x: number; y: number } | undefined {
  for (let y = 0; y < lines.length; y++) {
    const x = lines[y]!.indexOf(text);
    if (x >= 0) return { x, y };
  }
  return undefined;
}

describe('core', () => {
  it('starts, splits both ways, and shows typed output in the right pane', async () => {
    sb = new Sandbox();
    const t = await sb.terminal([], 100, 30);
    await t.waitForScreen(/\[0\] 0:/);
    t.type('echo left-$((1+1))\r');
    await t.waitForScreen('left-2');
    t.prefix('%');
    await t.waitForScreen((l) => l.some((s) => s.includes('│')));
    t.type('echo right-$((2+1))\r');
    const lines = await t.waitForScreen('right-3');
    expect(colOf(lines, 'right-3')!.x).toBeGreaterThan(45);
    expect(colOf(lines, 'left-2')!.x).toBe(0);
    t.prefix('"');
    await t.waitForScreen((l) => l.some((s) => s.includes('├') || s.includes('┤')));
    t.type('echo below-$((3+1))\r');
    const l2 = await t.waitForScreen('below-4');
    const below = colOf(l2, 'below-4')!;
    expect(below.x).toBeGreaterThan(45);
    expect(below.y).toBeGreaterThan(14);
    const panes = await sb.panes();
    expect(panes).toHaveLength(3);
    expect(panes.map((p) => [p.width, p.height])).toEqual([[50, 29], [49, 14], [49, 14]]);
    expect(panes.filter((p) => p.active)).toHaveLength(1);
    expect(panes[2]!.active).toBe(true);
  });

  it('shares a terminal resize among the panes a cell each in turn, as tmux, and zooms', async () => {
    sb = new Sandbox();
    const t = await sb.terminal([], 100, 30);
    await t.waitForScreen(/\[0\] 0:/);
    await sb.ok(['split-window', '-h', '-l', '30%']);
    let panes = await waitFor(async () => ((await sb.panes()).length === 2 ? sb.panes() : null));
    expect(panes[1]!.width).toBe(30);
    t.resize(200, 50);
    panes = await waitFor(async () => {
      const p = await sb.panes();
      return p[0]!.width + p[1]!.width === 199 ? p : null;
    });
    // tmux's layout_resize: the 100 new columns go 50 to each pane (69|30 → 119|80), not
    // in proportion (the side by side with tmux is in tmux-compat-windows).
    expect(panes.map((p) => p.width)).toEqual([119, 80]);
    expect(panes[0]!.height).toBe(49);
    t.resize(100, 30);
    panes = await waitFor(async () => {
      const p = await sb.panes();
      return p[0]!.width + p[1]!.width === 99 ? p : null;
    });
    expect(panes[1]!.width).toBe(30);
    t.prefix('z');
    await t.waitForScreen(/0:\S+\*Z/);
    panes = await sb.panes();
    expect(panes.find((p) => p.active)!.width).toBe(100);
    t.prefix('z');
    await t.waitForScreen((l) => !/\*Z/.test(l.join('\n')));
  });

  it('kills a pane after confirmation and gives its space back', async () => {
    sb = new Sandbox();
    const t = await sb.terminal([], 80, 24);
    await t.waitForScreen(/\[0\] 0:/);
    await sb.ok(['split-window', '-h']);
    await waitFor(async () => (await sb.panes()).length === 2);
    t.prefix('x');
    await t.waitForScreen(/kill-pane 1\? \(y\/n\)/);
    t.type('n');
    await t.waitForScreen((l) => !l.join('\n').includes('(y/n)'));
    expect(await sb.panes()).toHaveLength(2);
    t.prefix('x');
    await t.waitForScreen('(y/n)');
    t.type('y');
    const panes = await waitFor(async () => {
      const p = await sb.panes();
      return p.length === 1 ? p : null;
    });
    expect(panes[0]!.width).toBe(80);
  });

  it('names a window after its program, also when the program then prints nothing', async () => {
    sb = new Sandbox();
    const t = await sb.terminal([], 80, 24);
    await t.waitForScreen(/\[0\] 0:/);
    // The name is re-read at most every 250 ms; the frame after Enter still had the
    // shell's, and sleep draws nothing: only the re-check can show it.
    t.type('sleep 30\r');
    await t.waitForScreen(/0:sleep\*/);
    t.type('\x03');
    await t.waitForScreen((l) => /0:\S+\*/.test(l.join('\n')) && !/0:sleep\*/.test(l.join('\n')));
  });

  it('updates status-right when what it shows changes with no output after it', async () => {
    sb = new Sandbox();
    const t = await sb.terminal([], 100, 24);
    await t.waitForScreen(/\[0\] 0:/);
    await sb.ok(['set-option', '-g', 'status-right', 'at:#{pane_current_path}']);
    await t.waitForScreen(/at:\//);
    // The expansion is reused for 250 ms: the prompt after cd is drawn with the old path,
    // and only the re-check shows the new one.
    const dir = `${sb.dir}/status-dir`;
    fs.mkdirSync(dir);
    t.type(`cd ${dir}\r`);
    await t.waitForScreen(`at:${dir}`);
  });

  it('an attached, idle session wakes the server up for nothing', { timeout: 75_000 }, async () => {
    sb = new Sandbox();
    const started = Date.now();
    const t = await sb.terminal([], 100, 24);
    await t.waitForScreen(/\[0\] 0:/);
    t.type('echo settle\r');
    await t.waitForScreen('settle');
    // V8's memory reducer wakes every thread of a new process with a few rounds of GC about
    // 7 to 11 s after it starts (measured here: 29–64 context switches in 2 s, none at 16 s
    // or 20 s; scripts/bench/tools/idle-dbg.mjs shows the rounds). A measurement that falls
    // on them counts V8, not ccmux — which a loaded machine, slowing the steps before,
    // made happen. So the scenario starts 18 s after the server: past them, on any machine
    // this suite runs on. This wait is that bound, not a guess at how long something takes.
    const past = started + 18_000 - Date.now();
    if (past > 0) await new Promise((r) => setTimeout(r, past));
    // A window name read outside a frame, then a frame 50 ms later that expands the status
    // text afresh and reuses the name: two reused values with different expiries, which
    // once kept each other's re-check frames going forever.
    // The two sleeps below are the scenario itself (values of set ages; REUSE_MS is no
    // option): 400 ms lets every value reused so far expire (REUSE_MS = 250), 50 ms gives
    // the name and the status text different expiries.
    await new Promise((r) => setTimeout(r, 400));
    await t.flush();
    const at = t.cursor();
    await sb.ok(['display', '-p', '#{window_name}']);
    await new Promise((r) => setTimeout(r, 50));
    t.type(' ');
    // The frame that echoes the space is the one that reuses the name.
    await waitFor(async () => {
      await t.flush();
      const c = t.cursor();
      return c.y === at.y && c.x === at.x + 1;
    }, 10_000, 'the space to be echoed');
    const pid = Number((await sb.ok(['display', '-p', '#{pid}'])).trim());
    // The status line shows a clock, so the server wakes at each multiple of status-interval
    // (15 s) of the wall clock (status-timer.ts) — a wake-up with a reason, and not always a
    // cheap one to count: a tick took 1 to 6 context switches (the main thread and V8's
    // workers, measured here), which once went past the bound below when it fell in the
    // measured 2 s. The measurement must not contain a tick: when the next one is due
    // before the measurement (with 2 s to spare for a loaded machine) ends, it starts after
    // that tick. The boundary is the wall clock's, so this wait is exact, not a guess.
    const TICK_MS = 15_000;
    const toTick = TICK_MS - (Date.now() % TICK_MS);
    if (toTick < 1500 + 2000 + 2000) await new Promise((r) => setTimeout(r, toTick + 200));
    // Re-check frames for reused names and status text (reuse.ts) end within a second of that
    // frame. This wait stays: it is the bound under test, and no event marks that they ended.
    await new Promise((r) => setTimeout(r, 1500));
    const switches = (): number =>
      fs
        .readdirSync(`/proc/${pid}/task`)
        .map((task) => /voluntary_ctxt_switches:\s*(\d+)/.exec(fs.readFileSync(`/proc/${pid}/task/${task}/status`, 'utf8')))
        .reduce((sum, m) => sum + Number(m?.[1] ?? 0), 0);
    const before = switches();
    const output = t.output.length;
    // The idle time itself is what is tested (nothing wakes the server while it passes): this sleep stays.
    await new Promise((r) => setTimeout(r, 2000));
    // The few allowed are Node's, not ccmux's: a cleared timer's libuv timer still fires once
    // at its old due time (seen with strace: an empty epoll wake 5 s and 10 s after a CLI
    // command, from the connection's hello and idle timers).
    expect(switches() - before).toBeLessThanOrEqual(3);
    expect(t.output.length).toBe(output);
  });

  it('creates, names and switches windows', async () => {
    sb = new Sandbox();
    const t = await sb.terminal([], 80, 24);
    await t.waitForScreen(/\[0\] 0:/);
    t.prefix('c');
    await t.waitForScreen(/1:\S+\*/);
    t.prefix(',');
    await t.waitForScreen('(rename-window)');
    t.type('\x15logs\r'); // C-u clears the prefilled name
    await t.waitForScreen(/1:logs\*/);
    t.prefix('p');
    await t.waitForScreen(/0:\S+\* 1:logs-/);
    t.prefix('1');
    await t.waitForScreen(/1:logs\*/);
    const wins = JSON.parse(await sb.ok(['list-windows', '--json']));
    expect(wins.map((w: { name: string; active: boolean }) => [w.name, w.active])).toEqual([[expect.any(String), false], ['logs', true]]);
  });

  it('a lost server (kill -9) leaves a usable terminal: main screen, mouse off, cursor shown, [lost server] on a clean line', async () => {
    for (const direct of ['1', '0']) {
      sb = new Sandbox({ config: 'mouse = true\n', env: { CCMUX_TTY_DIRECT: direct } });
      const t = await sb.terminal(['new', '-s', 'work'], 80, 24);
      await t.waitForScreen(/\[work\]/);
      expect(t.term.buffer.active.type).toBe('alternate');
      expect(t.term.modes.mouseTrackingMode).not.toBe('none');
      const server = Number((await sb.ok(['display', '-p', '#{pid}'])).trim());
      process.kill(server, 'SIGKILL');
      expect((await t.waitExit()).exitCode).toBe(1);
      await t.flush();
      expect(t.term.buffer.active.type, `direct=${direct}`).toBe('normal');
      expect(t.term.modes.mouseTrackingMode).toBe('none');
      expect(t.output.endsWith('\x1b[?25h\x1b[?1049l\r[lost server]\n') || t.output.endsWith('\x1b[?25h\x1b[?1049l\r[lost server]\r\n')).toBe(true);
      expect(t.screen()).toContain('[lost server]');
      await sb.dispose();
    }
  });

  it('detaches and reattaches with the screen intact; a hung-up terminal leaves everything running', async () => {
    sb = new Sandbox();
    const t = await sb.terminal(['new', '-s', 'work'], 80, 24);
    await t.waitForScreen(/\[work\]/);
    t.type('echo marker-$((6*7))\r');
    await t.waitForScreen('marker-42');
    t.prefix('d');
    expect((await t.waitExit()).exitCode).toBe(0);
    expect(t.output).toContain('[detached (from session work)]');
    const t2 = await sb.terminal(['attach', '-t', 'work'], 80, 24);
    await t2.waitForScreen('marker-42');
    const pid = (await sb.panes())[0]!.pid as number;
    t2.proc.kill('SIGHUP');
    await t2.waitExit();
    expect(pidAlive(pid)).toBe(true);
    expect((await sb.ok(['ls'])).trim()).toMatch(/^work: 1 windows/);
    const t3 = await sb.terminal(['attach'], 80, 24);
    await t3.waitForScreen('marker-42');
  });

  it('attaches to another server from inside a pane (-L, as tmux allows), never to its own', async () => {
    sb = new Sandbox();
    await sb.ok(['-L', 'inner', 'new', '-d', '-s', 'deep']);
    await sb.ok(['-L', 'inner', 'send-keys', '-t', 'deep', 'echo inner-$((3*3))', 'Enter']);
    try {
      const t = await sb.terminal(['new', '-s', 'outer'], 100, 30);
      await t.waitForScreen(/\[outer\]/);
      // Its own server, from its own pane: refused.
      t.type(`node ${CCMUX} attach -t outer; echo own=$?\r`);
      await t.waitForScreen('own=1');
      expect(t.screen()).toContain('sessions should be nested with care, unset $CCMUX to force');
      // Another server: its session is drawn inside the pane, status line and all.
      t.type(`node ${CCMUX} -L inner attach -t deep\r`);
      await t.waitForScreen(/\[deep\]/);
      await t.waitForScreen('inner-9');
      // The outer prefix twice sends one to the inner client: it detaches.
      t.type('\x02\x02d');
      await t.waitForScreen('[detached (from session deep)]');
      expect((await sb.ok(['-L', 'inner', 'ls', '-F', '#{session_name}'])).trim()).toBe('deep');
    } finally {
      await sb.ccmux(['-L', 'inner', 'kill-server']);
    }
  });

  it('shows the same session to two clients, sized to the smaller', async () => {
    sb = new Sandbox();
    const a = await sb.terminal(['new', '-s', 'duo'], 100, 30);
    await a.waitForScreen(/\[duo\]/);
    const b = await sb.terminal(['attach', '-t', 'duo'], 60, 20);
    await b.waitForScreen(/\[duo\]/);
    const p = await waitFor(async () => {
      const x = (await sb.panes())[0]!;
      return x.width === 60 && x.height === 19 ? x : null;
    });
    expect(p.width).toBe(60);
    b.type('echo both-see-$((5+5))\r');
    await a.waitForScreen('both-see-10');
    await b.waitForScreen('both-see-10');
    b.prefix('d');
    await b.waitExit();
    await waitFor(async () => (await sb.panes())[0]!.width === 100);
  });

  it('runs vim on the alternate screen and restores the shell screen after it', async () => {
    sb = new Sandbox();
    const t = await sb.terminal([], 80, 24);
    await t.waitForScreen(/\[0\] 0:/);
    t.type('echo before-vim\r');
    await t.waitForScreen('before-vim');
    t.type(`vim -u NONE -N ${sb.dir}/f.txt\r`);
    await t.waitForScreen(/^~/m);
    t.type('ihello from vim\x1b');
    await t.waitForScreen('hello from vim');
    expect(t.text()).not.toContain('before-vim');
    t.type(':wq\r');
    await t.waitForScreen('before-vim');
    expect(t.text()).not.toContain('hello from vim');
  });

  it('closes a pane whose program exits, and ends the server with the last session', async () => {
    sb = new Sandbox();
    await sb.ok(['new', '-d', '-s', 'a']);
    const id = (await sb.ok(['split-window', '-P', '-F', '#{pane_id}', '-t', 'a', 'read line'])).trim();
    expect((await sb.panes()).length).toBe(2);
    await sb.ok(['send-keys', '-t', id, 'Enter']);
    await waitFor(async () => (await sb.panes()).length === 1);
    await sb.ok(['send-keys', '-t', 'a', 'exit', 'Enter']);
    await waitFor(async () => (await sb.ccmux(['ls'])).code !== 0);
    const r = await sb.ccmux(['ls']);
    expect(r.stderr).toMatch(/no server running/);
  });
});
