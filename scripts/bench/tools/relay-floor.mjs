/*
 * The floor of ccmux's shape: what a keystroke costs through two node processes that do
 * nothing but pass bytes, laid out as ccmux is — a client on the terminal's pty, a Unix
 * socket, a server holding the pane's pty (node-pty, writes straight to the master fd as
 * ccmux does) with the latency echoer in it. No parsing, no frames, no protocol. Measured
 * like scripts/bench/latency.mjs (one key in flight, 5 ms apart), next to the bare pty and
 * to one node process between the terminal and the pane (tmux's shape: its client hands
 * the server its tty, so only the server is on a keystroke's path).
 *
 * `node scripts/bench/tools/relay-floor.mjs [--reps N] [--samples N]`
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pty from 'node-pty';
import { ECHOER, ECHO_KEYS, echoSink, keyLatencies, stats } from '../lib/latency.mjs';
import { sleep, waitFor } from '../lib/harness.mjs';

const argv = process.argv.slice(2);
const at = (k, d) => (argv.includes(k) ? Number(argv[argv.indexOf(k) + 1]) : d);
const REPS = at('--reps', 3);
const SAMPLES = at('--samples', 300);

const SERVER = `
const net = require('node:net'), fs = require('node:fs'), pty = require('node-pty');
const srv = net.createServer((sock) => {
  const p = pty.spawn('/bin/sh', ['-c', process.env.ECHOER], { cols: 200, rows: 50, env: process.env });
  sock.on('data', (d) => fs.writeSync(p.fd, d));
  p.onData((d) => sock.write(d));
  sock.on('close', () => { p.kill('SIGHUP'); srv.close(); });
});
srv.listen(process.argv[1], () => process.stdout.write('ready\\n'));
`;
const CLIENT = `
const net = require('node:net');
const sock = net.connect(process.argv[1]);
process.stdin.setRawMode(true);
process.stdin.on('data', (d) => sock.write(d));
sock.on('data', (d) => process.stdout.write(d));
sock.on('close', () => process.exit(0));
`;

const NODE_PATH = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', '..', 'node_modules');
const nodeEnv = (dir) => ({ PATH: process.env.PATH, NODE_PATH, ECHOER, HOME: dir, TERM: 'xterm-256color' });

/**
 * Run `argv` on a 200×51 pty of our own (the terminal), wait until a key typed into it
 * comes back (the echoer behind it is up), then measure; `what` names it in errors.
 */
async function measureThrough(argv, env, dir, what) {
  const sink = echoSink();
  const proc = pty.spawn(argv[0], argv.slice(1), { name: 'xterm-256color', cols: 200, rows: 51, cwd: dir, env });
  proc.onData((d) => sink.data(d));
  const client = { proc, write: (d) => proc.write(d) };
  try {
    await waitFor(async () => {
      const seen = sink.expect(ECHO_KEYS[0]);
      client.write(ECHO_KEYS[0]);
      const ok = await Promise.race([seen, sleep(300).then(() => false)]);
      if (!ok) sink.cancel();
      return ok;
    }, 10_000, what);
    return stats(await keyLatencies(client, sink, { samples: SAMPLES, warmup: 30, gapMs: 5 }));
  } finally {
    proc.kill('SIGHUP');
  }
}

async function relayRun(dir) {
  const sockPath = path.join(dir, 'relay.sock');
  const env = nodeEnv(dir);
  const server = spawn(process.execPath, ['-e', SERVER, sockPath], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => server.stdout.once('data', resolve));
  try {
    return await measureThrough([process.execPath, '-e', CLIENT, sockPath], env, dir, 'the relayed echoer');
  } finally {
    await new Promise((resolve) => (server.exitCode !== null ? resolve() : server.once('exit', resolve)));
  }
}

/** One node process between the terminal and the pane (tmux's shape: its server does the client's tty I/O). */
const SINGLE = `
const fs = require('node:fs'), pty = require('node-pty');
const p = pty.spawn('/bin/sh', ['-c', process.env.ECHOER], { cols: 200, rows: 50, env: process.env });
process.stdin.setRawMode(true);
process.stdin.on('data', (d) => fs.writeSync(p.fd, d));
p.onData((d) => process.stdout.write(d));
p.onExit(() => process.exit(0));
`;

const singleRun = (dir) => measureThrough([process.execPath, '-e', SINGLE], nodeEnv(dir), dir, 'the echoer behind one node process');

/** The echoer on the terminal's own pty: nothing between. */
const bareRun = (dir) => measureThrough(['/bin/sh', '-c', ECHOER], { PATH: process.env.PATH }, dir, 'the bare echoer');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-floor-'));
try {
  for (let rep = 1; rep <= REPS; rep++) {
    for (const [what, fn] of [['bare pty', bareRun], ['1 node process', singleRun], ['2 node processes', relayRun]]) {
      const r = await fn(dir);
      console.log(`rep ${rep}/${REPS} ${what.padEnd(16)} median ${r.median.toFixed(2)} ms, p90 ${r.p90.toFixed(2)}, p99 ${r.p99.toFixed(2)}`);
    }
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
