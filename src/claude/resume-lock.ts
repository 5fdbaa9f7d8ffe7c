/*
 * One live claude per conversation. Before a pane starts `claude --resume <id>` (a restore
 * after a crash, `ccmux resume`, a second server restoring the same checkpoint), ccmux
 * looks for a claude already running that session: in its own panes (plan.ts refuses
 * those), and in every config dir it knows — each pane dir under the state dir, and the
 * user's base config dirs — where claude keeps `sessions/<pid>.json` while it runs.
 * Two claudes on one session interleave their writes to one transcript.
 *
 * A stale file of a claude that died (its pid gone, or reused by a program that is not
 * claude) does not count.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CONFIGS_ROOT, HOMES_ROOT } from './plan.js';
import { liveSessions } from './doctor-facts.js';

/** The config dirs where a claude of this user may keep its live-session files. */
export function configDirsToCheck(stateDir: string, baseDirs: readonly string[]): string[] {
  const dirs = new Set(baseDirs);
  for (const [root, sub] of [[CONFIGS_ROOT, ''], [HOMES_ROOT, '.claude']] as const) {
    let names: string[] = [];
    try {
      names = fs.readdirSync(path.join(stateDir, root));
    } catch {
      continue;
    }
    for (const n of names) if (n.startsWith('pane-')) dirs.add(path.join(stateDir, root, n, sub));
  }
  return [...dirs];
}

/** Does process `pid` look like a claude (its command line names claude)? */
function isClaude(pid: number): boolean {
  try {
    return /claude/i.test(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return false;
  }
}

/** A live claude running `sessionId`, found through the config dirs' session files; undefined when none. */
export async function runningSession(sessionId: string, configDirs: readonly string[]): Promise<{ pid: number; configDir: string } | undefined> {
  for (const dir of configDirs) {
    for (const s of await liveSessions(path.join(dir, 'sessions'))) {
      if (s.sessionId === sessionId && s.alive && isClaude(s.pid)) return { pid: s.pid, configDir: dir };
    }
  }
  return undefined;
}
