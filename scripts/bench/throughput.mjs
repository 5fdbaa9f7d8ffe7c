/*
 * Throughput: how fast a flood of coloured text gets through the multiplexer to an
 * attached client's terminal.
 *
 * A file of mixed text (lines of varied length, some wider than the pane; SGR 16, 256
 * and truecolor colours, bold, some CJK) is generated once. In a 200×50 pane with one
 * client attached (a 200×51 pty: the status line takes a row), the client's user types
 * `cat FILE; printf '%s%s\n' 'AB' 'CD'`; the clock runs from that keystroke until the
 * marker `ABCD` is on the client. The marker's characters never occur in the file and the
 * typed command line holds only its halves, so only the printf output can match.
 *
 * Each run gets a fresh sandbox and server. Two sinks read the client's pty:
 *   scan    only looks for the marker: the multiplexer's own speed
 *   xterm   a headless xterm parses everything, reading only as fast as it parses
 *           (a real terminal); the marker counts once the parser has reached it
 * MB/s is the file's size / elapsed time, 1 MB = 10^6 bytes. For scale, the same is
 * measured without a multiplexer (cat on a bare 200×50 pty) and as xterm parsing the
 * file from memory.
 *
 * A third reader, independent of this process and of node: `pty`, a python program
 * (PTY_READER) that runs the attach command on a pty of its own and read(2)s it as fast as
 * it can, scanning for the marker, with another file: every line full-width coloured text
 * (LONG_LINES: 200 columns, a quarter of them 400 and wrapping), which is more cells per
 * input byte than the mixed text and so more work for a multiplexer's screen.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import xterm from '@xterm/headless';
import u11 from '@xterm/addon-unicode11';
import { attachClient, cpuSeconds, endMarker, machineBusySeconds, waitQuiet, makeSandbox, spawnBare, startCcmux, startTmux } from './lib/harness.mjs';
import { markerSink, xtermSink } from './lib/sinks.mjs';
import { generateText, prng } from './lib/text.mjs';
import { spawn } from 'node:child_process';

export const name = 'throughput';
export const description = 'cat of mixed coloured text in a 200×50 pane, until the end marker is on the attached client';

const COLS = 200;
const ROWS = 50;
const FULL_BYTES = 50_000_000;
const QUICK_BYTES = 3_000_000;
/** The file never holds these characters; markers are made of them. */
const MARKER_ALPHABET = '~@#^|';
/**
 * A run during which other work (another job on the machine) kept more than this many
 * cores busy is measured again, at most RETRIES times; kernel pty work alone stays below.
 */
const DISTURBED_CORES = 0.35;
const RETRIES = 2;
/** A run that is not done after this many seconds per MB is taken as hung. */
const TIMEOUT_S_PER_MB = 2;

/**
 * The plain pty reader: argv[1] a JSON { argv, env, cols, rows, ready, go, end }. It runs
 * argv on a new pty of cols×rows, types `ready` and waits for its marker, says "ready" on
 * stdout and waits for a line on stdin, then types `go` and reads until `end`'s marker
 * has come out of the pty: prints { seconds, bytes } (from the keystroke to the marker,
 * and what it read meanwhile). It answers nothing: a multiplexer must not wait for its
 * terminal. On stdin's end it hangs the pty up and waits for the child.
 */
const PTY_READER = String.raw`
import json, os, pty, select, signal, struct, sys, time, fcntl, termios
cfg = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.execvpe(cfg['argv'][0], cfg['argv'], cfg['env'])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', cfg['rows'], cfg['cols'], 0, 0))
def until(marker, limit):
    tail, n, deadline = b'', 0, time.monotonic() + limit
    while True:
        if time.monotonic() > deadline:
            raise SystemExit('timed out waiting for the marker')
        r, _, _ = select.select([fd], [], [], 1.0)
        if not r:
            continue
        chunk = os.read(fd, 65536)
        n += len(chunk)
        if marker in tail + chunk:
            return n
        tail = (tail + chunk)[-len(marker):]
try:
    os.write(fd, cfg['ready'][0].encode() + b'\r')
    until(cfg['ready'][1].encode(), 15)
    sys.stdout.write('ready\n'); sys.stdout.flush()
    sys.stdin.readline()
    t0 = time.monotonic()
    os.write(fd, cfg['go'].encode() + b'\r')
    n = until(cfg['end'].encode(), cfg['timeout'])
    sys.stdout.write(json.dumps({'seconds': time.monotonic() - t0, 'bytes': n}) + '\n'); sys.stdout.flush()
    sys.stdin.readline()
finally:
    os.kill(pid, signal.SIGHUP)
    os.waitpid(pid, 0)
`;

