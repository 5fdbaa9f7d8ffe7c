/*
 * The model: every session, window and pane, and the one place they change.
 *
 * Commands, clients and what runs beside the server call the operations here
 * (newSession, splitWindow, closePane, selectPane, setLayout, renameWindow, ...), which
 * keep the invariants — a window has at least one pane, a session at least one window —
 * and raise a typed event for each change (events.ts). Nothing else redraws a client or
 * writes a checkpoint: the client fan-out (client/fanout.ts) and persistence subscribe.
 * The model knows no client, socket or Claude: what it needs of the server (options,
 * how to start a process, which windows someone is looking at) it is handed.
 */
import type { Logger } from 'pino';
import { commandProblem } from '../core/limits.js';
import { renamePanes, splitPane as layoutSplit, type LayoutNode, type SplitDir } from '../core/layout/layout.js';
import { CommandError } from '../core/errors.js';
import type { OptionStore } from '../config/option-values.js';
import { Pane, type PaneLaunch } from './pane.js';
import type { PanePipe } from './pane-pipe.js';
import { ClockMode } from './clock-mode.js';
import { paneLaunchFor } from './pane-launch.js';
import type { SpawnRequest } from './spawn.js';
import { Session, Window, type WindowFlag } from './window.js';
import type { Reuse } from './reuse.js';
import * as moves from './model-moves.js';
import { WindowLinks, type MovesHost } from './model-moves.js';
import * as panes from './model-panes.js';
import type { JoinOptions, PanesHost } from './model-panes.js';
import { SessionGroups } from './session-groups.js';
import { MarkedPane } from './marked-pane.js';
import { Environ } from '../core/environ.js';
import type { PtySpawner } from './pty-host.js';
import { Emitter, type AlertKind, type ModelEvents } from './events.js';

export interface ModelDeps {
  /** The current options (source-file replaces the store). */
  options(): OptionStore;
  spawner: PtySpawner;
  log: Logger;
  /** Given to each pane's environment (CCMUX, TMUX). */
  socketPath: string;
  /** Is `w` the current window of `s` with a client attached to `s`? (activity and bell flags are for the others) */
  visible(s: Session, w: Window): boolean;
  /** `bytes` of a pane's output took `ms` to parse (the read budget). */
  parsed(p: Pane, bytes: number, ms: number): void;
  /** The server is on its way out: panes dying now are not closed one by one. */
  exiting(): boolean;
  /** What a pane that remains after its program exited is fed (remain-on-exit-format drawn: dead-pane.ts). */
  deadPaneEscapes(p: Pane): string;
  /** A window's automatic name from an automatic-rename-format of the user's, else undefined (window-name.ts). */
  autoName(w: Window, reuse?: Reuse): string | undefined;
}

/** Where a new pane goes (one of Model's creating operations). */
export type SplitOptions = JoinOptions;
/** A new window: current when `select`; at `index` (taken: refused, or with `kill` the window there replaced), else the first free one. */
export type WindowOptions = { select: boolean; index?: number; name?: string; cols?: number; rows?: number; kill?: boolean };

/** Called with the new pane before its program starts (the spawn hooks' `started`). */
type Started = (p: Pane) => void;

