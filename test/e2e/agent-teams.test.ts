/*
 * End-to-end: Claude Code's agent teams in a Claude pane, with the fake claude running
 * the tmux sequence the real client runs (fixtures/fake-claude/lib/team.mjs: only when
 * $TMUX is set, through the `tmux` on its PATH). With `[claude] tmux_shim = true` the
 * teammates open as ccmux panes beside the lead — sharing the lead's config dir, never a
 * new one — can be hidden in a session of their own and shown again with the same
 * process, and the checkpoint follows; no real tmux is run, and a plain pane of the same
 * server gets neither TMUX nor the shim. With the option off, the fake claude sees no
 * tmux and keeps its teammates in-process: no tmux is run and ccmux gets no pane.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Sandbox, pidAlive, waitFor } from './harness.js';
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
  /** Every run of the stand-in for a real tmux, later in PATH than the shim. */
  tmuxLog: string;
}

/**
 * A sandbox whose HOME has a base Claude config (onboarding done, `proj` trusted), and a
 * `tmux` on PATH standing in for the user's real one: it records each run and fails.
 */
function world(config: string): World {
  sb = new Sandbox({ config, env: { FAKE_CLAUDE_IDLE_MS: '0' } });
  const root = fs.realpathSync(sb.dir);
  const proj = path.join(root, 'proj');
  fs.mkdirSync(path.join(proj, '.git'), { recursive: true });
  fs.mkdirSync(path.join(sb.home, '.claude'), { mode: 0o700 });
  fs.writeFileSync(path.join(sb.home, '.claude.json'), JSON.stringify({ hasCompletedOnboarding: true, lastOnboardingVersion: '2.1.197', projects: { [proj]: { hasTrustDialogAccepted: true } } }));
  const bin = path.join(root, 'user-bin');
  fs.mkdirSync(bin);
  const tmuxLog = path.join(root, 'real-tmux.log');
  fs.writeFileSync(path.join(bin, 'tmux'), `#!/bin/sh\necho "$*" >> '${tmuxLog}'\nexit 1\n`, { mode: 0o755 });
  sb.env.PATH = `${sb.env.PATH}:${bin}`;
  const log = path.join(root, 'fake-claude.log');
  sb.env.FAKE_CLAUDE_LOG = log;
  return { sb, proj, log, tmuxLog };
}

const capture = (s: Sandbox, id: string) => s.ok(['capture-pane', '-p', '-J', '-t', id]);

