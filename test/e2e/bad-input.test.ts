/*
 * End-to-end: what ccmux does with bad input — wrong commands and flags, missing
 * sessions and servers, a stale socket from a crashed server, an unsafe socket dir, peers
 * that speak another protocol version or garbage (on either side of the socket), bad
 * server and session names, impossible sizes. Every case must end promptly with exit
 * code 1 and a message a user can act on, and must never take the server down.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox, waitFor, pidAlive } from './harness.js';
import { encodeFrame, FrameDecoder, MsgType, PROTOCOL_VERSION, type Frame } from '../../src/protocol/frames.js';

// Tests run concurrently, each in its own Sandbox; all are disposed together at the end
// (a server takes a moment to exit, and waiting for each in turn would double the run time).
const boxes: Sandbox[] = [];
const extraPids: number[] = [];
function box(): Sandbox {
  const sb = new Sandbox();
  boxes.push(sb);
  return sb;
}
afterAll(async () => {
  await Promise.all(boxes.map((b) => b.dispose()));
  for (const pid of extraPids) if (pidAlive(pid)) process.kill(pid, 'SIGKILL');
});

const sockDir = (sb: Sandbox) => path.join(sb.env.XDG_RUNTIME_DIR!, 'ccmux');
const defaultSock = (sb: Sandbox) => path.join(sockDir(sb), 'default');

/** Send `bytes` to a socket as a raw peer; collect the frames until the other side closes. */
async function rawPeer(sock: string, bytes: Buffer): Promise<{ frames: Frame[]; raw: Buffer }> {
  const s = net.connect(sock);
  const chunks: Buffer[] = [];
  let closed = false;
  s.on('data', (d) => chunks.push(d));
  s.on('close', () => (closed = true));
  s.on('error', () => undefined);
  s.on('connect', () => s.write(bytes));
  try {
    await waitFor(() => closed, 8000, 'the server to close the connection');
  } finally {
    s.destroy();
  }
  const raw = Buffer.concat(chunks);
  return { frames: new FrameDecoder().push(raw), raw };
}

function rejectText(frames: Frame[]): string {
  expect(frames.map((f) => MsgType[f.type])).toEqual(['Reject']);
  return String(JSON.parse(frames[0]!.payload.toString()).message);
}

/** A fake "server" on `sock` that answers every connection with `reply` (or nothing). */
function fakeServer(sock: string, reply: (s: net.Socket) => void): Promise<net.Server> {
  const srv = net.createServer((s) => {
    s.on('error', () => undefined);
    s.once('data', () => reply(s));
  });
  return new Promise((resolve) => srv.listen(sock, () => resolve(srv)));
}

