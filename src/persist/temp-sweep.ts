/*
 * Temp files left by writers that were killed mid-write: every atomic write in the state
 * dir goes through `<file>.tmp.<pid>` (checkpoints in servers/, the transcript index,
 * claude-hooks.json), and a kill -9 between write and rename leaves one behind for good
 * (issue 13.14). At start, each such regular file whose writer is gone is removed: its pid
 * no longer runs, is a zombie, or is a later process that reused the pid (core/pid-alive:
 * it started after the file was written). One of a live writer (another server writing
 * now) is left alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { mayBeWriter } from '../core/pid-alive.js';

const TEMP = /^.+\.tmp\.(\d+)$/;

/** Remove stale temp files directly inside `dirs`; returns the paths removed. */
export function sweepStaleTemps(dirs: readonly string[]): string[] {
  const removed: string[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const n of names) {
      const m = TEMP.exec(n);
      if (!m) continue;
      const pid = Number(m[1]);
      if (pid === process.pid) continue;
      const p = path.join(dir, n);
      try {
        const st = fs.lstatSync(p);
        if (!st.isFile() || mayBeWriter(pid, st.mtimeMs)) continue;
        fs.unlinkSync(p);
        removed.push(p);
      } catch {
        /* gone meanwhile */
      }
    }
  }
  return removed;
}
