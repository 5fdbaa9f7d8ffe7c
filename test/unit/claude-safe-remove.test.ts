/*
 * safeRemoveDir against traps: a pane dir replaced by a symlink to a decoy, a home pane
 * linking a real `.ssh` full of files, links to `/`, "..", dirs outside the root, a
 * symlinked root and a mount inside the pane dir. Every decoy is fingerprinted before and
 * after.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { safeRemoveDir, SafeRemoveError } from '../../src/claude/safe-remove.js';
import { cleanupTempDirs, fingerprint, tempDir } from './claude-test-helpers.js';

afterEach(cleanupTempDirs);

const NAME = 'pane-5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d';

function setup() {
  const t = tempDir();
  const root = path.join(t, 'state', 'claude-homes');
  const dir = path.join(root, NAME);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const decoy = path.join(t, 'real-home');
  fs.mkdirSync(path.join(decoy, '.ssh', 'keys'), { recursive: true });
  fs.writeFileSync(path.join(decoy, '.ssh', 'id_ed25519'), 'PRIVATE KEY');
  fs.writeFileSync(path.join(decoy, '.ssh', 'keys', 'other'), 'OTHER KEY');
  fs.writeFileSync(path.join(decoy, '.bashrc'), 'alias x=y');
  return { t, root, dir, decoy };
}

describe('safeRemoveDir', () => {
  it('removes a home pane and its links, not what they point to', async () => {
    const { root, dir, decoy } = setup();
    fs.symlinkSync(path.join(decoy, '.ssh'), path.join(dir, '.ssh'));
    fs.symlinkSync(path.join(decoy, '.bashrc'), path.join(dir, '.bashrc'));
    fs.symlinkSync('/', path.join(dir, 'slash'));
    fs.mkdirSync(path.join(dir, '.claude', 'projects', '-x'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.claude', 'projects', '-x', 's.jsonl'), '{}');
    fs.symlinkSync(decoy, path.join(dir, '.claude', 'projects', 'home-link'));
    fs.linkSync(path.join(decoy, '.bashrc'), path.join(dir, 'hardlink'));
    const before = fingerprint(decoy);
    expect(await safeRemoveDir(dir, root)).toBe('removed');
    expect(fs.existsSync(dir)).toBe(false);
    expect(fs.readdirSync(root)).toEqual([]);
    expect(fingerprint(decoy)).toEqual(before);
  });

  it('removes only the link when the pane dir was replaced by a symlink', async () => {
    const { root, dir, decoy } = setup();
    fs.rmdirSync(dir);
    fs.symlinkSync(path.join(decoy, '.ssh'), dir);
    const before = fingerprint(decoy);
    expect(await safeRemoveDir(dir, root)).toBe('link-removed');
    expect(fs.existsSync(dir)).toBe(false);
    expect(fingerprint(decoy)).toEqual(before);
  });

  it('works under a symlinked parent of the root, inside its real path', async () => {
    const { t, root, dir } = setup();
    fs.writeFileSync(path.join(dir, 'f'), 'x');
    const alias = path.join(t, 'alias-state');
    fs.symlinkSync(path.dirname(root), alias);
    const viaAlias = path.join(alias, path.basename(root));
    expect(await safeRemoveDir(path.join(viaAlias, NAME), viaAlias)).toBe('removed');
    expect(fs.existsSync(dir)).toBe(false);
    expect(fs.lstatSync(alias).isSymbolicLink()).toBe(true);
  });

  it('refuses a root that is itself a symlink and deletes nothing (issue 13.7)', async () => {
    const { t, root, dir } = setup();
    fs.writeFileSync(path.join(dir, 'f'), 'x');
    const alias = path.join(t, 'alias-root');
    fs.symlinkSync(root, alias);
    await expect(safeRemoveDir(path.join(alias, NAME), alias)).rejects.toThrow(/its root .*alias-root is a symlink/);
    expect(fs.readFileSync(path.join(dir, 'f'), 'utf8')).toBe('x');
  });

  it.each([
    ['a path with ..', (r: string, t: string) => [`${r}/${NAME}/../../../real-home`, r]],
    ['a pane path with ..', (r: string) => [`${r}/x/../${NAME}`, r]],
    ['the root itself', (r: string) => [r, r]],
    ['a dir outside the root', (_r: string, t: string) => [path.join(t, 'real-home'), path.dirname(path.join(t, 'real-home'))]],
    ['a dir two levels down', (r: string) => [path.join(r, NAME, 'sub'), r]],
    ['a dir not named pane-<uuid>', (_r: string, t: string) => [path.join(t, 'real-home', '.ssh'), path.join(t, 'real-home')]],
    ['a relative path', (r: string) => [`state/claude-homes/${NAME}`, r]],
    ['a root of /', () => ['/' + NAME, '/']],
  ])('refuses %s and deletes nothing', async (_what, paths) => {
    const { t, root, decoy } = setup();
    const [dir, r] = paths(root, t) as [string, string];
    const before = fingerprint(t);
    await expect(safeRemoveDir(dir, r)).rejects.toThrow(SafeRemoveError);
    expect(fingerprint(t)).toEqual(before);
    expect(fs.readFileSync(path.join(decoy, '.ssh', 'id_ed25519'), 'utf8')).toBe('PRIVATE KEY');
  });

  it("returns 'absent' for a dir or root that is not there", async () => {
    const { t, root } = setup();
    expect(await safeRemoveDir(path.join(root, 'pane-00000000-0000-4000-8000-000000000000'), root)).toBe('absent');
    const gone = path.join(t, 'gone');
    expect(await safeRemoveDir(path.join(gone, NAME), gone)).toBe('absent');
  });

  it('never crosses into another filesystem mounted inside the pane dir', async (ctx) => {
    const { root, dir } = setup();
    const mnt = path.join(dir, 'mnt');
    fs.mkdirSync(mnt);
    try {
      execFileSync('mount', ['-t', 'tmpfs', 'none', mnt], { stdio: 'ignore' });
    } catch {
      ctx.skip();
    }
    try {
      fs.writeFileSync(path.join(mnt, 'precious'), 'keep me');
      fs.writeFileSync(path.join(dir, 'f'), 'x');
      await expect(safeRemoveDir(dir, root)).rejects.toThrow(/on another filesystem/);
      expect(fs.readFileSync(path.join(mnt, 'precious'), 'utf8')).toBe('keep me');
      expect(fs.existsSync(path.join(dir, 'f'))).toBe(false);
    } finally {
      execFileSync('umount', [mnt]);
    }
  });
});
