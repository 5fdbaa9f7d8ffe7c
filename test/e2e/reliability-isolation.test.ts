/*
 * Reliability: no cross-talk under load (the quick version of scripts/stress/crosstalk.mjs,
 * which runs 16 panes for 60 s). Four Claude panes — two config_dir, two home, sharing two
 * project dirs — rewrite their .claude.json and transcripts every 25 ms and fire hooks for
 * ~5 s while doctor is polled; then every pane dir must name only its own session, every
 * .claude.json must parse, the sandbox HOME must be unchanged and doctor healthy throughout.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Sandbox } from './harness.js';
import { CONFIG, runCrosstalk } from '../../scripts/stress/crosstalk.mjs';
import { claudeWorld } from '../../scripts/stress/lib/claude-world.mjs';
import { checkIsolation } from '../../scripts/stress/lib/isolation-check.mjs';

let sb: Sandbox;
afterEach(async () => {
  await sb?.dispose();
});

describe('reliability: isolation under load', () => {
  it('4 Claude panes (config_dir and home) under write and hook load never touch each other or HOME', async () => {
    sb = new Sandbox({ config: CONFIG });
    const world = claudeWorld(sb, { projects: 2 });
    const r = await runCrosstalk(sb, world, { panes: 4, seconds: 5, stressMs: 25, promptEveryMs: 1500, doctorEveryMs: 700 });
    expect(r.violations).toEqual([]);
    // The load really happened: many rewrites and transcript lines, prompts with hooks, doctor polls.
    expect(r.figures.panes).toBe(4);
    expect(r.figures.stressWrites).toBeGreaterThan(100);
    expect(r.figures.transcriptLines).toBeGreaterThan(100);
    expect(r.figures.prompts).toBeGreaterThanOrEqual(8);
    expect(r.figures.doctorPolls).toBeGreaterThanOrEqual(3);

    // The check finds cross-talk when there is some: a neighbour's session id planted in
    // one pane's transcript is reported.
    const panes = (await sb.panes()).filter((p) => p.claude).map((p) => ({ id: p.id, dir: p.claude.dir, method: p.claude.method, sessionId: p.claude.sessionId }));
    const [a, b] = panes;
    const { configDir } = a!.method === 'home' ? { configDir: path.join(a!.dir, '.claude') } : { configDir: a!.dir };
    fs.appendFileSync(path.join(configDir, 'history.jsonl'), JSON.stringify({ sessionId: b!.sessionId }) + '\n');
    expect(checkIsolation(panes).violations.join('\n')).toContain(`names the session ${b!.sessionId} of another pane`);
  }, 90_000);
});
