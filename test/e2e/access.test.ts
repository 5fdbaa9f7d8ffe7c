/*
 * Access: who can reach a ccmux server and what it leaves readable. The socket dir is
 * 0700 and the socket 0600 (and every state file private); another uid cannot connect —
 * EACCES from the dir or the socket file, and should the socket be opened to everyone by
 * hand, the server itself refuses the peer by its credentials (peer-cred.ts); the client
 * refuses a socket dir that others can read; credentials ccmux writes are 0600; and API
 * keys and tokens never appear in its logs (even at debug level), checkpoints, hook
 * settings, doctor or list output.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Sandbox, waitFor, pidAlive } from './harness.js';
import { claudeWorld, FAKE_TOKEN } from '../../scripts/stress/lib/claude-world.mjs';
import { filesUnder } from '../../scripts/stress/lib/tree.mjs';
import { peerCredentials, refusal } from '../../src/server/peer-cred.js';
import { PROTOCOL_VERSION } from '../../src/protocol/frames.js';

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.dispose();
  sb = undefined;
});
const openDirs: string[] = [];
afterAll(() => {
  for (const d of openDirs) fs.rmSync(d, { recursive: true, force: true });
});

const mode = (p: string) => (fs.statSync(p).mode & 0o777).toString(8).padStart(4, '0');
const sockDir = (s: Sandbox) => path.join(s.env.XDG_RUNTIME_DIR!, 'ccmux');
const NOBODY = 65534;
const canSwitchUid = process.getuid?.() === 0 && spawnSync('setpriv', ['--version']).status === 0;

/** A dir anyone may enter (the sandbox itself is 0700), removed after the tests. */
function openDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmux-access-'));
  fs.chmodSync(d, 0o755);
  openDirs.push(d);
  return d;
}

/** A minimal client (HELLO + a command, list-sessions unless given), run as uid `uid`; prints {error} or {frames}. */
const CLIENT = `
const net = require('net');
const frame = (t, o) => { const b = Buffer.from(JSON.stringify(o)); const h = Buffer.alloc(5); h.writeUInt32BE(b.length + 1, 0); h.writeUInt8(t, 4); return Buffer.concat([h, b]); };
const s = net.connect(process.argv[1]);
let got = Buffer.alloc(0);
s.on('connect', () => s.write(Buffer.concat([frame(1, { protocol: ${PROTOCOL_VERSION}, version: 'x', pid: process.pid, cwd: '/', tty: false, cols: 80, rows: 24, env: {} }), frame(4, { argv: JSON.parse(process.argv[2] || '["list-sessions"]') })])));
s.on('data', (d) => (got = Buffer.concat([got, d])));
s.on('error', (e) => { console.log(JSON.stringify({ error: e.code })); process.exit(0); });
s.on('close', () => { const f = []; for (let o = 0; o + 5 <= got.length;) { const n = got.readUInt32BE(o); f.push({ type: got[o + 4], text: got.subarray(o + 5, o + 4 + n).toString() }); o += 4 + n; } console.log(JSON.stringify({ frames: f })); });
`;

