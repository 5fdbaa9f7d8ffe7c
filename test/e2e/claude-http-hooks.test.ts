/*
 * End-to-end: the kind of hooks a Claude pane gets (ADR 0013). The fake claude says
 * 2.1.197 and POSTs its hooks as the real client does (test/fixtures/fake-claude/lib/
 * hooks.mjs): by default a pane gets http hooks — this server's settings file, its
 * loopback endpoint — and its states arrive over them, with no hook error on its screen;
 * a request without the pane's token is refused and changes nothing. A claude older than
 * 2.1.63 gets command hooks, and `hooks = "command"` too; doctor says which and why.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Sandbox, waitFor } from './harness.js';
import { jsonLines } from '../unit/claude-test-helpers.js';

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.dispose();
  sb = undefined;
});

interface World {
  sb: Sandbox;
  proj: string;
  /** FAKE_CLAUDE_LOG: one JSON line per claude start (argv, env). */
  log: string;
}

/** A sandbox with a base Claude config (onboarding done, `proj` trusted, a login). */
function world(config = '', env: Record<string, string> = {}): World {
  sb = new Sandbox({ config, env: { FAKE_CLAUDE_IDLE_MS: '0', ...env } });
  const root = fs.realpathSync(sb.dir);
  const proj = path.join(root, 'proj');
  fs.mkdirSync(path.join(proj, '.git'), { recursive: true });
  fs.mkdirSync(path.join(sb.home, '.claude'), { mode: 0o700 });
  fs.writeFileSync(path.join(sb.home, '.claude.json'), JSON.stringify({ hasCompletedOnboarding: true, lastOnboardingVersion: '2.1.197', theme: 'dark', projects: { [proj]: { hasTrustDialogAccepted: true } } }));
  fs.writeFileSync(path.join(sb.home, '.claude', '.credentials.json'), JSON.stringify({ claudeAiOauth: { accessToken: 'sk-ant-oat01-e2e', refreshToken: 'sk-ant-ort01-e2e', expiresAt: Date.now() + 3_600_000 } }), { mode: 0o600 });
  const log = path.join(root, 'fake-claude.log');
  sb.env.FAKE_CLAUDE_LOG = log;
  return { sb, proj, log };
}

type Pane = Record<string, any>;

async function pane(s: Sandbox, id: string): Promise<Pane> {
  const p = (await s.panes()).find((x) => x.id === id);
  if (!p) throw new Error(`no pane ${id}`);
  return p;
}

function untilState(s: Sandbox, id: string, state: string): Promise<Pane> {
  return waitFor(async () => {
    const p = await pane(s, id);
    return p.claude?.state === state ? p : null;
  }, 10_000, `${id} to be ${state}`);
}

/** A new session with a Claude pane in `proj`, once idle; returns its id. */
async function claudeSession(w: World): Promise<string> {
  await w.sb.ok(['new', '-d', '--claude', '-c', w.proj]);
  const p = await waitFor(async () => (await w.sb.panes()).find((x) => x.claude), 10_000, 'the Claude pane');
  await untilState(w.sb, p.id, 'idle');
  return p.id as string;
}

/** The `--settings` file claude was started with. */
function settingsFile(w: World): string {
  const start = jsonLines(w.log).find((l) => l.event === 'start')!;
  const argv = start.argv as string[];
  return argv[argv.indexOf('--settings') + 1]!;
}

