/*
 * Paste: 1 MB of text pasted into an attached client, until a program in the pane has
 * all of it.
 *
 * In a 200×50 pane the client's user types `cat > FILE` (the pane's tty as a shell leaves
 * it: canonical mode, echo on, so the pane also prints the whole paste back). Then the
 * text is written into the client's pty master, as a terminal sends a paste, by a small
 * perl writer that waits for room (select) whenever the pty is full, as a terminal
 * emulator's writer does. The clock runs from starting that writer until FILE holds every
 * byte (its size polled every 5 ms); then FILE is compared with the text byte for byte:
 * a run whose copy differs (or stops growing short of the end) counts as broken, is logged
 * and has no time. The ways to paste:
 *   client  as a terminal sends a paste: between `ESC [200~` and `ESC [201~` when the
 *           multiplexer turned bracketed paste on in its terminal (ccmux always does; tmux
 *           only while the pane's program asks for it, and cat does not), else plain
 *   plain   no markers, for both: a terminal without bracketed paste, or a paste typed in
 *           by an outer tmux's paste-buffer; every character arrives as a key
 *   buffer  from a paste buffer: `load-buffer FILE` beforehand, then the user presses
 *           prefix ] (paste-buffer in both; not the command line, whose node start-up would
 *           be timed for ccmux): both turn newlines into CRs, which the tty's icrnl turns
 *           back; timed from the keys
 *
 * The text (lib/text.mjs `pasteText`): numbered lines of 0–300 characters (under the
 * tty's 4095-byte canonical line limit), with 2-, 3- and 4-byte UTF-8 characters.
 *
 * Runs inside `npm run bench` (exports name and run), or alone:
 * `node scripts/bench/paste.mjs [--quick] [--reps N] [--targets ccmux,tmux]`.
 */
import fs from 'node:fs';
import { spawn } from 'node:child_process';
import { attachClient, cpuSeconds, loadMeter, makeSandbox, sleep, startCcmux, startTmux, waitFor, waitQuiet } from './lib/harness.mjs';
import { markerSink } from './lib/sinks.mjs';
import { pasteText } from './lib/text.mjs';
import { runIfMain } from './lib/standalone.mjs';

export const name = 'paste';
export const description = '1 MB pasted into `cat > FILE` through the attached client (as its terminal would, plain, and from a paste buffer), until FILE has it all';

const COLS = 200;
const ROWS = 50;
const FULL_BYTES = 1_000_000;
const QUICK_BYTES = 200_000;
/** A run that is not done after this long is taken as hung (or as having lost bytes). */
const TIMEOUT_MS = 120_000;
/** Once the text is all written, a copy that stops growing for this long has lost bytes. */
const STALL_MS = 10_000;
/** How often FILE's size is looked at. */
const POLL_MS = 5;
/** A run during which other work kept more than this many cores busy is measured again (at most RETRIES times). */
const DISTURBED_CORES = 0.35;
const RETRIES = 2;

/**
 * perl: write FILE ($ARGV[0]) into stdout (the client's pty master, non-blocking), waiting
 * in select() for room on EAGAIN.
 */
const WRITER = `use IO::Select; use Errno qw(EAGAIN);
open(my $f, '<', $ARGV[0]) or die "$ARGV[0]: $!"; binmode $f; local $/; my $d = <$f>;
my $s = IO::Select->new(\\*STDOUT); my $o = 0;
while ($o < length $d) {
  my $n = syswrite(STDOUT, $d, 65536, $o);
  if (defined $n) { $o += $n } elsif ($! == EAGAIN) { $s->can_write } else { die "write: $!" }
}`;

/** A sink that counts what the client draws and follows whether it turned bracketed paste on. */
function modeSink() {
  const sink = markerSink();
  let tail = '';
  sink.bracketed = false;
  const data = sink.data.bind(sink);
  sink.data = (chunk, client) => {
    data(chunk, client);
    const text = tail + chunk;
    const on = text.lastIndexOf('\x1b[?2004h');
    const off = text.lastIndexOf('\x1b[?2004l');
    if (on >= 0 || off >= 0) sink.bracketed = on > off;
    tail = text.slice(-7);
  };
  return sink;
}

