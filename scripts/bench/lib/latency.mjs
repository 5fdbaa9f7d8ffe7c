/*
 * Keystroke latency, as a user feels it: one key written into the attached client's pty
 * until its echo comes back out of that pty. The pane's terminal is raw with no echo
 * (`stty raw -echo`) and runs a cat that goes back to the line's start before each
 * echo (ECHOER: read a key, write "\r" and the key), so the echo is the program's
 * output and each key makes the full round trip:
 *
 *   client pty → mux client → mux server → pane pty → echoer → pane pty → mux server
 *     (parse, draw) → mux client (ccmux) or the client's tty directly (tmux) → client pty
 *
 * A key is one byte, one write(2) straight into the client's pty master (so the
 * benchmark's own write path adds nothing), as a typist's key. Keys cycle through
 * ECHO_KEYS, letters that neither mux's escape sequences, status lines nor the printers
 * of lib/panes.mjs produce, so the first chunk of client output holding the key is its
 * echo; and as each echo overwrites the previous one, the pane never shows more than the
 * latest key, so not even a full redraw of the screen (which tmux does when its terminal
 * falls behind) can pass for the echo of the next. One key is in flight at a time; the
 * next is written gapMs after the echo arrived.
 */
import fs from 'node:fs';
import os from 'node:os';
import { sleep, waitFor } from './harness.mjs';

/**
 * Letters that no escape sequence of ccmux or tmux contains, nor "bench", "cat" or the
 * status lines' dates ("Nov"); those in this machine's hostname (shown by both status
 * lines) are left out.
 */
export const ECHO_KEYS = [...'qxzjkw'].filter((c) => !os.hostname().toLowerCase().includes(c)).join('') || 'q';

/** cat with a carriage return before each echo: the pane shows only the latest key. */
export const ECHOER = `stty raw -echo; exec perl -e 'while (sysread(STDIN, $k, 4096)) { syswrite(STDOUT, "\\r" . substr($k, -1)) }'`;

/** A sink for attachClient that resolves `expect(key)` with the time the key's echo arrived. */
export function echoSink() {
  let want = null;
  const anyKey = new RegExp(`[${ECHO_KEYS}]`);
  return {
    kind: 'echo',
    chars: 0,
    /** Chunks holding a key while none was awaited (a redraw, or a key taken from elsewhere). */
    stray: 0,
    expect(key) {
      return new Promise((resolve) => (want = { key, resolve }));
    },
    data(chunk) {
      this.chars += chunk.length;
      if (want && chunk.includes(want.key)) {
        const w = want;
        want = null;
        w.resolve(performance.now());
      } else if (!want && anyKey.test(chunk)) this.stray++;
    },
    cancel() {
      want = null;
    },
    dispose() {},
  };
}

export function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

/** Write `data` into the client's pty master at once (node-pty's own write goes through the thread pool). */
function writeKey(client, data) {
  const fd = client.proc.fd;
  if (typeof fd === 'number') fs.writeSync(fd, data);
  else client.write(data);
}

/**
 * Turn the shell the client is typing into into the ECHOER and wait until keys echo.
 * `command()` names the pane's current program (`#{pane_current_command}`, or the
 * bare pty's /proc comm): once it is perl, stty has run.
 */
export async function startEchoer(client, sink, command, what) {
  client.write(`${ECHOER}\r`);
  await waitFor(async () => (await command()) === 'perl', 10_000, `${what}: the echoer to start`);
  const key = ECHO_KEYS[0];
  for (let i = 0; ; i++) {
    const seen = sink.expect(key);
    writeKey(client, key);
    const ok = await Promise.race([seen, sleep(1000).then(() => false)]);
    if (ok) return;
    sink.cancel();
    if (i >= 10) throw new Error(`${what}: keys typed into the echoer do not echo`);
  }
}

/**
 * `samples` round trips after `warmup` unmeasured ones, keys gapMs apart; a key whose
 * echo does not come within timeoutMs fails the run, and sampling ends early (with
 * fewer samples) after deadlineMs. Returns the times in ms.
 */
export async function keyLatencies(client, sink, { samples, warmup = 20, gapMs = 5, timeoutMs = 5000, deadlineMs = Infinity }) {
  const times = [];
  const end = performance.now() + deadlineMs;
  sink.stray = 0;
  for (let i = 0; i < warmup + samples && performance.now() < end; i++) {
    const key = ECHO_KEYS[(i + 1) % ECHO_KEYS.length]; // never the one on screen (startRawCat's)
    const seen = sink.expect(key);
    const t0 = performance.now();
    writeKey(client, key);
    const t1 = await Promise.race([seen, sleep(timeoutMs).then(() => null)]);
    if (t1 === null) {
      sink.cancel();
      throw new Error(`no echo of key ${i} within ${timeoutMs} ms`);
    }
    if (i >= warmup) times.push(t1 - t0);
    await sleep(gapMs);
  }
  return times;
}

/** median, p99, mean, min, max of a list of times. */
export function stats(times) {
  return {
    median: quantile(times, 0.5),
    p90: quantile(times, 0.9),
    p99: quantile(times, 0.99),
    min: Math.min(...times),
    max: Math.max(...times),
    mean: times.reduce((a, b) => a + b, 0) / times.length,
  };
}
