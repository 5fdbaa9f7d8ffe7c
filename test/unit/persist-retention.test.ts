/*
 * The transcript archive's limits: pruneArchive drops entries past the retention period,
 * then the oldest until the archive fits the size limit, deleting their files and
 * rewriting the index; readIndex skips damaged lines and entries naming files outside the
 * archive; dropFromIndex takes one entry out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { badIndexLines, dropFromIndex, pruneArchive, readIndex, readIndexFull } from '../../src/persist/retention.js';
import type { TranscriptIndexEntry } from '../../src/claude/transcripts.js';
import { cleanupTempDirs, tempDir } from './claude-test-helpers.js';

afterEach(cleanupTempDirs);

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-01T12:00:00.000Z');

/** Session ids are UUIDs; these tests name them by a short word kept in the UUID's last group. */
const uuid = (id: string) => `00000000-0000-4000-8000-${Buffer.from(id).toString('hex').padStart(12, '0')}`;
const word = (u: string) => Buffer.from(u.slice(24), 'hex').toString().replace(/^\0+/, '');

/** An archive with one transcript of `bytes` bytes per entry, closed `days` days before NOW. */
function archive(entries: Array<{ id: string; days: number; bytes?: number }>, extraLines: string[] = []): string {
  const state = tempDir('ccmux-retention-');
  const dir = path.join(state, 'transcripts');
  fs.mkdirSync(dir);
  const lines: string[] = [];
  for (const e of entries) {
    fs.writeFileSync(path.join(dir, `${e.id}.jsonl`), 'x'.repeat(e.bytes ?? 10));
    const entry: TranscriptIndexEntry = { sessionId: uuid(e.id), file: `${e.id}.jsonl`, cwd: '/w', closedAt: new Date(NOW - e.days * DAY).toISOString() };
    lines.push(JSON.stringify(entry));
  }
  fs.writeFileSync(path.join(dir, 'index.jsonl'), [...lines, ...extraLines].map((l) => l + '\n').join(''));
  return state;
}

const files = (state: string) => fs.readdirSync(path.join(state, 'transcripts')).filter((f) => f !== 'index.jsonl').sort();
const ids = (state: string) => readIndex(state).map((e) => word(e.sessionId));
const pruned = (...a: Parameters<typeof pruneArchive>) => pruneArchive(...a).map(word);

describe('readIndex', () => {
  it('returns entries oldest first, skipping damaged lines and unsafe file names', () => {
    const state = archive([{ id: 'new', days: 1 }, { id: 'old', days: 9 }], [
      '{not json',
      JSON.stringify({ sessionId: 'evil', file: '../escape.jsonl', cwd: '/', closedAt: new Date(NOW).toISOString() }),
      JSON.stringify({ sessionId: 'hidden', file: '.index.jsonl', cwd: '/', closedAt: new Date(NOW).toISOString() }),
      JSON.stringify({ sessionId: 3, file: 'x.jsonl' }),
      '',
    ]);
    expect(ids(state)).toEqual(['old', 'new']);
  });

  it('reports each line that is not a whole entry (no closedAt, no UUID, bad JSON) and keeps it through a rewrite (issue 13.11)', () => {
    const noClosedAt = JSON.stringify({ sessionId: uuid('nodate'), file: 'nodate.jsonl', cwd: '/w' });
    const state = archive([{ id: 'a', days: 100 }, { id: 'b', days: 1 }], [noClosedAt, JSON.stringify({ sessionId: 'x; kill-server', file: 'x.jsonl', cwd: '/', closedAt: new Date(NOW).toISOString() }), '{not json']);
    const r = readIndexFull(state);
    expect(r.entries.map((e) => word(e.sessionId))).toEqual(['a', 'b']);
    expect(badIndexLines(r)).toEqual([
      `${r.file}:3: skipped (no closedAt date)`,
      `${r.file}:4: skipped (no sessionId (a UUID))`,
      `${r.file}:5: skipped (not valid JSON)`,
    ]);
    expect(pruned(state, { days: 30, maxMb: 0, now: NOW })).toEqual(['a']);
    const text = fs.readFileSync(r.file, 'utf8');
    expect(text).toContain(noClosedAt);
    expect(text).toContain('{not json');
  });

  it('is empty without an archive', () => {
    expect(readIndex(tempDir())).toEqual([]);
  });
});

