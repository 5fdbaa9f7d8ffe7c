/*
 * Reliability: the quick version of scripts/stress/recovery.mjs (issue 13.1, 13.2, 13.5).
 * Windows that end with their output stopped or mid-flood never stop the server from
 * answering; titles, start commands and hook reports the checkpoint cannot hold never
 * make it unreadable, so a kill -9 brings back the newest state; and several commands
 * starting a server at once after a crash start one server that resumes each Claude
 * pane once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Sandbox } from './harness.js';
import { runConcurrentStart, runHang, runPoison } from '../../scripts/stress/recovery.mjs';
import { claudeWorld } from '../../scripts/stress/lib/claude-world.mjs';

let sb: Sandbox;
afterEach(async () => {
  await sb?.dispose();
});

describe('reliability: recovery under unlucky timing and poisoned input', () => {
  it('6 windows ending stopped or mid-flood: the server keeps answering', async () => {
    sb = new Sandbox();
    const seed = Math.floor(Math.random() * 100000);
    const r = await runHang(sb, { rounds: 6, seed });
    expect(r.violations, `seed ${seed}`).toEqual([]);
    expect(r.figures.rounds).toBe(6);
  }, 120_000);

  it('6 rounds of poisoned titles, commands and hook ids, two kill -9s: the newest windows come back', async () => {
    sb = new Sandbox();
    const world = claudeWorld(sb, { projects: 1 });
    const seed = Math.floor(Math.random() * 100000);
    const r = await runPoison(sb, world, { rounds: 6, crashEvery: 3, seed });
    expect(r.violations, `seed ${seed}`).toEqual([]);
    expect(r.figures.crashes).toBe(2);
  }, 120_000);

  it('3 rounds of kill -9 then 6 server-starting commands at once: one server, one resume each', async () => {
    sb = new Sandbox();
    const world = claudeWorld(sb, { projects: 1 });
    const r = await runConcurrentStart(sb, world, { rounds: 3, parallel: 6 });
    expect(r.violations).toEqual([]);
    expect(r.figures.resumes).toBe(3);
  }, 120_000);
});
