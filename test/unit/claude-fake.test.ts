/*
 * The fake claude, driven over pipes in a temp HOME: the exact session-flag errors and
 * exit codes of the facts file, first-run screens, lazy transcripts and live session
 * files, atomic `.claude.json` rewrites, hooks with their JSON and environment, and the
 * FAKE_CLAUDE_LOG / FAKE_CLAUDE_STRESS knobs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeProjectPath } from '../../src/claude/encode-path.js';
import { cleanupTempDirs, fingerprint, jsonLines, runFake, tempDir } from './claude-test-helpers.js';

afterEach(cleanupTempDirs);

const ID = '0f0e0d0c-0b0a-4908-8706-050403020100';
const OTHER = '1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d';

function world() {
  const t = tempDir();
  const home = path.join(t, 'home');
  const cwd = path.join(t, 'proj');
  fs.mkdirSync(home);
  fs.mkdirSync(cwd);
  const cfg = path.join(t, 'cfg');
  const log = path.join(t, 'fake.log');
  /** Env of a config_dir pane whose dir is `cfg`. */
  const env = (extra: Record<string, string> = {}) => ({ HOME: home, CLAUDE_CONFIG_DIR: cfg, FAKE_CLAUDE_LOG: log, ...extra });
  /** A config dir that has been through onboarding and trusts `cwd`. */
  const seeded = () => {
    fs.mkdirSync(cfg, { recursive: true });
    fs.writeFileSync(path.join(cfg, '.claude.json'), JSON.stringify({ hasCompletedOnboarding: true, projects: { [cwd]: { hasTrustDialogAccepted: true } } }));
  };
  const transcript = (id: string) => path.join(cfg, 'projects', encodeProjectPath(cwd), `${id}.jsonl`);
  return { t, home, cwd, cfg, log, env, seeded, transcript };
}

describe('fake claude: session flags', () => {
  it('prints its version and writes nothing', async () => {
    const w = world();
    const before = fingerprint(w.t);
    const run = await runFake(['--version'], { cwd: w.cwd, env: w.env() });
    expect(run).toEqual({ code: 0, stdout: '2.1.197 (Claude Code)\n', stderr: '' });
    expect(fingerprint(w.t)).toEqual(before);
  });

  it.each([
    [['--session-id', 'not-a-uuid'], 'Error: Invalid session ID. Must be a valid UUID.'],
    [['--session-id', ID, '--resume', OTHER], 'Error: --session-id can only be used with --continue or --resume if --fork-session is also specified.'],
    [['--session-id', ID, '--continue'], 'Error: --session-id can only be used with --continue or --resume if --fork-session is also specified.'],
    [['--resume', OTHER], `No conversation found with session ID: ${OTHER}`],
    [['--continue'], 'No conversation found to continue'],
    [['--bogus'], "error: unknown option '--bogus'"],
  ])('%j → exit 1 with the exact error', async (args, message) => {
    const w = world();
    w.seeded();
    const run = await runFake(args, { cwd: w.cwd, env: w.env() });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`${message}\n`);
    expect(jsonLines(w.log)).toEqual([]);
  });

  it('refuses a session id whose transcript exists, and resumes it with its message count', async () => {
    const w = world();
    w.seeded();
    const first = await runFake(['--session-id', ID], { cwd: w.cwd, env: w.env(), input: 'one\ntwo\n/exit\n' });
    expect(first.code).toBe(0);
    expect(fs.existsSync(w.transcript(ID))).toBe(true);
    const again = await runFake(['--session-id', ID], { cwd: w.cwd, env: w.env() });
    expect(again).toMatchObject({ code: 1, stderr: `Error: Session ID ${ID} is already in use.\n` });
    const resumed = await runFake(['--resume', ID], { cwd: w.cwd, env: w.env(), input: 'three\n' });
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`Resumed session ${ID} (4 messages)`);
    expect(jsonLines(w.log).map((l) => [l.mode, l.sessionId, l.resumedMessages])).toEqual([
      ['new', ID, 0],
      ['resume', ID, 4],
    ]);
    const other = await runFake(['--resume', ID], { cwd: w.home, env: w.env() });
    expect(other.stderr).toBe(`No conversation found with session ID: ${ID}\n`);
  });

  it('makes up a session id when given none', async () => {
    const w = world();
    w.seeded();
    await runFake([], { cwd: w.cwd, env: w.env(), input: 'hi\n' });
    const [line] = jsonLines(w.log);
    expect(line!.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(fs.existsSync(w.transcript(line!.sessionId))).toBe(true);
  });
});

