/*
 * claude's projects/ dir encoding (and the fake's copy of it) and the project root that
 * trust is keyed by.
 */
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeProjectPath, MAX_ENCODED_LENGTH } from '../../src/claude/encode-path.js';
import { findGitRoot, projectRoot } from '../../src/claude/git-root.js';
// @ts-expect-error: plain JS fixture without types
import { encodeProjectPath as fakeEncode } from '../fixtures/fake-claude/lib/env.mjs';
import { cleanupTempDirs, tempDir } from './claude-test-helpers.js';

afterEach(cleanupTempDirs);

describe('encodeProjectPath', () => {
  it.each([
    ['/tmp/x/proj-a', '-tmp-x-proj-a'],
    ['/home/u/dot.dir', '-home-u-dot-dir'],
    ['/a_b', '-a-b'],
    ['/ünï', '--n-'],
    ['/😀', '---'],
  ])('%s → %s', (cwd, encoded) => {
    expect(encodeProjectPath(cwd)).toBe(encoded);
  });

  it('cuts names over 200 characters and adds a hash that tells paths apart', () => {
    const long = `/${'a'.repeat(250)}`;
    const other = `/${'a'.repeat(249)}b`;
    const enc = encodeProjectPath(long);
    expect(enc.slice(0, MAX_ENCODED_LENGTH)).toBe(`-${'a'.repeat(199)}`);
    expect(enc).toMatch(/^-a{199}-[0-9a-z]+$/);
    expect(encodeProjectPath(other)).not.toBe(enc);
    expect(encodeProjectPath(`/${'a'.repeat(199)}`)).toBe(`-${'a'.repeat(199)}`);
  });

  it('always yields [A-Za-z0-9-] only, and the fake claude encodes the same way', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (p) => {
        const enc = encodeProjectPath(p);
        expect(enc).toMatch(/^[A-Za-z0-9-]*$/);
        expect(fakeEncode(p)).toBe(enc);
      }),
    );
  });
});

describe('projectRoot', () => {
  it('is the nearest dir with .git, found from the real cwd', async () => {
    const t = tempDir();
    fs.mkdirSync(path.join(t, 'repo', '.git'), { recursive: true });
    fs.mkdirSync(path.join(t, 'repo', 'src', 'deep'), { recursive: true });
    fs.symlinkSync(path.join(t, 'repo', 'src'), path.join(t, 'alias'));
    expect(await findGitRoot(path.join(t, 'repo', 'src', 'deep'))).toBe(path.join(t, 'repo'));
    expect(await projectRoot(path.join(t, 'alias', 'deep'))).toBe(path.join(t, 'repo'));
  });

  it('accepts a .git file (worktree) and falls back to the real cwd', async () => {
    const t = tempDir();
    fs.mkdirSync(path.join(t, 'wt', 'a'), { recursive: true });
    fs.writeFileSync(path.join(t, 'wt', '.git'), 'gitdir: /elsewhere\n');
    expect(await projectRoot(path.join(t, 'wt', 'a'))).toBe(path.join(t, 'wt'));
    fs.mkdirSync(path.join(t, 'plain'));
    fs.symlinkSync(path.join(t, 'plain'), path.join(t, 'link'));
    expect(await projectRoot(path.join(t, 'link'))).toBe(path.join(t, 'plain'));
  });
});
