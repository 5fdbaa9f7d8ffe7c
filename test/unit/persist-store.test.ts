/*
 * CheckpointStore in a temp dir: atomic writes (0600, no temp file left, the replaced good
 * file kept as .prev), reading with fallback to .prev and a notice, a damaged file never
 * becoming .prev, a newer file reported, setAside/readSaved/discardSaved for `ccmux
 * restore`, and readAll across servers.
 */
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CheckpointStore } from '../../src/persist/store.js';
import type { CheckpointBody } from '../../src/persist/checkpoint.js';
import { cleanupTempDirs, tempDir } from './claude-test-helpers.js';

afterEach(cleanupTempDirs);

const U1 = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const S1 = '11111111-1111-4111-8111-111111111111';

function body(name: string, dir?: string): CheckpointBody {
  return {
    sessions: [
      {
        name,
        current: 0,
        windows: [
          {
            index: 0,
            layout: { type: 'pane', pane: 0 },
            active: 0,
            zoomed: false,
            cols: 80,
            rows: 24,
            panes: [dir ? { id: 0, cwd: '/w', claude: { method: 'config_dir', dir, sessionId: S1, uuid: U1, cwd: '/w' } } : { id: 0, cwd: '/w' }],
          },
        ],
      },
    ],
  };
}

function store(): CheckpointStore {
  return new CheckpointStore(path.join(tempDir('ccmux-store-'), 'servers'), 'default');
}

const names = (s: CheckpointStore) => s.read().checkpoint?.body.sessions.map((x) => x.name);

