/*
 * The variables of format strings (#{session_name}, #{pane_current_path}, ...) for a
 * given session / window / pane / client, computed lazily: a format only pays for the
 * variables it names (pane_current_path reads /proc). Looked up as tmux does: an option
 * of that name first (`#{history-limit}`), then a variable, then the environment
 * (`#{HOME}`). Also what the format engine asks of the server: the S:/W:/P: loops,
 * the pane's lines for C:, window and session names for N:, cell widths.
 */
import { clientName } from './message-log.js';
import os from 'node:os';
import { expandFormat, type FormatContext } from '../core/format.js';
import { dumpTmuxLayout } from '../core/layout/layout.js';
import { findOption } from '../config/options-table.js';
import { codePointWidth } from '../render/cell-width.js';
import { colourName, defaultColours, parseStyle, type ParsedStyle } from '../config/styles.js';
import { BUFFER_DEFAULT_FORMAT, CLIENT_DEFAULT_FORMAT, TREE_DEFAULT_FORMAT } from '../core/format/mode-formats.js';
import { paneLines, paneVariable } from './format-vars-pane.js';
import type { Server } from './server.js';
import type { Pane } from './pane.js';
import type { Session, Window } from './window.js';
import type { MarkedPane } from './marked-pane.js';
import { lookupEnv } from '../core/environ.js';
import { hookFormats } from './hook-queue.js';
import { commandFormats } from './command-formats.js';
import { TMUX_VERSION } from '../core/version.js';
import type { ClientHandle } from './client/handle.js';
import { runningMouse } from './mouse-target.js';
import { isMouseVariable, mouseVariable } from './format-vars-mouse.js';

export interface FormatScope {
  session?: Session;
  window?: Window;
  pane?: Pane;
  /** The client the format is for (client_* variables): the one a binding came from, else one on the session. */
  client?: ClientHandle;
  /** Run `#(…)` jobs for this status line or entry (format-jobs.ts's tag); without it `#(…)` is empty. */
  jobTag?: string;
  /** What the format is for (#{session_format} …): an S:/W:/P: loop's item, else the most specific of session, window, pane given. */
  type?: 'session' | 'window' | 'pane';
}

/**
 * Window flags as tmux shows them, in its order (window_printable_flags): # activity, ! bell,
 * ~ silence, * current, - last, M the marked pane's, Z zoomed; `escape`: # doubled, as
 * #{window_flags} has it (the status line draws ## as #), else as #{window_raw_flags}.
 */
export function windowFlags(s: Session, w: Window, escape = false, marked?: MarkedPane): string {
  let f = '';
  const flags = s.flagsOf(w);
  if (flags.has('activity')) f += escape ? '##' : '#';
  if (flags.has('bell')) f += '!';
  if (flags.has('silence')) f += '~';
  if (s.current === w) f += '*';
  else if (s.last === w) f += '-';
  if (marked?.inWindow(s, w)) f += 'M';
  if (w.zoomed) f += 'Z';
  return f;
}

const flag = (b: boolean) => (b ? '1' : '0');

/** #{session_alerts}: each flagged window's index and its alert flags (# ! ~), as tmux's format_cb_session_alerts. */
function sessionAlerts(s: Session): string {
  const out: string[] = [];
  for (const w of s.sorted()) {
    const f = s.flagsOf(w);
    const marks = `${f.has('activity') ? '#' : ''}${f.has('bell') ? '!' : ''}${f.has('silence') ? '~' : ''}`;
    if (marks) out.push(`${s.indexOf(w)}${marks}`);
  }
  return out.join(',');
}
const STARTED = Math.floor(Date.now() / 1000 - process.uptime());

/**
 * An option's value at a scope as a format shows it (tmux's options_to_string, numeric): on/off
 * as 1/0; an array's item by `name[N]` (empty where it has none), an array named whole empty.
 */
function optionText(server: Server, key: string, at: FormatScope): string | undefined {
  const m = /^(.+)\[(\d+)\]$/.exec(key);
  const name = m ? m[1]! : key;
  if (name.includes('.') || !findOption(name)) return undefined;
  const v = server.options.get(name, at);
  // tmux's flags print as 1/0; `status` is a choice there (off, on, 2-5), a flag in ccmux.
  if (typeof v === 'boolean') return name === 'status' ? (v ? 'on' : 'off') : flag(v);
  if (Array.isArray(v)) return m ? (v[Number(m[2])] ?? '') : '';
  return v === undefined ? undefined : String(v);
}

