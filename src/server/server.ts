/*
 * The ccmux server: owns every session, window and pane, listens on the private Unix
 * socket, and keeps attached clients' screens up to date.
 *
 * It is the one place where the model changes. Commands (src/commands/) call the
 * operations here (newSession, splitWindow, closePane, ...), which keep the invariants:
 * a window has at least one pane, a session at least one window, and the server exits
 * when its last session ends (option exit-empty). Every change that alters what a
 * client shows calls redraw*(), which only marks clients dirty; each client coalesces
 * its own renders (src/server/client.ts).
 */
import { commandProblem } from '../core/limits.js';
import { ReadBudget } from './read-budget.js';
import net from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import type { Logger } from 'pino';
import { renamePanes, splitPane as layoutSplit, type LayoutNode, type SplitDir } from '../core/layout/layout.js';
import type { OptionStore } from '../config/option-values.js';
import type { KeyTables } from './key-tables.js';
import type { LoadedConfig } from './loaded-config.js';
import type { ClaudeSettings } from '../config/claude-settings.js';
import { Pane, type PaneLaunch } from './pane.js';
import { paneLaunchFor, type PaneRequest } from './pane-launch.js';
import { Session, Window } from './window.js';
import type { PtySpawner } from './pty-host.js';
import type { ClientHandle } from './client/handle.js';
import { PasteBuffers } from './paste-buffers.js';
import type { ClaudeStateView } from './claude-view.js';
import { showsSeconds, showsTime } from '../core/format.js';
import { CommandError } from '../core/errors.js';
import { Emitter, type ModelEvents } from './events.js';

export interface ServerOptions {
  socketPath: string;
  stateDir: string;
  configFile: string | undefined;
  home: string;
  spawner: PtySpawner;
  log: Logger;
  config: LoadedConfig;
  /**
   * The server's own environment, with nothing a ccmux pane was given (scrubInjected):
   * what new sessions start from (sessionEnv), as tmux's global environment.
   */
  env?: Record<string, string>;
}

export type { PaneRequest } from './pane-launch.js';


export class Server {
  readonly sessions: Session[] = [];
  readonly panes = new Map<number, Pane>();
  readonly clients = new Set<ClientHandle>();
  /** Holds background panes' reading back while parsing floods the server (read-budget.ts). */
  private readonly readBudget = new ReadBudget<Pane>();
  readonly startedAt = Date.now();
  readonly buffers = new PasteBuffers();
  private readonly windowOfPane = new Map<number, Window>();
  private readonly sessionOfWindow = new Map<Window, Session>();
  private nextIds = { session: 0, window: 0, pane: 0 };
  /** The socket listener (server/listener.ts sets it); closed at shutdown. */
  listener: net.Server | null = null;
  private exiting = false;
  /** The model's typed events (events.ts): persistence, Claude awareness and launch subscribe. */
  readonly events = new Emitter<ModelEvents>();
  /** More Claude pane dirs that are not orphans (persistence: the dirs of restorable panes). */
  readonly claudeDirKeepers: Array<() => Iterable<string>> = [];
  /** Claude pane states, as the server shows them (set at start-up). */
  awareness: ClaudeStateView | null = null;
  private clockTimer: NodeJS.Timeout | null = null;
  /** Writes checkpoints; set at start-up unless persistence is off. */
  persistence: { write(clean: boolean): void; readonly lastError?: string } | null = null;
  /** Told to the first client that attaches (what start-up restored or found damaged). */
  startupNotice: string | null = null;

  options: OptionStore;
  keys: KeyTables;
  claude: ClaudeSettings;

  constructor(readonly opts: ServerOptions) {
    this.options = opts.config.options;
    this.keys = opts.config.keys;
    this.claude = opts.config.claude;
  }

  get log(): Logger {
    return this.opts.log;
  }