describe('fake claude: first start', () => {
  it('runs onboarding and the trust dialog in an unseeded dir, and records the answers', async () => {
    const w = world();
    const run = await runFake(['--session-id', ID], { cwd: w.cwd, env: w.env(), input: '\n1\n/exit\n' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Welcome to Claude Code');
    expect(run.stdout).toContain('Choose the text style');
    expect(run.stdout).toContain('Do you trust the files in this folder?');
    expect(run.stdout).toContain('1. Yes, proceed');
    expect(run.stdout).toContain('Not logged in · run /login');
    const config = JSON.parse(fs.readFileSync(path.join(w.cfg, '.claude.json'), 'utf8'));
    expect(config.hasCompletedOnboarding).toBe(true);
    expect(config.projects[w.cwd].hasTrustDialogAccepted).toBe(true);
    expect(fs.existsSync(path.join(w.home, '.claude.json'))).toBe(false);
    expect(fs.existsSync(path.join(w.home, '.claude'))).toBe(false);

    const second = await runFake(['--session-id', OTHER], { cwd: w.cwd, env: w.env(), input: '/exit\n' });
    expect(second.stdout).not.toContain('Choose the text style');
    expect(second.stdout).not.toContain('Do you trust');
  });

  it('exits 1 when the user does not trust the folder', async () => {
    const w = world();
    const run = await runFake([], { cwd: w.cwd, env: w.env(), input: '\n2\n' });
    expect(run.code).toBe(1);
  });

  it('uses $HOME/.claude and $HOME/.claude.json without CLAUDE_CONFIG_DIR', async () => {
    const w = world();
    const run = await runFake(['--session-id', ID], { cwd: w.cwd, env: { HOME: w.home }, input: '\n\nhello\n' });
    expect(run.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(w.home, '.claude.json'), 'utf8')).hasCompletedOnboarding).toBe(true);
    expect(fs.existsSync(path.join(w.home, '.claude', 'projects', encodeProjectPath(w.cwd), `${ID}.jsonl`))).toBe(true);
    expect(fs.existsSync(path.join(w.home, '.claude', '.claude.json'))).toBe(false);
  });

  it('is logged in with credentials, or with an approved API key, and asks about a new key', async () => {
    const w = world();
    w.seeded();
    fs.writeFileSync(path.join(w.cfg, '.credentials.json'), JSON.stringify({ claudeAiOauth: { accessToken: 't' } }));
    const withCreds = await runFake([], { cwd: w.cwd, env: w.env(), input: '/exit\n' });
    expect(withCreds.stdout).not.toContain('Not logged in');
    fs.unlinkSync(path.join(w.cfg, '.credentials.json'));
    const key = 'sk-ant-api03-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    const asked = await runFake([], { cwd: w.cwd, env: w.env({ ANTHROPIC_API_KEY: key }), input: '1\n/exit\n' });
    expect(asked.stdout).toContain('Detected a custom API key');
    expect(asked.stdout).not.toContain('Not logged in');
    const config = JSON.parse(fs.readFileSync(path.join(w.cfg, '.claude.json'), 'utf8'));
    expect(config.customApiKeyResponses.approved).toEqual([key.slice(-20)]);
    const again = await runFake([], { cwd: w.cwd, env: w.env({ ANTHROPIC_API_KEY: key }), input: '/exit\n' });
    expect(again.stdout).not.toContain('Detected a custom API key');
  });
});

