/*
 * End-to-end: synchronized output (DEC mode 2026, issue 15.5). A program redraws its whole
 * screen inside `CSI ? 2026 h` … `CSI ? 2026 l`, many times, each frame one digit, written
 * in several chunks with pauses inside the block (so each block spans several reads of the
 * pty and several of ccmux's frame gaps). Every frame ccmux paints on the attached client's
 * terminal (each of its own synchronized frames, ended by `CSI ? 2026 l` in the stream the
 * client's terminal parses) must show the pane either before the program's first frame or
 * as one whole frame: every cell the same digit — never the top of one frame over the
 * bottom of the one before.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Sandbox } from './harness.js';

let sb: Sandbox;
afterEach(async () => {
  await sb?.dispose();
});

const FRAMES = 40;

/** The program: READY, then FRAMES whole-screen frames in sync blocks, each in 4 chunks 6 ms apart; then DONE. */
const PROGRAM = `
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const write = (s) => new Promise((r) => process.stdout.write(s, r));
const cols = process.stdout.columns, rows = process.stdout.rows;
await write('\\x1b[?25l\\x1b[H\\x1b[2JREADY');
await sleep(300);
for (let f = 0; f < ${FRAMES}; f++) {
  const row = String(f % 10).repeat(cols);
  const lines = Array.from({ length: rows }, (_, r) => '\\x1b[' + (r + 1) + ';1H' + row);
  await write('\\x1b[?2026h');
  const per = Math.ceil(rows / 4);
  for (let c = 0; c < 4; c++) {
    await write(lines.slice(c * per, (c + 1) * per).join(''));
    await sleep(6);
  }
  await write('\\x1b[?2026l');
  await sleep(4);
}
await sleep(200);
await write('\\x1b[H\\x1b[2JDONE\\r\\n');
`;

describe('synchronized output (DEC 2026)', () => {
  it('never paints half of a program\'s synchronized frame', async () => {
    sb = new Sandbox();
    const script = path.join(sb.dir, 'frames.mjs');
    fs.writeFileSync(script, PROGRAM);
    const cols = 60;
    const rows = 16;
    const t = await sb.terminal([], cols, rows);
    await t.waitForScreen(/\[0\] 0:/);
    const paneRows = rows - 1; // the status line is the last row
    const seen: string[] = [];
    const torn: string[][] = [];
    let ready = false;
    let done = false;
    // Check the screen at the end of every frame ccmux paints.
    const check = (): void => {
      const lines = t.screen().slice(0, paneRows);
      if (lines[0] === 'DONE') done = true;
      if (done) return;
      if (lines[0] === 'READY') ready = true;
      if (!ready || lines[0] === 'READY') return;
      const whole = lines.join('');
      const digit = whole[0];
      if (digit !== undefined && /[0-9]/.test(digit) && whole === digit.repeat(cols * paneRows)) seen.push(digit);
      else torn.push(lines);
    };
    const stop = t.eachFrame(check);
    t.type(`node ${script}\r`);
    await t.waitForScreen(/^DONE$/m, 30_000);
    stop();
    if (torn.length) {
      throw new Error(`${torn.length} torn frame(s); the first:\n${torn[0]!.join('\n')}`);
    }
    // The program's frames were painted (not all coalesced into one).
    expect(new Set(seen).size).toBeGreaterThanOrEqual(5);
  });

  it('paints a block nobody ends once its cap (1 s) has passed', async () => {
    sb = new Sandbox();
    const t = await sb.terminal([], 60, 10);
    await t.waitForScreen(/\[0\] 0:/);
    t.type("printf '\\033[?2026h\\033[H\\033[2JSTUCK-IN-BLOCK'; sleep 30\r");
    const start = Date.now();
    await t.waitForScreen(/^STUCK-IN-BLOCK/m, 5000);
    // Not before the cap (less what passed between typing and the program's printf).
    expect(Date.now() - start).toBeGreaterThanOrEqual(700);
  });
});
