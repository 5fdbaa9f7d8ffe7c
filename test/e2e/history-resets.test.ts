/*
 * End-to-end: a pane's history through `reset` (RIS), `clear` and clear-history, as a
 * tmux user meets them (issue 15.1 and 15.2), through a real terminal: capture-pane, copy
 * mode's position indicator, #{history_size}. tmux 3.3a, same commands, same size: after
 * `seq 500; printf '\033c'; echo AFTER-RIS` the screen and capture show AFTER-RIS and the
 * history holds all 500 lines, and later output all goes into it; `seq 300; clear` leaves
 * history_size 0; clear-history (clearhist) in copy mode leaves copy mode and empties the
 * history, the screen kept.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Sandbox, waitFor } from './harness.js';

let sb: Sandbox;
afterEach(async () => {
  await sb?.dispose();
});

const INDICATOR = /\[(\d+)\/(\d+)\]/;

async function historySize(): Promise<number> {
  return Number((await sb.ok(['display-message', '-p', '#{history_size}'])).trim());
}

describe('history through reset and clear', () => {
  it('keeps the history through RIS: capture, copy mode and later output are all there', async () => {
    sb = new Sandbox();
    const t = await sb.terminal([], 100, 30);
    await t.waitForScreen(/\[0\] 0:/);
    t.type("seq 500; printf '\\033c'; echo AFTER-RIS\r");
    await t.waitForScreen(/^AFTER-RIS$/m);
    await waitFor(async () => (await sb.ok(['capture-pane', '-p'])).split('\n').includes('AFTER-RIS'), 5000, 'capture-pane -p to show AFTER-RIS');
    const all = (await sb.ok(['capture-pane', '-p', '-S', '-'])).split('\n');
    expect(all.filter((l) => /^\d+$/.test(l))).toEqual(Array.from({ length: 500 }, (_, i) => String(i + 1)));
    expect(await historySize()).toBeGreaterThanOrEqual(500);
    // Copy mode shows the screen as it is, with the whole history above it.
    t.prefix('[');
    const view = await t.waitForScreen(INDICATOR);
    const [, offset, size] = INDICATOR.exec(view.join('\n'))!.map(Number);
    expect(offset).toBe(0);
    expect(size).toBeGreaterThanOrEqual(500);
    expect(view.some((l) => l.startsWith('AFTER-RIS'))).toBe(true);
    t.type('q');
    await t.waitForScreen((l) => !INDICATOR.test(l.join('\n')));
    t.type('seq -f later-%g 100\r');
    await t.waitForScreen(/^later-100$/m);
    const after = (await sb.ok(['capture-pane', '-p', '-S', '-'])).split('\n');
    expect(after.filter((l) => l.startsWith('later-'))).toEqual(Array.from({ length: 100 }, (_, i) => `later-${i + 1}`));
    expect(after.filter((l) => /^\d+$/.test(l)).length).toBe(500);
  });

  it('clear empties the history, as in tmux', async () => {
    sb = new Sandbox();
    const t = await sb.terminal([], 100, 30);
    await t.waitForScreen(/\[0\] 0:/);
    t.type('seq 300\r');
    await t.waitForScreen(/^300$/m);
    expect(await historySize()).toBeGreaterThan(250);
    t.type('clear; echo CLEARED\r');
    await t.waitForScreen(/^CLEARED$/m);
    await waitFor(async () => (await historySize()) === 0, 5000, 'history_size 0');
    expect((await sb.ok(['capture-pane', '-p', '-S', '-'])).split('\n').filter((l) => /^\d+$/.test(l))).toEqual([]);
  });

  it('clear-history (clearhist -t) empties a pane\'s history and leaves copy mode, the screen kept', async () => {
    sb = new Sandbox();
    const t = await sb.terminal([], 100, 30);
    await t.waitForScreen(/\[0\] 0:/);
    t.type('seq 300\r');
    await t.waitForScreen(/^300$/m);
    const pane = (await sb.panes())[0]!.id as string;
    t.prefix('[');
    await t.waitForScreen(INDICATOR);
    expect((await sb.panes())[0]!.in_mode).toBe(true);
    await sb.ok(['clear-history', '-t', pane]);
    await t.waitForScreen((l) => !INDICATOR.test(l.join('\n')));
    expect((await sb.panes())[0]!.in_mode).toBe(false);
    expect(await historySize()).toBe(0);
    const screen = (await sb.ok(['capture-pane', '-p'])).split('\n');
    expect(screen).toContain('300');
    expect((await sb.ok(['capture-pane', '-p', '-S', '-'])).split('\n').filter((l) => /^\d+$/.test(l))).toEqual(screen.filter((l) => /^\d+$/.test(l)));
    t.type('seq 1000 1100\r');
    await t.waitForScreen(/^1100$/m);
    expect(await historySize()).toBeGreaterThan(0);
    await sb.ok(['clearhist']);
    expect(await historySize()).toBe(0);
    expect((await sb.ccmux(['clear-history', '-x'])).stderr).toContain('usage: clear-history [-t target-pane]');
  });
});
