/*
 * Who has each worktree ccmux made (`ccmux worktrees`, doctor): a live pane of this
 * server, a Claude pane some server's checkpoint will restore into it, a pane of another
 * running server (its lock names that server's pid), one whose pane this server is
 * closing (still locked by it: kept or removed in a moment), or nobody — its pane closed
 * and it was kept. Read from the model, every checkpoint in the state dir and the lock reason;
 * nothing is written.
 */
import type { Server } from '../server/server.js';
import { worktreeOf } from '../claude/pane-info.js';
import { closingWorktrees } from '../claude/closing.js';
import { pidAlive, procStart } from '../core/pid-alive.js';
import { CheckpointStore } from './store.js';
import { checkpointWorktrees } from './checkpoint.js';
import { serversDir } from './orphans.js';

export type WorktreeOwnerKind = 'live' | 'closing' | 'restorable' | 'other-server' | 'closed';

export interface WorktreeOwner {
  kind: WorktreeOwnerKind;
  /** "%3", "restorable", "restorable (ccmux restore)", "server pid 123", "closed". */
  label: string;
}

/** A process that runs (a killed server nobody reaped yet is a zombie: not running). */
function running(pid: number): boolean {
  if (!pidAlive(pid)) return false;
  const st = procStart(pid)?.state;
  return st !== 'Z' && st !== 'X';
}

/** The pid a ccmux lock reason names (worktree-plan.ts lockReason), if any. */
export function lockPid(reason: string | undefined): number | undefined {
  const m = reason ? /^ccmux: .*\(pid (\d+)\)/.exec(reason) : null;
  return m ? Number(m[1]) : undefined;
}

/**
 * A function telling the owner of a worktree path, given its current lock reason and
 * whether its record says its pane closed (then a checkpoint still naming it — the one
 * before, `.prev.json` — is out of date: a restore into it would clear that mark).
 */
export function worktreeOwners(server: Server): (path: string, lock?: string, closed?: boolean) => WorktreeOwner {
  const live = new Map<string, number>();
  for (const p of server.model.panes.values()) {
    const wt = worktreeOf(p);
    if (wt) live.set(wt.path, p.id);
  }
  const restorable = new Map<string, string>();
  for (const cp of CheckpointStore.readAll(serversDir(server.opts.stateDir)).checkpoints) {
    for (const w of checkpointWorktrees(cp.body)) if (!restorable.has(w)) restorable.set(w, cp.clean ? 'restorable (ccmux restore)' : 'restorable');
  }
  return (path, lock, closed) => {
    const id = live.get(path);
    if (id !== undefined) return { kind: 'live', label: `%${id}` };
    const pid = lockPid(lock);
    if (pid !== undefined && pid !== process.pid && running(pid)) return { kind: 'other-server', label: `server pid ${pid}` };
    // Still locked by this server, its pane gone: closeWorktree has not decided yet (its
    // claude is exiting), or is removing it (unlocked by then, its branch not yet deleted).
    if ((pid === process.pid && !closed) || closingWorktrees.has(path)) return { kind: 'closing', label: 'closing' };
    const r = closed ? undefined : restorable.get(path);
    if (r) return { kind: 'restorable', label: r };
    return { kind: 'closed', label: 'closed' };
  };
}