describe('CheckpointStore', () => {
  it('sets a clean checkpoint aside; a later one is added to an unrestored older one, never replacing it', () => {
    const s = store();
    s.write({ sessions: [...body('work').sessions, ...body('0').sessions] }, '0.1.0', true);
    expect(s.setAside()).toEqual([]);
    expect(fs.existsSync(s.file)).toBe(false);
    // kill-server, new -d, kill-server: the next start sets aside again.
    s.write({ sessions: [...body('0').sessions, ...body('scratch').sessions] }, '0.1.0', true);
    expect(s.setAside()).toEqual(['scratch']);
    expect(fs.existsSync(s.file)).toBe(false);
    const saved = s.readSaved()!;
    expect(saved.clean).toBe(true);
    expect(saved.body.sessions.map((x) => x.name)).toEqual(['work', '0', 'scratch']);
    // Restored (and discarded): the next set-aside starts afresh.
    s.discardSaved();
    s.write(body('new'), '0.1.0', true);
    s.setAside();
    expect(s.readSaved()!.body.sessions.map((x) => x.name)).toEqual(['new']);
  });

  it('writes atomically into a private dir and reads back', () => {
    const s = store();
    expect(s.read()).toEqual({});
    s.write(body('one'), '0.1.0', false);
    expect(s.file).toBe(path.join(s.dir, 'default.json'));
    expect((fs.statSync(s.dir).mode & 0o777).toString(8)).toBe('700');
    expect((fs.statSync(s.file).mode & 0o777).toString(8)).toBe('600');
    expect(fs.readdirSync(s.dir)).toEqual(['default.json']);
    const r = s.read();
    expect(r.notice).toBeUndefined();
    expect(r.checkpoint).toMatchObject({ ccmux: '0.1.0', clean: false, body: body('one') });
  });

  it('keeps the replaced checkpoint as .prev', () => {
    const s = store();
    s.write(body('one'), '0.1.0', false);
    s.write(body('two'), '0.1.0', true);
    expect(names(s)).toEqual(['two']);
    expect(s.read().checkpoint!.clean).toBe(true);
    expect(JSON.parse(fs.readFileSync(s.prev, 'utf8')).body).toEqual(body('one'));
    expect(fs.readdirSync(s.dir).sort()).toEqual(['default.json', 'default.prev.json']);
  });

  it('falls back to .prev when the checkpoint is damaged, and says so', () => {
    const s = store();
    s.write(body('one'), '0.1.0', false);
    s.write(body('two'), '0.1.0', false);
    const text = fs.readFileSync(s.file, 'utf8');
    fs.writeFileSync(s.file, text.slice(0, text.length >> 1));
    const r = s.read();
    expect(r.checkpoint!.body).toEqual(body('one'));
    expect(r.notice).toContain(`checkpoint ${s.file} is damaged (not valid JSON`);
    expect(r.notice).toContain('using the previous one from');
    expect(r.newer).toBeUndefined();
  });

  it('falls back to .prev on a checksum mismatch too', () => {
    const s = store();
    s.write(body('one'), '0.1.0', false);
    s.write(body('two'), '0.1.0', false);
    fs.writeFileSync(s.file, fs.readFileSync(s.file, 'utf8').replace('"two"', '"owt"'));
    const r = s.read();
    expect(r.checkpoint!.body).toEqual(body('one'));
    expect(r.notice).toMatch(/checksum mismatch/);
  });

  it('reads .prev when the checkpoint is missing', () => {
    const s = store();
    s.write(body('one'), '0.1.0', false);
    s.write(body('two'), '0.1.0', false);
    fs.unlinkSync(s.file);
    expect(names(s)).toEqual(['one']);
  });

  it('says when neither file is good', () => {
    const s = store();
    s.write(body('one'), '0.1.0', false);
    fs.writeFileSync(s.file, '{"format":1,');
    const r = s.read();
    expect(r.checkpoint).toBeUndefined();
    expect(r.notice).toMatch(/is damaged .*; it is kept as .*default\.damaged-.*\.json; there is no good previous one, nothing restored/);
  });

  it('keeps a damaged checkpoint aside under a name of its own, never overwritten', () => {
    const s = store();
    s.write(body('one'), '0.1.0', false);
    s.write(body('two'), '0.1.0', false);
    fs.writeFileSync(s.file, 'damaged once');
    const now = new Date('2026-12-03T10:00:00.000Z');
    const r = s.read(now);
    expect(r.checkpoint?.body).toEqual(body('one'));
    expect(r.damaged).toBe(path.join(s.dir, 'default.damaged-2026-12-03T10-00-00-000Z.json'));
    expect(fs.readFileSync(r.damaged!, 'utf8')).toBe('damaged once');
    expect(fs.existsSync(s.file)).toBe(false);
    // A second damaged file in the same millisecond gets a name of its own.
    fs.writeFileSync(s.file, 'damaged twice');
    const r2 = s.read(now);
    expect(r2.damaged).toBe(path.join(s.dir, 'default.damaged-2026-12-03T10-00-00-000Z-1.json'));
    expect(CheckpointStore.damagedFiles(s.dir)).toEqual([r.damaged, r2.damaged].sort());
  });

  it('never replaces a good checkpoint with one it could not read back', () => {
    const s = store();
    s.write(body('one'), '0.1.0', false);
    const bad = body('two');
    bad.sessions[0]!.windows[0]!.panes[0]!.title = 'B'.repeat(1025);
    expect(() => s.write(bad, '0.1.0', false)).toThrow(/title: expected a string/);
    expect(names(s)).toEqual(['one']);
    expect(fs.readdirSync(s.dir).filter((n) => n.includes('.tmp.'))).toEqual([]);
  });

  it('never turns a damaged file into .prev', () => {
    const s = store();
    s.write(body('one'), '0.1.0', false);
    s.write(body('two'), '0.1.0', false);
    fs.writeFileSync(s.file, 'garbage');
    s.write(body('three'), '0.1.0', false);
    expect(names(s)).toEqual(['three']);
    expect(JSON.parse(fs.readFileSync(s.prev, 'utf8')).body).toEqual(body('one'));
  });

  it('reports a newer checkpoint without reading .prev', () => {
    const s = store();
    s.write(body('one'), '0.1.0', false);
    s.write(body('two'), '0.1.0', false);
    fs.writeFileSync(s.file, JSON.stringify({ format: 99, ccmux: '9.0.0', body: {} }));
    const r = s.read();
    expect(r.newer).toBe(true);
    expect(r.checkpoint).toBeUndefined();
    expect(r.notice).toMatch(/written by a newer ccmux \(9\.0\.0, format 99.*left as it is/);
  });

  it('sets a clean checkpoint aside for `ccmux restore`, and discards it', () => {
    const s = store();
    expect(s.readSaved()).toBeUndefined();
    s.write(body('kept'), '0.1.0', true);
    s.setAside();
    expect(fs.existsSync(s.file)).toBe(false);
    expect(s.saved).toBe(path.join(s.dir, 'default.saved.json'));
    expect(s.readSaved()!.body).toEqual(body('kept'));
    // New work does not touch the set-aside checkpoint.
    s.write(body('new'), '0.1.0', false);
    s.write(body('newer'), '0.1.0', false);
    expect(s.readSaved()!.body).toEqual(body('kept'));
    s.discardSaved();
    expect(s.readSaved()).toBeUndefined();
    expect(fs.existsSync(s.saved)).toBe(false);
    s.discardSaved();
  });

  it('treats a damaged set-aside checkpoint as none', () => {
    const s = store();
    fs.mkdirSync(s.dir, { recursive: true });
    fs.writeFileSync(s.saved, '{');
    expect(s.readSaved()).toBeUndefined();
  });

  it('readAll: every good checkpoint of every server in the dir (current, prev, saved)', () => {
    const a = store();
    const b = new CheckpointStore(a.dir, 'other');
    a.write(body('a1', '/d/pane-1'), '0.1.0', false);
    a.write(body('a2'), '0.1.0', true);
    a.setAside();
    b.write(body('b1'), '0.1.0', false);
    fs.writeFileSync(path.join(a.dir, 'broken.json'), '{');
    fs.writeFileSync(path.join(a.dir, 'future.json'), JSON.stringify({ format: 99, body: {} }));
    fs.writeFileSync(path.join(a.dir, 'notes.txt'), 'x');
    const all = CheckpointStore.readAll(a.dir).checkpoints.map((c) => c.body.sessions[0]!.name).sort();
    expect(all).toEqual(['a1', 'a2', 'b1']);
    expect(CheckpointStore.readAll(path.join(a.dir, 'missing')).checkpoints).toEqual([]);
  });

  it('readAll: a .prev.json only stands in for a missing or bad current one (else a pane closed a moment ago stays "restorable")', () => {
    const a = store();
    a.write(body('then', '/d/pane-closed'), '0.1.0', false);
    a.write(body('now'), '0.1.0', false);
    expect(CheckpointStore.readAll(a.dir).checkpoints.map((c) => c.body.sessions[0]!.name)).toEqual(['now']);
    fs.writeFileSync(a.file, '{"damaged": ');
    expect(CheckpointStore.readAll(a.dir).checkpoints.map((c) => c.body.sessions[0]!.name)).toEqual(['then']);
    fs.rmSync(a.file);
    expect(CheckpointStore.readAll(a.dir).checkpoints.map((c) => c.body.sessions[0]!.name)).toEqual(['then']);
  });

  it('readAll: every UUID in a file it cannot read names a dir to keep', () => {
    const a = store();
    a.write(body('a1'), '0.1.0', false);
    fs.writeFileSync(path.join(a.dir, 'default.damaged-x.json'), `{"dir":"/s/pane-${U1.toUpperCase()}", cut`);
    // Half written by a writer still running (this process).
    fs.writeFileSync(path.join(a.dir, `other.json.tmp.${process.pid}`), `{"uuid":"${S1}"`);
    fs.writeFileSync(path.join(a.dir, 'notes.txt'), '22222222-2222-4222-8222-222222222222');
    expect([...CheckpointStore.readAll(a.dir).namedIn].sort()).toEqual([S1, U1]);
  });

  it('readAll: a temp file whose writer is gone names nothing (never renamed into place, nothing restores from it)', () => {
    const a = store();
    a.write(body('a1'), '0.1.0', false);
    const dead = spawnSync('true').pid!;
    fs.writeFileSync(path.join(a.dir, `gone.json.tmp.${dead}`), `{"uuid":"${S1}"`);
    // A pid now used by a later process (this one, started long after an hour ago): not the writer.
    const reused = path.join(a.dir, `reused.json.tmp.${process.pid}`);
    fs.writeFileSync(reused, `{"uuid":"${U1}"`);
    const hourAgo = Date.now() / 1000 - 3600;
    fs.utimesSync(reused, hourAgo, hourAgo);
    const good = path.join(a.dir, `good.json.tmp.${dead}`);
    fs.copyFileSync(a.file, good);
    const all = CheckpointStore.readAll(a.dir);
    expect([...all.namedIn]).toEqual([]);
    expect(all.checkpoints).toHaveLength(1);
  });
});
