#!/usr/bin/env node
/*
 * Stress scenario "hostile": a live server under attack from its own socket. Peers send
 * garbage (random bytes and damaged frames from fast-check), truncated frames, HELLOs of
 * other protocol versions, huge lengths; hundreds connect and vanish, or connect and say
 * nothing; well-formed clients send thousands of commands with random arguments (targets,
 * flags, sizes, format strings full of junk) — only commands that start no program, type
 * nothing into a pane and write no file outside the state dir. Through it all the server
 * must answer or drop each peer, stay the same process, serve `ls`, and come back to its
 * baseline of open fds once the peers are gone.
 *
 *   node scripts/stress/hostile.mjs [--peers 2000] [--commands 20000] [--seed N]
 */
import net from 'node:net';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { StressSandbox, cmd, cmdOk, serverPid, sleep, sockOf, waitFor } from './lib/sandbox.mjs';
import { encodeFrame, helloFrame, MsgType, rawPeer } from './lib/proto.mjs';
import { fds, running } from './lib/procfs.mjs';

export const name = 'hostile';

const TYPES = Object.values(MsgType).filter((v) => typeof v === 'number');
const header = (len, type) => {
  const h = Buffer.alloc(5);
  h.writeUInt32BE(len >>> 0, 0);
  h.writeUInt8(type & 0xff, 4);
  return h;
};

/** Byte streams a hostile peer might send: damaged frames, garbage, foreign protocols. */
export const hostileBytes = fc
  .array(
    fc.oneof(
      fc.record({ type: fc.constantFrom(...TYPES), payload: fc.uint8Array({ maxLength: 40 }) }).map((f) => encodeFrame(f.type, Buffer.from(f.payload))),
      fc.record({ len: fc.oneof(fc.constant(0), fc.constant(0xffffffff), fc.constant(16 * 1024 * 1024 + 2), fc.nat({ max: 64 })), type: fc.nat({ max: 255 }) }).map((h) => header(h.len, h.type)),
      fc.uint8Array({ minLength: 1, maxLength: 40 }).map((b) => Buffer.from(b)),
      fc.constantFrom(Buffer.from('GET / HTTP/1.1\r\n\r\n'), Buffer.from('SSH-2.0-OpenSSH_9.6\r\n'), encodeFrame(MsgType.Command, { argv: ['kill-server'] }), encodeFrame(MsgType.Hello, 'not json'), encodeFrame(MsgType.Hello, [1, 2])),
      fc.oneof(fc.integer(), fc.string(), fc.constant(null)).map((protocol) => encodeFrame(MsgType.Hello, { protocol, version: 'x', pid: 1, cwd: '/', tty: false, cols: 80, rows: 24, env: {} })),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((parts) => Buffer.concat(parts));

/** Commands that start no program, type into no pane and write no file outside the state dir. */
export const SAFE_COMMANDS = [
  'bind-key', 'unbind-key', 'capture-pane', 'choose-session', 'choose-window', 'copy-mode', 'display-message', 'has-session', 'kill-pane',
  'kill-window', 'last-pane', 'last-window', 'list-buffers', 'list-commands', 'list-keys', 'list-panes', 'list-sessions', 'list-windows',
  'next-layout', 'next-window', 'previous-window', 'rename-session', 'rename-window', 'resize-pane', 'select-layout', 'select-pane',
  'select-window', 'set-option', 'show-options', 'swap-pane', 'switch-client', 'detach-client', 'set-buffer', 'show-buffer', 'delete-buffer',
  'choose-profile', 'choose-conversation', 'doctor', 'du', 'sessions', 'next-waiting', 'claude-hook', 'has-session', 'start-server',
];

const junk = fc.oneof(
  fc.constantFrom('%0', '%1', '%99', '@0', '@1', '$0', 'hostile', 'hostile:0', 'hostile:0.1', 'other:1', '{last}', '{up}', '{next}', ':', '.', '..', '../..', '/etc/passwd', '!', '+', '-',
    '0', '-1', '5', '99999999999', '1e3', '50%', '0%', 'abc', '', ' ', '\t', '\x1b[2J', '\0', 'é😀', 'on', 'off', 'history-limit', 'status-style', 'mouse', 'prefix', 'C-b', 'M-x',
    '#{pane_id}', '#{', '#{?pane_active,a,b}', '#{=5:pane_title}', '#{s/a/b/:pane_title}', '#{t:window_activity}', `#{${'#{'.repeat(50)}`, '#{l:#{d:#{b:pane_current_path}}}', '#{pane_pid}',
    'even-horizontal', 'tiled', 'main-vertical', 'bogus-layout', 'default', 'work', 'h', 'idle', 'needs-input', 'Stop', 'SessionStart', 'session_id=x'),
  fc.string({ maxLength: 12 }),
);
const flag = fc.oneof(fc.constantFrom('-a', '-t', '-s', '-n', '-p', '-F', '-x', '-y', '-h', '-v', '-l', '-L', '-R', '-U', '-D', '-Z', '-T', '-N', '-b', '-S', '-E', '-J', '-r', '-u', '-g', '-q', '-w', '-d', '-e', '--json', '--dry-run', '--profile', '--'), fc.string({ maxLength: 3 }).map((s) => `-${s}`));

const sensible = fc.constantFrom(['-t', 'hostile'], ['-t', '%1'], ['-t', 'hostile:1'], ['-a'], ['--json'], ['-p', '#{session_name} #{pane_id} #{window_layout}'], ['-F', '#{pane_title}'], ['-Z'], ['-L'], ['-x', '30'], ['-y', '5'], []);

/** A random argv of a safe command: mostly junk, a third of the time sensible flags that reach deeper. */
export const randomArgv = fc.oneof(
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...SAFE_COMMANDS), fc.array(fc.oneof(flag, junk), { maxLength: 6 })).map(([n, rest]) => [n, ...rest]) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...SAFE_COMMANDS), sensible, fc.array(junk, { maxLength: 2 })).map(([n, a, rest]) => [n, ...a, ...rest]) },
);

