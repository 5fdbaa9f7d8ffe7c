/*
 * readBase keeps the last parsed base `.claude.json` while the file is unchanged, and
 * never serves a stale one: a replaced file (claude writes by rename), a changed size or
 * mtime, or a file written in the last moments (coarse file times) is read again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readBase } from '../../src/claude/apply.js';
import { cleanupTempDirs, tempDir } from './claude-test-helpers.js';

afterEach(cleanupTempDirs);

const PAST = new Date(Date.now() - 3_600_000);

function setup() {
  const t = tempDir();
  const base = path.join(t, '.claude');
  fs.mkdirSync(base);
  fs.writeFileSync(path.join(base, 'settings.json'), '{}');
  return { base, json: path.join(t, '.claude.json') };
}

/** Rewrite the file in place (same inode) and put its mtime back to `PAST`. */
function rewriteInPlace(file: string, text: string): void {
  fs.writeFileSync(file, text);
  fs.utimesSync(file, PAST, PAST);
}

describe('readBase', () => {
  it('reuses the parsed file while inode, size and mtime stay the same', async () => {
    const { base, json } = setup();
    rewriteInPlace(json, '{"theme":"aa"}');
    expect((await readBase(base, json)).claudeJson).toEqual({ theme: 'aa' });
    rewriteInPlace(json, '{"theme":"bb"}');
    // Same inode, size and mtime: indistinguishable without reading, so the parsed copy is used.
    expect((await readBase(base, json)).claudeJson).toEqual({ theme: 'aa' });
    fs.utimesSync(json, new Date(PAST.getTime() + 1000), new Date(PAST.getTime() + 1000));
    expect((await readBase(base, json)).claudeJson).toEqual({ theme: 'bb' });
    expect((await readBase(base, json)).entries).toEqual(['settings.json']);
  });

  it('reads a file replaced by rename (as claude writes it) or just written', async () => {
    const { base, json } = setup();
    rewriteInPlace(json, '{"theme":"aa"}');
    await readBase(base, json);
    fs.writeFileSync(`${json}.tmp`, '{"theme":"cc"}');
    fs.utimesSync(`${json}.tmp`, PAST, PAST);
    fs.renameSync(`${json}.tmp`, json);
    expect((await readBase(base, json)).claudeJson).toEqual({ theme: 'cc' });
    fs.writeFileSync(json, '{"theme":"dd"}'); // same size and inode, mtime now: not cached
    expect((await readBase(base, json)).claudeJson).toEqual({ theme: 'dd' });
    fs.writeFileSync(json, '{"theme":"ee"}');
    expect((await readBase(base, json)).claudeJson).toEqual({ theme: 'ee' });
  });

  it('reports a corrupt file every time and a missing one as nothing', async () => {
    const { base, json } = setup();
    rewriteInPlace(json, '{"theme":');
    expect((await readBase(base, json)).jsonError).toMatch(/is not valid JSON/);
    expect((await readBase(base, json)).jsonError).toMatch(/is not valid JSON/);
    fs.rmSync(json);
    expect(await readBase(base, json)).toEqual({ entries: ['settings.json'] });
  });
});