function clientVariable(server: Server, c: ClientHandle, name: string): string | undefined {
  switch (name) {
    // A client's terminal type is its TERM (tmux's comes from the terminal's reply to XTVERSION).
    case 'client_termtype': return c.hello.env.TERM ?? '';
    case 'client_termname': return c.hello.env.TERM ?? '';
    case 'client_termfeatures': return c.termFeatures.join(',');
    case 'client_control_mode': return c.control ? '1' : '0';
    case 'client_tty': return c.hello.ttyPath ?? '';
    // tmux names a client by its terminal, else client-PID.
    case 'client_name': return clientName(c.hello);
    case 'client_pid': return String(c.hello.pid);
    case 'client_width': return String(c.cols);
    case 'client_height': return String(c.rows);
    case 'client_created': return String(Math.floor(c.createdAt / 1000));
    case 'client_activity': return String(Math.floor(c.activity / 1000));
    // The peer's uid (peer-cred.ts): the owner, root, or a user server-access let in.
    case 'client_uid': return String(c.peerUid);
    case 'client_user': return c.peerUid === server.acl.owner ? os.userInfo().username : server.acl.nameOf(c.peerUid);
    // ccmux always draws UTF-8.
    case 'client_utf8': return '1';
    case 'client_flags': return ['attached', ...(c.focused ? ['focused'] : []), ...(c.ignoreSize ? ['ignore-size'] : []), ...(c.readOnly ? ['read-only'] : []), ...(c.suspended ? ['suspended'] : []), 'UTF-8'].join(',');
    case 'client_session': return c.session?.name;
    // Only while that session lives, as tmux's session_alive check.
    case 'client_last_session': return c.previousSession && server.model.sessions.includes(c.previousSession) ? c.previousSession.name : undefined;
    case 'client_key_table': return c.keyTable;
    // Another table than the one keys go back to (the prefix, or one of switch-client -T), as tmux's.
    case 'client_prefix': return flag(c.keyTable !== ('defaultKeyTable' in c ? c.defaultKeyTable : 'root'));
    case 'client_readonly': return c.readOnly ? '1' : '0';
    default: return undefined;
  }
}

/** The session of each client attached to a session of `s`'s group (tmux counts clients). */
function groupAttached(server: Server, s: Session): Session[] {
  const g = server.model.groups.of(s);
  if (!g) return [];
  const out: Session[] = [];
  for (const c of server.clients) if (c.session && g.sessions.includes(c.session)) out.push(c.session);
  return out;
}

function sessionVariable(server: Server, s: Session, name: string): string | undefined {
  const attached = () => [...server.clients].filter((c) => c.session === s).length;
  switch (name) {
    case 'session_name': return s.name;
    case 'session_id': return `$${s.id}`;
    case 'session_windows': return String(s.windows.length);
    case 'session_alerts': return sessionAlerts(s);
    // The current window's index, then those of the windows current before it (tmux's session_stack).
    case 'session_stack': return [s.current, ...s.stack()].map((w) => s.indexOf(w)).join(',');
    case 'session_attached': return String(attached());
    case 'session_many_attached': return flag(attached() > 1);
    case 'session_marked': return flag(server.model.marked.get()?.session === s);
    case 'session_created': return String(Math.floor(s.createdAt / 1000));
    // A time never set expands to nothing, as tmux's (its -a prints 0).
    case 'session_last_attached': return s.lastAttached ? String(Math.floor(s.lastAttached / 1000)) : '';
    case 'session_activity': return String(Math.floor(s.lastUsed / 1000));
    case 'session_path': return s.path;
    case 'session_grouped': return flag(server.model.groups.of(s) !== undefined);
    case 'session_group': return server.model.groups.of(s)?.name ?? '';
    // Not grouped, these are empty (tmux's callbacks return nothing).
    case 'session_group_size': return server.model.groups.of(s) ? String(server.model.groups.of(s)!.sessions.length) : '';
    case 'session_group_list': return server.model.groups.of(s)?.sessions.map((x) => x.name).join(',') ?? '';
    case 'session_group_attached': return server.model.groups.of(s) ? String(groupAttached(server, s).length) : '';
    case 'session_group_many_attached': return server.model.groups.of(s) ? flag(groupAttached(server, s).length > 1) : '';
    case 'session_group_attached_list': {
      const on = groupAttached(server, s);
      return server.model.groups.of(s)?.sessions.filter((x) => on.includes(x)).map((x) => x.name).join(',') ?? '';
    }
    case 'active_window_index': return String(s.indexOf(s.current));
    case 'last_window_index': return String(Math.max(...s.windows.map((w) => s.indexOf(w))));
    default: return undefined;
  }
}