/**
 * Run the attack against the server of `sb` (already running). Returns { ok, violations, figures }.
 */
export async function runHostile(sb, { peers = 2000, abandoned = 500, silent = 50, commands = 20_000, parallel = 8, seed = Date.now() % 100000, log = () => {} } = {}) {
  const violations = [];
  const sock = sockOf(sb);
  const pid = await serverPid(sb);
  await cmdOk(sb, ['set-option', 'exit-empty', 'off']);
  // Peers cost the server sockets; panes made again along the way add ptys, so sockets are counted.
  const sockets = () => fds(pid)?.socket ?? -1;
  const settle = async () => {
    await sleep(300);
    return sockets();
  };
  const baseline = await settle();
  const figures = { seed, garbagePeers: 0, dropped: 0, abandoned: 0, silent: 0, commands: 0, commandsOk: 0, commandsFailed: 0, commandsUnanswered: 0 };

  // Garbage peers: each must be dropped (the server closes the connection).
  const samples = fc.sample(hostileBytes, { numRuns: peers, seed });
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < samples.length) {
        const bytes = samples[next++];
        const r = await rawPeer(sock, bytes, { timeoutMs: 8000 });
        figures.garbagePeers++;
        if (r.closed) figures.dropped++;
        else violations.push(`a peer sending ${bytes.subarray(0, 24).toString('hex')}… was not dropped within 8 s`);
      }
    }),
  );
  log(`${figures.garbagePeers} garbage peers, ${figures.dropped} dropped`);

  // Peers that connect and vanish, and peers that connect and say nothing (dropped at the HELLO timeout).
  await Promise.all(
    Array.from({ length: abandoned }, (_, i) =>
      new Promise((resolve) => {
        const s = net.connect(sock);
        s.on('error', () => resolve());
        s.on('connect', () => {
          if (i % 2) s.write(helloFrame().subarray(0, 7)); // half a HELLO, then gone
          s.destroy();
          figures.abandoned++;
          resolve();
        });
      }),
    ),
  );
  const quiet = await Promise.all(Array.from({ length: silent }, () => rawPeer(sock, Buffer.alloc(0), { timeoutMs: 10_000 })));
  figures.silent = quiet.length;
  for (const q of quiet) if (!q.closed) violations.push('a silent peer was not dropped within 10 s');
  log(`${figures.abandoned} abandoned, ${figures.silent} silent peers`);

  // Well-formed clients with random commands: each gets an answer. Random kill-pane and
  // kill-window empty the server now and then: the sessions are made again every 100.
  const argvs = fc.sample(randomArgv, { numRuns: commands, seed: seed + 1 });
  next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < argvs.length) {
        if (next % 100 === 0) await replenish(sb);
        const argv = argvs[next++];
        const r = await cmd(sb, argv, { timeoutMs: 15_000 });
        figures.commands++;
        if (r.code === 0) figures.commandsOk++;
        else if (/timed out|ECONNREFUSED|ENOENT|closed the connection|rejected: internal error/.test(r.stderr)) {
          figures.commandsUnanswered++;
          violations.push(`${JSON.stringify(argv)}: ${r.stderr.trim().slice(0, 200)}`);
          if (!running(pid)) break;
        } else figures.commandsFailed++;
        if (/\n\s+at /.test(r.stderr)) violations.push(`${JSON.stringify(argv)} printed a stack trace: ${r.stderr.slice(0, 200)}`);
        if (figures.commands % 2000 === 0) log(`${figures.commands}/${commands} commands`);
      }
    }),
  );
  log(`${figures.commands} random commands: ${figures.commandsOk} ok, ${figures.commandsFailed} refused with a message`);

  if (!running(pid)) violations.push('the server died');
  const ls = await sb.ccmux(['ls']);
  if (ls.code !== 0 && !/no sessions/.test(ls.stderr)) violations.push(`ccmux ls failed: ${ls.stderr.trim()}`);
  let end = sockets();
  try {
    await waitFor(() => (end = sockets()) <= baseline, 15_000, 'the socket count to come back');
  } catch {
    violations.push(`open sockets: ${baseline} before, ${end} after`);
  }
  figures.socketFds = `${baseline} → ${end}`;
  return { ok: violations.length === 0, violations: violations.slice(0, 50), figures };
}

