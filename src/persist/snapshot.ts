/*
 * Taking a checkpoint body from the live server: every session (its group, the windows
 * it shares with a session before it as links), window (index, fixed
 * name, layout with sizes, active pane, zoom) and pane (current directory, the command it
 * was started with, title, and for Claude panes the isolation record needed to resume, and
 * the worktree they run in; for an agent team's teammate its name, never its command).
 */
import type { Server } from '../server/server.js';
import { claudeOf, teammateOf, worktreeOf } from '../claude/pane-info.js';
import { LIMITS } from '../core/limits.js';
import type { CheckpointBody, LinkRecord, PaneRecord, SessionRecord } from './checkpoint.js';
import type { Session, Window } from '../server/window.js';

export function snapshotServer(server: Server): CheckpointBody {
  const { model } = server;
  // A window linked into several sessions is recorded whole in the first of them, linked in the others.
  const owner = (w: Window): Session => model.sessions.find((x) => x.windows.includes(w))!;
  const sessions: SessionRecord[] = model.sessions.map((s) => ({
    name: s.name,
    current: s.indexOf(s.current),
    ...(s.last && s.windows.includes(s.last) ? { last: s.indexOf(s.last) } : {}),
    ...(model.groups.of(s) ? { group: model.groups.of(s)!.name } : {}),
    ...(s.path ? { path: s.path } : {}),
    ...(s.windows.some((w) => owner(w) !== s)
      ? { links: s.sorted().filter((w) => owner(w) !== s).map((w): LinkRecord => ({ index: s.indexOf(w), session: owner(w).name, window: owner(w).indexOf(w) })) }
      : {}),
    windows: s.sorted().filter((w) => owner(w) === s).map((w) => ({
      index: s.indexOf(w),
      ...(w.fixedName !== undefined ? { name: w.fixedName } : {}),
      layout: w.layout,
      active: w.active,
      zoomed: w.zoomed,
      cols: w.cols,
      rows: w.rows,
      panes: w.orderedPanes().map((p): PaneRecord => {
        // A cwd deeper than PATH_MAX can be read from /proc but not kept: fall back to where it started.
        const cwd = p.currentPath();
        const rec: PaneRecord = { id: p.id, cwd: cwd.length <= LIMITS.path && !cwd.includes('\0') ? cwd : p.launch.cwd };
        const claude = claudeOf(p);
        const mate = teammateOf(p);
        if (mate) rec.teammate = { ...(mate.name ? { name: mate.name } : {}), ...(mate.team ? { team: mate.team } : {}) };
        else if (p.startArgv && !claude) rec.command = p.startArgv;
        if (p.title) rec.title = p.title;
        if (claude) {
          const { method, dir, root, profile, sessionId, uuid } = claude;
          const worktree = worktreeOf(p);
          rec.claude = { method, sessionId, uuid, cwd: p.launch.cwd, ...(dir ? { dir } : {}), ...(root ? { root } : {}), ...(profile ? { profile } : {}), ...(worktree ? { worktree } : {}) };
        }
        return rec;
      }),
    })),
  }));
  return { sessions };
}
