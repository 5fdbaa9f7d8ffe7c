/*
 * End-to-end: Claude awareness as a user meets it, with the fake claude reporting through
 * the hooks ccmux gives it (and the user's own hooks from the seeded base config) — a
 * turn seen as working then idle in `list-panes --json` and on the screen (the pane's
 * title line, the window's status entry); `ccmux wait`; a permission prompt in a
 * background window flagging it, ringing the bell and sending OSC 9 (or not, when
 * switched off), `prefix N` jumping there, the answer resuming the turn; /clear as a new
 * session, not an exit; the hook command with no server; and `hooks = false`, where
 * the state is guessed from the screen.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, Sandbox, waitFor, type OuterTerminal } from './harness.js';
import { jsonLines } from '../unit/claude-test-helpers.js';

let sb: Sandbox;
afterEach(async () => {
  await sb?.dispose();
});

const HOOK = path.join(ROOT, 'dist', 'cli', 'hook.js');

interface World {
  sb: Sandbox;
  proj: string;
  /** FAKE_CLAUDE_LOG: one JSON line per claude start (argv, env). */
  log: string;
  /** Where the user's own hooks (in the base settings.json) write. */
  userHookLog: string;
  /** A file the test creates to let a user hook that waits for it (`{gate}` in userHooks) go on. */
  gate: string;
}

/**
 * A sandbox whose HOME holds a base Claude config (onboarding done, `proj` trusted, a
 * login) whose settings.json has the user's own hooks: each appends "user <Event>
 * <pane>" to `userHookLog`, then runs `userHooks[<Event>]` if given (`{gate}` in it is
 * `gate`'s path). `env` goes to every pane (FAKE_CLAUDE_THINK_MS…).
 */
function world(config = '', env: Record<string, string> = {}, userHooks: Record<string, string> = {}): World {
  sb = new Sandbox({ config, env: { FAKE_CLAUDE_IDLE_MS: '0', ...env } });
  const root = fs.realpathSync(sb.dir);
  const proj = path.join(root, 'proj');
  fs.mkdirSync(path.join(proj, '.git'), { recursive: true });
  const base = path.join(sb.home, '.claude');
  fs.mkdirSync(base, { mode: 0o700 });
  fs.writeFileSync(
    path.join(sb.home, '.claude.json'),
    JSON.stringify({ hasCompletedOnboarding: true, lastOnboardingVersion: '2.1.197', theme: 'dark', projects: { [proj]: { hasTrustDialogAccepted: true } } }),
  );
  fs.writeFileSync(
    path.join(base, '.credentials.json'),
    JSON.stringify({ claudeAiOauth: { accessToken: 'sk-ant-oat01-e2e', refreshToken: 'sk-ant-ort01-e2e', expiresAt: Date.now() + 3_600_000 } }),
    { mode: 0o600 },
  );
  const userHookLog = path.join(root, 'user-hooks.log');
  const gate = path.join(root, 'gate');
  const hooks: Record<string, unknown> = {};
  for (const ev of ['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'Notification', 'Stop']) {
    const extra = userHooks[ev] ? `; ${userHooks[ev].replaceAll('{gate}', gate)}` : '';
    hooks[ev] = [{ matcher: '*', hooks: [{ type: 'command', command: `echo "user ${ev} $CCMUX_PANE_ID" >> '${userHookLog}'${extra}` }] }];
  }
  fs.writeFileSync(path.join(base, 'settings.json'), JSON.stringify({ permissions: { allow: [] }, hooks }));
  const log = path.join(root, 'fake-claude.log');
  sb.env.FAKE_CLAUDE_LOG = log;
  return { sb, proj, log, userHookLog, gate };
}

type Pane = Record<string, any>;

async function pane(s: Sandbox, id: string): Promise<Pane> {
  const p = (await s.panes()).find((x) => x.id === id);
  if (!p) throw new Error(`no pane ${id}`);
  return p;
}

/** Wait until Claude pane `id` reports `state` in list-panes --json; returns the pane. */
function untilState(s: Sandbox, id: string, state: string, timeoutMs = 10_000): Promise<Pane> {
  return waitFor(async () => {
    const p = await pane(s, id);
    return p.claude?.state === state ? p : null;
  }, timeoutMs, `${id} to be ${state}`);
}

/** Start a Claude pane with `args` (split-window / new-window …) in `proj`; returns its id once idle. */
async function claudePane(w: World, args: string[]): Promise<string> {
  const before = new Set((await w.sb.panes()).map((p) => p.id));
  await w.sb.ok([...args, '--claude', '-c', w.proj]);
  const p = await waitFor(async () => (await w.sb.panes()).find((x) => x.claude && !before.has(x.id)), 10_000, 'the Claude pane');
  await untilState(w.sb, p.id, 'idle');
  return p.id as string;
}

async function attached(w: World): Promise<OuterTerminal> {
  const t = await w.sb.terminal([], 120, 40, { cwd: w.proj });
  await t.waitForScreen(/\[0\] 0:/);
  return t;
}

/** The status line (last row). */
function statusLine(lines: string[]): string {
  return lines[lines.length - 1]!;
}

/** Is the text at (x, y) of the outer screen drawn in reverse video? */
function inverseAt(t: OuterTerminal, x: number, y: number): boolean {
  const cell = t.term.buffer.active.getLine(t.term.buffer.active.viewportY + y)?.getCell(x);
  return Boolean(cell?.isInverse());
}

/** Bells in raw output that are not the terminator of an OSC sequence. */
function bells(raw: string): number {
  return (raw.replace(/\x1b\][^\x07\x1b]*(\x07|\x1b\\)/g, '').match(/\x07/g) ?? []).length;
}