  /** Replace options, key tables and Claude settings with a checked config (source-file). */
  applyConfig(loaded: LoadedConfig, file: string | undefined): void {
    const mouse = this.options.get('mouse');
    const history = this.options.get('history-limit');
    this.options = loaded.options;
    this.keys = loaded.keys;
    this.claude = loaded.claude;
    this.opts.configFile = file;
    if (this.options.get('mouse') !== mouse) this.log.info('mouse option changed');
    const limit = this.options.get('history-limit') as number;
    if (limit !== history) for (const p of this.panes.values()) p.setHistoryLimit(limit); // as set-option does
    for (const s of this.sessions) this.resizeSession(s);
    this.redrawAll();
  }

  // ---- lookups -------------------------------------------------------------------

  windowOf(pane: Pane | number): Window | undefined {
    return this.windowOfPane.get(typeof pane === 'number' ? pane : pane.id);
  }

  sessionOf(w: Window): Session | undefined {
    return this.sessionOfWindow.get(w);
  }

  /** The Claude pane dirs `doctor` must not call orphans: live panes' and every keeper's. */
  claudeDirsToKeep(): Set<string> {
    const dirs = new Set<string>();
    for (const p of this.panes.values()) if (p.claude?.dir) dirs.add(p.claude.dir);
    for (const keeper of this.claudeDirKeepers) for (const d of keeper()) dirs.add(d);
    return dirs;
  }

  findSession(name: string): Session | undefined {
    return this.sessions.find((s) => s.name === name);
  }

  /** The session used when nothing else says which: the most recently used one. */
  bestSession(): Session | undefined {
    return [...this.sessions].sort((a, b) => b.lastUsed - a.lastUsed || b.id - a.id)[0];
  }

  // ---- creating --------------------------------------------------------------------

  /** A session name that is free: the given one, or the lowest unused number. */
  freeSessionName(): string {
    for (let i = 0; ; i++) if (!this.findSession(String(i))) return String(i);
  }

  newSession(name: string, req: PaneRequest, cols: number, rows: number, windowName?: string, prepare?: (p: Pane) => void): Session {
    if (this.findSession(name)) throw new CommandError(`duplicate session: ${name}`);
    const s = this.makeSession(name, req.env);
    try {
      this.newWindow(s, req, { select: true, cols, rows, name: windowName, prepare });
    } catch (err) {
      this.sessions.splice(this.sessions.indexOf(s), 1);
      throw err;
    }
    this.changed();
    return s;
  }

  newWindow(s: Session, req: PaneRequest, o: { select: boolean; index?: number; name?: string; cols?: number; rows?: number; prepare?: (p: Pane) => void }): Window {
    const base = this.options.get('base-index') as number;
    const index = o.index ?? s.freeIndex(base);
    if (s.findIndex(index)) throw new CommandError(`index ${index} in use`);
    const cols = o.cols ?? s.current?.cols ?? 80;
    const rows = o.rows ?? s.current?.rows ?? 24;
    const pane = this.createPane(req, cols, rows, o.prepare);
    const w = new Window(this.nextIds.window++, index, pane, cols, rows);
    this.initWindow(w);
    if (o.name) w.fixedName = o.name;
    this.windowOfPane.set(pane.id, w);
    this.sessionOfWindow.set(w, s);
    s.addWindow(w, o.select);
    this.changed();
    this.redrawSession(s);
    return w;
  }

  private initWindow(w: Window): void {
    w.borderStatus = () => this.options.get('pane-border-status') as 'off' | 'top' | 'claude';
    w.applySizes();
  }

  /** Split `target` and start a new pane in the new space. */
  splitWindow(target: Pane, dir: SplitDir, req: PaneRequest, o: { before?: boolean; cells?: number; percent?: number; select: boolean; full?: boolean; prepare?: (p: Pane) => void }): Pane {
    const w = this.windowOf(target)!;
    if (w.zoomed) {
      w.zoomed = false;
      w.applySizes();
    }
    const id = this.nextIds.pane;
    const size = { cols: w.cols, rows: w.rows };
    // Check the split fits before starting a process.
    const layout = layoutSplit(w.layout, target.id, id, dir, size, { before: o.before, cells: o.cells, percent: o.percent });
    const pane = this.createPane(req, 1, 1, o.prepare);
    w.layout = layout;
    w.panes.set(pane.id, pane);
    this.windowOfPane.set(pane.id, w);
    w.applySizes();
    if (o.select) w.selectPane(pane.id);
    this.changed();
    this.redrawWindow(w);
    return pane;
  }