/** Write `file` into `client`'s pty master; resolves when all of it went in. */
function writeInto(client, file) {
  return new Promise((resolve, reject) => {
    const w = spawn('perl', ['-e', WRITER, file], { stdio: ['ignore', client.proc.fd, 'inherit'] });
    w.on('error', reject);
    w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`paste writer exited ${code}`))));
  });
}

/** Press prefix ] (C-b ]) on the client: paste the newest buffer. */
async function pressPaste(client) {
  client.write('\x02]');
}

/**
 * Wait until `file` is `size` bytes long; returns performance.now() then. Throws when it is
 * not after TIMEOUT_MS, or stops growing for STALL_MS after `sent()` says all was sent.
 */
async function fileComplete(file, size, sent, what) {
  const end = performance.now() + TIMEOUT_MS;
  let last = -1;
  let grew = performance.now();
  for (;;) {
    let got = 0;
    try {
      got = fs.statSync(file).size;
    } catch {
      /* not created yet */
    }
    const now = performance.now();
    if (got >= size) return now;
    if (got !== last) [last, grew] = [got, now];
    if (now > end || (sent() && now - grew > STALL_MS)) throw new Error(`${what}: the pane's copy has ${got} of ${size} bytes after ${((now - grew) / 1000).toFixed(0)} s without growing`);
    await sleep(POLL_MS);
  }
}

/** Throw unless `file` holds exactly `want` (a Buffer), naming the first difference. */
function checkCopy(file, want, what) {
  const got = fs.readFileSync(file);
  if (got.equals(want)) return;
  let i = 0;
  while (i < got.length && i < want.length && got[i] === want[i]) i++;
  const near = (b) => JSON.stringify(b.subarray(Math.max(0, i - 20), i + 20).toString('utf8'));
  throw new Error(`${what}: the copy differs at byte ${i} (${got.length} bytes, want ${want.length}): got ${near(got)}, want ${near(want)}`);
}

/**
 * One measurement on a fresh server: `how` is 'client' (a paste into the client's terminal,
 * bracketed if the client asked for it), 'plain' (one without markers) or 'buffer'
 * (load-buffer + paste-buffer). Returns { seconds, serverCpu, bracketed, others }.
 */
async function measure(target, how, textFile, want, opts) {
  const sb = makeSandbox();
  let mux = null;
  let client = null;
  try {
    const sink = modeSink();
    mux = await (target === 'ccmux' ? startCcmux(sb, { cols: COLS, rows: ROWS, profileDir: opts.profileDir }) : startTmux(sb, { cols: COLS, rows: ROWS }));
    client = attachClient(mux, sb, COLS, ROWS + 1, sink);
    await waitFor(() => sink.chars > 0, 10_000, `${target}: the first frame`);
    const copy = sb.path('copy.txt');
    client.write(`cat > ${copy}\r`);
    await waitFor(async () => (await mux.cli(['display', '-p', '-t', 'bench', '#{pane_current_command}'])).trim() === 'cat', 10_000, `${target}: cat to start`);
    const payload = sb.path('paste.bin');
    const bracketed = how === 'client' && sink.bracketed;
    fs.writeFileSync(payload, bracketed ? Buffer.concat([Buffer.from('\x1b[200~'), want, Buffer.from('\x1b[201~')]) : want);
    if (how === 'buffer') await mux.cli(['load-buffer', textFile]);
    await waitQuiet();
    const meter = loadMeter(() => [mux.pid, client.proc.pid]);
    const cpu0 = cpuSeconds(mux.pid);
    const t0 = performance.now();
    let done = false;
    const sent = (how !== 'buffer' ? writeInto(client, payload) : pressPaste(client)).finally(() => (done = true));
    try {
      const t1 = await fileComplete(copy, want.length, () => done, `${target} ${how}`);
      await sent;
      const cpu1 = cpuSeconds(mux.pid);
      const others = meter.others();
      checkCopy(copy, want, `${target} ${how}`);
      return { seconds: (t1 - t0) / 1000, serverCpu: cpu1.self - cpu0.self, bracketed, others };
    } catch (err) {
      await sent.catch(() => undefined);
      return { broken: err.message, others: meter.others() };
    }
  } finally {
    await client?.close();
    await mux?.stop();
    sb.dispose();
  }
}