function post(url: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('Claude http hooks', () => {
  it('a claude that keeps its session file gets no hook on a tool call: the rest over http; states arrive; doctor says so', async () => {
    const w = world('', { FAKE_CLAUDE_THINK_MS: '600' });
    const id = await claudeSession(w);
    const file = settingsFile(w);
    expect(file).toBe(path.join(w.sb.stateDir, 'claude-hooks.default.lean.json'));
    expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
    const hooks = JSON.parse(fs.readFileSync(file, 'utf8')).hooks;
    // sessions/<pid>.json says busy, idle and waiting: nothing runs or is waited for on a tool call.
    expect(Object.keys(hooks).sort()).toEqual(['PermissionRequest', 'SessionEnd', 'SessionStart', 'StopFailure', 'SubagentStop', 'UserPromptSubmit']);
    const url = hooks.StopFailure[0].hooks[0].url as string;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hook\/StopFailure$/);
    expect(hooks.SessionStart[0].hooks[0]).toMatchObject({ type: 'command', async: true }); // never sent over http
    expect((await pane(w.sb, id)).claude.hooks).toMatchObject({ kind: 'http' });

    // A turn with a tool call (working, then idle: from the session file), and a failed one: StopFailure is only ever told by a hook.
    await w.sb.ok(['send-keys', '-t', id, 'use a tool please', 'Enter']);
    await untilState(w.sb, id, 'working');
    await waitFor(async () => (await w.sb.ok(['capture-pane', '-p', '-t', id])).includes('● echo: use a tool please'), 10_000, 'the answer');
    await untilState(w.sb, id, 'idle');
    await w.sb.ok(['send-keys', '-t', id, 'fail api-error:rate_limit', 'Enter']);
    const failed = await untilState(w.sb, id, 'error');
    expect(failed.claude.message ?? '').not.toContain('hook');
    const screen = await w.sb.ok(['capture-pane', '-p', '-t', id]);
    expect(screen).not.toContain('hook error');

    const doctor = await w.sb.ccmux(['doctor']);
    expect(doctor.stdout).toContain('hooks: http (claude 2.1.197 has http hooks (since 2.1.63); its session file says busy, idle and waiting (since 2.1.119), so no hook runs on a tool call)');
  }, 40_000);

  it('a claude with http hooks but no session file (2.1.100) gets every hook over http, and states arrive over them', async () => {
    const w = world('', { FAKE_CLAUDE_VERSION: '2.1.100', FAKE_CLAUDE_THINK_MS: '600' });
    const id = await claudeSession(w);
    expect(settingsFile(w)).toBe(path.join(w.sb.stateDir, 'claude-hooks.default.json'));
    const hooks = JSON.parse(fs.readFileSync(settingsFile(w), 'utf8')).hooks;
    expect(hooks.PreToolUse[0].hooks[0].url).toMatch(/\/hook\/PreToolUse$/);
    await w.sb.ok(['send-keys', '-t', id, 'use a tool please', 'Enter']);
    await untilState(w.sb, id, 'working');
    await untilState(w.sb, id, 'idle');
    expect((await pane(w.sb, id)).claude.hooks).toMatchObject({ kind: 'http' });
    expect((await pane(w.sb, id)).claude.hooks.lean).toBeUndefined();
  }, 40_000);

  it('refuses a POST without the pane\'s token, or with another pane\'s, and logs it; the state does not move', async () => {
    const w = world();
    const id = await claudeSession(w);
    const hooks = JSON.parse(fs.readFileSync(settingsFile(w), 'utf8')).hooks;
    const url = hooks.StopFailure[0].hooks[0].url as string;
    const body = JSON.stringify({ session_id: (await pane(w.sb, id)).claude.sessionId, hook_event_name: 'StopFailure', error: 'rate_limit' });
    expect(await post(url, { 'x-ccmux-pane': id }, body)).toBe(401);
    expect(await post(url, { 'x-ccmux-pane': id, authorization: 'Bearer 00000000-0000-4000-8000-000000000000.x' }, body)).toBe(403);
    expect(await post(url.replace('StopFailure', 'Nope'), { 'x-ccmux-pane': id }, body)).toBe(404);
    const log = path.join(w.sb.stateDir, 'logs', 'default.log');
    await waitFor(() => fs.readFileSync(log, 'utf8').includes('claude hook request refused'), 5000, 'the refusal in the log');
    // The refused report did not make it an error: a real one still does, over http.
    expect((await pane(w.sb, id)).claude.state).toBe('idle');
    await w.sb.ok(['send-keys', '-t', id, 'api-error:overloaded', 'Enter']);
    await untilState(w.sb, id, 'error');
  }, 30_000);

  it('a claude older than 2.1.63 gets command hooks, states still arrive, and doctor says why', async () => {
    const w = world('', { FAKE_CLAUDE_VERSION: '2.1.50' });
    const id = await claudeSession(w);
    expect(settingsFile(w)).toBe(path.join(w.sb.stateDir, 'claude-hooks.json'));
    expect((await pane(w.sb, id)).claude.hooks).toMatchObject({ kind: 'command' });
    await w.sb.ok(['send-keys', '-t', id, 'api-error:overloaded', 'Enter']);
    await untilState(w.sb, id, 'error');
    const doctor = await w.sb.ccmux(['doctor']);
    expect(doctor.stdout).toContain('hooks: command (claude 2.1.50 is older than 2.1.63, the first with http hooks: command hooks instead)');
  }, 30_000);

  it('hooks = "command" gives command hooks whatever the claude', async () => {
    const w = world('[claude]\nhooks = "command"\n');
    const id = await claudeSession(w);
    expect(settingsFile(w)).toBe(path.join(w.sb.stateDir, 'claude-hooks.lean.json'));
    expect((await w.sb.ccmux(['doctor'])).stdout).toContain('hooks: command ([claude] hooks = "command"; its session file says');
    await w.sb.ok(['send-keys', '-t', id, 'api-error:overloaded', 'Enter']);
    await untilState(w.sb, id, 'error');
  }, 30_000);
});