  /** A session with no windows yet (restore fills it with buildWindow). */
  addEmptySession(name: string, env: Record<string, string>): Session {
    return this.makeSession(name, env);
  }

  /** A new session in the model, its window switches reported (windowSelected). */
  private makeSession(name: string, env: Record<string, string>): Session {
    const s = new Session(this.nextIds.session++, name);
    s.onSelect = (w) => this.windowSelected(s, w);
    s.env = env;
    this.sessions.push(s);
    return s;
  }

  /** Remove a session that restore could not give any window. */
  dropEmptySession(s: Session): void {
    if (s.windows.length === 0) this.sessions.splice(this.sessions.indexOf(s), 1);
  }

  /**
   * Build a window from a saved layout: start each pane (new ids), map the layout's old
   * pane ids to them, and restore the active pane and zoom. If a pane cannot start, the
   * ones started are closed again and the error is thrown.
   */
  buildWindow(
    s: Session,
    rec: { index: number; name?: string; layout: LayoutNode; active: number; zoomed: boolean; cols: number; rows: number },
    panes: Array<{ oldId: number; req: PaneRequest; prepare?: (p: Pane) => void }>,
  ): Window {
    const ids = new Map<number, number>();
    const started: Pane[] = [];
    try {
      for (const p of panes) {
        const pane = this.createPane(p.req, rec.cols, rec.rows, p.prepare);
        ids.set(p.oldId, pane.id);
        started.push(pane);
      }
    } catch (err) {
      for (const p of started) {
        this.panes.delete(p.id);
        p.dispose();
      }
      throw err;
    }
    const w = new Window(this.nextIds.window++, rec.index, started[0]!, rec.cols, rec.rows);
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
    this.sessionOfWindow.set(w, s);
    s.addWindow(w, false);
    return w;
  }

  private createPane(req: PaneRequest, cols: number, rows: number, prepare?: (p: Pane) => void): Pane {
    // A command the checkpoint could not hold is refused, not kept half (issue 13.2).
    const tooBig = req.argv ? commandProblem(req.argv) : undefined;
    if (tooBig) throw new CommandError(`cannot start the pane: ${tooBig}`);
    const id = this.nextIds.pane++;
    const launch = this.paneLaunch(id, req);
    const history = this.options.get('history-limit') as number;
    const pane = new Pane(id, launch, cols, rows, history, {
      output: (p) => this.paneOutput(p),
      exit: (p) => this.paneExited(p),
      title: (p) => this.redrawPane(p),
      bell: (p) => this.paneBell(p),
      parseError: (p, err) => this.log.warn({ err, pane: p.id }, 'xterm failed parsing pane output'),
      parsed: (p, bytes, ms) => this.readBudget.parsed(p, bytes, ms, this.inFront(p)),
    });
    pane.startArgv = req.argv;
    prepare?.(pane);
    try {
      pane.start(this.opts.spawner);
    } catch (err) {
      pane.dispose();
      throw new CommandError(`cannot start ${launch.file}: ${(err as Error).message}`);
    }
    this.panes.set(id, pane);
    this.log.info({ pane: id, pid: pane.pid, file: launch.file, cwd: launch.cwd }, 'pane started');
    return pane;
  }

  /** What to exec for a pane (see pane-launch.ts). */
  paneLaunch(id: number, req: PaneRequest): PaneLaunch {
    return paneLaunchFor(`%${id}`, req, {
      term: this.options.get('default-terminal') as string,
      shell: this.options.get('default-shell') as string,
      defaultCommand: this.options.get('default-command') as string,
      socketPath: this.opts.socketPath,
      serverPid: process.pid,
    });
  }

  // ---- pane events -------------------------------------------------------------------

  private paneOutput(pane: Pane): void {
    const w = this.windowOfPane.get(pane.id);
    if (!w) return;
    this.events.emit('pane-output', pane);
    for (const c of this.clients) if (c.session && c.session.current === w) c.paneOutput(pane);
    if (!w.flags.has('activity') && this.options.get('monitor-activity') && !this.isVisible(w)) {
      w.flags.add('activity');
      const s = this.sessionOf(w);
      if (s) this.redrawSession(s);
    }
  }

