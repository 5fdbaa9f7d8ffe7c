/*
 * Reliability: filesystem safety (the quick version of scripts/stress/fs-safety.mjs).
 * Symlinks and a hard link into a decoy planted inside live Claude pane dirs (both
 * methods), pane dirs swapped for symlinks to a decoy full of tempting files (a newer
 * .credentials.json, transcript-named .jsonl files) before and while they close, closes
 * racing `gc` on dirs past the orphan age, a home_symlinks entry naming a dir full of
 * files: the decoys and the sandbox HOME must be unchanged, no pane dir left, and every
 * closed conversation archived exactly once; gc never takes the dir of a pane that is
 * still closing. This caught the close of a swapped dir copying the decoy's credentials
 * over the user's base login and moving the decoy's "transcripts" into the archive, and
 * gc removing the dir of a closed pane whose claude was still exiting.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Sandbox } from './harness.js';
import { config, runFsSafety } from '../../scripts/stress/fs-safety.mjs';
import { claudeWorld } from '../../scripts/stress/lib/claude-world.mjs';

let sb: Sandbox;
afterEach(async () => {
  await sb?.dispose();
});

describe('reliability: nothing outside the state dir is modified', () => {
  it('planted links, swapped dirs and close/gc races leave the decoys and HOME untouched', async () => {
    sb = new Sandbox();
    fs.writeFileSync(path.join(sb.dir, 'config', 'ccmux', 'ccmux.toml'), config(sb.dir));
    const world = claudeWorld(sb, { projects: 1 });
    const seed = Math.floor(Math.random() * 100000);
    const r = await runFsSafety(sb, world, { rounds: 2, seed });
    expect(r.violations, `seed ${seed}`).toEqual([]);
    expect(r.figures.panes).toBe(14);
    expect(r.figures.planted).toBe(4);
    expect(r.figures.gcRaces).toBe(6);
  }, 120_000);
});
