/*
 * End-to-end: a pane's history through `reset` (RIS), as a tmux user meets it (issue
 * 15.1), through a real terminal: capture-pane, copy mode's position indicator,
 * #{history_size}. tmux 3.3a, same commands, same size: after `seq 500; printf '\033c';
 * echo AFTER-RIS` the screen and capture show AFTER-RIS and the history holds all 500
 * lines; later output all goes into the history.
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

describe('history through reset', () => {
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
});
