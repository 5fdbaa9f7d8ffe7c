/*
 * A pane's pipe (pipe-pane) with real /bin/sh commands and no pty: what the pane prints
 * reaches the command in order; a command that stops reading costs at most
 * MAX_PIPE_PENDING bytes, the rest dropped and counted, and writing never waits; the pipe
 * reports its end once, whether the command exits or it is closed; -I output arrives as
 * whole characters.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_PIPE_PENDING, PanePipe, type PipeOptions } from '../../src/server/pane-pipe.js';
import { pidAlive, waitFor } from '../e2e/harness.js';

const started: number[] = [];
let dir = '';

afterEach(async () => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    await waitFor(() => !pidAlive(pid), 5000, `pipe command ${pid} to exit`);
  }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = '';
});

function open(command: string, o: Partial<PipeOptions> = {}) {
  dir ||= fs.mkdtempSync(path.join(os.tmpdir(), 'ccmux-pipe-'));
  const seen = { closed: 0, typed: '' };
  const pipe = new PanePipe({
    command, cwd: dir, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir }, output: true, input: false,
    toPane: (d) => (seen.typed += d), closed: () => seen.closed++, ...o,
  });
  if (pipe.pid) started.push(pipe.pid);
  return { pipe, seen };
}

describe('pane pipes', () => {
  it('gives the command what the pane prints, in order, and ends once when closed', async () => {
    const { pipe, seen } = open('cat >>out.log');
    const chunks = Array.from({ length: 200 }, (_, i) => Buffer.from(`line ${i} ${'x'.repeat(i)}\n`));
    for (const c of chunks) pipe.write(c);
    pipe.close();
    pipe.close();
    expect([seen.closed, pipe.open, pipe.dropped]).toEqual([1, false, 0]);
    const want = Buffer.concat(chunks).toString();
    await waitFor(() => fs.existsSync(path.join(dir, 'out.log')) && fs.readFileSync(path.join(dir, 'out.log'), 'utf8') === want, 5000, 'the log to hold every line');
  });

  it('drops what a command that stops reading has not taken past the bound, without waiting', () => {
    const { pipe, seen } = open('sleep 30');
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const n = 160; // 10 MiB
    const t0 = performance.now();
    for (let i = 0; i < n; i++) pipe.write(chunk);
    expect(performance.now() - t0).toBeLessThan(2000);
    // What is kept waits in the stream or the kernel's pipe; the rest is counted.
    expect(pipe.dropped).toBeGreaterThanOrEqual(n * chunk.length - MAX_PIPE_PENDING - 1024 * 1024);
    expect(pipe.dropped % chunk.length).toBe(0);
    expect(seen.closed).toBe(0);
  });

  it('ends when the command exits, and a write after that is nothing', async () => {
    const { pipe, seen } = open('exit 0');
    await waitFor(() => seen.closed === 1, 5000, 'the pipe to end');
    pipe.write(Buffer.from('late\n'));
    expect([pipe.open, pipe.dropped, seen.closed]).toEqual([false, 0, 1]);
  });

  it('-I: what the command prints is typed into the pane, multi-byte characters whole', async () => {
    const { seen } = open("printf 'caf\\303'; sleep 0.2; printf '\\251 ok\\n'", { input: true, output: false });
    await waitFor(() => seen.closed === 1, 5000, 'the command to end');
    expect(seen.typed).toBe('café ok\n');
  });
});
