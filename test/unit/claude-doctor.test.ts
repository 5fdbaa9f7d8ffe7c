/*
 * doctor: the pure judge (diagnose, the human and JSON reports) over hand-made facts, and
 * the fact gathering over a real temp state dir and a real child process's environment.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { diagnose, doctorJson, formatDoctorReport, type DoctorFacts, type PaneFacts } from '../../src/claude/doctor.js';
import { diskUsage, gatherDoctorFacts } from '../../src/claude/doctor-facts.js';
import { cleanupTempDirs, tempDir } from './claude-test-helpers.js';

const UID = 1000;
const STATE = '/s/ccmux';
const DIR_A = `${STATE}/claude-configs/pane-aaaaaaaa-0000-4000-8000-000000000001`;
const DIR_B = `${STATE}/claude-configs/pane-bbbbbbbb-0000-4000-8000-000000000002`;
const SID_A = '11111111-0000-4000-8000-00000000000a';
const SID_B = '22222222-0000-4000-8000-00000000000b';

function pane(over: Partial<PaneFacts> = {}): PaneFacts {
  return {
    id: '%1',
    pid: 101,
    method: 'config_dir',
    dir: DIR_A,
    sessionId: SID_A,
    stat: { kind: 'dir', mode: 0o700, uid: UID },
    transcripts: [SID_A],
    lastSessionIds: [],
    liveSessions: [{ pid: 101, sessionId: SID_A, alive: true }],
    env: { CLAUDE_CONFIG_DIR: DIR_A, HOME: '/home/u' },
    credentials: 'link',
    usage: { bytes: 9000, disk: 20480, files: 3, dirs: 2, links: 2 },
    ...over,
  };
}

const paneB = (over: Partial<PaneFacts> = {}) =>
  pane({ id: '%2', pid: 102, dir: DIR_B, sessionId: SID_B, transcripts: [], liveSessions: [], env: { CLAUDE_CONFIG_DIR: DIR_B, HOME: '/home/u' }, ...over });

function facts(panes: PaneFacts[], over: Partial<DoctorFacts> = {}): DoctorFacts {
  return {
    stateDir: STATE,
    uid: UID,
    roots: [{ path: `${STATE}/claude-configs`, stat: { kind: 'dir', mode: 0o700, uid: UID } }, { path: `${STATE}/claude-homes`, stat: null }],
    panes,
    orphans: [],
    ...over,
  };
}

describe('diagnose', () => {
  it('finds two well isolated panes healthy', () => {
    const r = diagnose(facts([pane(), paneB()]));
    expect(r.healthy).toBe(true);
    expect(r.problems).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.panes[0]!.checks.filter((c) => c.level === 'ok').map((c) => c.text)).toEqual([
      'dir exists and is a real dir (not a symlink)',
      'mode 0700, owned by you',
      `session ${SID_A}: its transcript is here`,
      `process 101 has CLAUDE_CONFIG_DIR=${DIR_A}`,
      'no other pane shares its dir, config dir or session',
    ]);
  });

  it.each([
    ['a missing dir', { stat: null }, `%1: dir is missing: ${DIR_A}`],
    ['a symlink', { stat: { kind: 'symlink' as const, mode: 0o777, uid: UID, target: '/elsewhere' } }, `%1: dir is a symlink (to /elsewhere), not a real dir: ${DIR_A}`],
    ['a file', { stat: { kind: 'file' as const, mode: 0o600, uid: UID } }, `%1: dir is not a directory (file): ${DIR_A}`],
    ['mode 0755', { stat: { kind: 'dir' as const, mode: 0o755, uid: UID } }, `%1: mode is 0755, expected 0700 (fix: chmod 700 ${DIR_A})`],
    ['another owner', { stat: { kind: 'dir' as const, mode: 0o700, uid: 0 } }, `%1: owned by uid 0, not by you (uid ${UID})`],
    ['another config dir', { env: { CLAUDE_CONFIG_DIR: '/home/u/.claude' } }, `%1: process 101 has CLAUDE_CONFIG_DIR=/home/u/.claude, expected ${DIR_A}`],
    ['no config dir', { env: { HOME: '/home/u' } }, `%1: process 101 has CLAUDE_CONFIG_DIR=unset, expected ${DIR_A}`],
    ['another live claude in the dir', { liveSessions: [{ pid: 101, sessionId: SID_A, alive: true }, { pid: 999, sessionId: SID_B, alive: true }] }, `%1: another claude process (pid 999, session ${SID_B}) is using this dir`],
  ])('names %s as a problem', (_what, over, text) => {
    const r = diagnose(facts([pane(over as Partial<PaneFacts>)]));
    expect(r.healthy).toBe(false);
    expect(r.problems).toEqual([text]);
  });

  it('method home: HOME must be the dir and CLAUDE_CONFIG_DIR unset', () => {
    const home = pane({ method: 'home', env: { HOME: DIR_A } });
    expect(diagnose(facts([home])).healthy).toBe(true);
    const r = diagnose(facts([pane({ method: 'home', env: { HOME: '/home/u', CLAUDE_CONFIG_DIR: '/x' } })]));
    expect(r.problems).toEqual([
      `%1: process 101 has HOME=/home/u, expected ${DIR_A}`,
      '%1: process 101 has CLAUDE_CONFIG_DIR=/x, which overrides its HOME',
    ]);
  });

  it('names panes sharing a dir or a session', () => {
    const r = diagnose(facts([pane(), paneB({ dir: DIR_A, sessionId: SID_A, env: { CLAUDE_CONFIG_DIR: DIR_A } })]));
    expect(r.problems).toEqual([
      '%1: shares its dir with %2',
      `%1: shares session ${SID_A} with %2`,
      '%2: shares its dir with %1',
      `%2: shares session ${SID_A} with %1`,
    ]);
  });

  it('method none panes sharing one config dir are a warning, not a problem', () => {
    const none = (id: string, sessionId: string) =>
      pane({ id, method: 'none', dir: undefined, stat: undefined, sessionId, env: { HOME: '/home/u' }, liveSessions: [] });
    const r = diagnose(facts([none('%1', SID_A), none('%2', SID_B)]));
    expect(r.healthy).toBe(true);
    expect(r.warnings).toEqual([
      '%1: its claude uses the same config dir as %2: /home/u/.claude (method none: their .claude.json is shared)',
      '%2: its claude uses the same config dir as %1: /home/u/.claude (method none: their .claude.json is shared)',
    ]);
  });

  it('says which base entries a pane shares read-write, and warns when one became the pane\'s own', () => {
    const r = diagnose(facts([pane({ shared: [{ name: 'settings.json', kind: 'link' }, { name: 'CLAUDE.md', kind: 'link' }, { name: 'commands', kind: 'own' }] })]));
    expect(r.healthy).toBe(true);
    const lines = r.panes[0]!.checks.map((c) => c.text);
    expect(lines).toContain('shared read-write with your base config: settings.json, CLAUDE.md (a change made in this pane, such as /model, is a change to yours, as with plain claude)');
    expect(r.warnings).toContain("%1: commands is this pane's own now, not your base config's (the link was replaced): changes made in this pane stay in it");
  });

  it('says which hooks each pane reports through, and why (the fall-back to command hooks is no problem)', () => {
    const why = 'claude 2.1.50 is older than 2.1.63, the first with http hooks: command hooks instead';
    const r = diagnose(facts([pane({ hooks: { kind: 'command', why } }), paneB({ hooks: { kind: 'http', why: 'claude 2.1.197 has http hooks (since 2.1.63)' } })]));
    expect(r.healthy).toBe(true);
    expect(r.panes[0]!.checks).toContainEqual({ level: 'info', text: `hooks: command (${why})` });
    expect(r.panes[1]!.checks).toContainEqual({ level: 'info', text: 'hooks: http (claude 2.1.197 has http hooks (since 2.1.63))' });
    expect(formatDoctorReport(r)).toContain(`hooks: command (${why})`);
  });

  it('a missing transcript is a problem once claude has had a prompt in the session, not before', () => {
    const before = diagnose(facts([pane({ transcripts: [] })]));
    expect(before.healthy).toBe(true);
    const after = diagnose(facts([pane({ transcripts: [], prompted: true })]));
    expect(after.healthy).toBe(false);
    expect(after.problems).toEqual([`%1: session ${SID_A}: its transcript is missing, though claude has had a prompt in it (deleted?)`]);
  });

  it('warns about other sessions seen in the dir and about a dead pane, without failing', () => {
    const r = diagnose(facts([pane({
      pid: undefined,
      env: undefined,
      transcripts: [SID_A, SID_B],
      lastSessionIds: [SID_B],
      liveSessions: [{ pid: 101, sessionId: SID_B, alive: false }],
    })]));
    expect(r.healthy).toBe(true);
    expect(r.warnings).toEqual([
      `%1: transcripts of other sessions in this dir: ${SID_B} (after /clear; or another claude wrote here)`,
      `%1: .claude.json says lastSessionId ${SID_B}, not ${SID_A}`,
      '%1: claude is not running (the pane is dead): its environment cannot be checked',
    ]);
  });

  it('reports orphans (a problem) unless a live claude runs in them (a warning), and a root that is not a dir', () => {
    const orphan = `${STATE}/claude-configs/pane-cccccccc-0000-4000-8000-000000000003`;
    const busy = `${STATE}/claude-homes/pane-dddddddd-0000-4000-8000-000000000004`;
    const r = diagnose(facts([], {
      roots: [{ path: `${STATE}/claude-configs`, stat: { kind: 'dir', mode: 0o777, uid: UID } }, { path: `${STATE}/claude-homes`, stat: { kind: 'file', mode: 0o600, uid: UID } }],
      orphans: [
        { path: orphan, stat: { kind: 'dir', mode: 0o700, uid: UID }, usage: { bytes: 10, disk: 4096, files: 1, dirs: 1, links: 0 }, livePids: [] },
        { path: busy, stat: { kind: 'dir', mode: 0o700, uid: UID }, livePids: [77] },
      ],
    }));
    expect(r.healthy).toBe(false);
    expect(r.problems).toEqual([
      `${STATE}/claude-configs is writable by others (mode 0777; fix: chmod 700 ${STATE}/claude-configs)`,
      `${STATE}/claude-homes is a file, not a directory: no Claude pane can be created`,
      `orphaned dir: no pane owns ${orphan} (4.0 KB)`,
    ]);
    expect(r.warnings).toEqual([`no pane of this server owns ${busy}, but claude (pid 77) runs in it: another ccmux server's pane?`]);
  });
});

describe('the reports', () => {
  it('for people: a block per pane with ✓/✗ lines and a summary', () => {
    const text = formatDoctorReport(diagnose(facts([pane(), paneB({ stat: { kind: 'dir', mode: 0o750, uid: UID } })])));
    expect(text).toContain(`%1  config_dir, pid 101\n  dir ${DIR_A}\n  ✓ dir exists and is a real dir (not a symlink)\n  ✓ mode 0700, owned by you\n`);
    expect(text).toContain('  ✗ mode is 0750, expected 0700');
    expect(text).toContain('  · disk used: 20.0 KB (3 files, 2 dirs, 2 links)');
    expect(text.trimEnd().split('\n').at(-1)).toBe('2 Claude panes, 0 orphans, 1 problem, 0 warnings: unhealthy');
    expect(formatDoctorReport(diagnose(facts([])))).toContain('no Claude panes\n\n0 Claude panes, 0 orphans, 0 problems, 0 warnings: healthy');
  });

  it('for scripts: healthy, panes, orphans, problems', () => {
    const json = doctorJson(diagnose(facts([pane({ stat: { kind: 'dir', mode: 0o755, uid: UID } })])));
    expect(json).toMatchObject({
      healthy: false,
      panes: [{ id: '%1', pid: 101, method: 'config_dir', dir: DIR_A, sessionId: SID_A, healthy: false, dirState: { exists: true, realDir: true, mode: '0755', ownedByYou: true } }],
      orphans: [],
      problems: [expect.stringContaining('mode is 0755')],
    });
  });
});

describe('gatherDoctorFacts', () => {
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const c of children.splice(0)) {
      if (c.exitCode === null && c.signalCode === null) {
        const gone = new Promise((r) => c.once('exit', r));
        c.kill('SIGKILL');
        await gone;
      }
    }
    cleanupTempDirs();
  });

  function sleeper(env: Record<string, string>): ChildProcess {
    const c = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { env, stdio: 'ignore' });
    children.push(c);
    return c;
  }

  it('reads dirs, sessions and the process environment, without secrets, and finds orphans', async () => {
    const t = tempDir();
    const state = path.join(t, 'state');
    const configs = path.join(state, 'claude-configs');
    const dir = path.join(configs, 'pane-aaaaaaaa-0000-4000-8000-000000000001');
    const orphan = path.join(configs, 'pane-bbbbbbbb-0000-4000-8000-000000000002');
    fs.mkdirSync(path.join(dir, 'projects', '-proj'), { recursive: true, mode: 0o700 });
    fs.mkdirSync(path.join(dir, 'sessions'));
    fs.mkdirSync(orphan, { mode: 0o700 });
    fs.writeFileSync(path.join(dir, 'projects', '-proj', `${SID_A}.jsonl`), '{}\n');
    fs.writeFileSync(path.join(dir, 'projects', '-proj', `${SID_B}.jsonl`), '{}\n');
    fs.writeFileSync(path.join(dir, '.claude.json'), JSON.stringify({ projects: { '/proj': { lastSessionId: SID_A } } }));
    fs.writeFileSync(path.join(t, 'creds.json'), '{"claudeAiOauth":{"accessToken":"SECRET"}}');
    fs.symlinkSync(path.join(t, 'creds.json'), path.join(dir, '.credentials.json'));
    const child = sleeper({ CLAUDE_CONFIG_DIR: dir, HOME: t, ANTHROPIC_API_KEY: 'sk-SECRET', PATH: '/usr/bin:/bin' });
    fs.writeFileSync(path.join(dir, 'sessions', `${child.pid}.json`), JSON.stringify({ pid: child.pid, sessionId: SID_A }));

    const f = await gatherDoctorFacts({
      stateDir: state,
      uid: process.getuid!(),
      panes: [{ id: '%3', pid: child.pid, claude: { method: 'config_dir', dir, sessionId: SID_A } }],
      keep: new Set([dir]),
    });
    expect(f.panes[0]).toMatchObject({
      id: '%3',
      stat: { kind: 'dir', mode: 0o700 },
      transcripts: [SID_A, SID_B],
      lastSessionIds: [SID_A],
      liveSessions: [{ pid: child.pid, sessionId: SID_A, alive: true }],
      env: { CLAUDE_CONFIG_DIR: dir, HOME: t },
      credentials: 'link',
    });
    expect(Object.keys(f.panes[0]!.env!).sort()).toEqual(['CLAUDE_CONFIG_DIR', 'HOME']);
    expect(JSON.stringify(f)).not.toContain('SECRET');
    expect(f.orphans).toEqual([expect.objectContaining({ path: orphan, livePids: [] })]);
    expect(f.roots.map((r) => r.stat?.kind ?? null)).toEqual(['dir', null]);
  });

  it('reports a pane dir replaced by a symlink without entering it', async () => {
    const t = tempDir();
    const configs = path.join(t, 'state', 'claude-configs');
    const dir = path.join(configs, 'pane-aaaaaaaa-0000-4000-8000-000000000001');
    fs.mkdirSync(path.join(t, 'elsewhere', 'projects', 'p'), { recursive: true });
    fs.writeFileSync(path.join(t, 'elsewhere', 'projects', 'p', `${SID_B}.jsonl`), '');
    fs.mkdirSync(configs, { recursive: true });
    fs.symlinkSync(path.join(t, 'elsewhere'), dir);
    const f = await gatherDoctorFacts({
      stateDir: path.join(t, 'state'),
      uid: process.getuid!(),
      panes: [{ id: '%1', claude: { method: 'config_dir', dir, sessionId: SID_A } }],
      keep: new Set([dir]),
    });
    expect(f.panes[0]).toMatchObject({ stat: { kind: 'symlink', target: path.join(t, 'elsewhere') }, transcripts: [] });
    expect(f.panes[0]!.usage).toBeUndefined();
  });

  it('diskUsage counts links as themselves and hard links once', async () => {
    const t = tempDir();
    const big = path.join(t, 'big');
    fs.writeFileSync(big, Buffer.alloc(1 << 20));
    const d = path.join(t, 'd');
    fs.mkdirSync(d);
    fs.symlinkSync(big, path.join(d, 'link'));
    fs.writeFileSync(path.join(d, 'f'), 'x'.repeat(100));
    fs.linkSync(path.join(d, 'f'), path.join(d, 'g'));
    const u = await diskUsage(d);
    expect(u).toMatchObject({ files: 1, dirs: 1, links: 1 });
    expect(u.bytes).toBe(fs.lstatSync(d).size + big.length + 100);
    expect(u.bytes).toBeLessThan(1 << 20);
  });
});