export async function run(opts) {
  const bytes = opts.mb ? Math.round(opts.mb * 1e6) : opts.quick ? QUICK_BYTES : FULL_BYTES;
  const targets = (opts.targets ?? ['ccmux', 'tmux']).filter((t) => t !== 'none');
  const sb = makeSandbox();
  try {
    const want = Buffer.from(pasteText(bytes), 'utf8');
    const textFile = sb.path('text.txt');
    fs.writeFileSync(textFile, want);
    opts.log(`${(want.length / 1e6).toFixed(2)} MB of text, ${want.toString('utf8').split('\n').length - 1} lines`);
    const HOWS = ['client', 'plain', 'buffer'];
    const res = Object.fromEntries(HOWS.map((h) => [h, { ccmux: [], tmux: [] }]));
    const cpu = Object.fromEntries(HOWS.map((h) => [h, { ccmux: [], tmux: [] }]));
    const broken = Object.fromEntries(HOWS.map((h) => [h, { ccmux: 0, tmux: 0 }]));
    for (let rep = 0; rep < opts.reps; rep++) {
      const order = (rep % 2 ? ['tmux', 'ccmux'] : ['ccmux', 'tmux']).filter((t) => targets.includes(t));
      for (const how of HOWS) {
        for (const target of order) {
          let r;
          for (let attempt = 1; ; attempt++) {
            r = await measure(target, how, textFile, want, opts);
            if (r.broken) break;
            if (!(r.others > DISTURBED_CORES) || attempt > RETRIES) break;
            opts.log(`(${target} ${how}: ${r.seconds.toFixed(2)} s while other work used ${r.others.toFixed(2)} cores: measuring again)`);
          }
          if (r.broken) {
            broken[how][target]++;
            opts.log(`rep ${rep + 1}/${opts.reps} ${target.padEnd(5)} ${how.padEnd(6)} BROKEN: ${r.broken}`);
            continue;
          }
          res[how][target].push(r.seconds);
          cpu[how][target].push(r.serverCpu);
          const kind = how === 'client' ? (r.bracketed ? ' (bracketed)' : ' (plain)') : '';
          opts.log(`rep ${rep + 1}/${opts.reps} ${target.padEnd(5)} ${how.padEnd(6)} ${r.seconds.toFixed(2)} s${kind}, server CPU ${r.serverCpu.toFixed(2)} s; others ${r.others.toFixed(2)} cores`);
        }
      }
    }
    const mb = (want.length / 1e6).toFixed(bytes < 1e6 ? 1 : 0);
    const target = { ratio: 1, text: '≤ tmux' };
    return [
      { metric: `${mb} MB pasted into the client as its terminal would (bracketed if asked), until cat has it all`, unit: 's', higherIsBetter: false, ccmux: res.client.ccmux, tmux: res.client.tmux, target },
      { metric: `${mb} MB pasted into the client without bracketed paste, until cat has it all`, unit: 's', higherIsBetter: false, ccmux: res.plain.ccmux, tmux: res.plain.tmux, target },
      { metric: `${mb} MB paste buffer pasted with prefix ], until cat has it all`, unit: 's', higherIsBetter: false, ccmux: res.buffer.ccmux, tmux: res.buffer.tmux, target },
      { metric: `server CPU for the ${mb} MB paste into the client (as its terminal would)`, unit: 's', higherIsBetter: false, ccmux: cpu.client.ccmux, tmux: cpu.client.tmux },
      { metric: `server CPU for the ${mb} MB paste without bracketed paste`, unit: 's', higherIsBetter: false, ccmux: cpu.plain.ccmux, tmux: cpu.plain.tmux },
      {
        metric: `pastes whose copy lost or changed bytes, of ${opts.reps * HOWS.length}`, unit: 'runs', higherIsBetter: false,
        ccmux: [HOWS.reduce((n, h) => n + broken[h].ccmux, 0)], tmux: [HOWS.reduce((n, h) => n + broken[h].tmux, 0)], target: { max: 0, text: '0' },
      },
    ];
  } finally {
    sb.dispose();
  }
}

runIfMain(import.meta.url, { name, run });