describe.concurrent('bad input', () => {
  it('names an unknown command and suggests the nearest one, with or without a server', async () => {
    const sb = box();
    for (const withServer of [false, true]) {
      if (withServer) await sb.ok(['new', '-d', '-s', 'a']);
      const r = await sb.ccmux(['list-sesions']);
      expect(r.code, `server running: ${withServer}`).toBe(1);
      expect(r.stderr).toContain('unknown command: list-sesions');
      expect(r.stderr).toContain('did you mean "list-sessions"?');
      const far = await sb.ccmux(['frobnicate-everything']);
      expect(far.code).toBe(1);
      expect(far.stderr).toContain('unknown command: frobnicate-everything');
    }
  });

  it('refuses unknown flags with a usage line, with or without a server', async () => {
    const sb = box();
    const global = await sb.ccmux(['-Q', 'ls']);
    expect(global.code).toBe(1);
    expect(global.stderr).toContain('unknown flag -Q');
    expect(global.stderr).toMatch(/^usage: ccmux /m);
    for (const withServer of [false, true]) {
      if (withServer) await sb.ok(['new', '-d', '-s', 'a']);
      const r = await sb.ccmux(['list-sessions', '-q']);
      expect(r.code, `server running: ${withServer}`).toBe(1);
      expect(r.stderr).toContain('unknown flag -q');
      expect(r.stderr).toMatch(/^usage: list-sessions /m);
      const long = await sb.ccmux(['split-window', '--nope']);
      expect(long.code).toBe(1);
      expect(long.stderr).toContain('unknown flag --nope');
      expect(long.stderr).toMatch(/^usage: split-window /m);
    }
  });

  it('a failed new-session does not leave an empty server behind', async () => {
    const sb = box();
    const r = await sb.ccmux(['new', '-d', '-s', 'bell\x07']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('session name must not contain control characters');
    await waitFor(async () => (await sb.ccmux(['ls'])).stderr.includes('no server running'), 10_000, 'the empty server to exit');
    await waitFor(() => !fs.existsSync(defaultSock(sb)), 5000, 'the socket to be removed');
  });

  it('a server that cannot open its log says why on the client, not "exited without saying why" (issue 13.9)', async () => {
    const sb = box();
    // What a read-only state dir does to a non-root user; a directory in the log's place does it to root too.
    fs.mkdirSync(path.join(sb.stateDir, 'logs', 'default.log'), { recursive: true });
    fs.chmodSync(sb.stateDir, 0o700);
    const r = await sb.ccmux(['new', '-d', '-s', 'x']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ccmux: cannot open the log .*logs\/default\.log: EISDIR/);
    expect(fs.existsSync(defaultSock(sb))).toBe(false);
  });

  it('prints names, titles and prompts from outside with control characters made visible, JSON included (issue 13.8)', async () => {
    const sb = box();
    // A program whose name carries an OSC (it sets the terminal title when printed raw).
    const evil = path.join(sb.dir, '\x1b]2;pwned\x07');
    fs.copyFileSync('/bin/sleep', evil);
    fs.chmodSync(evil, 0o755);
    await sb.ok(['new', '-d', '-s', 'x']);
    await sb.ok(['new-window', '-d', '-t', 'x', `exec '${evil}' 60`]);
    await waitFor(async () => (await sb.ok(['list-panes', '-a', '-F', '#{pane_current_command}'])).includes('pwned'), 10_000, 'the program to run');
    const raw = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;
    for (const args of [['list-windows', '-a'], ['list-panes', '-a', '-F', '#{pane_current_command} #{window_name}'], ['list-panes', '-a', '--json'], ['list-windows', '-a', '--json']]) {
      const out = await sb.ok(args);
      expect(out, args.join(' ')).toContain('pwned');
      expect(raw.test(out), `${args.join(' ')}: ${JSON.stringify(out)}`).toBe(false);
    }
    expect(await sb.ok(['list-panes', '-a', '-F', '#{pane_current_command}'])).toContain('\\033]2;pwned\\a');
    // A prompt with ESC and a C1 CSI, as an archived conversation's first prompt.
    const index = path.join(sb.stateDir, 'transcripts', 'index.jsonl');
    fs.mkdirSync(path.dirname(index), { recursive: true, mode: 0o700 });
    const prompt = 'hi \x1b[2J\x1b]0;gotcha\x07 and \u009b31m C1';
    fs.writeFileSync(index, JSON.stringify({ sessionId: '12345678-1234-4234-8234-123456789abc', file: 'a.jsonl', cwd: '/w\x1b[1m', closedAt: new Date().toISOString(), firstPrompt: prompt }) + '\n');
    const text = await sb.ok(['sessions']);
    expect(text).toContain('hi \\033[2J\\033]0;gotcha\\a and \\302\\23331m C1');
    expect(raw.test(text)).toBe(false);
    const json = await sb.ok(['sessions', '--json']);
    expect(raw.test(json)).toBe(false);
    expect(JSON.parse(json)[0].firstPrompt).toBe(prompt);
    // Buffers and bindings hold whatever was put in them.
    await sb.ok(['set-buffer', '-b', 'evil\x1b[31m', 'x\u009by\x1b]0;t\x07']);
    await sb.ok(['bind-key', 'F9', 'display-message', '\x1b[2Jboom']);
    for (const args of [['list-buffers'], ['list-keys'], ['list-keys', '-N']]) {
      const out = await sb.ok(args);
      expect(raw.test(out), `${args.join(' ')}: ${JSON.stringify(out.slice(0, 200))}`).toBe(false);
    }
    expect(await sb.ok(['list-buffers'])).toContain('evil\\033[31m: ');
  });

  it('no other process can take the start lock first (its name has a private key), and a state dir that cannot be made is an error, not a hang (issue 13.5, 13.9)', async () => {
    const sb = box();
    // The name an attacker could compute without the key: holding it must not stop a start.
    const digest = crypto.createHash('sha256').update(path.resolve(defaultSock(sb))).digest('hex').slice(0, 32);
    const squat = net.createServer();
    await new Promise<void>((resolve) => squat.listen(`\0ccmux-server-lock/${process.getuid!()}/${digest}`, () => resolve()));
    try {
      await sb.ok(['new', '-d', '-s', 'a']);
    } finally {
      squat.close();
    }
    const key = `${defaultSock(sb)}.lock-key`;
    expect(fs.statSync(key).mode & 0o777).toBe(0o600);
    await sb.ok(['kill-server']);
    await waitFor(async () => (await sb.ccmux(['ls'])).stderr.includes('no server running'), 10_000, 'the server to go');
    // A key file that is not private is refused, with what to do.
    fs.chmodSync(key, 0o644);
    const r = await sb.ccmux(['new', '-d', '-s', 'b']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/lock-key is not a private file of yours .*remove it/);
    fs.rmSync(key);
    // A state dir that cannot be made (under /proc: Node's recursive mkdir spun there for good).
    const t0 = Date.now();
    const bad = await sb.ccmux(['new', '-d', '-s', 'c'], { env: { XDG_STATE_HOME: '/proc/1/nonexist' } });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/cannot use state directory \/proc\/1\/nonexist\/ccmux: .*(ENOENT|EACCES|EPERM)/);
    expect(Date.now() - t0).toBeLessThan(8000);
    // It left nothing holding the lock: a start with the right environment works at once.
    await sb.ok(['new', '-d', '-s', 'd']);
  });

  it('attach to a missing session says so, with and without a server', async () => {
    const sb = box();
    const none = await sb.ccmux(['attach', '-t', 'nosuch']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(`no server running on ${defaultSock(sb)}`);
    await sb.ok(['new', '-d', '-s', 'real']);
    const r = await sb.ccmux(['attach', '-t', 'nosuch']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("can't find session: nosuch");
    for (const args of [['kill-session', '-t', 'nosuch'], ['kill-pane', '-t', '%99'], ['select-window', '-t', 'real:99']]) {
      const x = await sb.ccmux(args);
      expect(x.code, args.join(' ')).toBe(1);
      expect(x.stderr, args.join(' ')).toMatch(/^can't find (session|pane|window): /);
    }
    expect((await sb.ok(['ls'])).trim()).toMatch(/^real: /);
  });

  it('commands with no server say which socket they looked at', async () => {
    const sb = box();
    for (const args of [['ls'], ['list-panes'], ['kill-server'], ['send-keys', 'x'], ['-L', 'other', 'ls']]) {
      const r = await sb.ccmux(args);
      expect(r.code, args.join(' ')).toBe(1);
      const sock = args[0] === '-L' ? path.join(sockDir(sb), 'other') : defaultSock(sb);
      expect(r.stderr, args.join(' ')).toContain(`no server running on ${sock}`);
    }
  });

  it('replaces a stale socket left by a crashed server', async () => {
    const sb = box();
    await sb.ok(['new', '-d', '-s', 'first']);
    const pid = Number((await sb.ok(['display', '-p', '#{pid}'])).trim());
    const panePid = (await sb.panes())[0]!.pid as number;
    extraPids.push(panePid);
    expect(pidAlive(pid)).toBe(true);
    process.kill(pid, 'SIGKILL');
    await waitFor(() => !pidAlive(pid), 5000, 'the server to die');
    expect(fs.statSync(defaultSock(sb)).isSocket()).toBe(true); // left behind
    const ls = await sb.ccmux(['ls']);
    expect(ls.code).toBe(1);
    expect(ls.stderr).toContain('no server running');
    const r = await sb.ccmux(['new', '-d', '-s', 'second']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // (A crashed server's sessions may be restored too; "second" must be there.)
    expect(await sb.ok(['ls'])).toMatch(/^second: 1 windows/m);
    const pid2 = Number((await sb.ok(['display', '-p', '#{pid}'])).trim());
    expect(pid2).not.toBe(pid);
    expect(pidAlive(pid2)).toBe(true);
  });

  it('refuses a live server’s socket rather than stealing it', async () => {
    const sb = box();
    await sb.ok(['new', '-d', '-s', 'a']);
    const pid = Number((await sb.ok(['display', '-p', '#{pid}'])).trim());
    // A second `new` talks to the running server instead of starting another.
    await sb.ok(['new', '-d', '-s', 'b']);
    expect(Number((await sb.ok(['display', '-p', '-t', 'b', '#{pid}'])).trim())).toBe(pid);
    expect((await sb.ok(['ls'])).split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('refuses a socket dir that group or others can write, naming the dir and its mode', async () => {
    const sb = box();
    fs.mkdirSync(sockDir(sb));
    fs.chmodSync(sockDir(sb), 0o777);
    for (const args of [['new', '-d'], ['ls']]) {
      const r = await sb.ccmux(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toContain(sockDir(sb));
      expect(r.stderr).toContain('mode 0777');
      expect(r.stderr).toContain(`chmod 700 ${sockDir(sb)}`);
    }
    expect(fs.readdirSync(sockDir(sb))).toEqual([]); // no server was started
    expect(fs.statSync(sockDir(sb)).mode & 0o777).toBe(0o777);
    fs.chmodSync(sockDir(sb), 0o700);
    await sb.ok(['new', '-d', '-s', 'fixed']);
    expect((await sb.ok(['ls'])).trim()).toMatch(/^fixed: /);
  });

  it('refuses a socket dir that is a symlink', async () => {
    const sb = box();
    const real = path.join(sb.dir, 'elsewhere');
    fs.mkdirSync(real, { mode: 0o700 });
    fs.symlinkSync(real, sockDir(sb));
    const r = await sb.ccmux(['new', '-d']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(sockDir(sb));
    expect(r.stderr).toMatch(/symlink/);
    expect(fs.readdirSync(real)).toEqual([]);
  });

  it('bounds what peers can hold: half-sent huge frames, crowds of silent peers, greeted peers that idle (issue 13.12)', async () => {
    const sb = box();
    await sb.ok(['new', '-d', '-s', 'a']);
    const pid = Number((await sb.ok(['display', '-p', '#{pid}'])).trim());
    const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
    const before = rssMb();
    const hello = encodeFrame(MsgType.Hello, { protocol: PROTOCOL_VERSION, version: 'test', pid: process.pid, cwd: '/', tty: false, cols: 80, rows: 24, env: {} });
    const peer = (bytes: Buffer[]): Promise<{ sock: net.Socket; closed: () => boolean; text: () => string }> =>
      new Promise((resolve) => {
        const sock = net.connect(defaultSock(sb));
        let closed = false;
        const got: Buffer[] = [];
        sock.on('data', (d) => got.push(d));
        sock.on('close', () => (closed = true));
        sock.on('error', () => undefined);
        sock.on('connect', () => {
          for (const b of bytes) sock.write(b);
          resolve({ sock, closed: () => closed, text: () => Buffer.concat(got).toString('latin1') });
        });
      });
    // 40 peers each send HELLO and half of a 15 MB frame, then hold it.
    const header = Buffer.alloc(5);
    header.writeUInt32BE(15 * 1024 * 1024 + 1, 0);
    header.writeUInt8(MsgType.Command, 4);
    const half = Buffer.alloc(7.5 * 1024 * 1024, 0x61);
    const holders = [];
    for (let i = 0; i < 40; i++) holders.push(await peer([hello, header, half]));
    await waitFor(() => holders.filter((h) => h.closed()).length >= 30, 15_000, 'most holders to be dropped');
    const why = holders.filter((h) => h.closed()).map((h) => h.text().slice(5));
    expect(why.some((t) => t.includes('too much unfinished input')), why.join('; ')).toBe(true);
    expect(rssMb() - before).toBeLessThan(300);
    const t0 = Date.now();
    expect((await sb.ok(['ls'])).trim()).toMatch(/^a: /);
    expect(Date.now() - t0).toBeLessThan(5000);
    for (const h of holders) h.sock.destroy();
    // 300 peers that say nothing: beyond 64 at once the longest silent ones are dropped,
    // and a real client still gets in.
    const silent = [];
    for (let i = 0; i < 300; i++) silent.push(await peer([]));
    await waitFor(() => silent.filter((p) => !p.closed()).length <= 64, 5000, 'the crowd to be thinned');
    expect(silent[0]!.closed()).toBe(true);
    expect(silent[0]!.text()).toContain('too many connections that have not said HELLO');
    expect((await sb.ok(['ls'])).trim()).toMatch(/^a: /);
    for (const p of silent) p.sock.destroy();
    // A peer that says HELLO and then nothing goes after the idle time.
    const idle = await peer([hello]);
    await waitFor(() => idle.closed(), 15_000, 'the idle peer to be dropped');
    expect(idle.text()).toContain('no command within 10 s');
    expect(pidAlive(pid)).toBe(true);
  }, 60_000);

  it('rejects a client of another protocol version with a clear message and closes', async () => {
    const sb = box();
    await sb.ok(['new', '-d', '-s', 'a']);
    const hello = { protocol: 999, version: '9.9.9', pid: process.pid, cwd: '/', tty: false, cols: 80, rows: 24, env: {} };
    const { frames } = await rawPeer(defaultSock(sb), encodeFrame(MsgType.Hello, hello));
    const text = rejectText(frames);
    expect(text).toContain('protocol version mismatch');
    expect(text).toContain('999');
    expect(text).toContain(`speaks ${PROTOCOL_VERSION}`);
    expect((await sb.ok(['ls'])).trim()).toMatch(/^a: /);
  });

  it('drops peers that send garbage, an oversized frame, a zero-length frame or no HELLO, and stays up', async () => {
    const sb = box();
    await sb.ok(['new', '-d', '-s', 'a']);
    const pid = Number((await sb.ok(['display', '-p', '#{pid}'])).trim());
    const huge = Buffer.alloc(5);
    huge.writeUInt32BE(0xfffffff0, 0);
    huge.writeUInt8(MsgType.Hello, 4);
    const cases: Array<[string, Buffer, RegExp]> = [
      ['an HTTP request', Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'), /bad frame length/],
      ['an oversized frame', huge, /bad frame length 4294967280/],
      ['a zero-length frame', Buffer.alloc(5), /bad frame length 0/],
      ['a COMMAND before HELLO', encodeFrame(MsgType.Command, { argv: ['kill-server'] }), /expected HELLO/],
      ['a HELLO that is not JSON', encodeFrame(MsgType.Hello, 'not json'), /not valid JSON/],
      ['an unknown message type', Buffer.from([0, 0, 0, 1, 99]), /unknown message type 99/],
    ];
    for (const [what, bytes, why] of cases) {
      const { frames } = await rawPeer(defaultSock(sb), bytes);
      expect(rejectText(frames), what).toMatch(why);
      expect(pidAlive(pid), what).toBe(true);
      expect((await sb.ok(['ls'])).trim(), what).toMatch(/^a: /);
    }
    // A HELLO then a bad COMMAND is dropped too, after WELCOME.
    const hello = encodeFrame(MsgType.Hello, { protocol: PROTOCOL_VERSION, version: 'x', pid: 1, cwd: '/', tty: false, cols: 80, rows: 24, env: {} });
    const { frames } = await rawPeer(defaultSock(sb), Buffer.concat([hello, encodeFrame(MsgType.Command, { argv: [1, 2] })]));
    expect(frames.map((f) => MsgType[f.type])).toEqual(['Welcome', 'Reject']);
    expect(JSON.parse(frames[1]!.payload.toString()).message).toMatch(/argv must be an array of strings/);
    expect((await sb.ok(['ls'])).trim()).toMatch(/^a: /);
  });

  it('drops a peer that says nothing, or stops half way through its HELLO', async () => {
    const sb = box();
    await sb.ok(['new', '-d', '-s', 'a']);
    const hello = encodeFrame(MsgType.Hello, { protocol: PROTOCOL_VERSION, version: 'x', pid: 1, cwd: '/', tty: false, cols: 80, rows: 24, env: {} });
    const [silent, partial] = await Promise.all([rawPeer(defaultSock(sb), Buffer.alloc(0)), rawPeer(defaultSock(sb), hello.subarray(0, 12))]);
    expect(rejectText(silent.frames)).toBe('no HELLO received');
    expect(rejectText(partial.frames)).toBe('no HELLO received');
    expect((await sb.ok(['ls'])).trim()).toMatch(/^a: /);
  });

  it('the client gives a clear message, not a hang, when the server speaks another version or garbage', async () => {
    const sb = box();
    const sock = path.join(sb.dir, 'fake.sock');
    const servers: net.Server[] = [];
    try {
      servers.push(await fakeServer(sock, (s) => s.end(encodeFrame(MsgType.Welcome, { protocol: 999, version: '9.9.9', pid: 1 }))));
      let r = await sb.ccmux(['-S', sock, 'ls']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('protocol version mismatch');
      expect(r.stderr).toContain(`speaks ${PROTOCOL_VERSION}`);
      expect(r.stderr).toContain('speaks 999');
      await new Promise((res) => servers.pop()!.close(res));

      servers.push(await fakeServer(sock, (s) => s.end(encodeFrame(MsgType.Reject, { message: 'go away, you are not welcome' }))));
      r = await sb.ccmux(['-S', sock, 'ls']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('go away, you are not welcome');
      await new Promise((res) => servers.pop()!.close(res));

      servers.push(await fakeServer(sock, (s) => s.end('SSH-2.0-OpenSSH_9.6\r\n')));
      r = await sb.ccmux(['-S', sock, 'ls']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('does not speak the ccmux protocol');
      await new Promise((res) => servers.pop()!.close(res));

      servers.push(await fakeServer(sock, () => undefined)); // accepts, never answers
      r = await sb.ccmux(['-S', sock, 'ls']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/did not answer within \d+ s/);
    } finally {
      for (const s of servers) s.close();
    }
  });

  it('refuses bad -L names without touching the file system outside the socket dir', async () => {
    const sb = box();
    for (const label of ['../x', 'a/b', '..', '', 'tab\there', 'x'.repeat(65)]) {
      const r = await sb.ccmux(['-L', label, 'new', '-d']);
      expect(r.code, JSON.stringify(label)).toBe(1);
      expect(r.stderr, JSON.stringify(label)).toMatch(/server name \(-L\)/);
    }
    expect(fs.existsSync(path.join(sb.env.XDG_RUNTIME_DIR!, 'x'))).toBe(false);
    expect(fs.existsSync(sockDir(sb)) ? fs.readdirSync(sockDir(sb)) : []).toEqual([]);
    const r = await sb.ccmux(['-L']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('-L needs a value');
  });

  // (a `:` or `.` in a session name becomes `_`, as in tmux: tmux-compat-plugins.test.ts)
  it('refuses bad session and window names with a clear error', async () => {
    const sb = box();
    await sb.ok(['new', '-d', '-s', 'ok']);
    const cases: Array<[string[], RegExp]> = [
      [['new', '-d', '-s', 'bell\x07'], /session name must not contain control characters: "bell\\u0007"/],
      [['new', '-d', '-s', 'esc\x1b[31m'], /session name must not contain control characters/],
      [['new', '-d', '-s', ''], /session name must not be empty/],
      [['new', '-d', '-s', 'ok'], /duplicate session: ok/],
      [['rename-session', '-t', 'ok', 'new\nline'], /session name must not contain control characters/],
      [['new-window', '-d', '-n', 'tab\there'], /window name must not contain control characters/],
      [['rename-window', 'cr\rhere'], /window name must not contain control characters/],
    ];
    for (const [args, why] of cases) {
      const r = await sb.ccmux(args);
      expect(r.code, JSON.stringify(args)).toBe(1);
      expect(r.stderr, JSON.stringify(args)).toMatch(why);
    }
    expect((await sb.ok(['ls'])).trim()).toMatch(/^ok: 1 windows/);
  });

  it('refuses impossible sizes and keeps the layout as it was', async () => {
    const sb = box();
    await sb.ok(['new', '-d', '-s', 'a', '-x', '80', '-y', '24']);
    const cases: Array<[string[], RegExp]> = [
      // tmux's words (a size too large for the pane is clamped, as tmux's: not refused).
      [['split-window', '-l', '99999999999'], /^lines too large$/m],
      [['split-window', '-l', 'x%'], /^percentage invalid$/m],
      [['split-window', '-l', '-5'], /^lines too small$/m],
      [['split-window', '-l', 'abc'], /^lines invalid$/m],
      [['split-window', '-p', 'many'], /^create pane failed: -p invalid$/m],
      [['split-window', '-h', '-v'], /-h and -v cannot be used together/],
      [['new', '-d', '-s', 'b', '-x', '0'], /invalid size -x 0/],
      [['new', '-d', '-s', 'b', '-y', 'lots'], /invalid size -y lots/],
      [['resize-pane', '-x', 'abc'], /invalid/],
    ];
    for (const [args, why] of cases) {
      const r = await sb.ccmux(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(why);
      expect(r.stderr, args.join(' ')).not.toMatch(/\n\s+at /); // no stack trace
    }
    const panes = await sb.panes();
    expect(panes.map((p) => [p.width, p.height])).toEqual([[80, 24]]);
    expect((await sb.ok(['ls'])).trim().split('\n')).toHaveLength(1);
  });
});
