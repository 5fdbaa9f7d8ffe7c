/*
 * End-to-end: Claude panes as a user meets them, with the fake claude (first in the
 * sandbox PATH) and a seeded base config in the sandbox HOME — split by key, isolated
 * dirs seen from the processes' own environments, distinct sessions, no first-run
 * screens, the base config untouched, cleanup on close, method home, doctor and its
 * tampering cases, the profile picker, and the error paths (no claude, unknown profile,
 * an unusable state dir, refused session flags).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pidAlive, Sandbox, waitFor, type OuterTerminal } from './harness.js';
import { fingerprint, jsonLines } from '../unit/claude-test-helpers.js';

let sb: Sandbox;
afterEach(async () => {
  // dispose() waits for the programs in the panes (fake claudes write on hangup) to end.
  await sb?.dispose();
});

/** The API key a profile hands to claude; it must never show in doctor's output. */
const WORK_KEY = 'sk-ant-api03-e2e-SECRET-abcdefghij0123456789';
const TOKEN = 'sk-ant-oat01-e2e-SECRET-token';

interface World {
  sb: Sandbox;
  proj: string;
  log: string;
}

/**
 * A sandbox whose HOME holds a base Claude config (onboarding done, `proj` trusted, a
 * login, settings) and a git project `proj` to start panes in.
 */
function world(config = ''): World {
  sb = new Sandbox({ config, env: { FAKE_CLAUDE_IDLE_MS: '0', WORK_KEY } });
  const root = fs.realpathSync(sb.dir);
  const proj = path.join(root, 'proj');
  fs.mkdirSync(path.join(proj, '.git'), { recursive: true });
  const base = path.join(sb.home, '.claude');
  fs.mkdirSync(base, { mode: 0o700 });
  fs.writeFileSync(
    path.join(sb.home, '.claude.json'),
    JSON.stringify({
      hasCompletedOnboarding: true,
      lastOnboardingVersion: '2.1.197',
      theme: 'dark',
      customApiKeyResponses: { approved: [WORK_KEY.slice(-20)], rejected: [] },
      projects: { [proj]: { hasTrustDialogAccepted: true, lastSessionId: 'base-session' } },
    }),
  );
  fs.writeFileSync(
    path.join(base, '.credentials.json'),
    JSON.stringify({ claudeAiOauth: { accessToken: TOKEN, refreshToken: 'sk-ant-ort01-e2e', expiresAt: Date.now() + 3_600_000 } }),
    { mode: 0o600 },
  );
  fs.writeFileSync(path.join(base, 'settings.json'), JSON.stringify({ permissions: { allow: [] } }));
  const log = path.join(root, 'fake-claude.log');
  sb.env.FAKE_CLAUDE_LOG = log;
  return { sb, proj, log };
}

/** The base config (HOME's .claude.json and .claude/), less the credentials file claude may refresh. */
function baseFingerprint(w: World): Record<string, string> {
  const fp = fingerprint(w.sb.home);
  delete fp[path.join('.claude', '.credentials.json')];
  return fp;
}

/** The environment a process was started with. */
function procEnv(pid: number): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')) {
    const eq = entry.indexOf('=');
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return env;
}

async function claudePanes(s: Sandbox) {
  return (await s.panes()).filter((p) => p.claude);
}

/** Wait until there are `n` Claude panes, each showing claude's prompt. */
async function readyClaudePanes(s: Sandbox, n: number) {
  const panes = await waitFor(async () => {
    const ps = await claudePanes(s);
    return ps.length === n ? ps : null;
  }, 10_000, `${n} Claude panes`);
  for (const p of panes) await waitFor(async () => (await capture(s, p.id)).includes('cwd:'), 10_000, `claude in ${p.id} to start`);
  return panes;
}

function capture(s: Sandbox, id: string): Promise<string> {
  return s.ok(['capture-pane', '-p', '-t', id]);
}

/** Every transcript (`projects/<any>/<id>.jsonl`) under a config dir, by session id. */
function transcripts(configDir: string): string[] {
  const projects = path.join(configDir, 'projects');
  if (!fs.existsSync(projects)) return [];
  return fs.readdirSync(projects).flatMap((d) =>
    fs.readdirSync(path.join(projects, d)).filter((f) => f.endsWith('.jsonl')).map((f) => f.slice(0, -'.jsonl'.length)),
  );
}