/** The sessions of the group `s` is in, or just `s`. */
function groupOf(server: Server, s: Session): readonly Session[] {
  return server.model.groups.of(s)?.sessions ?? [s];
}

function windowVariable(server: Server, scoped: Session | undefined, w: Window, name: string): string | undefined {
  // The window as linked into the scope's session, else into its best one.
  const s = scoped?.windows.includes(w) ? scoped : server.model.sessionOf(w);
  const sorted = () => s?.sorted() ?? [];
  const linked = server.model.sessionsOf(w);
  switch (name) {
    case 'window_index': return s ? String(s.indexOf(w)) : undefined;
    case 'window_id': return `@${w.id}`;
    case 'window_activity': return String(Math.floor(w.activityAt / 1000));
    case 'window_name': return w.name;
    case 'window_active': return s ? flag(s.current === w) : undefined;
    case 'window_flags': return s ? windowFlags(s, w, true, server.model.marked) : undefined;
    case 'window_raw_flags': return s ? windowFlags(s, w, false, server.model.marked) : undefined;
    case 'window_marked_flag': return s ? flag(server.model.marked.inWindow(s, w)) : undefined;
    case 'window_claude_mark': return server.awareness?.windowMarkText(w.panes.values()) ?? '';
    case 'window_last_flag': return s ? flag(s.last === w) : undefined;
    case 'window_bell_flag': return s ? flag(s.flagsOf(w).has('bell')) : undefined;
    case 'window_activity_flag': return s ? flag(s.flagsOf(w).has('activity')) : undefined;
    case 'window_silence_flag': return s ? flag(s.flagsOf(w).has('silence')) : undefined;
    case 'window_start_flag': return s ? flag(sorted()[0] === w) : undefined;
    case 'window_end_flag': return s ? flag(sorted().at(-1) === w) : undefined;
    case 'window_linked': return s ? flag(linked.length > groupOf(server, s).length) : undefined;
    case 'window_linked_sessions': return String(linked.length);
    case 'window_linked_sessions_list': return linked.map((x) => x.name).join(',');
    case 'window_panes': return String(w.panes.size);
    case 'window_zoomed_flag': return flag(w.zoomed);
    case 'window_width': return String(w.cols);
    case 'window_height': return String(w.rows);
    case 'window_layout': return dumpTmuxLayout(w.layout, w.cols, w.rows);
    case 'window_visible_layout': return w.zoomed && w.activePane ? dumpTmuxLayout({ type: 'pane', pane: w.activePane.id }, w.cols, w.rows) : dumpTmuxLayout(w.layout, w.cols, w.rows);
    case 'window_active_clients': return String([...server.clients].filter((c) => c.session?.current === w).length);
    // The sessions that have it as their current window (tmux's window_active_sessions*).
    case 'window_active_sessions': return String(linked.filter((x) => x.current === w).length);
    case 'window_active_sessions_list': return linked.filter((x) => x.current === w).map((x) => x.name).join(',');
    // Where it is in its session's stack of windows current before (0: not there; tmux's lastw).
    case 'window_stack_index': return s ? String(s.stack().indexOf(w) + 1) : undefined;
    default: return undefined;
  }
}

function serverVariable(server: Server, name: string): string | undefined {
  switch (name) {
    case 'host': return server.hostname();
    case 'host_short': return server.hostname().split('.')[0];
    case 'pid': return String(process.pid);
    case 'socket_path': return server.opts.socketPath;
    case 'config_files': return server.configFiles.join(',');
    case 'next_session_id': return `$${server.model.nextSessionId}`;
    case 'start_time': return String(STARTED);
    case 'uid': return String(process.getuid?.() ?? '');
    case 'user': return os.userInfo().username;
    default: return undefined;
  }
}

