/*
 * The server's own work for one keystroke, without a pty, a socket or the kernel: a model
 * on fake ptys (as the unit tests' fake-model.ts) with one 200×50 window of N + 1 tiled
 * panes and a relayed client on a link that throws frames away; each key is typed into
 * the client (input decoding, the write to the pane), then its echo printed by the
 * active pane's fake pty (xterm parses it, the frame is composed, diffed and "sent"), and
 * the two are timed together. Several builds load side by side in one process and take
 * turns, so a machine that other work slows slows them all alike:
 *
 *   node scripts/bench/tools/frame-cost.mjs [--panes 0,30] [--keys 2000] [--rounds 5] [--flood KB] DIST [DIST…]
 *
 * With --flood, each "echo" is instead the next KB kilobytes of throughput's coloured text
 * (lib/text.mjs), so each step is a parse of a flood's read and a frame of a scrolled screen.
 *
 * Each DIST is a build's dist/ directory (with node_modules/ in a parent); prints the
 * median µs per key of each build, per pane count, over the rounds.
 */
import os from 'node:os';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return def;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const paneCounts = opt('panes', '0,30').split(',').map(Number);
const KEYS = Number(opt('keys', 2000));
const ROUNDS = Number(opt('rounds', 5));
const floodKB = Number(opt('flood', 0));
const dists = args.length ? args : ['dist'];
let floodText = '';
if (floodKB) {
  const { makeLine, prng } = await import('../lib/text.mjs');
  const rnd = prng(1);
  while (floodText.length < 4e6) floodText += makeLine(rnd).replace(/\n/g, '\r\n');
}

async function load(dist) {
  const at = (p) => import(pathToFileURL(path.resolve(dist, p)).href);
  const [{ Server }, { buildConfig }, { Client }, { MsgType, PROTOCOL_VERSION }, { RUNNER }, pino] = await Promise.all([
    at('server/server.js'),
    at('commands/read-config.js'),
    at('server/client/client.js'),
    at('protocol/frames.js'),
    at('commands/run.js'),
    import(pathToFileURL(path.resolve(dist, '../node_modules/pino/pino.js')).href).catch(() => import('pino')),
  ]);
  return { Server, buildConfig, Client, MsgType, PROTOCOL_VERSION, RUNNER, pino: pino.default ?? pino };
}

/** A pty that prints on cue. */
class FakePty {
  static next = 900_000;
  pid = FakePty.next++;
  data = [];
  onData(cb) {
    this.data.push(cb);
  }
  onExit() {}
  write() {}
  pause() {}
  resume() {}
  resize() {}
  kill() {}
  print(text) {
    for (const cb of this.data) cb(Buffer.from(text));
  }
}

/** One build's server with `panes` + 1 tiled panes and a client attached: type(key) times one key. */
function setup(m, panes) {
  const ptys = [];
  const server = new m.Server({
    socketPath: '/nonexistent/ccmux-bench',
    stateDir: os.tmpdir(),
    configFile: undefined,
    home: os.tmpdir(),
    spawner: (file, a) => {
      const p = new FakePty();
      ptys.push(p);
      return p;
    },
    log: m.pino({ level: 'silent' }),
    config: m.buildConfig(undefined),
  });
  const req = { cwd: '/', env: { PATH: '/bin' } };
  const s = server.model.newSession('bench', req, 200, 50, 'main');
  const first = s.current.activePane;
  for (let i = 0; i < panes; i++) {
    const w = s.current;
    const biggest = [...w.panes.values()].sort((a, b) => b.term.cols * b.term.rows - a.term.cols * a.term.rows)[0];
    server.model.splitWindow(biggest, biggest.term.cols > biggest.term.rows * 2.5 ? 'h' : 'v', req, { select: false });
  }
  server.model.selectPane(s.current, first.id);
  for (const [i, p] of ptys.entries()) p.print(`pane ${i} $ `);
  const sock = Object.assign(new EventEmitter(), { writableLength: 0, destroyed: false, end() {} });
  const link = { socket: sock, runner: m.RUNNER, send() {} };
  const hello = { protocol: m.PROTOCOL_VERSION, version: 'bench', pid: 1, cwd: '/', tty: true, cols: 200, rows: 51, env: { PATH: '/bin', TERM: 'xterm-256color' } };
  const client = new m.Client(server, link, hello, s);
  const echo = ptys[0];
  let k = 0;
  let at = 0;
  const next = (key) => {
    if (!floodKB) return `\r${key}`;
    if (at + floodKB * 1024 > floodText.length) at = 0;
    at += floodKB * 1024;
    return floodText.slice(at - floodKB * 1024, at);
  };
  return {
    server,
    type() {
      const key = 'qxzjkw'[k++ % 6];
      const out = next(key);
      const t0 = performance.now();
      client.handleFrame({ type: m.MsgType.Input, payload: Buffer.from(key) });
      echo.print(out);
      return performance.now() - t0;
    },
  };
}

const builds = await Promise.all(dists.map(load));
const results = new Map();
for (const panes of paneCounts) {
  const rigs = builds.map((m) => setup(m, panes));
  await new Promise((r) => setTimeout(r, 100)); // first frames
  for (const rig of rigs) for (let i = 0; i < 300; i++) rig.type(); // warm-up: JIT
  for (let round = 0; round < ROUNDS; round++) {
    for (const [b, rig] of rigs.entries()) {
      const times = [];
      for (let i = 0; i < KEYS; i++) times.push(rig.type());
      times.sort((x, y) => x - y);
      const key = `${dists[b]} panes ${panes}`;
      if (!results.has(key)) results.set(key, []);
      results.get(key).push(times[Math.floor(times.length / 2)] * 1000);
    }
  }
  for (const rig of rigs) rig.server.model.disposeAll?.();
}
for (const [key, v] of results) {
  const s = [...v].sort((x, y) => x - y);
  console.log(`${key.padEnd(40)} median ${s[Math.floor(s.length / 2)].toFixed(1)} µs per key (rounds ${s.map((x) => x.toFixed(0)).join(' ')})`);
}
process.exit(0);
