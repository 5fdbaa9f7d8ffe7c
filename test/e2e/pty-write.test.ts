/*
 * Writing to a pane's pty (pty-host.ts, pty-writer.ts): writes go straight to the
 * non-blocking master fd as far as the kernel takes them, the rest through our queue.
 * Whatever the mix of sizes, and when the program stops reading for a while (the kernel's
 * buffer fills, writes hit EAGAIN), every byte arrives once and in order, and the
 * server's thread never blocks.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { spawnPty } from '../../src/server/pty-host.js';
import { waitFor } from './harness.js';

const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C.UTF-8' };

describe('pty writes', () => {
  it('keeps order across direct and queued writes while the program is stopped', async () => {
    // A raw terminal (no echo, no line editing) and a program that counts what it reads.
    const pty = spawnPty('/bin/sh', ['-c', 'stty raw -echo; exec od -An -v -tx1 -w16'], { cwd: '/', env, cols: 80, rows: 24, term: 'xterm' });
    let out = '';
    pty.onData((d) => (out += d.toString('latin1')));
    const exited = new Promise<void>((resolve) => pty.onExit(() => resolve()));
    // stty has run once the shell has become od.
    await waitFor(() => fs.readFileSync(`/proc/${pty.pid}/comm`, 'utf8').trim() === 'od', 10_000, 'od to start');
    process.kill(pty.pid, 'SIGSTOP');
    const sent: number[] = [];
    const started = performance.now();
    for (let i = 0; i < 30000; i++) {
      // Mostly keystroke-sized writes, now and then a paste of a few KB.
      const n = i % 5000 === 7 ? 6000 : 1 + (i % 5);
      let s = '';
      for (let k = 0; k < n; k++) {
        const b = 0x21 + ((sent.length + k) % 90);
        s += String.fromCharCode(b);
      }
      for (let k = 0; k < n; k++) sent.push(s.charCodeAt(k));
      pty.write(s);
    }
    // The program is stopped: ~125 KB do not fit the kernel's pty buffer (~64 KB), yet writing
    // returned (EAGAIN went to the queue instead of blocking).
    expect(performance.now() - started).toBeLessThan(5000);
    // od prints a line per 16 bytes: pad to a whole line.
    const pad = (16 - (sent.length % 16)) % 16;
    pty.write('!'.repeat(pad));
    for (let k = 0; k < pad; k++) sent.push(0x21);
    process.kill(pty.pid, 'SIGCONT');
    const want = sent.length;
    const bytes = (): number[] => (out.match(/[0-9a-f]{2}/g) ?? []).map((h) => parseInt(h, 16));
    await waitFor(() => bytes().length >= want, 10_000, `od to print all ${want} bytes`);
    expect(bytes().slice(0, want)).toEqual(sent);
    pty.kill();
    await exited;
  }, 30_000);
});