/** The variable lookup of a scope (options, variables, environment). */
/** What ccmux knows of Claude panes, by name (claude_*, and pane_claude/pane_worktree/pane_branch…). */
const CLAUDE_VARS = new Set(['pane_claude', 'claude_session_id', 'claude_method', 'claude_dir', 'claude_profile', 'pane_worktree', 'pane_branch', 'pane_worktree_name', 'pane_worktree_base', 'claude_state', 'claude_needs_input']);

function claudeVariable(server: Server, p: Pane | undefined, name: string): string | undefined {
  if (name === 'claude_needs_input') {
    const n = server.awareness?.needsInputCount() ?? 0;
    return n ? String(n) : '';
  }
  if (!p) return undefined;
  const facts = server.awareness?.facts(p);
  switch (name) {
    case 'pane_claude': return facts ? '1' : '0';
    case 'claude_session_id': return facts?.sessionId;
    case 'claude_method': return facts?.method;
    case 'claude_dir': return facts?.dir;
    case 'claude_profile': return facts?.profile;
    case 'pane_worktree': return facts?.worktree?.path ?? '';
    case 'pane_branch': return facts?.worktree?.branch ?? '';
    case 'pane_worktree_name': return facts?.worktree?.name ?? '';
    case 'pane_worktree_base': return facts?.worktree?.base ?? '';
    case 'claude_state': return server.awareness?.status(p.id)?.state;
  }
  return undefined;
}

/** The client's view of its current window (client/window-view.ts), as tmux's format_cb_window_bigger and _offset_x/_y. */
const VIEW_VARS = new Set(['window_bigger', 'window_offset_x', 'window_offset_y']);

/** window_bigger (1 or 0 for a client that draws, nothing without one) and the view's offset while the window is bigger. */
function viewVariable(c: ClientHandle | undefined, name: string): string {
  const view = c?.windowView?.();
  if (name === 'window_bigger') return c ? flag(view?.bigger === true) : '';
  if (!view?.bigger) return '';
  return String(name === 'window_offset_x' ? view.x : view.y);
}

/** The mode trees' default line formats, as tmux gives them anywhere (core/format/mode-formats.ts). */
const MODE_FORMATS: Record<string, string> = { tree_mode_format: TREE_DEFAULT_FORMAT, buffer_mode_format: BUFFER_DEFAULT_FORMAT, client_mode_format: CLIENT_DEFAULT_FORMAT };

/** Terminal-state variables tmux counts as the pane's, though not named pane_*. */
const PANE_TERMINAL_VARS = new Set(['rectangle_toggle', 'selection_present', 'selection_active', 'search_present', 'cursor_x', 'cursor_y', 'cursor_flag', 'cursor_character', 'scroll_region_upper', 'scroll_region_lower', 'alternate_on', 'history_size', 'history_bytes', 'insert_flag', 'keypad_cursor_flag', 'keypad_flag', 'wrap_flag', 'origin_flag', 'copy_cursor_x', 'copy_cursor_y', 'copy_cursor_word', 'copy_cursor_line', 'scroll_position', 'search_match', 'selection_start_x', 'selection_start_y', 'selection_end_x', 'selection_end_y']);

