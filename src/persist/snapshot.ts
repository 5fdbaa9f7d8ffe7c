/*
 * Taking a checkpoint body from the live server: every session, window (index, fixed
 * name, layout with sizes, active pane, zoom) and pane (current directory, the command it
 * was started with, title, and for Claude panes the isolation record needed to resume, and
 * the worktree they run in; for an agent team's teammate its name, never its command).
 */
import type { Server } from '../server/server.js';
import { claudeOf, teammateOf, worktreeOf } from '../claude/pane-info.js';
import { LIMITS } from '../core/limits.js';
import type { CheckpointBody, PaneRecord, SessionRecord } from './checkpoint.js';

export function snapshotServer(server: Server): CheckpointBody {
  const sessions: SessionRecord[] = server.model.sessions.map((s) => ({
    name: s.name,
    current: s.current.index,
    ...(s.last && s.windows.includes(s.last) ? { last: s.last.index } : {}),
    windows: s.sorted().map((w) => ({
      index: w.index,
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