async function startAttached(w: World): Promise<OuterTerminal> {
  const t = await w.sb.terminal([], 120, 40, { cwd: w.proj });
  await t.waitForScreen(/\[0\] 0:/);
  return t;
}

async function doctorJson(s: Sandbox): Promise<{ code: number; report: Record<string, any>; stdout: string; stderr: string }> {
  const r = await s.ccmux(['doctor', '--json']);
  return { code: r.code, report: JSON.parse(r.stdout), stdout: r.stdout, stderr: r.stderr };
}

describe('Claude panes', () => {
  it('splits two isolated Claude panes by key: own dirs, own sessions, no first-run screens, base untouched', async () => {
    const w = world();
    w.sb.env.FAKE_CLAUDE_STRESS = '100'; // rewrites .claude.json (lastSessionId) and the transcript every 100 ms
    const before = baseFingerprint(w);
    const t = await startAttached(w);
    t.prefix('C');
    await waitFor(async () => (await claudePanes(w.sb)).length === 1, 10_000, 'the first Claude pane');
    t.prefix('C');
    const panes = await readyClaudePanes(w.sb, 2);

    const [a, b] = panes.map((p) => ({ id: p.id as string, pid: p.pid as number, ...(p.claude as { dir: string; sessionId: string; method: string }) }));
    expect(a!.method).toBe('config_dir');
    expect(a!.dir).not.toBe(b!.dir);
    expect(a!.sessionId).not.toBe(b!.sessionId);
    for (const p of [a!, b!]) {
      expect(path.dirname(p.dir)).toBe(path.join(w.sb.stateDir, 'claude-configs'));
      expect(procEnv(p.pid).CLAUDE_CONFIG_DIR).toBe(p.dir);
      expect((fs.statSync(p.dir).mode & 0o777).toString(8)).toBe('700');
    }

    await w.sb.ok(['send-keys', '-t', a!.id, 'hello from a', 'Enter']);
    await w.sb.ok(['send-keys', '-t', b!.id, 'hello from b', 'Enter']);
    for (const [p, text] of [[a!, 'hello from a'], [b!, 'hello from b']] as const) {
      await waitFor(async () => (await capture(w.sb, p.id)).includes(`● echo: ${text}`), 10_000, `the answer in ${p.id}`);
      const screen = await capture(w.sb, p.id);
      expect(screen).not.toContain("Let's get started");
      expect(screen).not.toContain('Do you trust the files');
      expect(screen).toContain('Logged in (claude.ai)');
    }
    for (const [me, other] of [[a!, b!], [b!, a!]] as const) {
      const json = await waitFor(() => {
        const j = JSON.parse(fs.readFileSync(path.join(me.dir, '.claude.json'), 'utf8'));
        return j.projects?.[w.proj]?.lastSessionId === me.sessionId ? j : null;
      }, 10_000, `${me.id}'s .claude.json to name its session`);
      expect(JSON.stringify(json)).not.toContain(other.sessionId);
      expect(transcripts(me.dir)).toEqual([me.sessionId]);
    }

    const starts = jsonLines(w.log).filter((e) => e.event === 'start');
    expect(starts).toHaveLength(2);
    const ids = starts.map((e) => e.argv[e.argv.indexOf('--session-id') + 1]);
    expect(new Set(ids)).toEqual(new Set([a!.sessionId, b!.sessionId]));
    expect(new Set(starts.map((e) => e.configDir))).toEqual(new Set([a!.dir, b!.dir]));
    expect(baseFingerprint(w)).toEqual(before);
  });

  it('closing one Claude pane removes only its dir and archives its transcript', async () => {
    const w = world();
    await w.sb.ok(['new', '-d'], { cwd: w.proj });
    await w.sb.ok(['split-window', '--claude'], { cwd: w.proj });
    await w.sb.ok(['split-window', '--claude'], { cwd: w.proj });
    const [a, b] = (await readyClaudePanes(w.sb, 2)).map((p) => ({ id: p.id as string, ...(p.claude as { dir: string; sessionId: string }) }));
    await w.sb.ok(['send-keys', '-t', a!.id, 'remember this', 'Enter']);
    await waitFor(() => transcripts(a!.dir).includes(a!.sessionId), 10_000, 'the transcript of the first pane');

    await w.sb.ok(['kill-pane', '-t', a!.id]);
    await waitFor(() => !fs.existsSync(a!.dir), 10_000, 'the closed pane dir to be removed');
    expect(fs.existsSync(b!.dir)).toBe(true);
    expect(fs.readdirSync(path.join(w.sb.stateDir, 'claude-configs'))).toEqual([path.basename(b!.dir)]);
    const archive = path.join(w.sb.stateDir, 'transcripts');
    const archived = await waitFor(() => fs.existsSync(path.join(archive, `${a!.sessionId}.jsonl`)) && jsonLines(path.join(archive, 'index.jsonl')), 10_000, 'the archived transcript');
    expect(archived).toEqual([expect.objectContaining({ sessionId: a!.sessionId, firstPrompt: 'remember this' })]);
    expect((await claudePanes(w.sb)).map((p) => p.id)).toEqual([b!.id]);
  });

  it('method home: HOME is the pane dir, dotfiles are linked, the real ones survive the close', async () => {
    const w = world('[claude.isolation]\nmethod = "home"\n');
    fs.writeFileSync(path.join(w.sb.home, '.bashrc'), 'export FROM_BASHRC=1\n');
    fs.writeFileSync(path.join(w.sb.home, '.gitconfig'), '[user]\n\tname = E2E\n');
    const ssh = path.join(w.sb.home, '.ssh');
    fs.mkdirSync(ssh, { mode: 0o700 });
    fs.writeFileSync(path.join(ssh, 'id_ed25519'), 'PRIVATE KEY\n', { mode: 0o600 });
    fs.writeFileSync(path.join(ssh, 'known_hosts'), 'host ssh-ed25519 AAAA\n');
    const sshBefore = fingerprint(ssh);
    const before = baseFingerprint(w);

    await w.sb.ok(['new', '-d'], { cwd: w.proj });
    await w.sb.ok(['split-window', '--claude'], { cwd: w.proj });
    const [p] = await readyClaudePanes(w.sb, 1);
    const dir = p!.claude.dir as string;
    expect(p!.claude.method).toBe('home');
    expect(path.dirname(dir)).toBe(path.join(w.sb.stateDir, 'claude-homes'));
    const env = procEnv(p!.pid);
    expect(env.HOME).toBe(dir);
    expect(env.CLAUDE_CONFIG_DIR).toBeUndefined();
    for (const name of ['.bashrc', '.gitconfig', '.ssh']) {
      expect(fs.lstatSync(path.join(dir, name)).isSymbolicLink()).toBe(true);
      expect(fs.readlinkSync(path.join(dir, name))).toBe(path.join(w.sb.home, name));
    }
    expect(fs.readFileSync(path.join(dir, '.ssh', 'id_ed25519'), 'utf8')).toBe('PRIVATE KEY\n');
    expect(fs.readFileSync(path.join(dir, '.gitconfig'), 'utf8')).toContain('E2E');
    expect(await capture(w.sb, p!.id)).not.toContain('Do you trust the files');

    await w.sb.ok(['send-keys', '-t', p!.id, 'hi from home', 'Enter']);
    await waitFor(() => transcripts(path.join(dir, '.claude')).includes(p!.claude.sessionId), 10_000, 'the transcript in the pane HOME');
    await w.sb.ok(['kill-pane', '-t', p!.id]);
    await waitFor(() => !fs.existsSync(dir), 10_000, 'the pane HOME to be removed');
    expect(fingerprint(ssh)).toEqual(sshBefore);
    expect(fs.readFileSync(path.join(w.sb.home, '.bashrc'), 'utf8')).toBe('export FROM_BASHRC=1\n');
    expect(fs.existsSync(path.join(w.sb.stateDir, 'transcripts', `${p!.claude.sessionId}.jsonl`))).toBe(true);
    expect(baseFingerprint(w)).toEqual(before);
  });

  it('doctor: healthy with two panes, then names each kind of tampering and exits 1; prefix D shows it', async () => {
    const w = world('[claude.profiles.work]\napi_key_env = "WORK_KEY"\n');
    const t = await startAttached(w);
    await w.sb.ok(['split-window', '--claude'], { cwd: w.proj });
    await w.sb.ok(['split-window', '--claude', '--profile', 'work'], { cwd: w.proj });
    const [a, b] = (await readyClaudePanes(w.sb, 2)).map((p) => ({ id: p.id as string, ...(p.claude as { dir: string }) }));
    expect(procEnv((await claudePanes(w.sb))[1]!.pid).ANTHROPIC_API_KEY).toBe(WORK_KEY);

    let d = await doctorJson(w.sb);
    expect(d.code).toBe(0);
    expect(d.report.healthy).toBe(true);
    expect(d.report.problems).toEqual([]);
    expect(d.report.orphans).toEqual([]);
    expect(d.report.panes.map((p: { id: string; dir: string; healthy: boolean }) => [p.id, p.dir, p.healthy])).toEqual([[a!.id, a!.dir, true], [b!.id, b!.dir, true]]);
    const human = await w.sb.ccmux(['doctor']);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(`✓ process`);
    expect(human.stdout).toMatch(/2 Claude panes, 0 orphans, 0 problems, .*: healthy/);
    for (const out of [d.stdout, human.stdout]) {
      expect(out).not.toContain('SECRET');
    }

    t.prefix('D');
    await t.waitForScreen((l) => l.some((x) => x.includes('doctor')) && l.some((x) => x.includes('✓ dir exists')));
    t.type('q');
    await t.waitForScreen((l) => !l.join('\n').includes('✓ dir exists'));

    fs.chmodSync(a!.dir, 0o755);
    d = await doctorJson(w.sb);
    expect(d.code).toBe(1);
    expect(d.report.healthy).toBe(false);
    expect(d.report.problems).toEqual([`${a!.id}: mode is 0755, expected 0700 (fix: chmod 700 ${a!.dir})`]);
    expect(d.stderr).toContain('doctor: 1 problem found');
    const bad = await w.sb.ccmux(['doctor']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('✗ mode is 0755');
    expect(bad.stdout).toContain('unhealthy');
    fs.chmodSync(a!.dir, 0o700);

    const moved = path.join(w.sb.dir, 'moved-away');
    fs.renameSync(b!.dir, moved);
    fs.symlinkSync(moved, b!.dir);
    d = await doctorJson(w.sb);
    expect(d.code).toBe(1);
    expect(d.report.problems).toEqual([`${b!.id}: dir is a symlink (to ${moved}), not a real dir: ${b!.dir}`]);
    fs.unlinkSync(b!.dir);
    fs.renameSync(moved, b!.dir);

    const orphan = path.join(w.sb.stateDir, 'claude-configs', 'pane-0badc0de-0000-4000-8000-000000000001');
    fs.mkdirSync(orphan, { mode: 0o700 });
    fs.writeFileSync(path.join(orphan, '.claude.json'), '{}');
    d = await doctorJson(w.sb);
    expect(d.code).toBe(1);
    expect(d.report.orphans).toEqual([expect.objectContaining({ path: orphan, kind: 'dir', problem: true })]);
    expect(d.report.problems).toEqual([expect.stringContaining(`orphaned dir: no pane owns ${orphan}`)]);
    fs.rmSync(orphan, { recursive: true });
    expect((await doctorJson(w.sb)).code).toBe(0);
  });

  it('doctor counts the dirs kept for ccmux restore as owned, not as orphans', async () => {
    const w = world();
    await w.sb.ok(['new', '-d'], { cwd: w.proj });
    await w.sb.ok(['split-window', '--claude'], { cwd: w.proj });
    const [p] = await readyClaudePanes(w.sb, 1);
    await w.sb.ok(['kill-server']);
    await waitFor(() => !pidAlive(p!.pid), 10_000, 'claude to end with its server');
    expect(fs.existsSync(p!.claude.dir)).toBe(true);

    await w.sb.ok(['new', '-d'], { cwd: w.proj });
    const d = await doctorJson(w.sb);
    expect(d.report.orphans).toEqual([]);
    expect(d.report.panes).toEqual([]);
    expect(d.code).toBe(0);
    expect(fs.existsSync(p!.claude.dir)).toBe(true);
  });

  it('a missing claude says so in the pane and in the status line', async () => {
    const w = world('display-time = 60000\n[claude]\ncommand = "no-such-claude"\n');
    const t = await startAttached(w);
    t.prefix('C');
    const panes = await waitFor(async () => {
      const ps = await w.sb.panes();
      return ps.length === 2 ? ps : null;
    }, 10_000, 'the split');
    await t.waitForScreen((l) => l.at(-1)!.includes('claude not found: "no-such-claude"'));
    await waitFor(async () => (await capture(w.sb, panes[1]!.id)).includes('ccmux: claude not found: "no-such-claude" is not an executable in PATH'), 10_000, 'the message in the pane');
    expect(panes[1]!.claude).toBeNull();
    expect(fs.existsSync(path.join(w.sb.stateDir, 'claude-configs'))).toBe(false);
    // From the command line: exit 1 and the reason on stderr (the pane still says it too).
    const r = await w.sb.ccmux(['split-window', '--claude'], { cwd: w.proj });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('claude not found: "no-such-claude" is not an executable in PATH');
    expect(await w.sb.panes()).toHaveLength(3);
  });

  it('profiles: the picker splits with the chosen one and its env; an unknown one is refused', async () => {
    const w = world('[claude.profiles.work]\nenv = { ANTHROPIC_BASE_URL = "https://gateway.example" }\napi_key_env = "WORK_KEY"\nmethod = "home"\n');
    const t = await startAttached(w);
    const list = await w.sb.ok(['choose-profile']);
    expect(list.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^default +config_dir +~\/\.claude$/),
      expect.stringMatching(/^work +home +~\/\.claude, API key from \$WORK_KEY$/),
    ]);
    t.prefix('P');
    await t.waitForScreen('(1) work');
    t.type('1');
    const [p] = await readyClaudePanes(w.sb, 1);
    expect(p!.claude).toMatchObject({ profile: 'work', method: 'home' });
    const env = procEnv(p!.pid);
    expect(env.ANTHROPIC_BASE_URL).toBe('https://gateway.example');
    expect(env.ANTHROPIC_API_KEY).toBe(WORK_KEY);
    expect(jsonLines(w.log).filter((e) => e.event === 'start').map((e) => e.apiKeyTail)).toEqual([WORK_KEY.slice(-4)]);

    const r = await w.sb.ccmux(['split-window', '--claude', '--profile', 'x'], { cwd: w.proj });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no such profile: x (have: work)');
    expect(await claudePanes(w.sb)).toHaveLength(1);
  });

  it('an unusable state dir is a clear error and leaves no pane or dir half-made', async () => {
    const w = world();
    await w.sb.ok(['new', '-d'], { cwd: w.proj });
    // chmod would not stop root (CI): a file where the dir must go does.
    const configs = path.join(w.sb.stateDir, 'claude-configs');
    fs.writeFileSync(configs, 'not a dir\n');
    const stateBefore = fs.readdirSync(w.sb.stateDir).sort();
    const r = await w.sb.ccmux(['split-window', '--claude'], { cwd: w.proj });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`refusing to use ${configs}: it is not a directory`);
    expect(await w.sb.panes()).toHaveLength(1);
    expect(fs.readdirSync(w.sb.stateDir).sort()).toEqual(stateBefore);
    expect(fs.readFileSync(configs, 'utf8')).toBe('not a dir\n');
    expect(jsonLines(w.log)).toEqual([]);
    const d = await doctorJson(w.sb);
    expect(d.code).toBe(1);
    expect(d.report.problems).toEqual([`${configs} is a file, not a directory: no Claude pane can be created`]);
  });

  it('a command that fails after the dir was prepared removes the dir again', async () => {
    const w = world();
    await w.sb.ok(['new', '-d', '-s', 'work'], { cwd: w.proj });
    const r = await w.sb.ccmux(['new', '-d', '-s', 'work', '--claude'], { cwd: w.proj });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('duplicate session: work');
    const configs = path.join(w.sb.stateDir, 'claude-configs');
    await waitFor(() => !fs.existsSync(configs) || fs.readdirSync(configs).length === 0, 10_000, 'the prepared dir to be removed');
    expect((await doctorJson(w.sb)).report.orphans).toEqual([]);
  });

  it('passes extra claude arguments after --, and refuses session flags among them', async () => {
    const w = world();
    await w.sb.ok(['new', '-d'], { cwd: w.proj });
    await w.sb.ok(['split-window', '--claude', '--', '--model', 'x'], { cwd: w.proj });
    const [p] = await readyClaudePanes(w.sb, 1);
    const [start] = jsonLines(w.log).filter((e) => e.event === 'start');
    expect(start!.argv.slice(-4)).toEqual(['--session-id', p!.claude.sessionId, '--model', 'x']);

    const r = await w.sb.ccmux(['split-window', '--claude', '--', '--resume', 'abc'], { cwd: w.proj });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('extra claude arguments must not contain --resume');
    expect(await w.sb.panes()).toHaveLength(2);
    expect(fs.readdirSync(path.join(w.sb.stateDir, 'claude-configs'))).toEqual([path.basename(p!.claude.dir)]);
  });
});
