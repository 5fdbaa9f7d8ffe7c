/*
 * End-to-end: large pastes. 1 MB of text (lines of 0–300 characters, 2-, 3- and 4-byte
 * UTF-8) pasted into the attached client's terminal reaches `cat > FILE` in another pane
 * byte for byte — streamed to the pane while it is still arriving, whatever pauses the
 * terminal makes — while another pane keeps printing on the user's screen and keys still
 * reach a third pane. The same text through load-buffer + paste-buffer, and send-keys -l,
 * arrives intact too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Sandbox, waitFor, type OuterTerminal } from './harness.js';

let sb: Sandbox;
afterEach(async () => {
  await sb?.dispose();
});

const WIDE = ['é', 'ß', 'Ω', '€', '日', '本', '😀', '🚀'];
const ASCII = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?-_()[]{}<>=+*/&$\'"';

/** About `bytes` of numbered lines of 0–300 characters, 8% of them multi-byte; seeded. */
function pasteText(bytes: number): string {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const lines: string[] = [];
  let size = 0;
  for (let i = 1; size < bytes; i++) {
    let s = `${i} `;
    const n = Math.floor(rnd() * 300);
    for (let k = 0; k < n; k++) s += rnd() < 0.08 ? WIDE[Math.floor(rnd() * WIDE.length)] : ASCII[Math.floor(rnd() * ASCII.length)];
    lines.push(`${s}\n`);
    size += Buffer.byteLength(s) + 1;
  }
  return lines.join('');
}

/** The highest `flood N` on the user's screen. */
function floodCount(t: OuterTerminal): number {
  return Math.max(-1, ...[...t.text().matchAll(/flood (\d+)/g)].map((m) => Number(m[1])));
}

/** Wait until `file` holds `want.length` bytes, then return its content. */
async function copyOf(file: string, want: Buffer, what: string): Promise<Buffer> {
  await waitFor(() => fs.existsSync(file) && fs.statSync(file).size >= want.length, 60_000, `${what}: ${want.length} bytes in ${file}`);
  return fs.readFileSync(file);
}

/** Run `exec cat > file` in the pane the client types into; resolves with cat's pid once it runs. */
async function startCat(t: OuterTerminal, pane: string, file: string): Promise<number> {
  t.type(`exec cat > ${file}\r`);
  return waitFor(async () => {
    const pid = Number((await sb.ok(['display', '-p', '-t', pane, '#{pane_pid}'])).trim());
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'cat' ? pid : 0;
  }, 10_000, 'cat to start');
}

describe('large pastes', () => {
  it('a 1 MB bracketed paste reaches cat byte for byte while another pane keeps printing and keys reach a third', async () => {
    sb = new Sandbox({ config: 'escape-time = 1\n' });
    const t = await sb.terminal(['new', '-s', 'p'], 160, 40);
    await t.waitForScreen(/\[p\] 0:/);
    const catPane = (await sb.ok(['display', '-p', '-t', 'p', '#{pane_id}'])).trim();
    const flood = `perl -e '$| = 1; $e = time + 120; for ($i = 0; time < $e; $i++) { print "flood $i\\n" }'`;
    await sb.ok(['split-window', '-d', '-h', '-t', catPane, flood]);
    const shellPane = (await sb.ok(['split-window', '-d', '-v', '-t', catPane, '-P', '-F', '#{pane_id}'])).trim();
    await t.waitForScreen(/flood \d+/);

    const file = path.join(sb.dir, 'copy.txt');
    const cat = await startCat(t, catPane, file);
    const text = pasteText(1_000_000);
    const want = Buffer.from(text, 'utf8');
    // cat stops reading: the paste stays in progress (in the pty and the server's queue) until it goes on.
    process.kill(cat, 'SIGSTOP');
    try {
      // The first piece, then a pause: the pane gets (and echoes) it before the paste has ended.
      const cut = text.indexOf('\n', 1500) + 1;
      t.type(`\x1b[200~${text.slice(0, cut)}`);
      const lastLine = text.slice(text.lastIndexOf('\n', cut - 2) + 1, cut - 1);
      const start = lastLine.slice(0, lastLine.indexOf(' ') + 8); // its number and a few characters, at the start of a row
      await t.waitForScreen((lines) => lines.some((l) => l.startsWith(start)));
      t.type(`${text.slice(cut)}\x1b[201~`);

      // Meanwhile the other pane's output keeps coming to the screen…
      const before = floodCount(t);
      await t.waitForScreen(() => floodCount(t) > before);
      const later = floodCount(t);
      await t.waitForScreen(() => floodCount(t) > later);
      // …and keys typed into the client reach another pane.
      await sb.ok(['select-pane', '-t', shellPane]);
      t.type('echo typed-$((6*7))\r');
      await t.waitForScreen('typed-42');
      expect(fs.statSync(file).size).toBeLessThan(want.length); // still pasting: cat is stopped
    } finally {
      process.kill(cat, 'SIGCONT');
    }
    const got = await copyOf(file, want, 'the paste');
    expect(got.length).toBe(want.length);
    expect(got.equals(want)).toBe(true);
  }, 120_000);

  it('paste-buffer of a 1 MB buffer and send-keys -l of 100 KB arrive intact', async () => {
    sb = new Sandbox();
    const t = await sb.terminal(['new', '-s', 'b'], 120, 30);
    await t.waitForScreen(/\[b\] 0:/);
    const pane = (await sb.ok(['display', '-p', '-t', 'b', '#{pane_id}'])).trim();
    const file = path.join(sb.dir, 'buffer-copy.txt');
    await startCat(t, pane, file);
    const text = pasteText(1_000_000);
    const src = path.join(sb.dir, 'buffer.txt');
    fs.writeFileSync(src, text);
    await sb.ok(['load-buffer', src]);
    await sb.ok(['paste-buffer', '-t', pane]); // newlines become CRs; the tty's icrnl turns them back
    const small = pasteText(100_000);
    // One line per argument at most 128 KB (the kernel's limit on one argument).
    await sb.ok(['send-keys', '-t', pane, '-l', small]);
    const want = Buffer.from(text + small, 'utf8');
    const got = await copyOf(file, want, 'paste-buffer and send-keys');
    expect(got.length).toBe(want.length);
    expect(got.equals(want)).toBe(true);
  }, 120_000);
});
