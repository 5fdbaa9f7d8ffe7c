/*
 * End-to-end, through attached clients in ptys: what the side-by-side tests cannot
 * compare with tmux — choose-client choosing between two clients (Enter detaches the one
 * chosen), display-popup run from the command line (it waits until the popup closes, as
 * tmux; -C closes it from elsewhere) and display-panes -d ending by itself.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CCMUX, Sandbox, waitFor, type OuterTerminal } from './harness.js';

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.dispose();
  sb = undefined;
});

/**
 * Session a and two clients attached to it, 80×24; `viaShell`: the second through sh, so
 * that it has a parent of its own to hang up (not this test).
 */
async function twoClients(viaShell = false): Promise<{ one: OuterTerminal; two: OuterTerminal }> {
  sb = new Sandbox();
  await sb.ok(['new-session', '-d', '-s', 'a', '/bin/sh']);
  const one = await sb.terminal(['attach', '-t', 'a'], 80, 24);
  await one.waitForScreen('[a]');
  const two = viaShell
    ? await sb.terminal(['-c', `'${process.execPath}' '${CCMUX}' attach -t a; sleep 30`], 80, 24, { program: '/bin/sh' })
    : await sb.terminal(['attach', '-t', 'a'], 80, 24);
  await two.waitForScreen('[a]');
  return { one, two };
}

/** The terminal a client runs in, as ccmux names the client. */
const ttyOf = (t: OuterTerminal): string => (t.proc as unknown as { ptsName: string }).ptsName;

describe('choose views and overlays, attached', () => {
  it('choose-client lists both clients; Enter on the other one detaches it', async () => {
    const { one, two } = await twoClients();
    one.prefix(':');
    await one.waitForScreen((l) => l[23]!.startsWith(':'));
    one.type('choose-client\r');
    const lines = await one.waitForScreen((l) => l.filter((x) => /^\(\d\) \/dev\/pts\/\d+: \d\d:\d\d: session a/.test(x)).length === 2);
    expect(lines.join('\n')).toContain('(sort: name)');
    // The other client's line: not the one of our terminal's tty.
    const ourTty = ttyOf(one);
    expect(ourTty).toMatch(/^\/dev\/pts\/\d+$/);
    const clientLines = lines.filter((x) => /^\(\d\) \/dev\/pts/.test(x));
    const other = clientLines.find((x) => !x.includes(`${ourTty}:`))!;
    expect(other).toBeDefined();
    one.type(other[1]!); // its shortcut key
    await two.waitExit();
    expect(two.output).toContain('[detached (from session a)]');
    await one.waitForScreen((l) => !l.join('\n').includes('(sort: name)'));
    expect(one.exited).toBeNull();
  }, 60_000);

  it('choose-client z suspends the client under the cursor, x detaches it and hangs up its parent, as tmux', async () => {
    const { one, two } = await twoClients(true);
    const ourTty = ttyOf(one);
    one.prefix(':');
    await one.waitForScreen((l) => l[23]!.startsWith(':'));
    one.type('choose-client\r');
    const lines = await one.waitForScreen((l) => l.filter((x) => /^\(\d\) \/dev\/pts\/\d+: /.test(x)).length === 2);
    // The cursor onto the other client's line.
    const clientLines = lines.filter((x) => /^\(\d\) \/dev\/pts/.test(x));
    if (clientLines[0]!.includes(`${ourTty}:`)) one.type('\x1b[B');
    await one.waitForScreen((l) => l.some((x) => !x.includes(`${ourTty}:`) && /^\(\d\) \/dev\/pts/.test(x)));
    const flags = async () => (await sb!.ok(['list-clients', '-F', '#{client_tty} #{client_flags}'])).split('\n').find((l) => l && !l.startsWith(`${ourTty} `)) ?? '';
    one.type('z');
    await waitFor(async () => (await flags()).includes('suspended'), 10_000, 'the other client to be suspended');
    one.type('x');
    await two.waitExit();
    expect(two.output).toContain('[detached and SIGHUP (from session a)]');
    expect(one.exited).toBeNull();
  }, 60_000);

  it('display-menu -c, display-popup -c and display-panes -t show on the client named, not the current one', async () => {
    const { one, two } = await twoClients();
    const twoTty = ttyOf(two);
    // From the command line it waits until the menu closes, as tmux's.
    const menu = sb.ccmux(['display-menu', '-c', twoTty, 'MenuItem', 'i', 'display hi']);
    await two.waitForScreen('MenuItem (i)');
    expect(one.text()).not.toContain('MenuItem');
    two.type('q');
    await two.waitForScreen((l) => !l.join('\n').includes('MenuItem'));
    expect((await menu).code).toBe(0);
    await sb.ok(['display-popup', '-c', twoTty, '-E', '-T', 'PopTitle', 'sleep 0.3']);
    expect(one.text()).not.toContain('PopTitle');
    await sb.ok(['display-panes', '-t', twoTty, '-b', '-d', '0']);
    await two.waitForScreen((l) => l.join('\n').includes('80x23'));
    expect(one.text()).not.toContain('80x23');
    expect((await sb.ccmux(['display-menu', '-c', 'nosuch', 'x', 'x', 'display x'])).stderr).toBe("can't find client: nosuch\n");
  }, 60_000);

  it('display-popup from the command line waits until the popup closes; -C closes it', async () => {
    sb = new Sandbox();
    await sb.ok(['new-session', '-d', '-s', 'a', '/bin/sh']);
    const t = await sb.terminal(['attach', '-t', 'a'], 80, 24);
    await t.waitForScreen('[a]');
    let done = false;
    const waiting = sb.ccmux(['display-popup', '-t', 'a', '-T', 'pop', 'echo inside; cat']).then((r) => {
      done = true;
      return r;
    });
    await t.waitForScreen('│inside');
    expect(done).toBe(false);
    const r = await sb.ccmux(['display-popup', '-C', '-t', 'a']);
    expect(r.code).toBe(0);
    expect((await waiting).code).toBe(0);
    await t.waitForScreen((l) => !l.join('\n').includes('inside'));
  }, 60_000);

  it('display-panes -d ends by itself after its delay; -b returns at once', async () => {
    sb = new Sandbox();
    await sb.ok(['new-session', '-d', '-s', 'a', '-x', '80', '-y', '23', '/bin/sh']);
    await sb.ok(['split-window', '-h', '-t', 'a', '/bin/sh']);
    const t = await sb.terminal(['attach', '-t', 'a'], 80, 24);
    await t.waitForScreen('[a]');
    const started = Date.now();
    const r = await sb.ccmux(['display-panes', '-d', '300']);
    expect(r.code).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    await t.waitForScreen((l) => !l.join('\n').includes('40x23'));
    const b = await sb.ccmux(['display-panes', '-b', '-d', '0']);
    expect(b.code).toBe(0);
    await t.waitForScreen('40x23');
    t.type('0');
    await t.waitForScreen((l) => !l.join('\n').includes('40x23'));
  }, 60_000);
});
