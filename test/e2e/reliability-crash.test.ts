/*
 * Reliability: crash safety (the quick version of scripts/stress/crash.mjs, which runs 20
 * rounds). Three times, the server is killed with SIGKILL at a random moment while
 * random splits, closes, Claude panes and output floods are in flight; each next start
 * must restore the checkpoint's sessions with layouts that tile their windows exactly as
 * checkpointed, resume every Claude conversation in its own dir, end every program of the
 * dead server, archive and sweep the dirs no checkpoint owns, and leave no orphan.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Sandbox } from './harness.js';
import { CONFIG, runCrash } from '../../scripts/stress/crash.mjs';
import { claudeWorld } from '../../scripts/stress/lib/claude-world.mjs';
import { matchesCheckpoint, windowProblems } from '../../scripts/stress/lib/layout-check.mjs';

let sb: Sandbox;
afterEach(async () => {
  await sb?.dispose();
});

describe('reliability: kill -9 at random moments', () => {
  it('3 rounds: consistent layouts, every Claude pane resumed, no orphan, no survivor', async () => {
    sb = new Sandbox({ config: CONFIG });
    const world = claudeWorld(sb, { projects: 2 });
    const seed = Math.floor(Math.random() * 100000);
    const r = await runCrash(sb, world, { rounds: 3, seed, maxKillMs: 1500 });
    expect(r.violations, `seed ${seed}`).toEqual([]);
    expect(r.figures.rounds).toBe(3);
    expect(r.figures.panesRestored).toBeGreaterThan(3);
    expect(r.figures.claudeResumed + r.figures.claudeFresh).toBeGreaterThan(0);
  }, 120_000);

  it('the geometry checks catch a layout that does not add up', () => {
    const pane = (id: string, left: number, top: number, width: number, height: number) => ({ id, left, top, width, height, claude: null });
    const good = { session: 's', index: 0, zoomed: false, width: 80, height: 24, panes: [pane('%0', 0, 0, 40, 24), pane('%1', 41, 0, 39, 24)] };
    expect(windowProblems(good)).toEqual([]);
    expect(windowProblems({ ...good, panes: [pane('%0', 0, 0, 41, 24), pane('%1', 40, 0, 40, 24)] }).join()).toContain('overlap');
    expect(windowProblems({ ...good, panes: [pane('%0', 0, 0, 40, 24), pane('%1', 41, 0, 40, 24)] }).join()).toContain('outside');
    expect(windowProblems({ ...good, panes: [pane('%0', 0, 0, 30, 24), pane('%1', 41, 0, 39, 24)] }).join()).toContain('panes cover');
    const layout = { type: 'split', dir: 'h', weights: [40, 39], children: [{ type: 'pane', pane: 0 }, { type: 'pane', pane: 1 }] };
    const rec = { layout, cols: 80, rows: 24, zoomed: false, panes: [{ id: 0 }, { id: 1 }] };
    expect(matchesCheckpoint(good, rec)).toEqual([]);
    expect(matchesCheckpoint({ ...good, panes: [good.panes[1], good.panes[0]] }, rec).join()).toContain('the checkpoint\'s layout says');
  });
});
