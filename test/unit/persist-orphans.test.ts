/*
 * sweepOrphans and listIsolatedDirs against a Server-like object: dirs owned by a live pane
 * or by any server's checkpoint (current, previous, set aside) stay; young dirs and names
 * other than pane-<uuid> are left; a dry run removes nothing; a planted symlink (as the
 * pane dir, or inside it) is removed without touching what it points at; an orphan's
 * transcripts are archived first (never through a link); treeSize does not follow links.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Server } from '../../src/server/server.js';
import type { Pane } from '../../src/server/pane.js';
import { setClaudeOf } from '../../src/claude/pane-info.js';
import { MIN_ORPHAN_AGE_MS, listIsolatedDirs, serversDir, sweepOrphans, treeSize } from '../../src/persist/orphans.js';
import { CheckpointStore } from '../../src/persist/store.js';
import type { CheckpointBody } from '../../src/persist/checkpoint.js';
import { readIndex } from '../../src/persist/retention.js';
import { defaultClaudeSettings } from '../../src/config/claude-settings.js';
import { cleanupTempDirs, fingerprint, tempDir } from './claude-test-helpers.js';

afterEach(cleanupTempDirs);

interface World {
  state: string;
  configs: string;
  homes: string;
  server: Server;
  /** Live Claude panes of the fake server: id → dir. */
  live: Map<number, object>;
}

function world(keepTranscripts = true): World {
  const state = tempDir('ccmux-orphans-');
  const configs = path.join(state, 'claude-configs');
  const homes = path.join(state, 'claude-homes');
  fs.mkdirSync(configs, { mode: 0o700 });
  fs.mkdirSync(homes, { mode: 0o700 });
  const claude = defaultClaudeSettings();
  claude.isolation.keep_transcripts = keepTranscripts;
  const live = new Map<number, object>();
  const server = { model: { panes: live }, opts: { stateDir: state }, claude } as unknown as Server;
  return { state, configs, homes, server, live };
}

/** A live Claude pane of the fake server, with its dir. */
function addLive(w: World, id: number, dir: string): void {
  const pane = { id } as unknown as Pane;
  setClaudeOf(pane, { method: 'config_dir', dir, sessionId: crypto.randomUUID(), uuid: crypto.randomUUID() });
  w.live.set(id, pane);
}

