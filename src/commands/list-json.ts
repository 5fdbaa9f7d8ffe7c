/*
 * The JSON shapes of `ls --json`, `list-windows --json` and `list-panes --json`: stable,
 * documented in the README, with each Claude pane's facts (method, dir, session id) and
 * its git worktree (name, path, branch, base, baseRef, repo) or null, and for an agent
 * team's teammate pane its lead, name, team and state (`teammate`, else null).
 */
import type { Server } from '../server/server.js';
import { claudeOf, teammateOf, worktreeOf } from '../claude/pane-info.js';
import type { Pane } from '../server/pane.js';
import type { Session, Window } from '../server/window.js';
import { windowFlags } from '../server/format-vars.js';

export function paneJson(server: Server, s: Session, w: Window, p: Pane): Record<string, unknown> {
  const r = w.rects().get(p.id);
  return {
    id: `%${p.id}`,
    index: w.orderedPanes().indexOf(p) + (server.options.get('pane-base-index', { window: w, pane: p }) as number),
    session: s.name,
    window: s.indexOf(w),
    active: w.active === p.id,
    pid: p.pid ?? null,
    dead: !p.alive,
    width: p.cols,
    height: p.rows,
    left: r?.x ?? null,
    top: r?.y ?? null,
    title: p.title,
    current_command: p.currentCommand(),
    current_path: p.currentPath(),
    start_command: [p.launch.file, ...p.launch.args],
    in_mode: p.copyMode !== null,
    claude: claudeOf(p) ? { ...claudeOf(p), ...(server.awareness?.describe(p.id) ?? {}) } : null,
    worktree: worktreeOf(p) ?? null,
    teammate: teammateJson(server, p),
  };
}

/** A teammate pane's facts for list-panes --json: its lead, name, team, session id and state. */
function teammateJson(server: Server, p: Pane): Record<string, unknown> | null {
  const t = teammateOf(p);
  if (!t) return null;
  return { lead: `%${t.lead}`, name: t.name ?? null, team: t.team ?? null, sessionId: t.sessionId ?? null, ...(server.awareness?.describe(p.id) ?? {}) };
}

export function windowJson(server: Server, s: Session, w: Window): Record<string, unknown> {
  return {
    id: `@${w.id}`,
    index: s.indexOf(w),
    session: s.name,
    name: w.name,
    active: s.current === w,
    flags: windowFlags(s, w, false, server.model.marked),
    zoomed: w.zoomed,
    width: w.cols,
    height: w.rows,
    panes: w.orderedPanes().map((p) => paneJson(server, s, w, p)),
  };
}

export function sessionJson(server: Server, s: Session): Record<string, unknown> {
  return {
    id: `$${s.id}`,
    name: s.name,
    created: new Date(s.createdAt).toISOString(),
    attached: [...server.clients].filter((c) => c.session === s).length,
    windows: s.sorted().map((w) => windowJson(server, s, w)),
  };
}
