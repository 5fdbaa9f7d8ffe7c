/*
 * archiveTranscripts: a closing pane's transcripts move to <state>/transcripts/ with one
 * index line each (session, cwd, profile, time, first prompt); links are not followed and
 * nothing archived is overwritten.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { archiveTranscripts, firstUserPrompt } from '../../src/claude/transcripts.js';
import { cleanupTempDirs, fingerprint, jsonLines, tempDir } from './claude-test-helpers.js';

afterEach(cleanupTempDirs);

const S1 = '11111111-1111-4111-8111-111111111111';
const S2 = '22222222-2222-4222-8222-222222222222';
const closedAt = new Date('2026-01-02T03:04:05.000Z');

function transcript(file: string, prompt: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const lines = [
    { type: 'summary', summary: 'x' },
    { type: 'user', isMeta: true, message: { role: 'user', content: '<command-name>/init</command-name>' } },
    { type: 'user', message: { role: 'user', content: [{ type: 'text', text: prompt }] } },
    { type: 'assistant', message: { role: 'assistant', content: [{ type: 'text', text: 'ok' }] } },
  ];
  fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
}

describe('archiveTranscripts', () => {
  it('moves a config_dir pane’s transcripts and indexes them', async () => {
    const t = tempDir();
    const pane = path.join(t, 'pane');
    const state = path.join(t, 'state');
    transcript(path.join(pane, 'projects', '-work-a', `${S1}.jsonl`), 'fix the bug');
    transcript(path.join(pane, 'projects', '-work-b', `${S2}.jsonl`), 'other');
    const content = fs.readFileSync(path.join(pane, 'projects', '-work-a', `${S1}.jsonl`), 'utf8');
    const entries = await archiveTranscripts(pane, 'config_dir', [S1], state, { cwd: '/work/a', profile: 'work', closedAt });
    expect(entries).toEqual([
      { sessionId: S1, file: `${S1}.jsonl`, cwd: '/work/a', profile: 'work', closedAt: closedAt.toISOString(), firstPrompt: 'fix the bug' },
    ]);
    expect(fs.readFileSync(path.join(state, 'transcripts', `${S1}.jsonl`), 'utf8')).toBe(content);
    expect(fs.existsSync(path.join(pane, 'projects', '-work-a', `${S1}.jsonl`))).toBe(false);
    expect(fs.existsSync(path.join(pane, 'projects', '-work-b', `${S2}.jsonl`))).toBe(true);
    expect(jsonLines(path.join(state, 'transcripts', 'index.jsonl'))).toEqual(entries);
  });

  it('copies a transcript hard-linked from outside, leaving the outside file and its mode alone (issue 13.13)', async () => {
    const t = tempDir();
    const pane = path.join(t, 'pane');
    const state = path.join(t, 'state');
    const inPane = path.join(pane, 'projects', '-work-a', `${S1}.jsonl`);
    transcript(inPane, 'linked');
    const outside = path.join(t, 'outside.jsonl');
    fs.linkSync(inPane, outside);
    fs.chmodSync(outside, 0o644);
    await archiveTranscripts(pane, 'config_dir', 'all', state, { cwd: '/work/a', closedAt });
    expect(fs.statSync(outside).mode & 0o777).toBe(0o644);
    expect(fs.statSync(outside).nlink).toBe(1);
    const archived = path.join(state, 'transcripts', `${S1}.jsonl`);
    expect(fs.statSync(archived).mode & 0o777).toBe(0o600);
    expect(fs.statSync(archived).ino).not.toBe(fs.statSync(outside).ino);
    expect(fs.readFileSync(archived, 'utf8')).toBe(fs.readFileSync(outside, 'utf8'));
    expect(fs.existsSync(inPane)).toBe(false);
  });

  it('finds a home pane’s transcripts under .claude/projects and never overwrites an archived one', async () => {
    const t = tempDir();
    const state = path.join(t, 'state');
    const paneA = path.join(t, 'a');
    const paneB = path.join(t, 'b');
    transcript(path.join(paneA, '.claude', 'projects', '-w', `${S1}.jsonl`), 'first run');
    transcript(path.join(paneB, '.claude', 'projects', '-w', `${S1}.jsonl`), 'second run');
    await archiveTranscripts(paneA, 'home', 'all', state, { cwd: '/w', closedAt });
    const second = await archiveTranscripts(paneB, 'home', 'all', state, { cwd: '/w', closedAt });
    expect(second[0]!.file).not.toBe(`${S1}.jsonl`);
    const index = jsonLines(path.join(state, 'transcripts', 'index.jsonl'));
    expect(index.map((e) => e.firstPrompt)).toEqual(['first run', 'second run']);
    expect(index[0]).not.toHaveProperty('profile');
    expect(await firstUserPrompt(path.join(state, 'transcripts', `${S1}.jsonl`))).toBe('first run');
    expect(await firstUserPrompt(path.join(state, 'transcripts', second[0]!.file))).toBe('second run');
  });

  it('does not follow links out of the pane and does nothing for method none', async () => {
    const t = tempDir();
    const outside = path.join(t, 'outside');
    transcript(path.join(outside, `${S1}.jsonl`), 'not mine');
    const pane = path.join(t, 'pane');
    fs.mkdirSync(path.join(pane, 'projects'), { recursive: true });
    fs.symlinkSync(outside, path.join(pane, 'projects', '-linked'));
    fs.symlinkSync(path.join(outside, `${S1}.jsonl`), path.join(pane, 'projects', `${S2}.jsonl`));
    const before = fingerprint(outside);
    expect(await archiveTranscripts(pane, 'config_dir', 'all', path.join(t, 'state'), { cwd: '/' })).toEqual([]);
    expect(await archiveTranscripts(outside, 'none', 'all', path.join(t, 'state'), { cwd: '/' })).toEqual([]);
    expect(fingerprint(outside)).toEqual(before);
    expect(fs.existsSync(path.join(t, 'state'))).toBe(false);
  });

  it('takes as first prompt what the user typed, not a slash command a session began with (/clear)', async () => {
    const file = path.join(tempDir(), 't.jsonl');
    const user = (content: unknown, extra = {}) => JSON.stringify({ type: 'user', message: { role: 'user', content }, ...extra });
    fs.writeFileSync(file, [
      user('Caveat: the messages below were generated by the user while running local commands.', { isMeta: true }),
      user('<command-name>/clear</command-name>\n<command-message>clear</command-message>\n<command-args></command-args>'),
      user('<local-command-stdout></local-command-stdout>'),
      user([{ type: 'text', text: 'refactor the parser' }]),
    ].join('\n') + '\n');
    expect(await firstUserPrompt(file)).toBe('refactor the parser');
  });

  it('keeps index lines short', async () => {
    const t = tempDir();
    transcript(path.join(t, 'pane', 'projects', '-w', `${S1}.jsonl`), 'x'.repeat(5000));
    const [entry] = await archiveTranscripts(path.join(t, 'pane'), 'config_dir', 'all', path.join(t, 'state'), { cwd: '/w' });
    expect(entry!.firstPrompt!.length).toBeLessThanOrEqual(201);
  });
});