  private paneBell(pane: Pane): void {
    const w = this.windowOfPane.get(pane.id);
    if (w && !this.isVisible(w)) {
      w.flags.add('bell');
      const s = this.sessionOf(w);
      if (s) this.redrawSession(s);
    }
  }

  /** A client sent input: someone is typing (the read budget favours the pane in front). */
  noteInput(): void {
    this.readBudget.onChange ??= (on) => this.log.debug({ throttled: on }, on ? 'background panes take turns reading' : 'background panes read freely');
    this.readBudget.input();
  }

  /** Is the pane the one an attached client types into? */
  private inFront(pane: Pane): boolean {
    for (const c of this.clients) if (c.activePane === pane) return true;
    return false;
  }

  /** Is the window the current one of an attached client? */
  isVisible(w: Window): boolean {
    for (const c of this.clients) if (c.session?.current === w) return true;
    return false;
  }

  private paneExited(pane: Pane): void {
    this.log.info({ pane: pane.id, status: pane.exitStatus }, 'pane exited');
    // On the way out, panes die because the server ends them: their Claude dirs must stay
    // (they are restorable), so no close handling runs.
    if (this.exiting || !this.panes.has(pane.id)) return;
    this.events.emit('pane-exited', pane);
    if (this.options.get('remain-on-exit')) {
      const st = pane.exitStatus!;
      pane.print(`\r\n\x1b[0mPane is dead (${st.signal ? `signal ${st.signal}` : `status ${st.code}`}, ${new Date().toTimeString().slice(0, 8)})\r\n`);
      this.redrawPane(pane);
      return;
    }
    this.closePane(pane);
  }

  // ---- destroying ---------------------------------------------------------------------

  /** Drop a pane from the maps, end its program and tell the subsystems. */
  private forgetPane(p: Pane): void {
    this.panes.delete(p.id);
    this.windowOfPane.delete(p.id);
    this.readBudget.forget(p);
    p.dispose();
    this.events.emit('pane-closed', p);
  }

  /** Close a pane (killing its program), and its window and session if it was the last. */
  closePane(pane: Pane): void {
    const w = this.windowOfPane.get(pane.id);
    this.forgetPane(pane);
    if (!w) return;
    if (w.removePane(pane.id)) {
      this.changed();
      this.redrawWindow(w);
      return;
    }
    const s = this.sessionOfWindow.get(w);
    this.sessionOfWindow.delete(w);
    if (s) this.closeWindowIn(s, w);
  }

  /** Close a window and every pane in it. */
  killWindow(w: Window): void {
    for (const p of [...w.panes.values()]) this.forgetPane(p);
    w.panes.clear();
    const s = this.sessionOfWindow.get(w);
    this.sessionOfWindow.delete(w);
    if (s) this.closeWindowIn(s, w);
  }

  private closeWindowIn(s: Session, w: Window): void {
    if (s.removeWindow(w)) {
      if (this.options.get('renumber-windows')) s.renumber(this.options.get('base-index') as number);
      this.changed();
      this.redrawSession(s);
      return;
    }
    this.destroySession(s);
  }

  killSession(s: Session): void {
    for (const w of [...s.windows]) {
      for (const p of [...w.panes.values()]) this.forgetPane(p);
      this.sessionOfWindow.delete(w);
    }
    s.windows.length = 0;
    this.destroySession(s);
  }

  private destroySession(s: Session): void {
    const i = this.sessions.indexOf(s);
    if (i >= 0) this.sessions.splice(i, 1);
    for (const c of [...this.clients]) if (c.session === s) c.sessionDestroyed();
    this.changed();
    this.log.info({ session: s.name }, 'session ended');
    if (this.sessions.length === 0 && this.options.get('exit-empty')) this.shutdown('no sessions left');
  }

