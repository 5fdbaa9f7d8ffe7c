/*
 * capture-pane in chunks (server/capture.ts captureChunked) while the pane is resized
 * between chunks: the lines still in xterm's buffer are rewrapped by a resize, so a chunk
 * boundary among them cut a wrapped line in two or took a line twice (history-stress
 * failed so ~3 runs in 10). Here the pause between chunks resizes the pane every time.
 */
import { describe, expect, it } from 'vitest';
import { Pane } from '../../src/server/pane.js';
import { captureChunked, CAPTURE_CHUNK_LINES } from '../../src/server/capture.js';

function pane(cols: number, rows: number, limit: number): Pane {
  return new Pane(1, { file: 'sh', args: [], cwd: '/', env: {}, term: 'xterm-256color' }, cols, rows, limit, { output() {}, exit() {} });
}

/** Lines of 60 chars: each wraps onto two rows at 40 columns. */
const line = (i: number) => `L${String(i).padStart(5, '0')}-${'x'.repeat(53)}`;

describe('captureChunked', () => {
  it.each([1000, 1025, 1040, 1100, 3000])('-J -S - of %i wrapped lines is exact though the pane is resized between chunks', async (n) => {
    const p = pane(40, 10, 20_000);
    p.print(Array.from({ length: n }, (_, i) => `${line(i)}\r\n`).join(''));
    const want = Array.from({ length: n }, (_, i) => line(i));
    let widths = [70, 40, 55, 40];
    let pauses = 0;
    let out = '';
    await captureChunked(
      p,
      -p.history.historySize(),
      p.term.rows - 1,
      { join: true },
      (t) => (out += t),
      async () => {
        pauses++;
        p.resize(widths[0]!, 10);
        widths = [...widths.slice(1), widths[0]!];
      },
    );
    const got = out.split('\n').filter((l) => l !== '');
    expect(got).toEqual(want);
    // Past one chunk of rows, the capture did pause (and the pane was resized) on the way.
    if (2 * n > CAPTURE_CHUNK_LINES + 200) expect(pauses).toBeGreaterThan(0);
    p.dispose();
  });
});