function connectAs(uid: number, sock: string, argv?: string[]): { error?: string; frames?: Array<{ type: number; text: string }> } {
  const out = execFileSync('setpriv', [`--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', process.execPath, '-e', CLIENT, sock, ...(argv ? [JSON.stringify(argv)] : [])], { encoding: 'utf8', timeout: 15_000, cwd: '/' });
  return JSON.parse(out.trim());
}

describe('access', () => {
  it('keeps the socket dir 0700, the socket 0600 and every state file private', async () => {
    sb = new Sandbox({ config: '[claude.profiles.h]\nmethod = "home"\n' });
    const world = claudeWorld(sb);
    await sb.ok(['new', '-d', '-s', 'a'], { cwd: world.projects[0] });
    await sb.ok(['split-window', '--claude', '-c', world.projects[0]]);
    await sb.ok(['split-window', '--claude', '--profile', 'h', '-c', world.projects[0]]);
    const panes = await waitFor(async () => {
      const ps = (await sb!.panes()).filter((p) => p.claude);
      return ps.length === 2 ? ps : null;
    }, 10_000, 'two Claude panes');
    await sb.ok(['send-keys', '-t', panes[0]!.id, 'hello', 'Enter']);
    await waitFor(() => fs.existsSync(path.join(sb!.stateDir, 'servers', 'default.json')), 10_000, 'the checkpoint');
    await sb.ok(['kill-pane', '-t', panes[0]!.id]);
    await waitFor(() => fs.existsSync(path.join(sb!.stateDir, 'transcripts', 'index.jsonl')), 10_000, 'the archived transcript');

    expect(mode(sockDir(sb))).toBe('0700');
    expect(fs.statSync(path.join(sockDir(sb), 'default')).isSocket()).toBe(true);
    expect(mode(path.join(sockDir(sb), 'default'))).toBe('0600');
    const state = sb.stateDir;
    for (const d of [state, path.join(state, 'logs'), path.join(state, 'servers'), path.join(state, 'claude-configs'), path.join(state, 'claude-homes'), path.join(state, 'transcripts'), panes[1]!.claude.dir]) {
      expect(mode(d), d).toBe('0700');
    }
    for (const f of [path.join(state, 'logs', 'default.log'), path.join(state, 'servers', 'default.json'), path.join(state, 'claude-hooks.default.lean.json'), ...filesUnder(path.join(state, 'transcripts'))]) {
      expect(mode(f), f).toBe('0600');
    }
  });

  it.runIf(canSwitchUid)('refuses another uid: EACCES at the dir and at a 0600 socket; the server itself refuses when the socket was opened to all', async () => {
    sb = new Sandbox();
    await sb.ok(['new', '-d', '-s', 'mine']);
    // The default socket: its 0700 dir stops another uid before the socket.
    expect(connectAs(NOBODY, path.join(sockDir(sb), 'default'))).toEqual({ error: 'EACCES' });

    // A -S socket in a dir anyone may enter: the socket's own 0600 stops them.
    const open = openDir();
    const sock = path.join(open, 'shared.sock');
    await sb.ok(['-S', sock, 'new', '-d', '-s', 'shared']);
    const pid = Number((await sb.ok(['-S', sock, 'display', '-p', '#{pid}'])).trim());
    expect(mode(sock)).toBe('0600');
    expect(connectAs(NOBODY, sock)).toEqual({ error: 'EACCES' });

    // Opened to everyone by hand: the kernel lets them connect, the server checks who it is.
    fs.chmodSync(sock, 0o666);
    const r = connectAs(NOBODY, sock);
    expect(r.frames?.map((f) => f.type)).toEqual([3]); // REJECT, and nothing else
    expect(JSON.parse(r.frames![0]!.text).message).toMatch(new RegExp(`^connection from uid ${NOBODY} \\(pid \\d+\\) refused: this server belongs to uid 0 \\(access not allowed: see server-access\\)$`));
    expect(pidAlive(pid)).toBe(true);
    // Its owner still gets in through the same socket (after the same check).
    expect((await sb.ok(['-S', sock, 'ls'])).trim()).toMatch(/^shared: /);
    const log = fs.readFileSync(path.join(sb.stateDir, 'logs', 'shared.sock.log'), 'utf8');
    expect(log).toMatch(/connection from uid 65534 .* refused/);
    await sb.ok(['-S', sock, 'kill-server']);
  });

  it.runIf(canSwitchUid)('server-access lets another uid in through a socket opened by hand: writable, read-only (only read-only commands), then shut out with -d', async () => {
    sb = new Sandbox();
    const open = openDir();
    const sock = path.join(open, 'shared.sock');
    await sb.ok(['-S', sock, 'new', '-d', '-s', 'shared']);
    fs.chmodSync(sock, 0o666); // as tmux, opening the socket is left to its owner
    // Each frame but WELCOME as type:text (REJECT 3, STDOUT 5, STDERR 6, EXIT 7).
    const said = (r: ReturnType<typeof connectAs>) => r.frames?.filter((f) => f.type !== 2).map((f) => `${f.type}:${f.text}`);
    expect(said(connectAs(NOBODY, sock))?.[0]).toMatch(/^3:.*refused/); // not on the list yet: REJECT
    await sb.ok(['-S', sock, 'server-access', '-a', 'nobody']);
    expect(said(connectAs(NOBODY, sock))).toEqual([expect.stringMatching(/^5:shared: 1 windows/), '7:{"code":0}']);
    await sb.ok(['-S', sock, 'server-access', '-r', 'nobody']);
    expect((await sb.ok(['-S', sock, 'server-access', '-l'])).trim()).toBe('nobody (R)');
    expect(said(connectAs(NOBODY, sock))).toEqual(['6:client is read-only\n', '7:{"code":1}']);
    expect(said(connectAs(NOBODY, sock, ['new-window', '-d']))).toEqual(['6:client is read-only\n', '7:{"code":1}']);
    expect(said(connectAs(NOBODY, sock, ['list-clients', '-F', 'x']))).toEqual(['7:{"code":0}']);
    expect((await sb.ok(['-S', sock, 'list-windows', '-F', '#{window_index}'])).trim()).toBe('0');
    await sb.ok(['-S', sock, 'server-access', '-w', 'nobody']);
    expect(said(connectAs(NOBODY, sock, ['new-window', '-d']))).toEqual(['7:{"code":0}']);
    await sb.ok(['-S', sock, 'server-access', '-d', 'nobody']);
    expect(said(connectAs(NOBODY, sock))?.[0]).toMatch(/^3:.*refused/);
    await sb.ok(['-S', sock, 'kill-server']);
  });

  it('the client refuses a socket dir made by hand with mode 0755, and starts no server', async () => {
    sb = new Sandbox();
    fs.mkdirSync(sockDir(sb), { mode: 0o755 });
    fs.chmodSync(sockDir(sb), 0o755);
    for (const args of [['new', '-d'], ['ls']]) {
      const r = await sb.ccmux(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toContain(`${sockDir(sb)} is accessible to group or others (mode 0755)`);
    }
    expect(fs.readdirSync(sockDir(sb))).toEqual([]);
  });

  it('peerCredentials reads the peer of a connection; without a helper a non-private socket is refused', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmux-peer-'));
    const sock = path.join(dir, 's');
    const accepted: net.Socket[] = [];
    const srv = net.createServer((s) => accepted.push(s));
    await new Promise<void>((r) => srv.listen(sock, r));
    const client = net.connect(sock);
    try {
      await waitFor(() => accepted.length === 1, 5000, 'the connection');
      expect(await peerCredentials(accepted[0]!)).toEqual({ pid: process.pid, uid: process.getuid!(), gid: process.getgid!() });
      fs.chmodSync(sock, 0o600);
      expect(refusal(accepted[0]!, sock, process.getuid!())).toBeNull(); // private: no helper needed
      fs.chmodSync(sock, 0o666);
      expect(await refusal(accepted[0]!, sock, process.getuid!())).toBeNull(); // the same uid
      // Root is let in whatever the server's uid (as tmux does); other uids are refused
      // (the setpriv test above connects as one).
      if (process.getuid!() === 0) expect(await refusal(accepted[0]!, sock, 4242)).toBeNull();
      const saved = process.env.PATH;
      process.env.PATH = dir; // neither perl nor python3
      try {
        expect(await refusal(accepted[0]!, sock, process.getuid!())).toMatch(/the peer's uid cannot be checked \(no perl or python3\); refusing/);
      } finally {
        process.env.PATH = saved;
      }
    } finally {
      client.destroy();
      for (const s of accepted) s.destroy();
      srv.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a session or server started from inside a Claude pane gets none of what that pane was given (issue 13.6)', async () => {
    const KEY = 'sk-ant-api03-PROFILE-SECRET-0123456789abcdef';
    sb = new Sandbox({ config: '[claude.profiles.work]\napi_key_env = "WORK_KEY"\n\n[claude.profiles.h]\nmethod = "home"\napi_key_env = "WORK_KEY"\n', env: { WORK_KEY: KEY } });
    const world = claudeWorld(sb, { approvedKey: KEY });
    await sb.ok(['new', '-d', '-s', 's', '-x', '160', '-y', '50'], { cwd: world.projects[0] });
    for (const profile of ['work', 'h']) await sb.ok(['split-window', '-c', world.projects[0], '--claude', '--profile', profile]);
    const claudePanes = (await sb.panes()).filter((p) => p.claude);
    expect(claudePanes).toHaveLength(2);
    const readEnviron = (pid: number): Record<string, string> =>
      Object.fromEntries(fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
    // A pane's process is forked from the server and then execs its program; until the exec,
    // /proc shows the server's own command line (whichever entry it runs: dist/server/main.js
    // or a bundle) and start-up environment. Read it once the program runs.
    const serverCmdline = fs.readFileSync(`/proc/${(await sb.ok(['display-message', '-p', '#{pid}'])).trim()}/cmdline`, 'utf8');
    const environ = async (pid: number): Promise<Record<string, string>> => {
      await waitFor(() => fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8') !== serverCmdline, 5000, `pid ${pid} to exec its program`);
      return readEnviron(pid);
    };
    const leaked = (env: Record<string, string>) =>
      // (WORK_KEY itself is the user's own variable, in the server's environment by choice.)
      Object.entries(env).filter(([k, v]) => k === 'ANTHROPIC_API_KEY' || (v.includes(KEY) && k !== 'WORK_KEY') || k === 'CLAUDE_CONFIG_DIR' || k === 'CLAUDE_CODE_TMPDIR' || k === 'CCMUX_INJECTED' || (k === 'HOME' && v !== sb.home));
    for (const [i, p] of claudePanes.entries()) {
      // What a `ccmux` run by claude's Bash tool in that pane would have.
      const inPane = await environ(p.pid);
      expect(inPane.ANTHROPIC_API_KEY).toBe(KEY);
      const made = await sb.ccmux(['new-session', '-d', '-s', `from${i}`, '-P', '-F', '#{pane_pid}'], { env: inPane });
      expect(made.code, made.stderr).toBe(0);
      const shellEnv = await environ(Number(made.stdout.trim()));
      expect(leaked(shellEnv)).toEqual([]);
      expect(shellEnv.HOME).toBe(sb.home);
      // New windows of that session too.
      const more = Number((await sb.ok(['new-window', '-t', `from${i}`, '-P', '-F', '#{pane_pid}'], { env: inPane })).trim());
      expect(leaked(await environ(more))).toEqual([]);
      // The client's update-environment variables are still taken, and -e is honoured.
      const withVars = await sb.ccmux(['new-session', '-d', '-s', `vars${i}`, '-e', 'PICKED=yes', '-P', '-F', '#{pane_pid}'], { env: { ...inPane, SSH_AUTH_SOCK: '/tmp/agent.sock', RANDOM_CLIENT_VAR: 'no' } });
      const varsEnv = await environ(Number(withVars.stdout.trim()));
      expect([varsEnv.SSH_AUTH_SOCK, varsEnv.PICKED, varsEnv.RANDOM_CLIENT_VAR]).toEqual(['/tmp/agent.sock', 'yes', undefined]);
    }
    // A server started from inside the home-method pane: its own HOME, its state dir, no key.
    const inHome = await environ(claudePanes.find((p) => p.claude.method === 'home')!.pid);
    const other = await sb.ccmux(['-L', 'other', 'new-session', '-d', '-s', 'o', '-P', '-F', '#{pane_pid}'], { env: inHome });
    expect(other.code, other.stderr).toBe(0);
    expect(leaked(await environ(Number(other.stdout.trim())))).toEqual([]);
    expect(fs.existsSync(path.join(sb.stateDir, 'logs', 'other.log'))).toBe(true);
    await sb.ok(['-L', 'other', 'kill-server']);
  }, 60_000);

  it('writes credentials 0600, and never shows an API key or a token in logs, state, hooks, doctor or lists', async () => {
    // CCMUX_LOG_LEVEL=debug: whatever the server would log at its most verbose.
    const KEY = 'sk-ant-api03-ACCESS-SECRET-KEY-0123456789abcdef';
    sb = new Sandbox({ config: '[claude.profiles.work]\napi_key_env = "WORK_KEY"\n\n[claude.profiles.h]\nmethod = "home"\napi_key_env = "WORK_KEY"\n', env: { WORK_KEY: KEY, CCMUX_LOG_LEVEL: 'debug' } });
    const world = claudeWorld(sb, { approvedKey: KEY });
    const baseCreds = path.join(sb.home, '.claude', '.credentials.json');
    fs.chmodSync(baseCreds, 0o644); // as a user might have it
    await sb.ok(['new', '-d', '-s', 's', '-x', '160', '-y', '50'], { cwd: world.projects[0] });
    for (const args of [['--claude'], ['--claude', '--profile', 'work'], ['--claude', '--profile', 'h']]) await sb.ok(['split-window', '-c', world.projects[0], ...args]);
    const panes = await waitFor(async () => {
      const ps = (await sb!.panes()).filter((p) => p.claude);
      return ps.length === 3 ? ps : null;
    }, 10_000, 'three Claude panes');
    for (const p of panes) {
      await waitFor(async () => /^❯ ?$/m.test(await sb!.ok(['capture-pane', '-p', '-t', p.id])), 10_000, `claude in ${p.id}`);
      await sb.ok(['send-keys', '-t', p.id, 'run a tool please', 'Enter']);
    }
    // A token refresh in a pane is written back to the base: 0600, whatever the base was.
    await sb.ok(['send-keys', '-t', panes[0]!.id, '/fake-refresh', 'Enter']);
    await waitFor(() => fs.readFileSync(baseCreds, 'utf8').includes('sk-ant-oat01-fake-'), 10_000, 'the refreshed token written back');
    expect(mode(baseCreds)).toBe('0600');
    const refreshed = JSON.parse(fs.readFileSync(baseCreds, 'utf8')).claudeAiOauth as { accessToken: string; refreshToken: string };
    await waitFor(() => fs.lstatSync(path.join(panes[0]!.claude.dir, '.credentials.json')).isSymbolicLink(), 10_000, 'the pane relinked');

    const outputs: string[] = [];
    for (const args of [['doctor'], ['doctor', '--json'], ['list-panes', '-a', '--json'], ['ls', '--json'], ['show-options'], ['du', '--json'], ['sessions', '--json'], ['split-window', '--claude', '--profile', 'nosuch']]) {
      const r = await sb.ccmux(args);
      outputs.push(r.stdout, r.stderr);
    }
    await sb.ok(['kill-pane', '-t', panes[1]!.id]);
    await waitFor(() => !fs.existsSync(panes[1]!.claude.dir), 10_000, 'the closed pane dir to go');
    await waitFor(() => fs.existsSync(path.join(sb!.stateDir, 'servers', 'default.json')), 10_000, 'the checkpoint');

    const secrets = [KEY, KEY.slice(-20), FAKE_TOKEN, 'sk-ant-ort01-STRESS', refreshed.accessToken, refreshed.refreshToken];
    const state = sb.stateDir;
    // Pane dirs hold (links to) the credentials by design; everything else in the state dir may not.
    const files = filesUnder(state).filter((f) => !f.startsWith(path.join(state, 'claude-configs')) && !f.startsWith(path.join(state, 'claude-homes')));
    expect(files.some((f) => f.endsWith('.log'))).toBe(true);
    expect(files).toContain(path.join(state, 'claude-hooks.default.lean.json'));
    expect(files).toContain(path.join(state, 'servers', 'default.json'));
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      for (const s of secrets) expect(text.includes(s), `${s.slice(0, 16)}… in ${f}`).toBe(false);
    }
    for (const [i, out] of outputs.entries()) for (const s of secrets) expect(out.includes(s), `${s.slice(0, 16)}… in output ${i}`).toBe(false);
  }, 60_000);
});