/** The environment of a live process. */
function environOf(pid: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean)) {
    const eq = kv.indexOf('=');
    out[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  return out;
}

/** Start the lead Claude pane in session "lead" and wait for its prompt; its pane record. */
async function lead(w: World): Promise<Record<string, any>> {
  await w.sb.ok(['new-session', '-d', '-s', 'lead', '-x', '120', '-y', '40', '-c', w.proj, '--claude']);
  const p = await waitFor(async () => (await w.sb.panes()).find((x) => x.claude && x.session === 'lead'), 10_000, 'the lead pane');
  await waitFor(async () => (await capture(w.sb, p.id)).includes('❯'), 10_000, 'the lead prompt');
  return p;
}

/** Type `text` at the lead's prompt and wait for the line of the answer that starts with `team`. */
async function ask(w: World, id: string, text: string): Promise<string> {
  await w.sb.ok(['send-keys', '-t', id, text, 'Enter']);
  const screen = await waitFor(async () => {
    const s = await capture(w.sb, id);
    const i = s.lastIndexOf(text);
    return i >= 0 && /\nteam( failed)?: .*\n/.test(s.slice(i)) && s.slice(i);
  }, 20_000, `the answer to ${text}`);
  return /\n(team( failed)?: .*)\n/.exec(screen)![1]!;
}

describe('agent teams', () => {
  it('opens teammates as ccmux panes sharing the lead\'s config, hides and shows them with their process, with tmux_shim on', async () => {
    const w = world('[claude]\ntmux_shim = true\n');
    const leadPane = await lead(w);
    const shimDir = path.join(w.sb.stateDir, 'tmux-shim');
    const leadEnv = environOf(leadPane.pid);
    expect(leadEnv.TMUX).toMatch(new RegExp(`^${w.sb.dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/run/ccmux/default,\\d+,\\d+$`));
    expect(leadEnv.TMUX_PANE).toBe(leadPane.id);
    expect(leadEnv.PATH.split(':')[0]).toBe(shimDir);

    const answer = await ask(w, leadPane.id, 'team:2');
    const ids = /^team: (%\d+) (%\d+)$/.exec(answer)?.slice(1);
    expect(ids, answer).toBeDefined();
    const [mate1, mate2] = ids!;

    // Beside the lead, titled, the lead at 30% of the width (main-vertical, then resize-pane -x 30%).
    const win = (await w.sb.panes()).filter((p) => p.session === 'lead' && p.window === leadPane.window);
    expect(win.map((p) => p.id).sort()).toEqual([leadPane.id, mate1, mate2].sort());
    expect(win.find((p) => p.id === mate1)!.title).toBe('mate1');
    expect(win.find((p) => p.id === mate2)!.title).toBe('mate2');
    expect(win.find((p) => p.id === leadPane.id)!.width).toBe(Math.round(120 * 0.3));

    // Each teammate is claude again, in the lead's config dir and tmp dir (inherited, not a new dir).
    const starts = await waitFor(() => {
      const s = jsonLines(w.log).filter((e) => e.event === 'start');
      return s.length === 3 && s;
    }, 10_000, 'both teammates to start');
    const [leadStart, ...mates] = starts;
    expect(leadStart!.CLAUDE_CONFIG_DIR).toBe(leadPane.claude.dir);
    for (const m of mates) {
      expect(m.argv).toEqual(expect.arrayContaining(['--agent-id', '--team-name', 'fake-team', '--teammate-mode', 'tmux']));
      expect(m.CLAUDE_CONFIG_DIR).toBe(leadStart!.CLAUDE_CONFIG_DIR);
      expect(m.CLAUDE_CODE_TMPDIR).toBe(leadStart!.CLAUDE_CODE_TMPDIR);
      expect(m.HOME).toBe(leadStart!.HOME);
      expect(m.ccmux.CCMUX_TMUX_SHIM).toBe(shimDir);
      expect([mate1, mate2]).toContain(m.ccmux.CCMUX_PANE_ID);
    }
    expect(fs.readdirSync(path.join(w.sb.stateDir, 'claude-configs'))).toHaveLength(1);

    // Hidden in a session of its own and shown again: the same process all along.
    const pid = (await w.sb.panes()).find((p) => p.id === mate2)!.pid;
    expect(await ask(w, leadPane.id, `team-hide:${mate2}`)).toBe(`team: hid ${mate2}`);
    const hidden = (await w.sb.panes()).find((p) => p.id === mate2)!;
    expect([hidden.session, hidden.pid]).toEqual(['claude-hidden', pid]);
    const checkpoint = path.join(w.sb.stateDir, 'servers', 'default.json');
    const sessionsIn = () => (JSON.parse(fs.readFileSync(checkpoint, 'utf8')).body.sessions as Array<{ name: string; windows: Array<{ panes: unknown[] }> }>);
    await waitFor(() => sessionsIn().find((s) => s.name === 'claude-hidden')?.windows.length === 2, 10_000, 'the checkpoint to hold the hidden teammate');
    expect(await ask(w, leadPane.id, `team-show:${mate2}`)).toMatch(new RegExp(`^team: shown ${leadPane.id} .*${mate2}`));
    const shown = (await w.sb.panes()).find((p) => p.id === mate2)!;
    expect([shown.session, shown.window, shown.pid]).toEqual(['lead', leadPane.window, pid]);
    await waitFor(() => sessionsIn().find((s) => s.name === 'lead')?.windows[0]?.panes.length === 3, 10_000, 'the checkpoint to have it back');

    // The user's real tmux was never run, and a plain pane of this server gets no shim.
    expect(fs.existsSync(w.tmuxLog)).toBe(false);
    await w.sb.ok(['new-window', '-d', '-t', 'lead', 'sleep 100']);
    const plain = (await w.sb.panes()).find((p) => p.session === 'lead' && p.window !== leadPane.window)!;
    const plainEnv = environOf(plain.pid);
    expect(plainEnv.TMUX).toBeUndefined();
    expect(plainEnv.TMUX_PANE).toBeUndefined();
    expect(plainEnv.PATH.split(':')).not.toContain(shimDir);
    expect(plainEnv.CLAUDE_CONFIG_DIR).toBeUndefined();

    expect(await ask(w, leadPane.id, 'team-kill')).toBe('team: ended');
    await waitFor(async () => (await w.sb.panes()).every((p) => p.id !== mate1 && p.id !== mate2), 10_000, 'the teammates to close');
  }, 90_000);

  it('follows each teammate as a Claude pane of its own, from its own hooks, and closing one leaves the lead\'s dir and session alone', async () => {
    const w = world('[claude]\ntmux_shim = true\n');
    const leadPane = await lead(w);
    const leadDir = leadPane.claude.dir as string;
    const answer = await ask(w, leadPane.id, 'team:2');
    const [mate1, mate2] = /^team: (%\d+) (%\d+)$/.exec(answer)!.slice(1) as [string, string];

    // Each teammate: no Claude dir of its own (claude: null), a teammate record naming its lead,
    // and a state from its own hooks — it keeps no session file, as the real 2.1.197 teammate.
    for (const [id, name] of [[mate1, 'mate1'], [mate2, 'mate2']] as const) {
      const p = await waitFor(async () => {
        const x = (await w.sb.panes()).find((q) => q.id === id);
        return x?.teammate?.state === 'idle' && x;
      }, 15_000, `${id} to be an idle teammate`);
      expect(p.claude).toBeNull();
      expect(p.teammate).toMatchObject({ lead: leadPane.id, name, team: 'fake-team', state: 'idle' });
      expect(p.teammate.sessionId).toMatch(/^[0-9a-f-]{36}$/);
      expect(await w.sb.ok(['display-message', '-p', '-t', id, '#{claude_state} #{pane_claude}'])).toBe('idle 0\n');
    }
    // Their title lines, as a Claude pane's: mark, claude, @name, state.
    const t = await w.sb.terminal(['attach', '-t', 'lead'], 120, 40);
    await t.waitForScreen((lines) => lines.some((l) => l.includes('claude @mate1 idle')) && lines.some((l) => l.includes('claude @mate2 idle')));
    t.dispose();
    const leadPid = leadPane.pid as number;
    const sessionFiles = fs.readdirSync(path.join(leadDir, 'sessions'));
    expect(sessionFiles).toEqual([`${leadPid}.json`]);

    // Its hooks name its own pane, with a token of its own (not the lead's).
    const starts = jsonLines(w.log).filter((e) => e.event === 'start');
    const leadToken = environOf(leadPid).CCMUX_CLAUDE_TOKEN;
    const mateStart = starts.find((e) => e.ccmux.CCMUX_PANE_ID === mate1)!;
    expect(mateStart.ccmux.CCMUX_CLAUDE_TOKEN).toMatch(/^[0-9a-f-]+\.[0-9a-f-]+$/);
    expect(mateStart.ccmux.CCMUX_CLAUDE_TOKEN).not.toBe(leadToken);
    // It got the full hook settings, not its lead's lean ones: with no session file, only its Stop says a turn is over.
    const settingsOf = (argv: string[]) => argv[argv.indexOf('--settings') + 1];
    const leadSettings = settingsOf(starts.find((e) => e.ccmux.CCMUX_PANE_ID === leadPane.id)!.argv);
    expect(leadSettings).toMatch(/\.lean\.json$/);
    expect(settingsOf(mateStart.argv)).toBe(leadSettings.replace(/\.lean\.json$/, '.json'));

    // The lead says busy while its teammates live (as 2.1.197's session file does): working.
    await waitFor(async () => (await w.sb.panes()).find((p) => p.id === leadPane.id)!.claude.state === 'working', 10_000, 'the lead to be working');
    // A prompt typed into a teammate: working, then idle again (its Stop); the lead's state is its own.
    // (The turn thinks 5 s: `wait --until working` is there before it ends, even under load.)
    await w.sb.ok(['send-keys', '-t', mate1, 'use a tool think:5000', 'Enter']);
    expect((await w.sb.ok(['wait', '--until', 'working', '-t', mate1, '--timeout', '20'])).trim()).toBe('working');
    expect((await w.sb.ok(['wait', '--until', 'idle', '-t', mate1, '--timeout', '20'])).trim()).toBe('idle');
    expect((await w.sb.panes()).find((p) => p.id === leadPane.id)!.claude.state).toBe('working');
    expect(await w.sb.ok(['display-message', '-p', '-t', leadPane.id, '#{window_claude_mark}'])).not.toBe('\n');

    // Closing a teammate pane: its claude ends, the lead's dir, config and session stay.
    const matePid = (await w.sb.panes()).find((p) => p.id === mate2)!.pid as number;
    await w.sb.ok(['kill-pane', '-t', mate2]);
    await waitFor(() => !pidAlive(matePid), 10_000, 'the teammate to exit');
    await w.sb.ok(['display-message', '-p', 'x']); // the server has handled the close
    expect(fs.existsSync(path.join(leadDir, '.claude.json'))).toBe(true);
    expect(fs.readdirSync(path.join(leadDir, 'sessions'))).toEqual([`${leadPid}.json`]);
    expect(fs.readdirSync(path.join(w.sb.stateDir, 'claude-configs'))).toEqual([path.basename(leadDir)]);
    expect(pidAlive(leadPid)).toBe(true);
    const leadAfter = (await w.sb.panes()).find((p) => p.id === leadPane.id)!;
    expect([leadAfter.claude.dir, leadAfter.claude.state, leadAfter.claude.sessionId]).toEqual([leadDir, 'working', leadPane.claude.sessionId]);
    expect(fs.readFileSync(path.join(w.sb.stateDir, 'logs', 'default.log'), 'utf8')).not.toMatch(new RegExp(`"pane":${mate2.slice(1)},[^\n]*claude pane closed`));
    expect(await ask(w, leadPane.id, 'team-kill')).toBe('team: ended');
    // Its teammates ended, the lead is idle again.
    expect((await w.sb.ok(['wait', '--until', 'idle', '-t', leadPane.id, '--timeout', '20'])).trim()).toBe('idle');
  }, 90_000);

  it('after a crash resumes the lead and leaves its teammates\' panes as shells saying why, with no teammate command kept', async () => {
    const w = world('[claude]\ntmux_shim = true\n');
    const leadPane = await lead(w);
    await w.sb.ok(['send-keys', '-t', leadPane.id, 'hello', 'Enter']); // a conversation to resume
    await waitFor(async () => (await capture(w.sb, leadPane.id)).includes('● echo: hello'), 10_000, 'the answer');
    const [mate] = /^team: (%\d+)$/.exec(await ask(w, leadPane.id, 'team:1'))!.slice(1) as [string];
    await waitFor(async () => (await w.sb.panes()).find((p) => p.id === mate)?.teammate?.state === 'idle', 15_000, 'the teammate to be idle');
    const checkpoint = path.join(w.sb.stateDir, 'servers', 'default.json');
    const paneRec = () => (JSON.parse(fs.readFileSync(checkpoint, 'utf8')).body.sessions as Array<{ windows: Array<{ panes: Array<Record<string, any>> }> }>)
      .flatMap((s) => s.windows.flatMap((x) => x.panes)).find((p) => `%${p.id}` === mate);
    const rec = await waitFor(() => paneRec()?.teammate && paneRec(), 10_000, 'the checkpoint to hold the teammate');
    // Claude Code puts provider settings (AWS keys among them) in a teammate's command line: not kept.
    expect(rec).toMatchObject({ teammate: { name: 'mate1', team: 'fake-team' } });
    expect(rec.command).toBeUndefined();

    const pids = (await w.sb.panes()).map((p) => p.pid as number);
    const server = Number((await w.sb.ok(['display-message', '-p', '#{pid}'])).trim());
    process.kill(server, 'SIGKILL');
    await waitFor(() => !pidAlive(server), 10_000, 'the server to die');
    await waitFor(() => pids.every((p) => !pidAlive(p)), 10_000, 'its panes\' programs to end');
    const startsBefore = jsonLines(w.log).filter((e) => e.event === 'start').length;
    await w.sb.ok(['new-session', '-d', '-s', 'probe']);

    // The lead comes back with --resume of its conversation; no teammate is started again
    // (Claude Code 2.1.197 itself starts none when its lead resumes: ADR teammate-panes).
    const after = await waitFor(async () => {
      const ps = await w.sb.panes();
      const l = ps.find((p) => p.session === 'lead' && p.claude);
      return l?.claude.state === 'idle' && ps;
    }, 20_000, 'the lead to be resumed');
    const restarts = jsonLines(w.log).filter((e) => e.event === 'start').slice(startsBefore);
    expect(restarts.map((e) => e.mode)).toEqual(['resume']);
    const shell = after.find((p) => p.session === 'lead' && !p.claude)!;
    expect(shell.teammate).toBeNull();
    const note = await waitFor(async () => {
      const text = await capture(w.sb, shell.id);
      return text.includes('before the restore') && text;
    }, 10_000, 'the note in the teammate\'s pane');
    expect(note.replace(/\n/g, '')).toContain('before the restore this pane ran the agent-team teammate mate1 of fake-team; Claude Code does not start teammates again when their lead resumes');
  }, 90_000);

  it('leaves ccmux and tmux alone with tmux_shim off: the teammates stay in-process', async () => {
    const w = world('');
    const leadPane = await lead(w);
    const leadEnv = environOf(leadPane.pid);
    expect(leadEnv.TMUX).toBeUndefined();
    expect(leadEnv.PATH.split(':')).not.toContain(path.join(w.sb.stateDir, 'tmux-shim'));
    expect(await ask(w, leadPane.id, 'team:2')).toBe('team: in-process');
    expect((await w.sb.panes()).map((p) => p.id)).toEqual([leadPane.id]);
    expect(fs.existsSync(w.tmuxLog)).toBe(false);
    expect(fs.existsSync(path.join(w.sb.stateDir, 'tmux-shim'))).toBe(false);
  }, 60_000);
});
