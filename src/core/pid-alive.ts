/*
 * Whether a process id names a running process (signal 0: EPERM means it exists but is
 * another user's). A zombie counts as running; callers that care read /proc.
 */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