const oscNotes = (raw: string) => [...raw.matchAll(/\x1b\]9;([^\x07\x1b]*)\x07/g)].map((m) => m[1]);

describe('Claude awareness', () => {
  it('shows a turn as working then idle in list-panes --json, the pane title line and the window entry', async () => {
    const w = world('', { FAKE_CLAUDE_THINK_MS: '3000' });
    const t = await attached(w);
    const id = await claudePane(w, ['split-window', '-h']);
    const idle = await pane(w.sb, id);
    expect(idle.claude).toMatchObject({ state: 'idle', guessed: false, waitingSeconds: expect.any(Number) });
    expect(Date.parse(idle.claude.since)).not.toBeNaN();
    let lines = await t.waitForScreen('○ claude idle');
    expect(statusLine(lines)).toMatch(/0:\S*○\*/); // the window entry carries the mark

    await w.sb.ok(['send-keys', '-t', id, 'hello there', 'Enter']);
    const working = await untilState(w.sb, id, 'working');
    expect(working.claude.guessed).toBe(false);
    lines = await t.waitForScreen('● claude working');
    expect(statusLine(lines)).toMatch(/0:\S*●\*/);
    expect(lines.join('\n')).not.toContain('claude idle');

    await untilState(w.sb, id, 'idle');
    lines = await t.waitForScreen('○ claude idle');
    expect(lines.join('\n')).toContain('● echo: hello there');
    expect(statusLine(lines)).toMatch(/0:\S*○\*/);
    // We were looking at it: no alert.
    expect(bells(t.output)).toBe(0);
    expect(oscNotes(t.output)).toEqual([]);
  });

  it('ccmux wait returns when the turn ends; --timeout fails with exit 1; bad uses are errors', async () => {
    const w = world('', { FAKE_CLAUDE_THINK_MS: '3000' });
    await w.sb.ok(['new', '-d', '-c', w.proj]);
    const id = await claudePane(w, ['split-window']);
    expect(await w.sb.ok(['wait', '--until', 'idle', '-t', id])).toBe('idle\n'); // already there

    await w.sb.ok(['send-keys', '-t', id, 'think about it', 'Enter']);
    expect(await w.sb.ok(['wait', '--until', 'working', '-t', id, '--timeout', '10'])).toBe('working\n');
    const t0 = Date.now();
    expect(await w.sb.ok(['wait', '--until', 'needs-input,idle', '-t', id])).toBe('idle\n');
    expect(Date.now() - t0).toBeGreaterThan(500); // it did wait for the think time
    expect(await w.sb.ok(['capture-pane', '-p', '-t', id])).toContain('● echo: think about it');
    expect((await pane(w.sb, id)).claude.state).toBe('idle');

    const t1 = Date.now();
    const timedOut = await w.sb.ccmux(['wait', '--until', 'needs-input', '-t', id, '--timeout', '1']);
    expect(timedOut.code).toBe(1);
    expect(timedOut.stderr).toContain(`timed out after 1s; pane ${id} is idle`);
    expect(Date.now() - t1).toBeGreaterThanOrEqual(900);

    const shell = (await w.sb.panes()).find((p) => !p.claude)!.id as string;
    for (const [args, msg] of [
      [['wait', '--until', 'idle', '-t', shell], 'is not a Claude pane'],
      [['wait', '--until', 'sleeping', '-t', id], 'unknown state: sleeping'],
      [['wait', '-t', id], 'wait needs --until'],
      [['wait', '--until', 'idle', '-t', id, '--timeout', 'soon'], 'invalid --timeout'],
    ] as const) {
      const r = await w.sb.ccmux([...args]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toContain(msg);
    }
  });

  it('a permission prompt in a background window flags it, rings, notifies; prefix N goes there; the answer resumes the turn', async () => {
    // The user's PostToolUse hook waits for the gate file (20 s at most): the turn stays working
    // after the answer until the test has seen it so, instead of for a guessed two seconds.
    // claude's own permission_prompt Notification never comes in this test (as when the user
    // answers within its ~6 s): needs-input must come from PermissionRequest, with the dialog.
    const w = world('', { FAKE_CLAUDE_PERMISSION_NOTIFY_MS: '600000' }, { PostToolUse: `i=0; while [ ! -e '{gate}' ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done` });
    const t = await attached(w);
    const id = await claudePane(w, ['new-window', '-d']);
    let lines = await t.waitForScreen(/1:\S*○/);
    expect(statusLine(lines)).toMatch(/0:\S*\*/); // still looking at window 0

    // A finished turn in the background: an alert too ("finished").
    await w.sb.ok(['send-keys', '-t', id, 'quick one', 'Enter']);
    await waitFor(() => oscNotes(t.output).length === 1, 10_000, 'the finished notification');
    expect(oscNotes(t.output)).toEqual(['ccmux: claude in 0:1 finished']);
    expect(bells(t.output)).toBe(1);
    await t.waitForScreen('claude in 0:1 finished'); // the message on the status line

    await w.sb.ok(['send-keys', '-t', id, 'ask permission for a tool', 'Enter']);
    await untilState(w.sb, id, 'needs-input');
    // The session file says "permission prompt"; the PermissionRequest hook adds which tool.
    const asking = await waitFor(async () => {
      const x = await pane(w.sb, id);
      return x.claude.message === 'permission: Bash' ? x : null;
    }, 10_000, 'the question to name its tool');
    expect(asking.claude).toMatchObject({ state: 'needs-input', guessed: false, message: 'permission: Bash', waitingSeconds: expect.any(Number) });
    expect(asking.claude.waitingSeconds).toBeGreaterThanOrEqual(0);
    await waitFor(() => oscNotes(t.output).length === 2, 10_000, 'the needs-input notification');
    expect(oscNotes(t.output)[1]).toBe('ccmux: claude in 0:1 needs input');
    expect(bells(t.output)).toBe(2);
    lines = await t.waitForScreen((l) => /1:\S*◆/.test(statusLine(l)) && statusLine(l).includes('◆1 '));
    // The flagged window entry is drawn in reverse video.
    const x = statusLine(lines).search(/1:\S*◆/);
    expect(inverseAt(t, x, lines.length - 1)).toBe(true);
    expect(JSON.parse(await w.sb.ok(['list-windows', '--json'])).find((x: any) => x.active).index).toBe(0);

    t.prefix('N');
    lines = await t.waitForScreen('◆ claude needs input');
    const windows = JSON.parse(await w.sb.ok(['list-windows', '--json']));
    expect(windows.find((x: any) => x.active).index).toBe(1);
    const here = await pane(w.sb, id);
    expect(here.active).toBe(true);
    expect(here.window).toBe(1);
    expect(lines.join('\n')).toContain('Do you want to proceed?');
    expect(statusLine(lines)).toMatch(/1:\S*◆\*/);

    t.type('1\r');
    await untilState(w.sb, id, 'working', 5000);
    await t.waitForScreen('● claude working');
    await t.waitForScreen((l) => !statusLine(l).includes('◆1'));
    fs.writeFileSync(w.gate, ''); // the hook may end: the turn finishes
    await untilState(w.sb, id, 'idle');
    await t.waitForScreen('○ claude idle');
    expect(await w.sb.ok(['capture-pane', '-p', '-t', id])).toContain('● Bash(echo fake)');
    // Looking at it now: no new alert.
    expect(oscNotes(t.output)).toHaveLength(2);
    expect(bells(t.output)).toBe(2);
  });

  it('with claude-alert-bell = false and claude-alert-notify = "off": flagged and counted, but no bell and no OSC', async () => {
    const w = world('claude-alert-bell = false\nclaude-alert-notify = "off"\n');
    const t = await attached(w);
    const id = await claudePane(w, ['new-window', '-d']);
    const calm = await t.waitForScreen((l) => /1:\S*○/.test(statusLine(l)));
    expect(inverseAt(t, statusLine(calm).search(/1:\S*○/), calm.length - 1)).toBe(false);
    await w.sb.ok(['send-keys', '-t', id, 'ask permission', 'Enter']);
    await untilState(w.sb, id, 'needs-input');
    await t.waitForScreen('claude in 0:1 needs input');
    const lines = await t.waitForScreen((l) => /1:\S*◆/.test(statusLine(l)) && statusLine(l).includes('◆1 '));
    expect(inverseAt(t, statusLine(lines).search(/1:\S*◆/), lines.length - 1)).toBe(true);
    // A bell or notification would go out with the message just seen; a round trip to the
    // server and a flush of the terminal make sure nothing sent by then is missed.
    await w.sb.ok(['display', '-p', 'x']);
    await t.flush();
    expect(bells(t.output)).toBe(0);
    expect(t.output).not.toContain('\x1b]9;');
    expect(t.output).not.toContain('\x1b]777;');
  });

  it('/clear starts a new session in the same pane: still idle, the new session id is recorded', async () => {
    const w = world();
    await w.sb.ok(['new', '-d', '-c', w.proj]);
    const id = await claudePane(w, ['split-window']);
    const first = (await pane(w.sb, id)).claude.sessionId as string;
    await w.sb.ok(['send-keys', '-t', id, '/clear', 'Enter']);
    const p = await waitFor(async () => {
      const x = await pane(w.sb, id);
      return x.claude.sessionId !== first ? x : null;
    }, 10_000, 'the new session id');
    expect(p.claude.state).toBe('idle');
    expect(p.claude.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    await w.sb.ok(['send-keys', '-t', id, 'after clear', 'Enter']);
    await waitFor(async () => (await w.sb.ok(['capture-pane', '-p', '-t', id])).includes('● echo: after clear'), 10_000, 'the answer');
    expect((await untilState(w.sb, id, 'idle')).claude.sessionId).toBe(p.claude.sessionId);
  });

  it("fires the user's own hooks alongside ccmux's", async () => {
    const w = world();
    await w.sb.ok(['new', '-d', '-c', w.proj]);
    const id = await claudePane(w, ['split-window']);
    await w.sb.ok(['send-keys', '-t', id, 'use a tool', 'Enter']);
    await waitFor(() => fs.existsSync(w.userHookLog) && fs.readFileSync(w.userHookLog, 'utf8').includes('user Stop'), 10_000, 'the user Stop hook');
    await untilState(w.sb, id, 'idle');
    expect(fs.readFileSync(w.userHookLog, 'utf8').trim().split('\n')).toEqual(
      ['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'Stop'].map((e) => `user ${e} ${id}`),
    );
    const start = jsonLines(w.log)[0]!;
    expect(start.argv).toContain('--settings');
  });

  it('the hook command with no server exits 0 at once and prints nothing', async () => {
    const w = world();
    const input = JSON.stringify({ session_id: '6c5b4a39-2817-4f6e-9d5c-4b3a29180706', hook_event_name: 'Stop', stop_hook_active: false });
    for (const argv of [[HOOK, 'Stop'], [path.join(ROOT, 'bin', 'ccmux.js'), 'hook', 'Stop']]) {
      const r = await new Promise<{ code: number | null; out: string; ms: number }>((resolve) => {
        const t0 = Date.now();
        const child = spawn(process.execPath, argv, { env: { ...w.sb.env, CCMUX: '/nonexistent/sock,1', CCMUX_PANE_ID: '%1' } });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (out += d));
        child.on('close', (code) => resolve({ code, out, ms: Date.now() - t0 }));
        child.stdin.end(input);
      });
      expect(r.code, argv.join(' ')).toBe(0);
      expect(r.out).toBe('');
      expect(r.ms).toBeLessThan(2000);
    }
  });

  it('with [claude] hooks = false: no --settings; claude\'s session file says the state, exactly', async () => {
    const w = world('[claude]\nhooks = false\n');
    await w.sb.ok(['new', '-d', '-c', w.proj]);
    const id = await claudePane(w, ['split-window']);
    expect((await pane(w.sb, id)).claude).toMatchObject({ state: 'idle', guessed: false });
    expect(jsonLines(w.log)[0]!.argv).not.toContain('--settings');
    await w.sb.ok(['send-keys', '-t', id, 'ask permission', 'Enter']);
    expect((await untilState(w.sb, id, 'needs-input')).claude).toMatchObject({ guessed: false, message: 'permission prompt' });
    await w.sb.ok(['send-keys', '-t', id, '1', 'Enter']);
    await untilState(w.sb, id, 'idle');
  });

  it('with [claude] hooks = false and a claude without a session file: the state guessed from the screen', async () => {
    const w = world('[claude]\nhooks = false\n', { FAKE_CLAUDE_NO_SESSION_FILE: '1' });
    const t = await attached(w);
    const id = await claudePane(w, ['split-window', '-h']);
    const idle = await pane(w.sb, id);
    expect(idle.claude).toMatchObject({ state: 'idle', guessed: true });
    await t.waitForScreen('○ claude idle?');
    const start = jsonLines(w.log)[0]!;
    expect(start.argv).not.toContain('--settings');
    expect(start.argv).toContain('--session-id');

    await w.sb.ok(['send-keys', '-t', id, 'ask permission', 'Enter']);
    const asking = await untilState(w.sb, id, 'needs-input');
    expect(asking.claude.guessed).toBe(true);
    await t.waitForScreen('◆ claude needs input?');
    // Only the user's hooks ran: ccmux heard nothing from claude.
    expect(fs.readFileSync(w.userHookLog, 'utf8')).toContain(`user PreToolUse ${id}`);
  });

  it('trust is inherited from a trusted parent as claude does; a first-run question shows needs-input, not starting', async () => {
    const w = world();
    await w.sb.ok(['new', '-d', '-c', w.proj]);
    const sub = path.join(w.proj, 'pkg', 'sub');
    fs.mkdirSync(sub, { recursive: true });
    await w.sb.ok(['split-window', '--claude', '-c', sub]);
    const inSub = await waitFor(async () => (await w.sb.panes()).find((x) => x.claude), 10_000, 'the Claude pane');
    await untilState(w.sb, inSub.id, 'idle'); // no trust question: it went straight to its prompt
    expect(await w.sb.ok(['capture-pane', '-p', '-t', inSub.id])).not.toContain('Do you trust');

    const elsewhere = path.join(fs.realpathSync(w.sb.dir), 'untrusted');
    fs.mkdirSync(path.join(elsewhere, '.git'), { recursive: true });
    await w.sb.ok(['new-window', '-d', '--claude', '-c', elsewhere]);
    const asking = await waitFor(async () => (await w.sb.panes()).find((x) => x.claude && x.id !== inSub.id), 10_000, 'the second Claude pane');
    await waitFor(async () => (await w.sb.ok(['capture-pane', '-p', '-t', asking.id])).includes('Do you trust the files in this folder?'), 10_000, 'the trust question');
    const p = await untilState(w.sb, asking.id, 'needs-input');
    expect(p.claude.guessed).toBe(true);
    await w.sb.ok(['send-keys', '-t', asking.id, '1', 'Enter']);
    const after = await untilState(w.sb, asking.id, 'idle');
    expect(after.claude.guessed).toBe(false); // claude's own SessionStart said so
  });

  it('Ctrl-C while claude works leaves working at once (no hook fires: claude\'s session file says idle)', async () => {
    // The turn would take a minute: only the interrupt can end it within the test.
    const w = world('', { FAKE_CLAUDE_THINK_MS: '60000', FAKE_CLAUDE_PERMISSION_NOTIFY_MS: '600000' });
    await w.sb.ok(['new', '-d', '-c', w.proj]);
    const id = await claudePane(w, ['split-window']);
    await w.sb.ok(['send-keys', '-t', id, 'think for a minute', 'Enter']);
    await untilState(w.sb, id, 'working');
    await w.sb.ok(['send-keys', '-t', id, 'C-c']);
    const idle = await untilState(w.sb, id, 'idle');
    expect(idle.claude.guessed).toBe(false);
    expect(await w.sb.ok(['capture-pane', '-p', '-t', id])).toContain('Interrupted · What should Claude do instead?');
    expect(fs.readFileSync(w.userHookLog, 'utf8')).not.toContain(`user Stop ${id}`); // no hook said it
  });

  it('No at a permission question leaves needs-input at once (no hook fires: claude\'s session file says idle)', async () => {
    const w2 = world('', { FAKE_CLAUDE_PERMISSION_NOTIFY_MS: '600000' });
    await w2.sb.ok(['new', '-d', '-c', w2.proj]);
    const id2 = await claudePane(w2, ['split-window']);
    await w2.sb.ok(['send-keys', '-t', id2, 'ask permission', 'Enter']);
    await untilState(w2.sb, id2, 'needs-input');
    await w2.sb.ok(['send-keys', '-t', id2, '2', 'Enter']);
    await untilState(w2.sb, id2, 'idle');
    expect(await w2.sb.ok(['capture-pane', '-p', '-t', id2])).toContain('Interrupted · What should Claude do instead?');
  });

  it('a failed turn (StopFailure) is an error with its reason: shown, alerted, waited for; the next prompt leaves it', async () => {
    const w = world();
    const t = await attached(w);
    const id = await claudePane(w, ['new-window', '-d']);
    await t.waitForScreen(/1:\S*○/);
    await w.sb.ok(['send-keys', '-t', id, 'api-error:authentication_failed', 'Enter']);
    expect(await w.sb.ok(['wait', '--until', 'error,idle', '-t', id, '--timeout', '10'])).toBe('error\n');
    const failed = await pane(w.sb, id);
    expect(failed.claude).toMatchObject({ state: 'error', message: 'authentication failed', guessed: false });
    // An alert, as for a question: flagged, rung, notified, said on the status line.
    await waitFor(() => oscNotes(t.output).length === 1, 10_000, 'the failure notification');
    expect(oscNotes(t.output)).toEqual(['ccmux: claude in 0:1 failed: authentication failed']);
    expect(bells(t.output)).toBe(1);
    await t.waitForScreen((l) => /1:\S*✖/.test(statusLine(l)));
    t.prefix('1');
    await t.waitForScreen('✖ claude error: authentication failed');
    await w.sb.ok(['send-keys', '-t', id, 'try again', 'Enter']);
    await untilState(w.sb, id, 'idle');
    await t.waitForScreen('○ claude idle');
    expect((await pane(w.sb, id)).claude.message).toBeUndefined();
  });

  it('reports are bound to this server and the pane\'s own claude: others are refused; a live claude that reports again leaves exited', async () => {
    const w = world();
    await w.sb.ok(['new', '-d', '-c', w.proj]);
    const id = await claudePane(w, ['split-window']);
    const claudePid = (await pane(w.sb, id)).pid as number;
    const token = /(?:^|\0)CCMUX_CLAUDE_TOKEN=([^\0]*)/.exec(fs.readFileSync(`/proc/${claudePid}/environ`, 'utf8'))?.[1];
    expect(token).toMatch(/^[0-9a-f-]{36}\.[0-9a-f-]{36}$/);
    const report = (event: string, tok: string | undefined, at = Date.now()) =>
      w.sb.ccmux(['claude-hook', id, String(at), JSON.stringify({ event, ...(tok ? { token: tok } : {}) })]);
    const [instance, uuid] = token!.split('.');
    for (const [tok, why] of [
      [undefined, 'carries no ccmux token'],
      [`00000000-0000-4000-8000-000000000000.${uuid}`, 'another ccmux server'],
      [`${instance}.00000000-0000-4000-8000-000000000000`, 'another pane'],
    ] as const) {
      const r = await report('UserPromptSubmit', tok);
      expect(r.code, String(tok)).toBe(1);
      expect(r.stderr).toContain(why);
    }
    expect((await pane(w.sb, id)).claude.state).toBe('idle');
    // A pane wrongly marked exited (a SessionEnd) comes back when its claude reports again.
    expect((await report('SessionEnd', token)).code).toBe(0);
    await untilState(w.sb, id, 'exited');
    expect((await report('UserPromptSubmit', token)).code).toBe(0);
    await untilState(w.sb, id, 'working');
    expect((await report('Stop', token)).code).toBe(0);
    await untilState(w.sb, id, 'idle');
  });
});
