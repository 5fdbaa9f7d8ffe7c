/*
 * A Claude pane's whole life against the fake claude, in a temp HOME with a realistic base
 * config: prepare → claude starts usable at once (no onboarding, trusted, logged in) →
 * restore with --resume in the same dir → close (credentials written back, transcripts
 * archived, dir removed) — with the base config and the real dotfiles unchanged.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeClaudePane, prepareClaudePane, type PrepareInput } from '../../src/claude/pane.js';
import type { ClaudePanePlan } from '../../src/claude/plan.js';
import {
  cleanupTempDirs,
  fingerprint,
  jsonLines,
  runFake,
  settingsWith,
  tempDir,
  writeBaseConfig,
} from './claude-test-helpers.js';

afterEach(cleanupTempDirs);

const PANE = '7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918';
const SESSION = 'c0ffee00-1234-4abc-8def-0123456789ab';

function world() {
  const t = tempDir();
  const home = path.join(t, 'home');
  const proj = path.join(t, 'proj');
  fs.mkdirSync(path.join(proj, '.git'), { recursive: true });
  const base = writeBaseConfig(home, [proj]);
  fs.mkdirSync(path.join(home, '.ssh'));
  fs.writeFileSync(path.join(home, '.ssh', 'id_ed25519'), 'PRIVATE');
  fs.writeFileSync(path.join(home, '.gitconfig'), '[user]\n');
  const log = path.join(t, 'fake.log');
  const input: PrepareInput = {
    paneUuid: PANE,
    stateDir: path.join(t, 'state'),
    realHome: home,
    cwd: proj,
    settings: settingsWith(),
    serverEnv: { HOME: home },
    session: { kind: 'new', id: SESSION },
    existing: { sessionIds: new Set(), dirs: new Set() },
  };
  return { t, home, proj, base, log, input };
}

/** Run the fake as the server would spawn it: server env, then the plan's set and unset. */
function spawnPane(plan: ClaudePanePlan, w: ReturnType<typeof world>, input: string, serverEnv: Record<string, string> = {}) {
  const env: Record<string, string> = { HOME: w.home, FAKE_CLAUDE_LOG: w.log, ...serverEnv, ...plan.env };
  for (const k of plan.unsetEnv) delete env[k];
  return runFake(plan.args, { cwd: w.proj, env, input });
}

describe('a Claude pane from start to close', () => {
  it.each(['config_dir', 'home'] as const)('%s: starts usable, resumes, closes cleanly', async (method) => {
    const w = world();
    const before = fingerprint(w.home);
    const { plan } = await prepareClaudePane({ ...w.input, method });

    const first = await spawnPane(plan, w, 'remember the milk\n/exit\n', { CLAUDE_CONFIG_DIR: '/must/not/be/used' });
    expect(first.code).toBe(0);
    expect(first.stdout).not.toContain('Choose the text style');
    expect(first.stdout).not.toContain('Do you trust');
    expect(first.stdout).not.toContain('Not logged in');
    expect(first.stdout).toContain('● echo: remember the milk');

    const restored = await prepareClaudePane({ ...w.input, method, session: { kind: 'resume', id: SESSION } });
    expect(restored.plan.dir).toBe(plan.dir);
    const second = await spawnPane(restored.plan, w, 'and eggs\n/exit\n');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`Resumed session ${SESSION} (2 messages)`);

    const starts = jsonLines(w.log);
    expect(starts.map((l) => [l.mode, l.sessionId, l.configDir])).toEqual([
      ['new', SESSION, plan.configDir],
      ['resume', SESSION, plan.configDir],
    ]);
    expect(fingerprint(w.home)).toEqual(before);

    const closed = await closeClaudePane(restored.plan, w.input.stateDir, { cwd: w.proj, closedAt: new Date(0) });
    expect(closed.credentials).toBe('linked');
    expect(closed.removed).toBe('removed');
    expect(closed.archived.map((e) => [e.sessionId, e.firstPrompt])).toEqual([[SESSION, 'remember the milk']]);
    expect(fs.existsSync(plan.dir!)).toBe(false);
    const archived = jsonLines(path.join(w.input.stateDir, 'transcripts', `${SESSION}.jsonl`));
    expect(archived.filter((l) => l.type === 'user').map((l) => l.message.content)).toEqual(['remember the milk', 'and eggs']);
    expect(fingerprint(w.home)).toEqual(before);
  });

  it('writes a token refreshed in the pane back to the base when it closes', async () => {
    const w = world();
    const { plan } = await prepareClaudePane(w.input);
    await spawnPane(plan, w, '/fake-refresh\n/exit\n');
    const paneToken = fs.readFileSync(path.join(plan.configDir!, '.credentials.json'), 'utf8');
    const closed = await closeClaudePane(plan, w.input.stateDir, { cwd: w.proj });
    expect(closed.credentials).toBe('written-back');
    expect(fs.readFileSync(path.join(w.base.baseDir, '.credentials.json'), 'utf8')).toBe(paneToken);
    expect(fs.readFileSync(w.base.jsonPath, 'utf8')).toBe(JSON.stringify(w.base.claudeJson, null, 2));
  });

  it('keeps the dir when cleanup_on_close is off, and drops transcripts when keep_transcripts is off', async () => {
    const w = world();
    const keep = settingsWith((s) => (s.isolation.cleanup_on_close = false));
    const kept = (await prepareClaudePane({ ...w.input, settings: keep })).plan;
    await spawnPane(kept, w, 'hi\n');
    expect((await closeClaudePane(kept, w.input.stateDir, { cwd: w.proj })).removed).toBeUndefined();
    expect(fs.existsSync(kept.dir!)).toBe(true);

    const drop = settingsWith((s) => (s.isolation.keep_transcripts = false));
    const other = (await prepareClaudePane({ ...w.input, paneUuid: '00000000-1111-4222-8333-444444444444', session: { kind: 'new', id: '99999999-8888-4777-8666-555555555555' }, settings: drop })).plan;
    await spawnPane(other, w, 'hi\n');
    const closed = await closeClaudePane(other, w.input.stateDir, { cwd: w.proj });
    expect(closed).toMatchObject({ archived: [], removed: 'removed' });
    expect(fs.existsSync(path.join(w.input.stateDir, 'transcripts'))).toBe(false);
  });

  it('gives two live panes two dirs, and refuses a second pane the same session', async () => {
    const w = world();
    const a = (await prepareClaudePane(w.input)).plan;
    const live = { sessionIds: new Set([a.sessionId]), dirs: new Set([a.dir!]) };
    await expect(prepareClaudePane({ ...w.input, paneUuid: '12121212-3434-4565-8787-909090909090', existing: live })).rejects.toThrow(
      `session ${SESSION} is already open in another pane`,
    );
    await expect(prepareClaudePane({ ...w.input, session: { kind: 'new', id: '12121212-3434-4565-8787-909090909090' }, existing: live })).rejects.toThrow(
      /already in use by another pane/,
    );
  });

  it('refuses an unknown profile by name', async () => {
    const w = world();
    await expect(prepareClaudePane({ ...w.input, profileName: 'nope' })).rejects.toThrow('no such profile: nope (have: none)');
    expect(fs.existsSync(w.input.stateDir)).toBe(false);
  });
});