describe('fake claude: files', () => {
  it('creates the transcript lazily, keeps sessions/<pid>.json only while running, leaves no lock or temp file', async () => {
    const w = world();
    w.seeded();
    fs.writeFileSync(
      path.join(w.cfg, 'settings.json'),
      JSON.stringify({ hooks: { UserPromptSubmit: [{ hooks: [{ type: 'command', command: `ls "$CLAUDE_CONFIG_DIR/sessions" > ${w.t}/live` }] }] } }),
    );
    const idle = await runFake(['--session-id', ID], { cwd: w.cwd, env: w.env(), input: '/exit\n' });
    expect(idle.code).toBe(0);
    expect(fs.existsSync(path.join(w.cfg, 'projects'))).toBe(false);
    const run = await runFake(['--session-id', OTHER], { cwd: w.cwd, env: w.env(), input: 'hello\n' });
    const pid = jsonLines(w.log)[1]!.pid;
    expect(fs.readFileSync(path.join(w.t, 'live'), 'utf8').trim()).toBe(`${pid}.json`);
    expect(fs.readdirSync(path.join(w.cfg, 'sessions'))).toEqual([]);
    expect(run.stdout).toContain('● echo: hello');
    const lines = jsonLines(w.transcript(OTHER));
    expect(lines.map((l) => [l.type, l.sessionId])).toEqual([['user', OTHER], ['assistant', OTHER]]);
    expect(jsonLines(path.join(w.cfg, 'history.jsonl')).map((h) => h.display)).toEqual(['hello']);
    const leftovers = fs.readdirSync(w.cfg).filter((n) => n.includes('.tmp.') || n.endsWith('.lock'));
    expect(leftovers).toEqual([]);
    const config = JSON.parse(fs.readFileSync(path.join(w.cfg, '.claude.json'), 'utf8'));
    expect(config.projects[w.cwd].lastSessionId).toBe(OTHER);
    expect(config.numStartups).toBe(2);
  });

  it('logs what it was given to FAKE_CLAUDE_LOG', async () => {
    const w = world();
    w.seeded();
    await runFake(['--model', 'opus', '--session-id', ID], { cwd: w.cwd, env: w.env({ CLAUDE_CODE_TMPDIR: `${w.cfg}/tmp`, CCMUX_PANE_ID: '%7' }) });
    const [line] = jsonLines(w.log);
    expect(line).toMatchObject({
      event: 'start',
      argv: ['--model', 'opus', '--session-id', ID],
      cwd: w.cwd,
      CLAUDE_CONFIG_DIR: w.cfg,
      HOME: w.home,
      CLAUDE_CODE_TMPDIR: `${w.cfg}/tmp`,
      sessionId: ID,
      mode: 'new',
      resumedMessages: 0,
      ccmux: { CCMUX_PANE_ID: '%7' },
    });
    expect(typeof line!.pid).toBe('number');
  });

  it('under FAKE_CLAUDE_STRESS keeps rewriting its own .claude.json and transcript', async () => {
    const w = world();
    w.seeded();
    const cfgs = [0, 1].map((i) => `${w.cfg}-${i}`);
    for (const cfg of cfgs) fs.cpSync(w.cfg, cfg, { recursive: true });
    const ticks = (i: number, id: string) => jsonLines(path.join(cfgs[i]!, 'projects', encodeProjectPath(w.cwd), `${id}.jsonl`));
    await Promise.all(
      [ID, OTHER].map((id, i) =>
        runFake(['--session-id', id], {
          cwd: w.cwd,
          env: w.env({ CLAUDE_CONFIG_DIR: cfgs[i]!, FAKE_CLAUDE_STRESS: '5' }),
          closeWhen: () => ticks(i, id).length >= 20,
        }),
      ),
    );
    for (const [i, id] of [ID, OTHER].entries()) {
      const config = JSON.parse(fs.readFileSync(path.join(cfgs[i]!, '.claude.json'), 'utf8'));
      expect(config.projects[w.cwd].lastSessionId).toBe(id);
      expect(config.fakeStressWrites).toBeGreaterThanOrEqual(20);
      expect(ticks(i, id).length).toBe(config.fakeStressWrites);
      expect(new Set(ticks(i, id).map((l) => l.sessionId))).toEqual(new Set([id]));
    }
    expect(jsonLines(w.log).filter((l) => l.event === 'corrupt')).toEqual([]);
  });
});