/**
 * The pty reader's file: `bytes` (about) of lines of full-width coloured text — 200
 * columns (a quarter 400, wrapping once), a colour every 8–40 columns (16, 256 and
 * truecolor), no wide characters — each line a screen row or two of distinct cells.
 */
function generateLongLines(file, bytes) {
  const rnd = prng(20261203);
  const int = (n) => Math.floor(rnd() * n);
  const words = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:-_()=+*/';
  const fd = fs.openSync(file, 'w');
  try {
    let written = 0;
    while (written < bytes) {
      let chunk = '';
      while (chunk.length < 256 * 1024) {
        const width = rnd() < 0.25 ? 400 : 200;
        let line = '';
        for (let used = 0; used < width; ) {
          const k = rnd();
          const sgr = k < 0.3 ? `${31 + int(7)}` : k < 0.65 ? `38;5;${int(256)}` : `38;2;${int(256)};${int(256)};${int(256)}`;
          const n = Math.min(width - used, 8 + int(33));
          line += `\x1b[${sgr}m`;
          for (let i = 0; i < n; i++) line += words[int(words.length)];
          used += n;
        }
        chunk += `${line}\x1b[0m\n`;
      }
      fs.writeSync(fd, chunk);
      written += Buffer.byteLength(chunk);
    }
    return written;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * One measurement with the plain pty reader (PTY_READER) as the client's terminal:
 * `target` 'ccmux', 'tmux' or 'none' (the reader's pty runs a shell). Returns what
 * measure() does, clientChars in bytes.
 */
async function measurePty(target, file, bytes, opts) {
  const sb = makeSandbox();
  let mux = null;
  let reader = null;
  try {
    const rows = target === 'none' ? ROWS : ROWS + 1;
    if (target !== 'none') mux = await (target === 'ccmux' ? startCcmux(sb, { cols: COLS, rows, profileDir: opts.profileDir }) : startTmux(sb, { cols: COLS, rows }));
    const argv = mux ? [mux.attachArgv[0], ...mux.attachArgv[1]] : ['/bin/sh'];
    const ready = endMarker(MARKER_ALPHABET);
    const end = endMarker(MARKER_ALPHABET);
    const cfg = { argv, env: sb.env, cols: COLS, rows, ready: [ready.printCmd, ready.marker], go: `cat ${file}; ${end.printCmd}`, end: end.marker, timeout: Math.max(30, (bytes / 1e6) * TIMEOUT_S_PER_MB) };
    reader = spawn('python3', ['-c', PTY_READER, JSON.stringify(cfg)], { stdio: ['pipe', 'pipe', 'inherit'], cwd: sb.env.HOME });
    const lines = [];
    let wake = null;
    let buf = '';
    reader.stdout.on('data', (d) => {
      buf += d;
      for (let i; (i = buf.indexOf('\n')) >= 0; buf = buf.slice(i + 1)) lines.push(buf.slice(0, i));
      wake?.();
    });
    const exited = new Promise((r) => reader.on('exit', r));
    const line = async (what, ms) => {
      const t = timeout(ms, what);
      t.catch(() => undefined);
      while (!lines.length) await Promise.race([new Promise((r) => (wake = r)), exited.then(() => Promise.reject(new Error(`the pty reader exited before ${what}`))), t]);
      return lines.shift();
    };
    await line(`${target}: the shell to answer`, 20_000);
    if (mux) {
      const size = (await mux.cli(['display', '-p', '-t', 'bench', '#{pane_width}x#{pane_height}'])).trim();
      if (size !== `${COLS}x${ROWS}`) throw new Error(`${target}: pane is ${size}, want ${COLS}x${ROWS}`);
    }
    await waitQuiet();
    const before = mux ? cpuSeconds(mux.pid)?.self ?? NaN : NaN;
    reader.stdin.write('go\n');
    const r = JSON.parse(await line(`${target}: the end marker`, cfg.timeout * 1000 + 5000));
    const after = mux ? cpuSeconds(mux.pid)?.self ?? NaN : NaN;
    // No "others" check (the reader's own processes are not counted here): never measured again.
    return { others: NaN, mbps: bytes / 1e6 / r.seconds, seconds: r.seconds, clientChars: r.bytes, cpu: { server: after - before } };
  } finally {
    reader?.stdin.end();
    if (reader && reader.exitCode === null) await new Promise((r) => reader.on('exit', r));
    await mux?.stop();
    sb.dispose();
  }
}

/**
 * One measurement: `target` is 'ccmux', 'tmux' or 'none' (a bare pty); `sinkKind` 'scan'
 * or 'xterm'. Returns { mbps, clientChars }.
 */
async function measure(target, sinkKind, file, bytes, opts) {
  const sb = makeSandbox();
  let mux = null;
  let client = null;
  const rows = target === 'none' ? ROWS : ROWS + 1;
  const sink = sinkKind === 'xterm' ? xtermSink(COLS, rows) : markerSink();
  try {
    if (target === 'none') {
      client = spawnBare(sb, COLS, rows, sink);
    } else {
      mux = await (target === 'ccmux' ? startCcmux(sb, { cols: COLS, rows, profileDir: opts.profileDir }) : startTmux(sb, { cols: COLS, rows }));
      client = attachClient(mux, sb, COLS, rows, sink);
    }
    // The shell is up and the client attached when a first marker comes back.
    const ready = endMarker(MARKER_ALPHABET);
    const seen = sink.arm(ready.marker);
    client.write(`${ready.printCmd}\r`);
    await Promise.race([seen, timeout(15_000, `${target}: the shell to answer`)]);
    if (mux) {
      const size = (await mux.cli(['display', '-p', '-t', 'bench', '#{pane_width}x#{pane_height}'])).trim();
      if (size !== `${COLS}x${ROWS}`) throw new Error(`${target}: pane is ${size}, want ${COLS}x${ROWS}`);
    }
    const shell = mux ? Number((await mux.cli(['display', '-p', '-t', 'bench', '#{pane_pid}'])).trim()) : client.proc.pid;
    const cpu = () => ({
      server: mux ? cpuSeconds(mux.pid)?.self : undefined,
      client: mux ? cpuSeconds(client.proc.pid)?.self : undefined,
      cat: cpuSeconds(shell)?.children,
      bench: process.cpuUsage(),
      machine: machineBusySeconds(),
    });
    await waitQuiet();
    const end = endMarker(MARKER_ALPHABET);
    const done = sink.arm(end.marker);
    const before = cpu();
    const t0 = performance.now();
    client.write(`cat ${file}; ${end.printCmd}\r`);
    const t1 = await Promise.race([done, timeout(Math.max(30, (bytes / 1e6) * TIMEOUT_S_PER_MB) * 1000, `${target}: the end marker`)]);
    const after = cpu();
    if (sinkKind === 'xterm') {
      await sink.flush();
      if (!sink.screenText().includes(end.marker)) throw new Error(`${target}: the marker was in the stream but is not on the screen`);
    }
    const used = (k) => (after[k] === undefined || before[k] === undefined ? NaN : after[k] - before[k]);
    const benchUs = process.cpuUsage(before.bench);
    const seconds = (t1 - t0) / 1000;
    const ours = [used('server'), used('client'), used('cat'), (benchUs.user + benchUs.system) / 1e6].filter(Number.isFinite);
    return {
      /** Cores busy with something else than this measurement (other jobs, but also kernel pty work). */
      others: (used('machine') - ours.reduce((a, b) => a + b, 0)) / seconds,
      mbps: bytes / 1e6 / seconds,
      seconds,
      clientChars: sink.chars,
      cpu: { server: used('server'), client: used('client'), cat: used('cat'), bench: (benchUs.user + benchUs.system) / 1e6, machine: used('machine') },
    };
  } finally {
    if (target === 'none') client?.write('exit\r');
    await client?.close();
    await mux?.stop();
    sink.dispose();
    sb.dispose();
  }
}

function timeout(ms, what) {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms).unref());
}

/** xterm parsing the file from memory: the ceiling of a terminal in this process. */
async function parseAlone(text) {
  const term = new xterm.Terminal({ cols: COLS, rows: ROWS, scrollback: 1000, allowProposedApi: true });
  term.loadAddon(new u11.Unicode11Addon());
  term.unicode.activeVersion = '11';
  const t0 = performance.now();
  const CHUNK = 64 * 1024; // about what one pty read delivers
  for (let i = 0; i < text.length; i += CHUNK) term.write(text.slice(i, i + CHUNK));
  await new Promise((r) => term.write('', r));
  const ms = performance.now() - t0;
  term.dispose();
  return ms;
}

export async function run(opts) {
  const bytesWanted = opts.mb ? Math.round(opts.mb * 1e6) : opts.quick ? QUICK_BYTES : FULL_BYTES;
  const targets = opts.targets ?? ['ccmux', 'tmux', 'none'];
  const sinks = opts.sinks ?? ['scan', 'xterm', 'pty'];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmux-bench-data-'));
  try {
    const file = path.join(dir, 'mixed.txt');
    const bytes = generateText(file, bytesWanted);
    opts.log(`generated ${(bytes / 1e6).toFixed(1)} MB of mixed text`);
    const longFile = path.join(dir, 'long-lines.txt');
    const longBytes = sinks.includes('pty') ? generateLongLines(longFile, bytesWanted) : 0;
    const res = { ccmux: { scan: [], xterm: [], pty: [] }, tmux: { scan: [], xterm: [], pty: [] }, none: { scan: [], xterm: [], pty: [] } };
    const out = { ccmux: [], tmux: [] };
    const serverCpu = { ccmux: [], tmux: [] };
    const clientCpu = { ccmux: [], tmux: [] };
    for (let rep = 0; rep < opts.reps; rep++) {
      // Alternate who goes first, so drift (thermal, page cache) does not favour one.
      const order = (rep % 2 ? ['tmux', 'ccmux', 'none'] : ['ccmux', 'tmux', 'none']).filter((t) => targets.includes(t));
      for (const sinkKind of sinks) {
        for (const target of order) {
          let r;
          for (let attempt = 1; ; attempt++) {
            r = sinkKind === 'pty' ? await measurePty(target, longFile, longBytes, opts) : await measure(target, sinkKind, file, bytes, opts);
            if (!(r.others > DISTURBED_CORES) || attempt > RETRIES) break;
            opts.log(`(${target} ${sinkKind}: ${r.mbps.toFixed(1)} MB/s while other work used ${r.others.toFixed(2)} cores: measuring again)`);
          }
          res[target][sinkKind].push(r.mbps);
          if (sinkKind === 'scan' && target !== 'none') {
            out[target].push(r.clientChars / bytes);
            serverCpu[target].push((r.cpu.server * 1000) / (bytes / 1e6));
            clientCpu[target].push((r.cpu.client * 1000) / (bytes / 1e6));
          }
          const c = r.cpu;
          const ours = target === 'none' ? '' : `server ${c.server.toFixed(2)} ` + (sinkKind === 'pty' ? '' : `client ${c.client.toFixed(2)} `);
          const cpuText = sinkKind === 'pty' ? `CPU s: ${ours}` : `CPU s: ${ours}cat ${c.cat.toFixed(2)} bench ${c.bench.toFixed(2)}; others ${r.others.toFixed(2)} cores`;
          opts.log(`rep ${rep + 1}/${opts.reps} ${target.padEnd(5)} ${sinkKind.padEnd(5)} ${r.mbps.toFixed(1).padStart(5)} MB/s in ${r.seconds.toFixed(2)} s; client got ${(r.clientChars / 1e6).toFixed(1)} M chars; ${cpuText}`);
        }
      }
    }
    const text = fs.readFileSync(file, 'utf8').replace(/\n/g, '\r\n'); // as the tty's onlcr delivers it
    const parse = [];
    if (targets.includes('none')) for (let rep = 0; rep < opts.reps; rep++) parse.push(bytes / 1e6 / ((await parseAlone(text)) / 1000));
    const target = { ratio: 2, text: '≥ 2× tmux' };
    const mb = (bytes / 1e6).toFixed(0);
    return [
      { metric: `${mb} MB cat, client read by a scan for the marker`, unit: 'MB/s', higherIsBetter: true, ccmux: res.ccmux.scan, tmux: res.tmux.scan, target },
      { metric: `${mb} MB cat, client read by a headless xterm`, unit: 'MB/s', higherIsBetter: true, ccmux: res.ccmux.xterm, tmux: res.tmux.xterm, target },
      { metric: `${mb} MB of 200/400-column lines cat, client read by a plain pty reader (python)`, unit: 'MB/s', higherIsBetter: true, ccmux: res.ccmux.pty, tmux: res.tmux.pty, target },
      { metric: 'chars sent to the client per input byte (scan)', unit: '×', higherIsBetter: false, ccmux: out.ccmux, tmux: out.tmux },
      { metric: 'server CPU per input MB (scan)', unit: 'ms', higherIsBetter: false, ccmux: serverCpu.ccmux, tmux: serverCpu.tmux },
      { metric: 'client process CPU per input MB (scan)', unit: 'ms', higherIsBetter: false, ccmux: clientCpu.ccmux, tmux: clientCpu.tmux },
      { metric: `${mb} MB cat on a bare pty, scan (no multiplexer)`, unit: 'MB/s', ref: res.none.scan },
      { metric: `${mb} MB cat on a bare pty, headless xterm (no multiplexer)`, unit: 'MB/s', ref: res.none.xterm },
      { metric: `${mb} MB of 200/400-column lines cat on a bare pty, plain pty reader (no multiplexer)`, unit: 'MB/s', ref: res.none.pty },
      { metric: `headless xterm parsing the ${mb} MB from memory`, unit: 'MB/s', ref: parse },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

