/*
 * planClaudePane: env, args, dirs and links for each isolation method, the session flag
 * rules, refusals (duplicates, bad ids, bad entries), profiles and base resolution. Pure:
 * every path here is made up and nothing touches a disk.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ClaudePlanError,
  findProfile,
  planClaudePane,
  resolveBase,
  type PlanInput,
} from '../../src/claude/plan.js';
import type { ClaudeProfile } from '../../src/config/claude-settings.js';
import { settingsWith } from './claude-test-helpers.js';

const PANE = '0b6f7a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
const SESSION = '9d8c7b6a-5f4e-4d3c-9b2a-1f0e9d8c7b6a';
const STATE = '/state/ccmux';
const HOME = '/home/u';

function input(over: Partial<PlanInput> = {}): PlanInput {
  return {
    paneUuid: PANE,
    stateDir: STATE,
    realHome: HOME,
    cwd: '/work/proj/sub',
    projectRoot: '/work/proj',
    settings: settingsWith(),
    baseDir: '/home/u/.claude',
    baseClaudeJson: { hasCompletedOnboarding: true },
    baseEntries: ['.credentials.json', 'settings.json', 'CLAUDE.md', 'projects', 'history.jsonl'],
    homeEntries: ['.bashrc', '.ssh'],
    serverEnv: {},
    session: { kind: 'new', id: SESSION },
    existing: { sessionIds: new Set(), dirs: new Set() },
    ...over,
  };
}

const profile = (p: Partial<ClaudeProfile>): ClaudeProfile => ({ name: 'work', env: {}, args: [], ...p });

describe('planClaudePane: config_dir (default)', () => {
  const plan = planClaudePane(input());
  const dir = `${STATE}/claude-configs/pane-${PANE}`;

  it('gives the pane its own CLAUDE_CONFIG_DIR and CLAUDE_CODE_TMPDIR', () => {
    expect(plan.method).toBe('config_dir');
    expect(plan.dir).toBe(dir);
    expect(plan.configDir).toBe(dir);
    expect(plan.root).toBe(`${STATE}/claude-configs`);
    expect(plan.env).toEqual({ CLAUDE_CONFIG_DIR: dir, CLAUDE_CODE_TMPDIR: `${dir}/tmp` });
    expect(plan.unsetEnv).toEqual([]);
  });

  it('creates the state dir, root, pane dir and tmp, all 0700', () => {
    expect(plan.mkdirs).toEqual(
      [STATE, `${STATE}/claude-configs`, dir, `${dir}/tmp`].map((p) => ({ path: p, mode: 0o700 })),
    );
  });

  it('links credentials and the share entries that exist, nothing else', () => {
    expect(plan.links).toEqual([
      { path: `${dir}/.credentials.json`, target: '/home/u/.claude/.credentials.json' },
      { path: `${dir}/settings.json`, target: '/home/u/.claude/settings.json' },
      { path: `${dir}/CLAUDE.md`, target: '/home/u/.claude/CLAUDE.md' },
    ]);
    expect(plan.credentials).toEqual({ paneConfigDir: dir, baseDir: '/home/u/.claude' });
  });

  it('writes a seeded .claude.json 0600 inside the pane dir', () => {
    expect(plan.files).toHaveLength(1);
    expect(plan.files[0]!.path).toBe(`${dir}/.claude.json`);
    expect(plan.files[0]!.mode).toBe(0o600);
    expect(JSON.parse(plan.files[0]!.content)).toEqual({ hasCompletedOnboarding: true });
  });

  it('starts a new session with --session-id and plans its cleanup', () => {
    expect(plan.args).toEqual(['--session-id', SESSION]);
    expect(plan.cleanup).toEqual({ dir, root: `${STATE}/claude-configs`, keepTranscripts: true });
  });
});

describe('planClaudePane: home', () => {
  const plan = planClaudePane(input({ method: 'home' }));
  const dir = `${STATE}/claude-homes/pane-${PANE}`;

  it('moves HOME and unsets an inherited CLAUDE_CONFIG_DIR', () => {
    expect(plan.env).toEqual({ HOME: dir, CLAUDE_CODE_TMPDIR: `${dir}/.claude/tmp` });
    expect(plan.unsetEnv).toEqual(['CLAUDE_CONFIG_DIR']);
    expect(plan.configDir).toBe(`${dir}/.claude`);
    expect(plan.files[0]!.path).toBe(`${dir}/.claude.json`);
  });

  it('links only the home_symlinks that exist in the real HOME', () => {
    const homeLinks = plan.links.filter((l) => !l.path.startsWith(`${dir}/.claude/`));
    expect(homeLinks).toEqual([
      { path: `${dir}/.bashrc`, target: `${HOME}/.bashrc` },
      { path: `${dir}/.ssh`, target: `${HOME}/.ssh` },
    ]);
    expect(plan.links).toContainEqual({ path: `${dir}/.claude/.credentials.json`, target: '/home/u/.claude/.credentials.json' });
  });

  it('creates parents of nested home_symlinks entries', () => {
    const nested = planClaudePane(
      input({
        method: 'home',
        settings: settingsWith((s) => (s.isolation.home_symlinks = ['.config/git/config'])),
        homeEntries: ['.config/git/config'],
      }),
    );
    expect(nested.mkdirs.map((d) => d.path)).toEqual(expect.arrayContaining([`${dir}/.config`, `${dir}/.config/git`]));
    expect(nested.links).toContainEqual({ path: `${dir}/.config/git/config`, target: `${HOME}/.config/git/config` });
  });

  it.each(['.claude', '.claude.json', '.claude/settings.json', '../etc', '/etc/passwd', 'a/./b'])(
    'refuses the home_symlinks entry %s',
    (entry) => {
      const settings = settingsWith((s) => (s.isolation.home_symlinks = [entry]));
      expect(() => planClaudePane(input({ method: 'home', settings, homeEntries: [entry] }))).toThrow(ClaudePlanError);
    },
  );
});

describe('planClaudePane: none', () => {
  it('plans no dir and no env change, only the session flag', () => {
    const plan = planClaudePane(input({ method: 'none' }));
    expect(plan).toMatchObject({ env: {}, unsetEnv: [], mkdirs: [], links: [], files: [], args: ['--session-id', SESSION] });
    expect(plan.dir).toBeUndefined();
    expect(plan.cleanup).toBeUndefined();
  });

  it("points claude at a profile's base_dir as it is", () => {
    const plan = planClaudePane(input({ method: 'none', profile: profile({ base_dir: '/cfg/work' }), baseDir: '/cfg/work' }));
    expect(plan.env).toEqual({ CLAUDE_CONFIG_DIR: '/cfg/work' });
  });
});

describe('planClaudePane: sessions', () => {
  it('restores a pane with --resume in the same dir', () => {
    const fresh = planClaudePane(input());
    const restored = planClaudePane(input({ session: { kind: 'resume', id: SESSION } }));
    expect(restored.args).toEqual(['--resume', SESSION]);
    expect(restored.dir).toBe(fresh.dir);
    expect(restored.env).toEqual(fresh.env);
  });

  it('never gives both --session-id and --resume, for any session and args', () => {
    const uuid = fc.uuid();
    fc.assert(
      fc.property(uuid, uuid, fc.boolean(), fc.constantFrom<'config_dir' | 'home' | 'none'>('config_dir', 'home', 'none'), (pane, id, resume, method) => {
        const plan = planClaudePane(input({ paneUuid: pane, method, session: { kind: resume ? 'resume' : 'new', id } }));
        const flags = plan.args.filter((a) => a === '--session-id' || a === '--resume');
        expect(flags).toEqual([resume ? '--resume' : '--session-id']);
        expect(plan.args.at(-1)).toBe(id);
      }),
    );
  });

  it.each([['--resume'], ['-r'], ['--continue'], ['-c'], ['--session-id=abc'], ['--fork-session']])(
    'refuses %s in [claude] args',
    (flag) => {
      expect(() => planClaudePane(input({ settings: settingsWith((s) => (s.args = [flag])) }))).toThrow(/must not contain/);
    },
  );

  it('refuses a session id a live pane already has', () => {
    const existing = { sessionIds: new Set([SESSION]), dirs: new Set<string>() };
    expect(() => planClaudePane(input({ existing }))).toThrow(`session ${SESSION} is already open in another pane`);
    expect(() => planClaudePane(input({ existing, session: { kind: 'resume', id: SESSION } }))).toThrow(ClaudePlanError);
  });

  it('refuses a dir a live pane already has', () => {
    const dir = `${STATE}/claude-configs/pane-${PANE}`;
    const existing = { sessionIds: new Set<string>(), dirs: new Set([dir]) };
    expect(() => planClaudePane(input({ existing }))).toThrow(`${dir} is already in use by another pane`);
  });

  it.each([
    ['pane uuid', { paneUuid: '../../etc' }],
    ['pane uuid', { paneUuid: '' }],
    ['session id', { session: { kind: 'new' as const, id: 'not-a-uuid' } }],
  ])('refuses a bad %s', (what, over) => {
    expect(() => planClaudePane(input(over))).toThrow(new RegExp(`${what} is not a UUID`));
  });

  it('refuses an unknown method', () => {
    expect(() => planClaudePane(input({ method: 'chroot' as never }))).toThrow(/unknown isolation method: chroot/);
  });
});

describe('planClaudePane: profiles and settings', () => {
  it('puts profile args, then settings args, then the session flag', () => {
    const settings = settingsWith((s) => (s.args = ['--model', 'opus']));
    const plan = planClaudePane(input({ settings, profile: profile({ args: ['--verbose'] }) }));
    expect(plan.args).toEqual(['--verbose', '--model', 'opus', '--session-id', SESSION]);
    expect(plan.profile).toBe('work');
  });

  it('passes profile env, and the api_key_env value as ANTHROPIC_API_KEY; isolation env wins', () => {
    const p = profile({ env: { ANTHROPIC_BASE_URL: 'https://proxy', CLAUDE_CONFIG_DIR: '/evil' }, api_key_env: 'WORK_KEY' });
    const plan = planClaudePane(input({ profile: p, serverEnv: { WORK_KEY: 'sk-work-123' } }));
    expect(plan.env.ANTHROPIC_BASE_URL).toBe('https://proxy');
    expect(plan.env.ANTHROPIC_API_KEY).toBe('sk-work-123');
    expect(plan.env.CLAUDE_CONFIG_DIR).toBe(plan.dir);
    expect(plan.files.map((f) => f.content).join('')).not.toContain('sk-work-123');
  });

  it('refuses a profile whose api_key_env is not set', () => {
    expect(() => planClaudePane(input({ profile: profile({ api_key_env: 'NOPE' }) }))).toThrow(
      "profile work: api_key_env NOPE is not set in the server's environment",
    );
  });

  it("takes the profile's method", () => {
    expect(planClaudePane(input({ profile: profile({ method: 'home' }) })).method).toBe('home');
  });

  it('names the profiles there are when one is unknown', () => {
    const settings = settingsWith((s) => {
      s.profiles = { work: profile({}), alt: profile({ name: 'alt' }) };
    });
    expect(findProfile(settings, 'work').name).toBe('work');
    expect(() => findProfile(settings, 'play')).toThrow('no such profile: play (have: alt, work)');
    expect(() => findProfile(settingsWith(), 'play')).toThrow('no such profile: play (have: none)');
  });

  it.each(['projects', 'history.jsonl', '.claude.json', '.credentials.json', '../x', 'a/b', ''])(
    'refuses to share %j',
    (entry) => {
      const settings = settingsWith((s) => (s.seed.share = [entry]));
      expect(() => planClaudePane(input({ settings, baseEntries: [entry] }))).toThrow(/seed\.share/);
    },
  );

  it('links no credentials when seed.credentials is off, and plans no cleanup when cleanup_on_close is off', () => {
    const settings = settingsWith((s) => {
      s.seed.credentials = false;
      s.isolation.cleanup_on_close = false;
    });
    const plan = planClaudePane(input({ settings }));
    expect(plan.links.map((l) => l.path)).not.toContain(`${plan.dir}/.credentials.json`);
    expect(plan.credentials).toBeUndefined();
    expect(plan.cleanup).toBeUndefined();
  });
});

describe('resolveBase', () => {
  const s = settingsWith();
  it('defaults to ~/.claude with ~/.claude.json beside it', () => {
    expect(resolveBase(s, undefined, {}, HOME)).toEqual({ dir: '/home/u/.claude', jsonPath: '/home/u/.claude.json' });
  });
  it("uses the server's CLAUDE_CONFIG_DIR with .claude.json inside it", () => {
    expect(resolveBase(s, undefined, { CLAUDE_CONFIG_DIR: '/cfg' }, HOME)).toEqual({ dir: '/cfg', jsonPath: '/cfg/.claude.json' });
  });
  it('prefers a profile base_dir, then [claude] base_dir, expanding ~', () => {
    const withBase = settingsWith((x) => (x.base_dir = '~/alt'));
    expect(resolveBase(withBase, undefined, { CLAUDE_CONFIG_DIR: '/cfg' }, HOME).dir).toBe('/home/u/alt');
    expect(resolveBase(withBase, profile({ base_dir: '/p' }), {}, HOME)).toEqual({ dir: '/p', jsonPath: '/p/.claude.json' });
  });
});
