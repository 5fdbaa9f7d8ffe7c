/*
 * Reliability: no leaks (the quick version of scripts/stress/leaks.mjs, which runs 1,000
 * cycles). 50 times a shell pane and a Claude pane (config_dir and home alternating) are
 * opened, seen running and closed, four at a time; afterwards the server's open fds,
 * children (no zombies), isolated pane dirs and RSS (within 64 MB: V8 grows its heap at
 * first) must be back at the baseline taken after a warm-up. This caught Claude pane dirs
 * left behind when the dir was removed while a killed claude was still writing on its way
 * out (ENOTEMPTY).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Sandbox } from './harness.js';
import { CONFIG, runLeaks } from '../../scripts/stress/leaks.mjs';
import { claudeWorld } from '../../scripts/stress/lib/claude-world.mjs';

let sb: Sandbox;
afterEach(async () => {
  await sb?.dispose();
});

describe('reliability: open/close cycles leak nothing', () => {
  it('50 cycles of a shell and a Claude pane: fds, children, dirs and memory come back', async () => {
    sb = new Sandbox({ config: CONFIG });
    const world = claudeWorld(sb, { projects: 1 });
    const r = await runLeaks(sb, world, { cycles: 50, warmup: 6 });
    expect(r.violations).toEqual([]);
    expect(r.figures.panesOpenedClosed).toBe(100);
  }, 120_000);
});
