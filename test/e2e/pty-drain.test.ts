/*
 * A pane's end never blocks the server (issue 13.1). When a pane's program exits, the pty
 * host drains the output's tail to a sentinel written into the pty's slave. That write
 * used to be blocking: with the pane's output stopped (^S) or its buffer full and unread,
 * the server hung in the kernel for good. Each case runs in a child node process (a hang
 * there fails the test by timeout instead of freezing the test runner), which reports the
 * longest stall of its event loop, how long the exit took and how much output it saw.
 * The ^S case is also tried through the real server, as a user would.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, Sandbox, waitFor } from './harness.js';

const HOST = path.join(ROOT, 'dist', 'server', 'pty-host.js');

interface Report {
  exitedAfterMs: number;
  maxStallMs: number;
  bytes: number;
}

/** Run `body` (JS using `pty`, a spawned PtyProcess) in a child node; it must resolve within 15 s. */
function inChild(script: string, args: string[]): Promise<Report> {
  const program = `
    const { spawnPty } = await import(${JSON.stringify(HOST)});
    const [file, ...args] = JSON.parse(process.argv[1]);
    const pty = spawnPty(file, args, { cwd: '/', env: { PATH: process.env.PATH, LC_ALL: 'C.UTF-8' }, cols: 80, rows: 24, term: 'xterm' });
    let bytes = 0, last = performance.now(), maxStall = 0;
    const beat = setInterval(() => { const now = performance.now(); maxStall = Math.max(maxStall, now - last); last = now; }, 10);
    pty.onData((d) => { bytes += d.length; });
    const started = performance.now();
    pty.onExit(() => {
      clearInterval(beat);
      console.log(JSON.stringify({ exitedAfterMs: performance.now() - started, maxStallMs: maxStall, bytes }));
      process.exit(0);
    });
    ${script}
  `;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--input-type=module', '-e', program, JSON.stringify(args)], { timeout: 15_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`child failed (${err.killed ? 'hung: killed after 15 s' : err.message}): ${stderr}`));
      else resolve(JSON.parse(stdout) as Report);
    });
  });
}

/**
 * A program that exits once its output is stopped: it writes a byte at a time, without
 * blocking, until the terminal takes no more (EAGAIN: ^S has stopped the output).
 */
const UNTIL_STOPPED = [
  'import os, fcntl, time',
  'fcntl.fcntl(1, fcntl.F_SETFL, fcntl.fcntl(1, fcntl.F_GETFL) | os.O_NONBLOCK)',
  'while True:',
  '    try: os.write(1, b".")',
  '    except BlockingIOError: break',
  '    time.sleep(0.01)',
].join('\n');

describe('a pane that ends never blocks the server', () => {
  it('exits while its output is stopped with ^S', async () => {
    // IXON is on by default: ^S stops the pty's output, so the sentinel cannot be written.
    // The program exits once the output is stopped, not after a guessed time.
    const r = await inChild(`pty.write('\\x13');`, ['python3', '-c', UNTIL_STOPPED]);
    expect(r.maxStallMs).toBeLessThan(1000);
    expect(r.exitedAfterMs).toBeLessThan(8000);
  }, 20_000);

  it('exits with a full, unread buffer, and its whole output still arrives', async () => {
    // Paused from the start: the program fills the pty's buffer with non-blocking writes
    // until the kernel takes no more, notes how much it wrote and exits. The sentinel does
    // not fit behind it; the drain resumes reading, so every byte comes through.
    const count = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ccmux-drain-')), 'count');
    const fill = [
      'import os, fcntl, sys',
      'fcntl.fcntl(1, fcntl.F_SETFL, fcntl.fcntl(1, fcntl.F_GETFL) | os.O_NONBLOCK)',
      'n = 0',
      'while True:',
      '    try: n += os.write(1, b"x" * 4096)',
      '    except BlockingIOError: break',
      'open(sys.argv[1], "w").write(str(n))',
    ].join('\n');
    const r = await inChild(`pty.pause();`, ['python3', '-c', fill, count]);
    const written = Number(fs.readFileSync(count, 'utf8'));
    fs.rmSync(path.dirname(count), { recursive: true, force: true });
    expect(written).toBeGreaterThan(4096);
    expect(r.maxStallMs).toBeLessThan(1000);
    // The terminal turns each \n into \r\n: there are none, so bytes in = bytes out.
    expect(r.bytes).toBe(written);
  }, 20_000);
});

describe('through the server', () => {
  let sb: Sandbox;
  afterEach(async () => sb?.dispose());

  it('keeps answering after a window whose output was stopped exits (the issue 13 repro)', async () => {
    sb = new Sandbox();
    await sb.ok(['new', '-d', '-s', 'x']);
    // The window's program exits once the ^S has stopped its output, not after a guessed time.
    await sb.ok(['new-window', '-d', '-t', 'x:1', 'python3', '-c', UNTIL_STOPPED]);
    await sb.ok(['send-keys', '-t', 'x:1', 'C-s']);
    // The window goes (the drain gives up on the stopped output) and the server answers throughout.
    await waitFor(async () => {
      const r = await sb.ccmux(['list-windows', '-t', 'x', '-F', '#{window_index}'], { timeoutMs: 8000 });
      if (r.code !== 0) throw new Error(`list-windows failed: ${r.stderr}`);
      return r.stdout.trim() === '0';
    }, 10_000, 'the stopped window to close');
    expect((await sb.ccmux(['ls'])).code).toBe(0);
  }, 30_000);
});
