/*
 * Whether a pid in a temp file's name is still that file's writer: not when the pid has
 * exited, is a zombie nobody reaped, or was reused by a process started after the file
 * was written (pid_max wraps in a long test run: the crash test once kept a dead server's
 * checkpoint temp file because its pid ran again).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { mayBeWriter, pidAlive, procStart } from '../../src/core/pid-alive.js';

const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
});

async function waitFor<T>(f: () => T | undefined | null | false, what: string): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const v = f();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('mayBeWriter', () => {
  it('this process wrote a file now; a later process with the pid did not write an old file', () => {
    expect(mayBeWriter(process.pid, Date.now())).toBe(true);
    const start = procStart(process.pid)!;
    expect(Math.abs(start.startMs - (Date.now() - process.uptime() * 1000))).toBeLessThan(1000);
    // The parent started before this process; a file it wrote before this process started is still its own.
    expect(mayBeWriter(process.ppid, start.startMs)).toBe(true);
    expect(mayBeWriter(process.ppid, procStart(process.ppid)!.startMs - 60_000)).toBe(false);
  });

  it('a pid that has exited wrote nothing live', () => {
    const dead = spawnSync('true').pid!;
    expect(mayBeWriter(dead, Date.now())).toBe(false);
  });

  it('a zombie is no writer, though signal 0 still finds it', async () => {
    // sh forks a `cat` reading our pipe, then becomes `sleep 30`, which never reaps it; the
    // cat ends only when we close the pipe, once sh is sleep: a zombie. (A child that ended
    // before the exec was sometimes reaped by sh itself: 2 runs in 150.)
    const sh = spawn('sh', ['-c', 'cat <&3 >/dev/null & echo $!; exec sleep 30 3<&-'], { stdio: ['ignore', 'pipe', 'ignore', 'pipe'] });
    started.push(sh.pid!);
    const zombie = await new Promise<number>((resolve) => sh.stdout!.once('data', (d: Buffer) => resolve(Number(String(d).trim()))));
    started.push(zombie);
    await waitFor(() => fs.readFileSync(`/proc/${sh.pid}/comm`, 'utf8').trim() === 'sleep', 'sh to become sleep');
    (sh.stdio[3] as NodeJS.WritableStream).end();
    await waitFor(() => procStart(zombie)?.state === 'Z', 'the zombie');
    expect(pidAlive(zombie)).toBe(true);
    expect(mayBeWriter(zombie, Date.now())).toBe(false);
  });

  it('a running process started before the write may be the writer', async () => {
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    started.push(child.pid!);
    await waitFor(() => procStart(child.pid!)?.state === 'S', 'sleep to run');
    expect(mayBeWriter(child.pid!, Date.now())).toBe(true);
    expect(fs.existsSync(`/proc/${child.pid}`)).toBe(true);
  });
});
