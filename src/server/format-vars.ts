/*
 * The variables of format strings (#{session_name}, #{pane_current_path}, ...) for a
 * given session / window / pane, computed lazily: a format only pays for the
 * variables it names (pane_current_path reads /proc).
 */
import { expandFormat, strftime } from '../core/format.js';
import type { Server } from './server.js';
import type { Pane } from './pane.js';
import type { Session, Window } from './window.js';
import type { ClientHandle } from './client/handle.js';

export interface FormatScope {
  session?: Session;
  window?: Window;
  pane?: Pane;
  /** The client the format is for (client_* variables): the one a binding came from, else one on the session. */
  client?: ClientHandle;
}

/** Window flags as tmux shows them: * current, - last, Z zoomed, # activity, ! bell. */
export function windowFlags(s: Session, w: Window): string {
  let f = '';
  if (s.current === w) f += '*';
  else if (s.last === w) f += '-';
  if (w.flags.has('activity')) f += '#';
  if (w.flags.has('bell')) f += '!';
  if (w.zoomed) f += 'Z';
  return f;
}

export function formatLookup(server: Server, scope: FormatScope): (name: string) => string | undefined {
  const { session: s, window: w, pane: p, client: c } = scope;
  const claudeFacts = (pane: Pane) => server.awareness?.facts(pane);
  return (name) => {
    if (name.startsWith('@')) return server.options.getUser(name);
    switch (name) {
      case 'host': return server.hostname();
      case 'host_short': return server.hostname().split('.')[0];
      case 'pid': return String(process.pid);
      case 'socket_path': return server.opts.socketPath;
      case 'version': return undefined;
      // ccmux has no control mode; a client's terminal type is its TERM (tmux's comes from the terminal's reply to XTVERSION).
      case 'client_termtype': return c ? c.hello.env.TERM ?? '' : undefined;
      case 'client_control_mode': return c ? '0' : undefined;
      case 'client_tty': return c ? c.hello.ttyPath ?? '' : undefined;
      case 'client_width': return c ? String(c.cols) : undefined;
      case 'session_name': return s?.name;
      case 'session_id': return s ? `$${s.id}` : undefined;
      case 'session_windows': return s ? String(s.windows.length) : undefined;
      case 'session_attached': return s ? String([...server.clients].filter((c) => c.session === s).length) : undefined;
      case 'session_created': return s ? String(Math.floor(s.createdAt / 1000)) : undefined;
      case 'window_index': return w ? String(w.index) : undefined;
      case 'window_id': return w ? `@${w.id}` : undefined;
      case 'window_name': return w?.name;
      case 'window_active': return s && w ? (s.current === w ? '1' : '0') : undefined;
      case 'window_flags': return s && w ? windowFlags(s, w) : undefined;
      case 'window_panes': return w ? String(w.panes.size) : undefined;
      case 'window_zoomed_flag': return w ? (w.zoomed ? '1' : '0') : undefined;
      case 'window_width': return w ? String(w.cols) : undefined;
      case 'window_height': return w ? String(w.rows) : undefined;
      case 'pane_id': return p ? `%${p.id}` : undefined;
      case 'pane_index': return p && w ? String(w.orderedPanes().indexOf(p) + (server.options.get('pane-base-index') as number)) : undefined;
      case 'pane_title': return p ? p.title || server.hostname() : undefined;
      case 'pane_current_path': return p?.currentPath();
      case 'pane_current_command': return p?.currentCommand();
      case 'pane_start_command': return p ? [p.launch.file, ...p.launch.args].join(' ') : undefined;
      case 'pane_pid': return p?.pid !== undefined ? String(p.pid) : undefined;
      case 'pane_width': return p ? String(p.cols) : undefined;
      case 'pane_height': return p ? String(p.rows) : undefined;
      case 'pane_active': return p && w ? (w.active === p.id ? '1' : '0') : undefined;
      case 'pane_dead': return p ? (p.alive ? '0' : '1') : undefined;
      case 'pane_dead_status': return p?.exitStatus ? String(p.exitStatus.code) : undefined;
      case 'pane_in_mode': return p ? (p.copyMode ? '1' : '0') : undefined;
      case 'pane_left': return p && w ? String(w.rects().get(p.id)?.x ?? 0) : undefined;
      case 'pane_top': return p && w ? String(w.rects().get(p.id)?.y ?? 0) : undefined;
      case 'cursor_x': return p ? String(p.term.buffer.active.cursorX) : undefined;
      case 'cursor_y': return p ? String(p.term.buffer.active.cursorY) : undefined;
      case 'alternate_on': return p ? (p.term.buffer.active.type === 'alternate' ? '1' : '0') : undefined;
      case 'history_size': return p ? String(p.history.historySize()) : undefined;
      case 'history_limit': return String(server.options.get('history-limit'));
      case 'mouse_any_flag': return p ? (p.term.modes.mouseTrackingMode !== 'none' ? '1' : '0') : undefined;
      case 'pane_claude': return p ? (claudeFacts(p) ? '1' : '0') : undefined;
      case 'claude_session_id': return p && claudeFacts(p)?.sessionId;
      case 'claude_method': return p && claudeFacts(p)?.method;
      case 'claude_dir': return p && claudeFacts(p)?.dir;
      case 'claude_profile': return p && claudeFacts(p)?.profile;
      case 'pane_worktree': return p ? claudeFacts(p)?.worktree?.path ?? '' : undefined;
      case 'pane_branch': return p ? claudeFacts(p)?.worktree?.branch ?? '' : undefined;
      case 'pane_worktree_name': return p ? claudeFacts(p)?.worktree?.name ?? '' : undefined;
      case 'pane_worktree_base': return p ? claudeFacts(p)?.worktree?.base ?? '' : undefined;
      case 'claude_state': return p ? server.awareness?.status(p.id)?.state : undefined;
      case 'claude_needs_input': {
        const n = server.awareness?.needsInputCount() ?? 0;
        return n ? String(n) : '';
      }
      default: return undefined;
    }
  };
}

/** Expand a format for a scope; `time` also applies strftime (status-left/right). */
export function expandFor(server: Server, fmt: string, scope: FormatScope, time = false): string {
  return expandFormat(time ? strftime(fmt, new Date()) : fmt, formatLookup(server, scope));
}

/** The client a command's formats speak of: the one it came from, else the most recent one showing `s`. */
export function clientFor(server: Server, from: ClientHandle | undefined, s: Session | undefined): ClientHandle | undefined {
  if (from) return from;
  let found: ClientHandle | undefined;
  for (const c of server.clients) if (c.session === s) found = c;
  return found;
}