export class Model {
  readonly sessions: Session[] = [];
  readonly panes = new Map<number, Pane>();
  readonly events = new Emitter<ModelEvents>();
  private readonly windowOfPane = new Map<number, Window>();
  /** The sessions each window is linked into (model-moves.ts). */
  private readonly links = new WindowLinks();
  /** Session groups (new-session -t): who is in which (session-groups.ts). */
  readonly groups = new SessionGroups();
  /** The server's marked pane (marked-pane.ts): set through markPane. */
  readonly marked = new MarkedPane((s) => this.sessions.includes(s));
  /** What the window moves and links (model-moves.ts) are handed: the events are raised here. */
  private readonly host: MovesHost = {
    links: this.links,
    baseIndex: (s) => this.options.get('base-index', { session: s }) as number,
    renumbers: (s) => this.options.get('renumber-windows', { session: s }) as boolean,
    closePanes: (w) => {
      for (const p of [...w.panes.values()]) this.forgetPane(p);
      w.panes.clear();
    },
    emptied: (s) => {
      const others = this.groups.othersOf(s);
      this.destroySession(s);
      for (const t of others) if (this.sessions.includes(t)) this.killSession(t);
    },
    grouped: (a, b) => this.groups.of(a) !== undefined && this.groups.of(a) === this.groups.of(b),
    synced: (s) => moves.syncGroup(this.host, s, this.groups.othersOf(s)),
    raise: (type, payload) => this.events.emit(type, payload),
  };
  /** What the pane moves (model-panes.ts) are handed. */
  private readonly paneHost: PanesHost = {
    moves: this.host,
    windowOf: (p) => this.windowOf(p),
    sessionOf: (w) => this.sessionOf(w),
    place: (id, w) => this.windowOfPane.set(id, w),
    unplace: (id) => this.windowOfPane.delete(id),
    setZoom: (w, on) => this.setZoom(w, on),
    dropWindow: (w) => this.dropWindow(w),
    forgetPane: (p) => this.forgetPane(p),
    spareId: () => this.nextIds.pane + 1_000_000,
    unmark: (p) => this.marked.lost(p),
    windowFor: (p, cols, rows) => {
      const w = new Window(this.nextIds.window++, p, cols, rows);
      this.initWindow(w);
      return w;
    },
    moveWindow: (w, s, index, select) => this.moveWindow(w, s, index, select),
    renameWindow: (w, name) => this.renameWindow(w, name),
    raise: (type, payload) => this.events.emit(type, payload),
  };
  private nextIds = { session: 0, window: 0, pane: 0 };

  /** The id the next session will have (#{next_session_id}). */
  get nextSessionId(): number {
    return this.nextIds.session;
  }

  /** history-limit as the panes have it (optionsChanged applies a new one to every pane). */

  constructor(private readonly deps: ModelDeps) {
  }

  private get options(): OptionStore {
    return this.deps.options();
  }

  // ---- lookups -------------------------------------------------------------------

  windowOf(pane: Pane | number): Window | undefined {
    return this.windowOfPane.get(typeof pane === 'number' ? pane : pane.id);
  }

  /** The sessions `w` is linked into, in the order it was linked (tmux's w->winlinks). */
  sessionsOf(w: Window): readonly Session[] {
    return this.links.sessionsOf(w);
  }

  /**
   * The session of `w` when nothing else says which: `prefer` when it holds it, else the
   * most recently used one that does (tmux's cmd_find_best_session_with_window).
   */
  sessionOf(w: Window, prefer?: Session): Session | undefined {
    const all = this.links.sessionsOf(w);
    if (prefer && all.includes(prefer)) return prefer;
    if (all.length <= 1) return all[0];
    return [...all].sort((a, b) => b.lastUsed - a.lastUsed || b.id - a.id)[0];
  }

  findSession(name: string): Session | undefined {
    return this.sessions.find((s) => s.name === name);
  }