describe('pruneArchive', () => {
  it('deletes entries older than the retention period', () => {
    const state = archive([{ id: 'a', days: 40 }, { id: 'b', days: 31 }, { id: 'c', days: 29 }, { id: 'd', days: 0 }]);
    expect(pruned(state, { days: 30, maxMb: 0, now: NOW }).sort()).toEqual(['a', 'b']);
    expect(files(state)).toEqual(['c.jsonl', 'd.jsonl']);
    expect(ids(state)).toEqual(['c', 'd']);
    expect(fs.readdirSync(path.join(state, 'transcripts')).some((f) => f.includes('.tmp'))).toBe(false);
  });

  it('trims the oldest until the archive fits the size limit', () => {
    const mb = 1024 * 1024;
    const state = archive([{ id: 'a', days: 3, bytes: 0.4 * mb }, { id: 'b', days: 2, bytes: 0.4 * mb }, { id: 'c', days: 1, bytes: 0.4 * mb }]);
    expect(pruned(state, { days: 0, maxMb: 1, now: NOW })).toEqual(['a']);
    expect(ids(state)).toEqual(['b', 'c']);
    expect(pruned(state, { days: 0, maxMb: 0.5, now: NOW })).toEqual(['b']);
    expect(files(state)).toEqual(['c.jsonl']);
  });

  it('applies both limits: age first, then size', () => {
    const state = archive([{ id: 'a', days: 50, bytes: 100 }, { id: 'b', days: 5, bytes: 2000 }, { id: 'c', days: 1, bytes: 2000 }]);
    expect(pruned(state, { days: 30, maxMb: 3000 / 1024 / 1024, now: NOW }).sort()).toEqual(['a', 'b']);
    expect(ids(state)).toEqual(['c']);
  });

  it('keeps everything with both limits off, and changes nothing when nothing is due', () => {
    const state = archive([{ id: 'a', days: 4000, bytes: 5000 }]);
    const index = path.join(state, 'transcripts', 'index.jsonl');
    const before = fs.readFileSync(index, 'utf8') + '{damaged\n';
    fs.writeFileSync(index, before);
    expect(pruned(state, { days: 0, maxMb: 0, now: NOW })).toEqual([]);
    expect(pruned(state, { days: 5000, maxMb: 1, now: NOW })).toEqual([]);
    expect(fs.readFileSync(index, 'utf8')).toBe(before);
    expect(pruned(tempDir(), { days: 1, maxMb: 1, now: NOW })).toEqual([]);
  });

  it('never deletes a file outside the archive named by a tampered index', () => {
    const state = archive([{ id: 'a', days: 100 }]);
    const outside = path.join(state, 'escape.jsonl');
    fs.writeFileSync(outside, 'precious');
    fs.appendFileSync(
      path.join(state, 'transcripts', 'index.jsonl'),
      JSON.stringify({ sessionId: 'evil', file: '../escape.jsonl', cwd: '/', closedAt: new Date(NOW - 100 * DAY).toISOString() }) + '\n',
    );
    expect(pruned(state, { days: 1, maxMb: 0, now: NOW })).toEqual(['a']);
    expect(fs.readFileSync(outside, 'utf8')).toBe('precious');
  });

  it('counts a missing file as empty and still drops its expired entry', () => {
    const state = archive([{ id: 'a', days: 100 }, { id: 'b', days: 1 }]);
    fs.unlinkSync(path.join(state, 'transcripts', 'a.jsonl'));
    expect(pruned(state, { days: 30, maxMb: 0, now: NOW })).toEqual(['a']);
    expect(ids(state)).toEqual(['b']);
  });
});

describe('dropFromIndex', () => {
  it('takes one file’s entry out and keeps the rest', () => {
    const state = archive([{ id: 'a', days: 2 }, { id: 'b', days: 1 }]);
    dropFromIndex(state, 'a.jsonl');
    expect(ids(state)).toEqual(['b']);
    expect(files(state)).toEqual(['a.jsonl', 'b.jsonl']);
  });
});