  /**
   * Stop everything and exit the process. The last checkpoint is written first, marked
   * clean only for an explicit kill-server (so a SIGTERM at reboot restores next time).
   */
  shutdown(reason: string, clean = false): void {
    if (this.exiting) return;
    this.persistence?.write(clean);
    this.exiting = true;
    this.log.info({ reason }, 'server exiting');
    for (const c of [...this.clients]) c.detach('[server exited]', 0);
    this.readBudget.dispose();
    for (const s of [...this.sessions]) {
      for (const w of s.windows) for (const p of w.panes.values()) p.dispose();
    }
    this.sessions.length = 0;
    this.listener?.close();
    try {
      fs.unlinkSync(this.opts.socketPath);
    } catch {
      /* already gone */
    }
    // Give clients a moment to receive their last frames.
    setTimeout(() => process.exit(0), 50).unref();
    setTimeout(() => process.exit(0), 500);
  }

  get isExiting(): boolean {
    return this.exiting;
  }

  // ---- clients and sizes ----------------------------------------------------------------

  addClient(c: ClientHandle): void {
    this.clients.add(c);
    this.scheduleClock();
  }

  removeClient(c: ClientHandle): void {
    this.clients.delete(c);
    if (c.session) this.resizeSession(c.session);
  }

  /**
   * The status line's clock (and Claude panes' wait times): redraw at the next minute
   * boundary (second, if the format shows seconds) while a client is attached. No client,
   * or no clock in the status line, no timer: an idle server does not wake up.
   */
  private scheduleClock(): void {
    if (this.clockTimer || this.clients.size === 0 || this.exiting) return;
    const fmt = `${this.options.get('status-left')}${this.options.get('status-right')}`;
    const claude = this.awareness !== null && this.awareness.hasWaiting();
    if (!this.options.get('status') || (!showsTime(fmt) && !claude)) return;
    const unit = showsSeconds(fmt) ? 1000 : 60_000;
    this.clockTimer = setTimeout(() => {
      this.clockTimer = null;
      this.awareness?.tick();
      this.redrawAll();
      this.scheduleClock();
    }, unit - (Date.now() % unit) + 5);
  }

  /** Size every window of a session to its smallest attached client (as tmux). */
  resizeSession(s: Session): void {
    let cols = Infinity;
    let rows = Infinity;
    for (const c of this.clients) {
      if (c.session !== s) continue;
      cols = Math.min(cols, c.cols);
      rows = Math.min(rows, c.paneAreaRows());
    }
    if (cols === Infinity) return;
    for (const w of s.windows) if (w.cols !== cols || w.rows !== rows) w.resize(cols, rows);
    this.redrawSession(s);
  }

  redrawSession(s: Session): void {
    for (const c of this.clients) if (c.session === s) c.redraw();
  }

  /**
   * A window's structure changed — layout, active pane, zoom, a pane's title, its name —
   * whoever changed it (a command, a click): the checkpoint is brought up to date and
   * everyone looking sees it. (Before this, resize-pane, select-pane and zoom redrew
   * without telling the checkpoint, which restored the old layout after a crash.)
   */
  windowChanged(w: Window): void {
    this.changed();
    this.redrawWindow(w);
  }

  /** A session's own facts changed (its name): checkpoint and redraw its clients. */
  sessionChanged(s: Session): void {
    this.changed();
    this.redrawSession(s);
  }

  redrawWindow(w: Window): void {
    for (const c of this.clients) if (c.session?.current === w) c.redraw();
    const s = this.sessionOf(w);
    if (s) for (const c of this.clients) if (c.session === s && c.session.current !== w) c.redrawStatus();
  }

  redrawPane(p: Pane): void {
    const w = this.windowOf(p);
    if (w) this.redrawWindow(w);
  }

  redrawAll(): void {
    for (const c of this.clients) c.redraw();
  }

  /** Something persistence or the status line cares about changed. */
  /** A session's current window changed (Session.select, however it was asked for). */
  private windowSelected(session: Session, window: Window): void {
    this.events.emit('window-selected', { session, window });
    this.changed();
  }

  changed(): void {
    this.events.emit('changed', undefined);
  }

  /** Tell the user something happened (status line of every client, and the log). */
  notify(text: string): void {
    this.log.warn({ text }, 'notice');
    for (const c of this.clients) c.showMessage(text);
  }

  hostname(): string {
    return os.hostname().split('.')[0] ?? 'localhost';
  }
}