  /** The sessions in tmux's order for listings: by name (tmux keeps them in a tree sorted by strcmp). */
  sessionsByName(): Session[] {
    return [...this.sessions].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** The session used when nothing else says which: the most recently used one. */
  bestSession(): Session | undefined {
    return [...this.sessions].sort((a, b) => b.lastUsed - a.lastUsed || b.id - a.id)[0];
  }

  /**
   * The name of a session made without one: the id it will have, as tmux's session_create
   * (a taken name uses up that id and tries the next, so names and ids go on rising).
   */
  freeSessionName(): string {
    while (this.findSession(String(this.nextIds.session))) this.nextIds.session++;
    return String(this.nextIds.session);
  }

  // ---- creating --------------------------------------------------------------------

  newSession(name: string, req: SpawnRequest, cols: number, rows: number, windowName?: string, started?: Started, environ = new Environ()): Session {
    if (this.findSession(name)) throw new CommandError(`duplicate session: ${name}`);
    const s = this.makeSession(name, environ);
    try {
      this.newWindow(s, req, { select: true, cols, rows, name: windowName }, started);
    } catch (err) {
      this.sessions.splice(this.sessions.indexOf(s), 1);
      throw err;
    }
    this.events.emit('session-created', s);
    return s;
  }

  newWindow(s: Session, req: SpawnRequest, o: WindowOptions, started?: Started): Window {
    const base = this.options.get('base-index', { session: s }) as number;
    const index = o.index ?? s.freeIndex(base);
    const there = s.findIndex(index);
    if (there && !o.kill) throw new CommandError(`create window failed: index ${index} in use`);
    const cols = o.cols ?? s.current?.cols ?? 80;
    const rows = o.rows ?? s.current?.rows ?? 24;
    const pane = this.createPane(req, cols, rows, started, s.id);
    const w = new Window(this.nextIds.window++, pane, cols, rows);
    this.initWindow(w);
    if (o.name) w.fixedName = o.name;
    this.windowOfPane.set(pane.id, w);
    const replaced = there ? moves.displace(this.host, s, there) : false;
    moves.attach(this.host, w, s, index, o.select || replaced || !s.current);
    this.host.synced(s);
    return w;
  }

  private initWindow(w: Window): void {
    w.borderStatus = () => this.options.get('pane-border-status', { window: w }) as 'off' | 'top' | 'bottom' | 'claude';
    w.autoName = (reuse) => this.deps.autoName(w, reuse);
    w.applySizes();
  }

  /** Split `target` and start a new pane in the new space. */
  splitWindow(target: Pane, dir: SplitDir, req: SpawnRequest, o: SplitOptions, started?: Started): Pane {
    const w = this.windowOf(target)!;
    if (w.zoomed) {
      w.zoomed = false;
      w.applySizes();
    }
    const id = this.nextIds.pane;
    const size = { cols: w.cols, rows: w.rows };
    // Check the split fits before starting a process.
    const layout = layoutSplit(w.layout, target.id, id, dir, size, { before: o.before, cells: o.cells, percent: o.percent, full: o.full });
    const pane = this.createPane(req, 1, 1, started, this.sessionOf(w)?.id);
    w.layout = layout;
    w.panes.set(pane.id, pane);
    this.windowOfPane.set(pane.id, w);
    w.applySizes();
    if (o.select) w.selectPane(pane.id);
    this.events.emit('window-changed', { window: w, what: 'layout' });
    return pane;
  }

  /**
   * A session in group `group` (new-session -t): made with the group's windows — those of
   * `like`, the session it was asked to group with, or of the group's first session — and
   * its lowest one current. A group named after no session and holding none is made by the
   * caller with the session's first window, then joined here with `like` undefined.
   */
  newGroupedSession(name: string | undefined, group: string, like: Session | undefined, environ = new Environ()): Session {
    if (name === undefined) name = this.groupedSessionName(group);
    if (this.findSession(name)) throw new CommandError(`duplicate session: ${name}`);
    const from = like ?? this.groups.find(group)?.sessions[0];
    if (!from) throw new CommandError(`no session in group ${group}`);
    const s = this.makeSession(name, environ);
    if (!this.groups.of(from)) this.groups.join(group, from);
    this.groups.join(this.groups.of(from)!.name, s);
    moves.syncGroup(this.host, from, [s]);
    s.select(s.sorted()[0]!);
    s.last = undefined;
    this.events.emit('session-created', s);
    return s;
  }

  /**
   * The name of a new session of group `group` given none: GROUP-N, N the id it will have
   * (tmux's session_create with a prefix, which skips ids whose name is taken).
   */
  groupedSessionName(group: string): string {
    while (this.findSession(`${group}-${this.nextIds.session}`)) this.nextIds.session++;
    return `${group}-${this.nextIds.session}`;
  }

  /** Put session `s` in group `name` (a new group: new-session -t naming no session or group). */
  joinGroup(s: Session, name: string): void {
    this.groups.join(name, s);
  }

  /** A session with no windows yet (restore fills it with buildWindow, then sessionBuilt). */
  addEmptySession(name: string): Session {
    return this.makeSession(name, new Environ());
  }

  /** Link a restored window into restored session `s` at `index` (before sessionBuilt). */
  restoreLink(w: Window, s: Session, index: number): void {
    if (s.findIndex(index) || s.windows.includes(w)) return;
    moves.attach(this.host, w, s, index, false);
  }

  /** A session restore has filled: reported, or dropped when no window could be built. */
  sessionBuilt(s: Session): void {
    if (s.windows.length === 0) this.sessions.splice(this.sessions.indexOf(s), 1);
    else this.events.emit('session-created', s);
  }

  /** A new session in the model, its window switches reported ('window-selected'). */
  private makeSession(name: string, environ: Environ): Session {
    const s = new Session(this.nextIds.session++, name);
    s.onSelect = (w) => this.events.emit('window-selected', { session: s, window: w });
    s.environ = environ;
    this.sessions.push(s);
    return s;
  }

  /**
   * Build a window from a saved layout: start each pane (new ids), map the layout's old
   * pane ids to them, and restore the active pane and zoom. If a pane cannot start, the
   * ones started are closed again and the error is thrown.
   */
  buildWindow(
    s: Session,
    rec: { index: number; name?: string; layout: LayoutNode; active: number; zoomed: boolean; cols: number; rows: number },
    panes: Array<{ oldId: number; req: SpawnRequest; started?: Started }>,
  ): Window {
    const ids = new Map<number, number>();
    const started: Pane[] = [];
    try {
      for (const p of panes) {
        const pane = this.createPane(p.req, rec.cols, rec.rows, p.started, s.id);
        ids.set(p.oldId, pane.id);
        started.push(pane);
      }
    } catch (err) {
      for (const p of started) {
        // Not 'pane-closed': what was prepared for them is abandoned by whoever asked.
        this.panes.delete(p.id);
        p.dispose();
      }
      throw err;
    }
    const w = new Window(this.nextIds.window++, started[0]!, rec.cols, rec.rows);
    this.initWindow(w);
    w.layout = renamePanes(rec.layout, ids);
    for (const p of started) {
      w.panes.set(p.id, p);
      this.windowOfPane.set(p.id, w);
    }
    w.active = ids.get(rec.active) ?? started[0]!.id;
    w.zoomed = rec.zoomed && started.length > 1;
    if (rec.name !== undefined) w.fixedName = rec.name;
    w.applySizes();
    moves.attach(this.host, w, s, rec.index, false);
    return w;
  }

  /** What pane `id` of session `sessionId` runs for `req`; a command the checkpoint could not hold is refused. */
  private launchFor(id: number, req: SpawnRequest, sessionId: number | undefined): PaneLaunch {
    // A command the checkpoint could not hold is refused, not kept half (issue 13.2).
    const tooBig = req.argv ? commandProblem(req.argv) : undefined;
    if (tooBig) throw new CommandError(`cannot start the pane: ${tooBig}`);
    const o = this.options;
    const at = { session: this.sessions.find((x) => x.id === sessionId) };
    return paneLaunchFor(`%${id}`, req, {
      term: o.get('default-terminal') as string,
      shell: o.get('default-shell', at) as string,
      defaultCommand: o.get('default-command', at) as string,
      socketPath: this.deps.socketPath,
      serverPid: process.pid,
      sessionId: sessionId ?? 0,
    });
  }

  private createPane(req: SpawnRequest, cols: number, rows: number, started: Started | undefined, sessionId: number | undefined): Pane {
    const launch = this.launchFor(this.nextIds.pane, req, sessionId);
    const id = this.nextIds.pane++;
    const limit = this.options.get('history-limit', { session: this.sessions.find((x) => x.id === sessionId) }) as number;
    const pane = new Pane(id, launch, cols, rows, limit, {
      output: (p) => this.paneOutput(p),
      exit: (p) => this.paneExited(p),
      title: (p) => {
        this.events.emit('pane-display', p);
        this.events.emit('pane-title', p);
      },
      bell: (p) => this.paneBell(p),
      clipboard: (p, data) => {
        if (this.windowOfPane.has(p.id)) this.events.emit('pane-clipboard', { pane: p, data });
      },
      parseError: (p, err) => this.deps.log.warn({ err, pane: p.id }, 'xterm failed parsing pane output'),
      parsed: this.deps.parsed,
      option: (p, name) => this.options.get(name, { pane: p, window: this.windowOfPane.get(p.id) }),
      rename: (p, name) => this.paneRenamed(p, name),
      passthrough: (p, data) => {
        const w = this.windowOfPane.get(p.id);
        if (w && this.options.get('allow-passthrough', { pane: p, window: w })) this.events.emit('pane-passthrough', { pane: p, data });
      },
      read: (p, data) => {
        if (this.windowOfPane.has(p.id)) this.events.emit('pane-data', { pane: p, data });
      },
    });
    // ED 2 keeps the screen in the history while the pane's scroll-on-clear is on (looked up then).
    pane.history.scrollOnClear = () => this.options.get('scroll-on-clear', { pane, window: this.windowOfPane.get(pane.id) }) !== false;
    pane.startArgv = req.argv;
    pane.kind = req.kind;
    pane.tmuxShim = req.tmuxShim;
    started?.(pane);
    try {
      if (req.empty) pane.startEmpty();
      else pane.start(this.deps.spawner);
    } catch (err) {
      pane.dispose();
      throw new CommandError(`cannot start ${launch.file}: ${(err as Error).message}`);
    }
    this.panes.set(id, pane);
    this.deps.log.info({ pane: id, pid: pane.pid, file: launch.file, cwd: launch.cwd }, 'pane started');
    this.events.emit('pane-created', pane);
    return pane;
  }

  // ---- what panes report -------------------------------------------------------------

  private paneOutput(pane: Pane): void {
    const w = this.windowOfPane.get(pane.id);
    if (!w) return;
    w.activityAt = Date.now(); // tmux's window_update_activity, for each read
    this.events.emit('pane-output', pane);
  }

  /**
   * A pane's program sent ESC k NAME ESC \\: with allow-rename on, its window is named NAME
   * and automatic-rename turned off for it; an empty NAME gives the window back its
   * automatic name (unless automatic-rename is off), as tmux's input_exit_rename.
   */
  private paneRenamed(pane: Pane, name: string): void {
    const w = this.windowOfPane.get(pane.id);
    if (!w || !this.options.get('allow-rename', { pane, window: w })) return;
    if (name === '') {
      w.options.delete('automatic-rename');
      w.fixedName = this.options.get('automatic-rename', { window: w }) ? undefined : '';
    } else {
      w.fixedName = name; // which turns automatic-rename off for it (window.ts)
    }
    this.events.emit('window-changed', { window: w, what: 'name' });
  }

  private paneBell(pane: Pane): void {
    if (this.windowOfPane.has(pane.id)) this.events.emit('pane-bell', pane);
  }

  private paneExited(pane: Pane): void {
    this.deps.log.info({ pane: pane.id, status: pane.exitStatus }, 'pane exited');
    // On the way out, panes die because the server ends them: their Claude dirs must stay
    // (they are restorable), so no close handling runs.
    if (this.deps.exiting() || !this.panes.has(pane.id)) return;
    this.events.emit('pane-exited', pane);
    const st = pane.exitStatus!;
    if (remains(this.options.get('remain-on-exit', { pane, window: this.windowOfPane.get(pane.id) }), st)) {
      pane.print(this.deps.deadPaneEscapes(pane));
      this.events.emit('pane-display', pane);
      return;
    }
    this.closePane(pane);
  }

  // ---- changing ---------------------------------------------------------------------

  /** Focus a pane of its window (unzooming, as tmux does). */
  selectPane(w: Window, id: number): void {
    if (w.active === id) return;
    w.selectPane(id);
    this.events.emit('window-changed', { window: w, what: 'active' });
  }

  /** Make pane `p`, in window `w` of session `s`, the marked pane; with no `p`, clear it (select-pane -m / -M). */
  markPane(s?: Session, w?: Window, p?: Pane): void {
    if (s && w && p) this.marked.set(s, w, p);
    else this.marked.clear();
    this.events.emit('pane-marked', undefined);
  }

  /** Zoom the window's active pane, or unzoom. */
  setZoom(w: Window, on: boolean): void {
    const zoom = on && w.panes.size > 1;
    if (w.zoomed === zoom) return;
    w.zoomed = zoom;
    w.applySizes();
    this.events.emit('window-changed', { window: w, what: 'zoom' });
  }

  /** Keep `layout` (a tmux layout string) as the one `select-layout -o` goes back to; nothing on screen changes. */
  rememberLayout(w: Window, layout: string | undefined): void {
    w.oldLayout = layout;
  }

  /** Give the window a new layout tree (resize-pane, select-layout): unzoomed, panes resized. */
  setLayout(w: Window, layout: LayoutNode, preset?: Window['preset']): void {
    w.layout = layout;
    if (preset !== undefined) w.preset = preset;
    w.zoomed = false;
    w.applySizes();
    this.events.emit('window-changed', { window: w, what: 'layout' });
  }

  /** Exchange the places of panes `src` and `dst` (swap-pane): see model-panes.ts. */
  swapPanes(src: Pane, dst: Pane, o: { select: boolean; keepZoom: boolean }): void {
    panes.swapPanes(this.paneHost, src, dst, o);
  }

  /** Rotate the panes of `w` through its layout's places (rotate-window): see model-panes.ts. */
  rotatePanes(w: Window, down: boolean, keepZoom: boolean): void {
    panes.rotatePanes(this.paneHost, w, down, keepZoom);
  }

  /**
   * Start `req` in pane `p` in place of what it runs (respawn-pane): its id, place, history
   * and what was given it stay. A program still running is refused unless `kill`.
   */
  respawnPane(p: Pane, req: SpawnRequest, kill: boolean, started?: Started): void {
    const w = this.windowOf(p);
    const s = w && this.sessionOf(w);
    if (p.alive && !kill) throw new CommandError(`respawn pane failed: pane ${s?.name}:${w && s ? s.indexOf(w) : ''}.${w ? w.orderedPanes().indexOf(p) + (this.options.get('pane-base-index', { window: w }) as number) : 0} still active`);
    const launch = this.launchFor(p.id, req, s?.id);
    p.startArgv = req.argv;
    p.kind = req.kind;
    p.tmuxShim = req.tmuxShim;
    started?.(p);
    try {
      p.respawn(launch, this.deps.spawner);
    } catch (err) {
      throw new CommandError(`respawn pane failed: cannot start ${launch.file}: ${(err as Error).message}`);
    }
    this.deps.log.info({ pane: p.id, pid: p.pid, file: launch.file, cwd: launch.cwd }, 'pane respawned');
    this.events.emit('pane-facts', p);
    this.events.emit('pane-display', p);
    if (w) this.events.emit('window-changed', { window: w, what: 'name' });
  }

  /** Close every pane of `w` but its first, which gets the whole window (respawn-window). */
  keepFirstPane(w: Window): Pane {
    return panes.keepFirstPane(this.paneHost, w);
  }

  /** Move pane `src` next to `dst` (join-pane, move-pane): see model-panes.ts. */
  joinPane(src: Pane, dst: Pane, dir: SplitDir, o: SplitOptions): void {
    panes.joinPane(this.paneHost, src, dst, dir, o);
  }

  /** Take pane `p` out of its window into a new window of `s` (break-pane): see model-panes.ts. */
  breakPane(p: Pane, s: Session, o: { index?: number; name?: string; select: boolean }): Window {
    return panes.breakPane(this.paneHost, p, s, o);
  }

  /**
   * Move window `w` to session `s` at `index` (or the first free one), as tmux links it
   * there and unlinks it from `o.from` (the session it is named in; else its only or best
   * one): move-window, break-pane. See model-moves.ts.
   */
  moveWindow(w: Window, s: Session, index: number | undefined, select: boolean, o: { kill?: boolean; renumber?: boolean; from?: Session } = {}): void {
    moves.moveWindow(this.host, w, o.from ?? this.sessionOf(w, s)!, s, index, select, o);
  }

  /** Link window `w` into session `s` too, at `index` or the first free one (link-window). */
  linkWindow(w: Window, from: Session, s: Session, index: number | undefined, select: boolean, kill: boolean): void {
    moves.linkWindow(this.host, w, from, s, index, select, kill);
  }

  /** Unlink window `w` from session `s` (unlink-window): refused when it is in no other session, unless `kill`. */
  unlinkWindow(w: Window, s: Session, kill: boolean): void {
    moves.unlinkWindow(this.host, w, s, kill, this.groups.of(s)?.sessions.length ?? 1);
  }

  /** Number the windows of `s` from base-index without gaps (move-window -r, renumber-windows). */
  renumberWindows(s: Session): void {
    moves.renumberWindows(this.host, s);
  }

  /** Renumber every session with renumber-windows on (tmux's server_renumber_all, after kill-window -a). */
  renumberAll(): void {
    for (const s of this.sessions) if (this.host.renumbers(s)) this.renumberWindows(s);
  }

  /** Exchange the windows at two winlinks (swap-window): `a` in `sa`, `b` in `sb`. */
  swapWindows(a: Window, b: Window, select: boolean, sa = this.sessionOf(a)!, sb = this.sessionOf(b)!): void {
    moves.swapWindows(this.host, a, sa, b, sb, select);
  }

  /** Make room at `index` in `s` (new-window -a/-b, break-pane -a/-b, move-window -a/-b). */
  shuffleUp(s: Session, index: number): void {
    moves.shuffleUp(this.host, s, index);
  }

  /** Make `w` the session's current window ('window-selected' when it changes). */
  selectWindow(s: Session, w: Window): void {
    s.select(w);
  }

  /** Give a window a size of its own (resize-window): from now on its clients do not size it. */
  setManualSize(w: Window, cols: number, rows: number): void {
    w.manualSize = { cols, rows };
    this.resizeWindow(w, cols, rows);
  }

  /** Size a window's area (the smallest client showing it). */
  resizeWindow(w: Window, cols: number, rows: number): void {
    if (w.cols === cols && w.rows === rows) return;
    const [was, wasRows] = [w.cols, w.rows];
    w.resize(cols, rows);
    // Asked for less than its layout's minimum, it may not have changed at all.
    if (w.cols === was && w.rows === wasRows) return;
    this.events.emit('window-changed', { window: w, what: 'size' });
  }

  renameWindow(w: Window, name: string): void {
    w.fixedName = name;
    this.events.emit('window-changed', { window: w, what: 'name' });
  }

  /** The session's working directory (#{session_path}): attach-session -c. */
  setSessionPath(s: Session, path: string): void {
    s.path = path;
  }

  renameSession(s: Session, name: string): void {
    if (s.name === name) return;
    if (this.findSession(name)) throw new CommandError(`duplicate session: ${name}`);
    s.name = name;
    this.events.emit('session-renamed', s);
  }

  /** Stop or restart what is typed into a pane reaching it (select-pane -d / -e). */
  setPaneInput(p: Pane, on: boolean): void {
    if (p.inputOff === !on) return;
    p.inputOff = !on;
    const w = this.windowOf(p);
    if (w) this.events.emit('window-changed', { window: w, what: 'title' });
  }

  /** A title the user gave the pane (select-pane -T), kept in the checkpoint. */
  setPaneTitle(p: Pane, title: string): void {
    p.title = title;
    const w = this.windowOf(p);
    if (w) this.events.emit('window-changed', { window: w, what: 'title' });
    this.events.emit('pane-title', p);
  }

  /** Show the big clock over a pane (clock-mode), or end it; the pane is drawn again each minute. */
  setClockMode(p: Pane, on: boolean): void {
    if (on === !!p.clockMode) return;
    if (on) p.clockMode = new ClockMode(() => this.options.get('clock-mode-style', { pane: p, window: this.windowOf(p) }) as '12' | '24', () => this.events.emit('pane-display', p));
    else {
      p.clockMode?.dispose();
      p.clockMode = null;
    }
    this.events.emit('pane-display', p);
  }

  /** Connect a pane's output to a pipe-pane command, or end the pipe it has (null). */
  setPanePipe(p: Pane, pipe: PanePipe | null): void {
    const old = p.pipe;
    p.pipe = pipe;
    if (old && old !== pipe) old.close();
    this.events.emit('pane-display', p);
  }

  /**
   * Set a window's status flag (activity, bell, a Claude alert) in each session it is in
   * where it is not in front of an attached client (tmux's alerts: flags are the
   * winlink's), or clear it in all of them.
   */
  setWindowFlag(w: Window, flag: WindowFlag, on: boolean): void {
    for (const s of this.links.sessionsOf(w)) {
      if (!(on && this.deps.visible(s, w))) this.setFlagIn(s, w, flag, on);
    }
  }

  /** Set or clear a window's status flag in one session (alerts.ts decides where, per winlink). */
  setFlagIn(s: Session, w: Window, flag: WindowFlag, on: boolean): void {
    const flags = s.flagsOf(w);
    if (flags.has(flag) === on) return;
    if (on) flags.add(flag);
    else flags.delete(flag);
    this.events.emit('window-flags', { window: w, session: s });
  }

  /** Clear the alert flags of every window of `s`, in `s` only (kill-session -C, as tmux's). */
  clearAlerts(s: Session): void {
    for (const w of s.windows) for (const f of [...s.flagsOf(w)]) this.setFlagIn(s, w, f, false);
  }

  /** An alert was reported for a window of a session (alerts.ts decides when; hooks run on it). */
  windowAlert(session: Session, window: Window, kind: AlertKind): void {
    this.events.emit('window-alert', { session, window, kind });
  }

  /** What the pane shows changed without output (copy mode, its border title, a message). */
  paneDisplayChanged(p: Pane): void {
    this.events.emit('pane-display', p);
  }

  /** Facts about the pane that a checkpoint holds changed (a Claude pane's session id). */
  paneFactsChanged(p: Pane): void {
    this.events.emit('pane-facts', p);
  }

  /**
   * Options changed (set-option, source-file): everything is drawn again, each pane
   * keeps the history-limit of its session (tmux applies a new one only to new panes;
   * ccmux to every pane, so lowering it frees memory now), and each window's panes take
   * the sizes pane-border-status leaves them (tmux's layout_fix_panes; a no-op when the
   * sizes stay).
   */
  optionsChanged(): void {
    for (const s of this.sessions) {
      const limit = this.options.get('history-limit', { session: s }) as number;
      for (const w of s.windows) {
        if (this.sessionOf(w) !== s) continue;
        for (const p of w.panes.values()) p.setHistoryLimit(limit);
        w.applySizes();
        // automatic-rename back on for a named window (set on, or its own value unset): the automatic name again, as tmux.
        if (w.fixedName !== undefined && this.options.get('automatic-rename', { window: w })) w.fixedName = undefined;
      }
    }
    this.events.emit('options-changed', undefined);
  }

  /** The status clock ticked (the time in the status line, Claude panes' wait times). */
  clockTicked(): void {
    this.events.emit('tick', undefined);
  }

  // ---- destroying ---------------------------------------------------------------------

  /** Drop a pane from the maps, end its program and tell the subsystems. */
  private forgetPane(p: Pane): void {
    this.panes.delete(p.id);
    this.windowOfPane.delete(p.id);
    this.marked.lost(p);
    p.dispose();
    this.events.emit('pane-closed', p);
  }

  /** Close a pane (killing its program), and its window (in every session) if it was the last. */
  closePane(pane: Pane): void {
    const w = this.windowOfPane.get(pane.id);
    this.forgetPane(pane);
    if (!w) return;
    if (w.removePane(pane.id)) {
      this.events.emit('window-changed', { window: w, what: 'layout' });
      return;
    }
    this.dropWindow(w);
  }

  /**
   * Close a window and every pane in it, unlinking it from every session it is in (tmux's
   * server_kill_window: sessions by name, each renumbered when `renumber` and
   * renumber-windows say so; a session left with no window ends).
   */
  killWindow(w: Window, renumber = true): void {
    for (const p of [...w.panes.values()]) this.forgetPane(p);
    w.panes.clear();
    this.dropWindow(w, renumber);
  }

  /** A window left with no pane (closed, or its last one moved away) leaves every session. */
  private dropWindow(w: Window, renumber = true): void {
    const names = (a: Session, b: Session) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    for (const s of [...this.links.sessionsOf(w)].sort(names)) moves.detach(this.host, w, s, renumber);
  }

  /**
   * End session `s`: the windows only it holds close with their panes; a window linked
   * into another session stays there.
   */
  killSession(s: Session): void {
    // As tmux's session_destroy: the session is gone first, then each window is unlinked
    // (by index here; tmux goes by the root of its tree of windows).
    const windows = s.sorted();
    for (const w of windows) this.links.remove(w, s);
    s.windows.length = 0;
    this.destroySession(s);
    for (const w of windows) {
      if (this.links.sessionsOf(w).length === 0) this.host.closePanes(w);
      this.events.emit('window-closed', { window: w, session: s });
    }
  }

  private destroySession(s: Session): void {
    this.groups.leave(s);
    const i = this.sessions.indexOf(s);
    if (i >= 0) this.sessions.splice(i, 1);
    this.deps.log.info({ session: s.name }, 'session ended');
    this.events.emit('session-closed', s);
  }

  /** End every pane's program without closing anything (the server is exiting). */
  disposeAll(): void {
    for (const s of this.sessions) for (const w of s.windows) for (const p of w.panes.values()) p.dispose();
    this.sessions.length = 0;
  }
}

/** Does a pane whose program ended with `st` stay, under remain-on-exit `value` (on, off or failed)? */
export function remains(value: unknown, st: { code: number; signal: number }): boolean {
  if (value === 'failed') return st.code !== 0 || st.signal !== 0;
  return value === true || value === 'on';
}
