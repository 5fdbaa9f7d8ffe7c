/*
 * Which panes are Claude panes, and what ccmux made for each: its isolation method, dir,
 * profile, Claude session id, pane uuid and the kind of hooks it got, and its git worktree if it has one. Kept here, beside the Pane rather than on it,
 * so the model stays Claude-agnostic; the Claude spawn hook (launch.ts) fills it when a
 * pane starts, awareness updates the session id when claude reports another, and the
 * snapshot, doctor, gc and the format variables read it.
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

const info = new WeakMap<Pane, ClaudePaneInfo>();
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