function paneDir(root: string, files: Record<string, string> = { '.claude.json': '{}' }): string {
  const dir = path.join(root, `pane-${crypto.randomUUID()}`);
  fs.mkdirSync(dir, { mode: 0o700 });
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

function checkpointOwning(dirs: string[]): CheckpointBody {
  return {
    sessions: [
      {
        name: 's',
        current: 0,
        windows: [
          {
            index: 0,
            layout: dirs.length === 1 ? { type: 'pane', pane: 0 } : { type: 'split', dir: 'h', weights: dirs.map(() => 1), children: dirs.map((_, i) => ({ type: 'pane', pane: i })) },
            active: 0,
            zoomed: false,
            cols: 80,
            rows: 24,
            panes: dirs.map((dir, i) => ({ id: i, cwd: '/w', claude: { method: 'config_dir', dir, sessionId: crypto.randomUUID(), uuid: crypto.randomUUID(), cwd: '/w' } })),
          },
        ],
      },
    ],
  };
}

function lexists(p: string): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/** "Later": every dir is old enough to be an orphan. */
const later = () => Date.now() + 2 * MIN_ORPHAN_AGE_MS;

describe('sweepOrphans', () => {
  it('removes only unowned, old enough pane-<uuid> dirs', async () => {
    const w = world();
    const live = paneDir(w.configs);
    addLive(w, 3, live);
    const inCurrent = paneDir(w.configs);
    const inPrev = paneDir(w.homes);
    const inSaved = paneDir(w.configs);
    const inOther = paneDir(w.homes);
    const store = new CheckpointStore(serversDir(w.state), 'default');
    store.write(checkpointOwning([inPrev]), '0.1.0', false);
    store.write(checkpointOwning([inSaved]), '0.1.0', true);
    store.setAside();
    store.write(checkpointOwning([inCurrent]), '0.1.0', false);
    new CheckpointStore(serversDir(w.state), 'other').write(checkpointOwning([inOther]), '0.1.0', false);
    const orphanA = paneDir(w.configs);
    const orphanB = paneDir(w.homes, { '.bashrc': 'x' });
    const odd = path.join(w.configs, 'pane-not-a-uuid');
    fs.mkdirSync(odd);
    const res = await sweepOrphans(w.server, { dryRun: false, now: later() });
    // The .prev.json is the state one change before a good current checkpoint: nothing
    // restores from it, so a dir only it names is an orphan too (CheckpointStore.readAll).
    expect(res.removed.sort()).toEqual([orphanA, orphanB, inPrev].sort());
    expect(res.left).toEqual([odd]);
    expect(res.errors).toEqual([]);
    for (const d of [live, inCurrent, inSaved, inOther, odd]) expect(fs.existsSync(d), d).toBe(true);
    for (const d of [orphanA, orphanB, inPrev]) expect(lexists(d)).toBe(false);
  });

  it('leaves dirs younger than a minute (another server may be creating them)', async () => {
    const w = world();
    const young = paneDir(w.configs);
    const res = await sweepOrphans(w.server, { dryRun: false });
    expect(res).toEqual({ removed: [], left: [young], errors: [] });
    expect(fs.existsSync(young)).toBe(true);
    const res2 = await sweepOrphans(w.server, { dryRun: false, now: later() });
    expect(res2.removed).toEqual([young]);
  });

  it('removes nothing on a dry run', async () => {
    const w = world();
    const a = paneDir(w.configs);
    const b = paneDir(w.homes);
    const res = await sweepOrphans(w.server, { dryRun: true, now: later() });
    expect(res.removed).toEqual([]);
    expect(res.left.sort()).toEqual([a, b].sort());
    expect(fs.existsSync(a) && fs.existsSync(b)).toBe(true);
  });

  it('removes planted links without following them', async () => {
    const w = world();
    const decoy = path.join(tempDir('ccmux-decoy-'), 'secrets');
    fs.mkdirSync(path.join(decoy, 'projects', '-w'), { recursive: true });
    fs.writeFileSync(path.join(decoy, 'id_rsa'), 'KEY');
    fs.writeFileSync(path.join(decoy, 'projects', '-w', `${crypto.randomUUID()}.jsonl`), '{"type":"user","cwd":"/w"}\n');
    const print = fingerprint(decoy);
    const asDir = path.join(w.configs, `pane-${crypto.randomUUID()}`);
    fs.symlinkSync(decoy, asDir);
    const withLink = paneDir(w.homes);
    fs.symlinkSync(decoy, path.join(withLink, '.ssh'));
    fs.symlinkSync(decoy, path.join(withLink, '.claude'));
    const projectsLink = paneDir(w.configs);
    fs.symlinkSync(path.join(decoy, 'projects'), path.join(projectsLink, 'projects'));
    const res = await sweepOrphans(w.server, { dryRun: false, now: later() });
    expect(res.errors).toEqual([]);
    expect(res.removed.sort()).toEqual([asDir, withLink, projectsLink].sort());
    for (const d of res.removed) expect(lexists(d)).toBe(false);
    expect(fingerprint(decoy)).toEqual(print);
    expect(readIndex(w.state)).toEqual([]);
  });

  it('archives an orphan’s conversations (with the cwd they record) before removing it', async () => {
    const w = world();
    const id = crypto.randomUUID();
    const idHome = crypto.randomUUID();
    const line = (cwd: string, text: string) => JSON.stringify({ type: 'user', cwd, message: { role: 'user', content: text } }) + '\n';
    paneDir(w.configs, { [`projects/-work-a/${id}.jsonl`]: '{"type":"summary"}\n' + line('/work/a', 'first words'), 'projects/-work-a/notes.jsonl': '{}' });
    paneDir(w.homes, { [`.claude/projects/-work-b/${idHome}.jsonl`]: line('/work/b', 'home words') });
    const res = await sweepOrphans(w.server, { dryRun: false, now: later() });
    expect(res.removed).toHaveLength(2);
    const index = readIndex(w.state);
    expect(index).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sessionId: id, cwd: '/work/a', firstPrompt: 'first words', file: `${id}.jsonl` }),
        expect.objectContaining({ sessionId: idHome, cwd: '/work/b', firstPrompt: 'home words' }),
      ]),
    );
    expect(index).toHaveLength(2);
    expect(fs.readFileSync(path.join(w.state, 'transcripts', `${id}.jsonl`), 'utf8')).toContain('first words');
  });

  it('does not archive when keep_transcripts is off, nor on a dry run', async () => {
    const id = crypto.randomUUID();
    const files = { [`projects/-w/${id}.jsonl`]: '{"type":"user","cwd":"/w","message":{"content":"x"}}\n' };
    const dry = world();
    paneDir(dry.configs, files);
    await sweepOrphans(dry.server, { dryRun: true, now: later() });
    expect(readIndex(dry.state)).toEqual([]);
    const off = world(false);
    paneDir(off.configs, files);
    expect((await sweepOrphans(off.server, { dryRun: false, now: later() })).removed).toHaveLength(1);
    expect(readIndex(off.state)).toEqual([]);
  });
});

