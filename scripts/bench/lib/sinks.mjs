/*
 * Where a benchmarked client's output goes. Both sinks look for an end marker in the
 * byte stream and resolve `done` with the time (performance.now()) it counts as seen.
 *
 *   markerSink   only scans for the marker: measures the multiplexer, with the reader
 *                costing next to nothing
 *   xtermSink    a real terminal: an @xterm/headless Terminal (Unicode 11 widths, as
 *                ccmux itself uses) parses everything, answers the terminal queries the
 *                multiplexer sends, and reads from the pty only as fast as it parses
 *                (watermark flow control, as VS Code does: pause the pty above HIGH
 *                unparsed chars, resume below LOW). The marker counts as seen once the
 *                parser has caught up with it; the screen is then checked to show it.
 */
import xterm from '@xterm/headless';
import u11 from '@xterm/addon-unicode11';

/** VS Code's terminal flow-control watermarks (unparsed chars). */
const HIGH_WATERMARK = 100_000;
const LOW_WATERMARK = 5_000;

function scanner(marker) {
  let tail = '';
  return (chunk) => {
    const text = tail + chunk;
    if (text.includes(marker)) return true;
    tail = text.slice(-(marker.length - 1));
    return false;
  };
}

function deferred() {
  let resolve;
  const promise = new Promise((r) => (resolve = r));
  return { promise, resolve };
}

/** A sink that counts bytes and scans for `marker`; `arm(marker)` starts a measurement. */
export function markerSink() {
  let scan = null;
  let d = null;
  return {
    kind: 'scan',
    chars: 0,
    arm(marker) {
      scan = scanner(marker);
      d = deferred();
      this.chars = 0;
      return d.promise;
    },
    data(chunk) {
      this.chars += chunk.length;
      if (scan && scan(chunk)) {
        scan = null;
        d.resolve(performance.now());
      }
    },
    screenText: () => '',
    dispose() {},
  };
}

/** A sink that is a terminal emulator of cols×rows. */
export function xtermSink(cols, rows) {
  const term = new xterm.Terminal({ cols, rows, scrollback: 1000, allowProposedApi: true });
  term.loadAddon(new u11.Unicode11Addon());
  term.unicode.activeVersion = '11';
  let pending = 0;
  let paused = false;
  let scan = null;
  let d = null;
  let replyTo = null;
  term.onData((reply) => replyTo?.write(reply));
  const sink = {
    kind: 'xterm',
    chars: 0,
    term,
    arm(marker) {
      scan = scanner(marker);
      d = deferred();
      this.chars = 0;
      return d.promise;
    },
    data(chunk, client) {
      replyTo = client;
      this.chars += chunk.length;
      pending += chunk.length;
      const n = chunk.length;
      term.write(chunk, () => {
        pending -= n;
        if (paused && pending < LOW_WATERMARK) {
          paused = false;
          client.proc.resume();
        }
      });
      if (!paused && pending > HIGH_WATERMARK) {
        paused = true;
        client.proc.pause();
      }
      if (scan && scan(chunk)) {
        scan = null;
        const got = d;
        term.write('', () => got.resolve(performance.now()));
      }
    },
    /** The visible screen as text. */
    screenText() {
      const buf = term.buffer.active;
      const out = [];
      for (let y = 0; y < term.rows; y++) out.push(buf.getLine(buf.viewportY + y)?.translateToString(true) ?? '');
      return out.join('\n');
    },
    /** Resolves when everything written so far is parsed. */
    flush: () => new Promise((r) => term.write('', r)),
    dispose() {
      term.dispose();
    },
  };
  return sink;
}
