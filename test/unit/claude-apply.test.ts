/*
 * Seeding real dirs from a fake base config (in a temp HOME): the pane dir gets exactly
 * what it should, the base is byte-for-byte unchanged, failures roll back and unsafe
 * state dirs are refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPlan, ClaudeApplyError, readBase } from '../../src/claude/apply.js';
import { prepareClaudePane, type PrepareInput } from '../../src/claude/pane.js';
import { planClaudePane } from '../../src/claude/plan.js';
import {
  cleanupTempDirs,
  fingerprint,
  settingsWith,
  tempDir,
  writeBaseConfig,
} from './claude-test-helpers.js';

afterEach(cleanupTempDirs);

const PANE = '3f2e1d0c-9b8a-4765-8432-10fedcba9876';
const SESSION = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';

function setup(trustProject = true) {
  const t = tempDir();
  const home = path.join(t, 'home');
  const proj = path.join(t, 'proj');
  fs.mkdirSync(path.join(proj, '.git'), { recursive: true });
  fs.mkdirSync(path.join(proj, 'sub'));
  const base = writeBaseConfig(home, trustProject ? [proj] : []);
  const input: PrepareInput = {
    paneUuid: PANE,
    stateDir: path.join(t, 'state', 'ccmux'),
    realHome: home,
    cwd: path.join(proj, 'sub'),
    settings: settingsWith(),
    serverEnv: {},
    session: { kind: 'new', id: SESSION },
    existing: { sessionIds: new Set(), dirs: new Set() },
  };
  return { t, home, proj, base, input };
}

const mode = (p: string) => fs.lstatSync(p).mode & 0o777;

describe('prepareClaudePane (config_dir)', () => {
  it('seeds the pane dir with exactly what it should have and leaves the base unchanged', async () => {
    const { home, proj, input } = setup();
    const before = fingerprint(home);
    const { plan } = await prepareClaudePane(input);
    const dir = plan.dir!;
    expect(Object.keys(fingerprint(dir)).sort()).toEqual(
      ['.', '.claude.json', '.credentials.json', 'CLAUDE.md', 'commands', 'settings.json', 'tmp'].sort(),
    );
    for (const name of ['.credentials.json', 'CLAUDE.md', 'commands', 'settings.json']) {
      expect(fs.readlinkSync(path.join(dir, name))).toBe(path.join(home, '.claude', name));
    }
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.join(dir, 'tmp'))).toBe(0o700);
    expect(mode(path.dirname(dir))).toBe(0o700);
    expect(mode(path.join(dir, '.claude.json'))).toBe(0o600);
    const seeded = JSON.parse(fs.readFileSync(path.join(dir, '.claude.json'), 'utf8'));
    expect(seeded.hasCompletedOnboarding).toBe(true);
    expect(seeded.lastOnboardingVersion).toBe('2.1.100');
    expect(seeded.projects).toEqual({ [proj]: { hasTrustDialogAccepted: true } });
    expect(seeded.mcpServers).toEqual({ files: { command: 'mcp-files', args: ['--root', '/'] } });
    expect(seeded.customApiKeyResponses.approved).toEqual(['abcdefghij0123456789']);
    expect(seeded).not.toHaveProperty('numStartups');
    expect(seeded).not.toHaveProperty('userID');
    expect(fingerprint(home)).toEqual(before);
  });

  it('does not trust a project the base does not trust', async () => {
    const { input } = setup(false);
    const { plan } = await prepareClaudePane(input);
    const seeded = JSON.parse(fs.readFileSync(path.join(plan.dir!, '.claude.json'), 'utf8'));
    expect(seeded.hasCompletedOnboarding).toBe(true);
    expect(seeded.projects).toBeUndefined();
  });

  it("seeds from the server's CLAUDE_CONFIG_DIR, whose .claude.json is inside it", async () => {
    const { t, input } = setup();
    const alt = path.join(t, 'alt-config');
    fs.mkdirSync(alt);
    fs.writeFileSync(path.join(alt, '.claude.json'), JSON.stringify({ mcpServers: { alt: { command: 'x' } } }));
    fs.writeFileSync(path.join(alt, 'CLAUDE.md'), 'alt rules');
    const { plan } = await prepareClaudePane({ ...input, serverEnv: { CLAUDE_CONFIG_DIR: alt } });
    const seeded = JSON.parse(fs.readFileSync(path.join(plan.dir!, '.claude.json'), 'utf8'));
    expect(seeded.mcpServers).toEqual({ alt: { command: 'x' } });
    expect(fs.readlinkSync(path.join(plan.dir!, 'CLAUDE.md'))).toBe(path.join(alt, 'CLAUDE.md'));
    expect(fs.existsSync(path.join(plan.dir!, '.credentials.json'))).toBe(false);
  });

  it('seeds onboarding even when the base .claude.json is corrupt, and says so', async () => {
    const { base, input } = setup();
    fs.writeFileSync(base.jsonPath, '{"hasCompletedOnboarding": tr');
    const { plan, baseWarning } = await prepareClaudePane(input);
    expect(baseWarning).toMatch(/is not valid JSON/);
    expect(JSON.parse(fs.readFileSync(path.join(plan.dir!, '.claude.json'), 'utf8'))).toEqual({ hasCompletedOnboarding: true });
  });

  it('keeps the .claude.json of a restored pane', async () => {
    const { input } = setup();
    const { plan } = await prepareClaudePane(input);
    fs.writeFileSync(path.join(plan.dir!, '.claude.json'), '{"state":"mine"}');
    await prepareClaudePane({ ...input, session: { kind: 'resume', id: SESSION } });
    expect(fs.readFileSync(path.join(plan.dir!, '.claude.json'), 'utf8')).toBe('{"state":"mine"}');
  });
});

describe('prepareClaudePane (home)', () => {
  it('links only the dotfiles that exist and keeps claude state in the pane HOME', async () => {
    const { home, input } = setup();
    fs.writeFileSync(path.join(home, '.bashrc'), 'PS1=x');
    fs.mkdirSync(path.join(home, '.ssh'));
    fs.writeFileSync(path.join(home, '.ssh', 'id_ed25519'), 'KEY');
    const before = fingerprint(home);
    const { plan } = await prepareClaudePane({ ...input, method: 'home' });
    const dir = plan.dir!;
    expect(fs.readdirSync(dir).sort()).toEqual(['.bashrc', '.claude', '.claude.json', '.ssh']);
    expect(fs.readlinkSync(path.join(dir, '.ssh'))).toBe(path.join(home, '.ssh'));
    expect(fs.readdirSync(path.join(dir, '.claude')).sort()).toEqual(
      ['.credentials.json', 'CLAUDE.md', 'commands', 'settings.json', 'tmp'].sort(),
    );
    expect(plan.env.HOME).toBe(dir);
    expect(fingerprint(home)).toEqual(before);
  });
});

describe('applyPlan', () => {
  it('removes everything it created when a step fails, and names the path', async () => {
    const { t, input } = setup();
    const first = (await prepareClaudePane({ ...input, paneUuid: '11111111-2222-4333-8444-555555555555' })).plan;
    const stateBefore = fingerprint(path.join(t, 'state'));
    const snap = await readBase(path.join(input.realHome, '.claude'), path.join(input.realHome, '.claude.json'));
    const plan = planClaudePane({
      ...input,
      projectRoot: input.cwd,
      baseDir: path.join(input.realHome, '.claude'),
      baseClaudeJson: snap.claudeJson,
      baseEntries: snap.entries,
      homeEntries: [],
    });
    const bad = path.join(plan.dir!, 'missing', 'file');
    plan.files.push({ path: bad, content: 'x', mode: 0o600 });
    await expect(applyPlan(plan)).rejects.toThrow(`cannot create ${bad}: ENOENT`);
    expect(fingerprint(path.join(t, 'state'))).toEqual(stateBefore);
    expect(fs.existsSync(first.dir!)).toBe(true);
  });

  it('creates missing parents of the state dir and removes them again on failure', async () => {
    const { t, input } = setup();
    const snap = await readBase(path.join(input.realHome, '.claude'), path.join(input.realHome, '.claude.json'));
    const plan = planClaudePane({
      ...input,
      projectRoot: input.cwd,
      baseDir: path.join(input.realHome, '.claude'),
      baseClaudeJson: snap.claudeJson,
      baseEntries: snap.entries,
      homeEntries: [],
    });
    plan.links.push({ path: path.join(t, 'no', 'such', 'link'), target: '/x' });
    await expect(applyPlan(plan)).rejects.toThrow(ClaudeApplyError);
    expect(fs.existsSync(path.join(t, 'state'))).toBe(false);
  });

  it('refuses a state dir that is a symlink and creates nothing behind it', async () => {
    const { t, input } = setup();
    const elsewhere = path.join(t, 'elsewhere');
    fs.mkdirSync(elsewhere);
    fs.mkdirSync(path.join(t, 'state'));
    fs.symlinkSync(elsewhere, input.stateDir);
    const err = await prepareClaudePane(input).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClaudeApplyError);
    expect((err as Error).message).toBe(`refusing to use ${input.stateDir}: it is a symlink`);
    expect(fs.readdirSync(elsewhere)).toEqual([]);
  });

  it('refuses a root dir others can write to', async () => {
    const { input } = setup();
    fs.mkdirSync(path.join(input.stateDir, 'claude-configs'), { recursive: true });
    fs.chmodSync(path.join(input.stateDir, 'claude-configs'), 0o777);
    await expect(prepareClaudePane(input)).rejects.toThrow(/others can write to it/);
  });

  it.skipIf(process.getuid?.() !== 0)('refuses a root dir owned by another user', async () => {
    const { input } = setup();
    const root = path.join(input.stateDir, 'claude-configs');
    fs.mkdirSync(root, { recursive: true, mode: 0o700 });
    fs.chownSync(root, 4242, 4242);
    await expect(prepareClaudePane(input)).rejects.toThrow(/owned by uid 4242, not by you/);
    expect(fs.readdirSync(root)).toEqual([]);
  });
});