/** Sessions "hostile" (two windows, three panes) and "other", made again when gone; no pane runs a shell. */
async function replenish(sb) {
  if ((await cmd(sb, ['has-session', '-t', '=hostile'])).code !== 0) {
    await cmd(sb, ['new-session', '-d', '-s', 'hostile', '-x', '120', '-y', '40', 'sleep 3600']);
    await cmd(sb, ['split-window', '-d', '-t', 'hostile', 'sleep 3600']);
    await cmd(sb, ['new-window', '-d', '-t', 'hostile', 'sleep 3600']);
  }
  if ((await cmd(sb, ['has-session', '-t', '=other'])).code !== 0) await cmd(sb, ['new-session', '-d', '-s', 'other', 'sleep 3600']);
}

/** A server with a few panes that run no shell (nothing a random key could reach). */
export async function hostileServer(sb) {
  await sb.ok(['new', '-d', '-s', 'keep', '-x', '80', '-y', '24', 'sleep 3600']);
  await replenish(sb);
}

export async function run({ quick = false, seed, log = console.log } = {}) {
  const sb = new StressSandbox();
  try {
    await hostileServer(sb);
    const opts = quick ? { peers: 300, abandoned: 100, silent: 20, commands: 2000 } : { peers: 3000, abandoned: 1000, silent: 100, commands: 20_000 };
    const r = await runHostile(sb, { ...opts, seed, log });
    return [{ name: `${opts.peers} garbage peers, ${opts.abandoned + opts.silent} abandoned/silent, ${opts.commands} random commands`, ...r }];
  } finally {
    await sb.dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const argv = process.argv.slice(2);
  const num = (f, d) => (argv.includes(f) ? Number(argv[argv.indexOf(f) + 1]) : d);
  const sb = new StressSandbox();
  hostileServer(sb)
    .then(() => runHostile(sb, { peers: num('--peers', 2000), commands: num('--commands', 20_000), seed: num('--seed', undefined), log: console.log }))
    .then((r) => {
      console.log(JSON.stringify(r, null, 2));
      process.exitCode = r.ok ? 0 : 1;
    })
    .finally(() => sb.dispose());
}