describe('listIsolatedDirs', () => {
  it('lists both roots with owner, size and age', () => {
    const w = world();
    const live = paneDir(w.configs, { big: 'x'.repeat(5000) });
    addLive(w, 7, live);
    const saved = paneDir(w.homes);
    const store = new CheckpointStore(serversDir(w.state), 'default');
    store.write(checkpointOwning([saved]), '0.1.0', true);
    store.setAside();
    const restorable = paneDir(w.configs);
    new CheckpointStore(serversDir(w.state), 'other').write(checkpointOwning([restorable]), '0.1.0', false);
    const orphan = paneDir(w.homes);
    const dirs = listIsolatedDirs(w.server);
    const by = new Map(dirs.map((d) => [d.path, d]));
    expect(dirs).toHaveLength(4);
    expect(by.get(live)).toMatchObject({ owner: '%7 (live)', root: w.configs });
    expect(by.get(live)!.bytes).toBeGreaterThan(5000);
    expect(by.get(saved)!.owner).toBe('restorable (ccmux restore)');
    expect(by.get(restorable)!.owner).toBe('restorable');
    expect(by.get(orphan)!.owner).toBeUndefined();
    for (const d of dirs) expect(Math.abs(Date.now() - d.mtimeMs)).toBeLessThan(60_000);
  });

  it('is empty without the roots', () => {
    const state = tempDir();
    const server = { model: { panes: new Map() }, opts: { stateDir: state }, claude: defaultClaudeSettings() } as unknown as Server;
    expect(listIsolatedDirs(server)).toEqual([]);
  });
});

describe('treeSize', () => {
  it('counts links as themselves, not what they point at', () => {
    const t = tempDir();
    const big = path.join(t, 'big');
    fs.writeFileSync(big, 'x'.repeat(100_000));
    const dir = path.join(t, 'd');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'f'), 'x'.repeat(10));
    fs.symlinkSync(big, path.join(dir, 'link'));
    fs.symlinkSync(t, path.join(dir, 'loop'));
    expect(treeSize(dir)).toBeLessThan(100_000);
    expect(treeSize(dir)).toBeGreaterThanOrEqual(10);
    expect(treeSize(path.join(t, 'missing'))).toBe(0);
  });
});
