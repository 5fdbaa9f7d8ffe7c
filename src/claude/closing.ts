/*
 * The dirs of Claude panes that have closed but are still being wound down: waiting for
 * their claude to exit (it writes .claude.json and its transcript on the way out), then
 * credentials sync, transcript archive, removal. They belong to their pane until then, so
 * the orphan sweep (gc, or another server's start) must not take them — the live pane no
 * longer owns them, and the checkpoint stops naming them 100 ms after the close. The
 * same holds for a closed pane's worktree until closeWorktree has kept or removed it (it
 * unlocks the worktree before `git worktree remove`, and deletes the branch after).
 */

/** Dirs of closed Claude panes whose cleanup has not finished. */
export const closingClaudeDirs = new Set<string>();

/** Worktrees of closed panes that closeWorktree is still deciding on or removing. */
export const closingWorktrees = new Set<string>();
