/*
 * Whether a process id names a running process, and whether it can be the process that
 * wrote a given file. Signal 0 answers the first (EPERM means it exists but is another
 * user's; a zombie counts as running for it). A pid in a file name (`<file>.tmp.<pid>`)
 * needs more: pids are reused (pid_max is often 32768, and a test suite wraps it), and a
 * killed process can stay a zombie until its parent reaps it. So a file's writer is
 * taken to be alive only if the pid runs, is not a zombie, and started before the file
 * was last written (/proc/<pid>/stat start time against /proc/uptime, to ~10 ms).
 */
import fs from 'node:fs';

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Linux reports process times in USER_HZ, which is 100 on every architecture. */
const USER_HZ = 100;

/**
 * When process `pid` started (ms since the epoch) and its state letter, from /proc; null
 * when it is gone, and undefined when /proc cannot tell (not Linux).
 */
export function procStart(pid: number): { startMs: number; state: string } | null | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' && fs.existsSync('/proc/self/stat') ? null : undefined;
  }
  // The command name (field 2) is in parentheses and may hold spaces or ")": split after the last ")".
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[19]);
  let uptime: number;
  try {
    uptime = Number(fs.readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
  } catch {
    return undefined;
  }
  if (!Number.isFinite(ticks) || !Number.isFinite(uptime)) return undefined;
  const bootMs = Date.now() - uptime * 1000;
  return { startMs: bootMs + (ticks * 1000) / USER_HZ, state: fields[0] ?? '?' };
}

/** Slack for the two clocks (uptime's and the file system's), in ms. */
const CLOCK_SLACK_MS = 50;

/**
 * Whether process `pid` may be the live writer of a file last modified at `mtimeMs`: it
 * runs, is no zombie, and started before that time. Without /proc: whether the pid runs.
 */
export function mayBeWriter(pid: number, mtimeMs: number): boolean {
  const p = procStart(pid);
  if (p === undefined) return pidAlive(pid);
  if (p === null || p.state === 'Z' || p.state === 'X') return false;
  return p.startMs <= mtimeMs + CLOCK_SLACK_MS;
}