export function formatLookup(server: Server, scope: FormatScope): (name: string) => string | undefined {
  const { session: s, window: w, pane: p, client: c } = scope;
  return (name) => {
    if (name.startsWith('@')) return server.options.getUser(name, scope);
    if (name.startsWith('hook')) {
      const f = hookFormats();
      if (f && Object.hasOwn(f, name)) return f[name];
    }
    if (name === 'current_file') return commandFormats()?.current_file;
    const opt = optionText(server, name, scope);
    if (opt !== undefined) return opt;
    if (CLAUDE_VARS.has(name)) return claudeVariable(server, p, name);
    const mode = MODE_FORMATS[name];
    if (mode !== undefined) return mode;
    if (name.startsWith('client_')) return c ? clientVariable(server, c, name) : undefined;
    if (VIEW_VARS.has(name)) return viewVariable(c, name);
    if (isMouseVariable(name)) {
      const m = runningMouse();
      return m ? mouseVariable(server, m, name) : undefined;
    }
    if (name === 'session_format' || name === 'window_format' || name === 'pane_format') {
      const type = scope.type ?? (p ? 'pane' : w ? 'window' : s ? 'session' : undefined);
      return name === `${type}_format` ? '1' : '0';
    }
    if (name === 'window_cell_width' || name === 'window_cell_height') return w ? (name === 'window_cell_width' ? '16' : '32') : undefined;
    if ((name === 'pane_fg' || name === 'pane_bg') && p && w && s) {
      const c = paneDefaultColours(server, { session: s, window: w, pane: p });
      return colourName(name === 'pane_fg' ? c.fg : c.bg);
    }
    if (name.startsWith('pane_') || name.startsWith('mouse_') || PANE_TERMINAL_VARS.has(name)) return p ? paneVariable(server, w, p, name) : undefined;
    if (name === 'history_limit') return String(server.options.get('history-limit', scope));
    const v = serverVariable(server, name) ?? (s ? sessionVariable(server, s, name) : undefined) ?? (w ? windowVariable(server, s, w, name) : undefined);
    if (v !== undefined) return v;
    // The tmux whose commands ccmux speaks, as `tmux -V` through the shim says: a config's
    // `%if "#{>=:#{version},3.2}"` takes the branch for what ccmux has.
    if (name === 'version') return TMUX_VERSION;
    // The environment last, as tmux: the session's, then the server's.
    return lookupEnv(server.environ, s?.environ, name);
  };
}

/** The format context of a scope: variables, and the loops and pane contents the engine asks for. */
export function formatContext(server: Server, scope: FormatScope): FormatContext {
  const { session: s, window: w, pane: p, client: c } = scope;
  // A loop's item runs its own jobs (tmux tags each item's format tree by what it is).
  const tag = (id: string): { jobTag?: string } => (scope.jobTag !== undefined ? { jobTag: `${scope.jobTag}${id}:` } : {});
  return {
    lookup: formatLookup(server, scope),
    sessions: () => server.model.sessionsByName().map((x) => formatContext(server, { session: x, window: x.current, pane: x.current.activePane, client: c, type: 'session', ...tag(`$${x.id}`) })),
    windows: () => s?.sorted().map((x) => ({ ctx: formatContext(server, { session: s, window: x, pane: x.activePane, client: c, type: 'window', ...tag(`@${x.id}`) }), current: s.current === x })),
    panes: () => w?.orderedPanes().map((x) => ({ ctx: formatContext(server, { session: s, window: w, pane: x, client: c, type: 'pane', ...tag(`%${x.id}`) }), current: w.active === x.id })),
    paneLines: () => (p ? paneLines(p) : undefined),
    windowNames: () => s?.windows.map((x) => x.name),
    sessionNames: () => server.model.sessions.map((x) => x.name),
    charWidth: codePointWidth,
    ...(scope.jobTag !== undefined ? { job: (command: string, expanded: string) => server.formatJobs.get(scope.jobTag!, command, expanded, server.options.get('status-interval', { session: s }) as number) } : {}),
  };
}

/** Expand a format for a scope; `time` also applies strftime (status-left/right, display-message). */
export function expandFor(server: Server, fmt: string, scope: FormatScope, time = false): string {
  return expandFormat(fmt, formatContext(server, scope), time);
}

/** The client a command's formats speak of: the one it came from, else the most recent one showing `s`. */
export function clientFor(server: Server, from: ClientHandle | undefined, s: Session | undefined): ClientHandle | undefined {
  if (from) return from;
  let found: ClientHandle | undefined;
  for (const c of server.clients) if (c.session === s) found = c;
  return found;
}

/**
 * A pane's default colours as it is drawn (#{pane_fg}, #{pane_bg}): its window-style and
 * window-active-style (client/pane-style.ts draws with the same), each expanded first when
 * it is a format.
 */
function paneDefaultColours(server: Server, at: { session: Session; window: Window; pane: Pane }): { fg: number; bg: number } {
  const style = (name: string): ParsedStyle => {
    let text = String(server.options.get(name, at));
    if (text.includes('#{')) text = expandFor(server, text, at);
    try {
      return parseStyle(text);
    } catch {
      return { flags: 0 };
    }
  };
  return defaultColours(style('window-style'), at.pane.id === at.window.active ? style('window-active-style') : undefined);
}
