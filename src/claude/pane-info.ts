/*
 * Which panes are Claude panes, and what ccmux made for each: its isolation method, dir,
 * profile, Claude session id, pane uuid and the kind of hooks it got, and its git worktree if it has one. Kept here, beside the Pane rather than on it,
 * so the model stays Claude-agnostic; the Claude spawn hook (launch.ts) fills it when a
 * pane starts, awareness updates the session id when claude reports another, and the
 * snapshot, doctor, gc and the format variables read it.
 *
 * A teammate pane (Claude Code's agent teams through the tmux shim, claude/teammate.ts)
 * has its own record, never a ClaudePaneInfo: its claude runs in the lead's config dir,
 * which the teammate pane must never own (closing it would remove the lead's dir).
 */
import type { Pane } from '../server/pane.js';
import type { PaneHooks } from './hook-kind.js';

export interface ClaudePaneInfo {
  method: 'config_dir' | 'home' | 'none';
  dir?: string;
  root?: string;
  profile?: string;
  sessionId: string;
  uuid: string;
  /** The hooks it was given and why (hook-kind.ts); doctor shows them. */
  hooks?: PaneHooks;
}

/** The git worktree ccmux made for a Claude pane (claude/worktree.ts). */
export interface WorktreeFacts {
  name: string;
  path: string;
  branch: string;
  /** The commit its branch started at. */
  base: string;
  /** What the base was asked as (HEAD, or --base REF). */
  baseRef: string;
  /** The repository's main worktree. */
  repo: string;
}

/** A pane running a teammate of an agent team led by a Claude pane (claude/teammate.ts). */
export interface TeammateInfo {
  /** The id of the lead's Claude pane, when the teammate was placed (it may be gone since). */
  lead: number;
  /** The teammate's name (`--agent-name`), and its team (`--team-name`), as Claude Code gave them. */
  name?: string;
  team?: string;
  /** Its hook token's pane uuid (CCMUX_CLAUDE_TOKEN, as a Claude pane's). */
  uuid: string;
  /** The Claude session id its hooks reported, once they have. */
  sessionId?: string;
}

const info = new WeakMap<Pane, ClaudePaneInfo>();
const teammates = new WeakMap<Pane, TeammateInfo>();

/** The teammate facts of a pane; undefined for a pane that runs no teammate. */
export function teammateOf(p: Pane): TeammateInfo | undefined {
  return teammates.get(p);
}

/** Mark a pane as running a teammate (the teammate spawn hook), or unmark it (undefined). */
export function setTeammateOf(p: Pane, facts: TeammateInfo | undefined): void {
  if (facts) teammates.set(p, facts);
  else teammates.delete(p);
}
const worktrees = new WeakMap<Pane, WorktreeFacts>();

/** The worktree of a pane; undefined for a pane that has none. */
export function worktreeOf(p: Pane): WorktreeFacts | undefined {
  return worktrees.get(p);
}

/** Give a pane its worktree facts (the worktree spawn hook, when the pane is started). */
export function setWorktreeOf(p: Pane, facts: WorktreeFacts): void {
  worktrees.set(p, facts);
}

/** The Claude facts of a pane; undefined for a pane that does not run Claude. */
export function claudeOf(p: Pane): ClaudePaneInfo | undefined {
  return info.get(p);
}

/** Mark a pane as a Claude pane (the spawn hook, when the pane is started). */
export function setClaudeOf(p: Pane, facts: ClaudePaneInfo): void {
  info.set(p, facts);
}

/** The dirs of the Claude panes among `panes` (live panes' dirs are never swept). */
export function claudeDirsOf(panes: Iterable<Pane>): Set<string> {
  const dirs = new Set<string>();
  for (const p of panes) {
    const d = info.get(p)?.dir;
    if (d) dirs.add(d);
  }
  return dirs;
}
