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
import { renamePanes, splitPane as layoutSplit, swapPanes, type LayoutNode, type SplitDir } from '../core/layout/layout.js';
import { CommandError } from '../core/errors.js';
import type { OptionStore } from '../config/option-values.js';
import { Pane } from './pane.js';
import { paneLaunchFor } from './pane-launch.js';
import type { SpawnRequest } from './spawn.js';
import { Session, Window } from './window.js';
import type { PtySpawner } from './pty-host.js';
import { Emitter, type ModelEvents, type WindowFlag } from './events.js';

export interface ModelDeps {
  /** The current options (source-file replaces the store). */
  options(): OptionStore;
  spawner: PtySpawner;
  log: Logger;
  /** Given to each pane's environment (CCMUX, TMUX). */
  socketPath: string;
  /** Is the window in front of an attached client? (activity and bell flags are for the others) */
  visible(w: Window): boolean;
  /** `bytes` of a pane's output took `ms` to parse (the read budget). */
  parsed(p: Pane, bytes: number, ms: number): void;
  /** The server is on its way out: panes dying now are not closed one by one. */
  exiting(): boolean;
}

/** Where a new pane goes (one of Model's creating operations). */
export type SplitOptions = { before?: boolean; cells?: number; percent?: number; select: boolean; full?: boolean };
export type WindowOptions = { select: boolean; index?: number; name?: string; cols?: number; rows?: number };

/** Called with the new pane before its program starts (the spawn hooks' `started`). */
type Started = (p: Pane) => void;

export class Model {
  readonly sessions: Session[] = [];
  readonly panes = new Map<number, Pane>();
  readonly events = new Emitter<ModelEvents>();
  private readonly windowOfPane = new Map<number, Window>();
  private readonly sessionOfWindow = new Map<Window, Session>();
  private nextIds = { session: 0, window: 0, pane: 0 };

  /** history-limit as the panes have it (optionsChanged applies a new one to every pane). */
  private historyLimit: number;

  constructor(private readonly deps: ModelDeps) {
    this.historyLimit = deps.options().get('history-limit') as number;
  }

  private get options(): OptionStore {
    return this.deps.options();
  }

  // ---- lookups -------------------------------------------------------------------

  windowOf(pane: Pane | number): Window | undefined {
    return this.windowOfPane.get(typeof pane === 'number' ? pane : pane.id);
  }

  sessionOf(w: Window): Session | undefined {
    return this.sessionOfWindow.get(w);
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

  /** A session name that is free: the lowest unused number. */
  freeSessionName(): string {
    for (let i = 0; ; i++) if (!this.findSession(String(i))) return String(i);
  }

  // ---- creating --------------------------------------------------------------------

  newSession(name: string, req: SpawnRequest, cols: number, rows: number, windowName?: string, started?: Started): Session {
    if (this.findSession(name)) throw new CommandError(`duplicate session: ${name}`);
    const s = this.makeSession(name, req.env);
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
    const base = this.options.get('base-index') as number;
    const index = o.index ?? s.freeIndex(base);
    if (s.findIndex(index)) throw new CommandError(`create window failed: index ${index} in use`);
    const cols = o.cols ?? s.current?.cols ?? 80;
    const rows = o.rows ?? s.current?.rows ?? 24;
    const pane = this.createPane(req, cols, rows, started);
    const w = new Window(this.nextIds.window++, index, pane, cols, rows);
    this.initWindow(w);
    if (o.name) w.fixedName = o.name;
    this.windowOfPane.set(pane.id, w);
    this.sessionOfWindow.set(w, s);
    s.addWindow(w, o.select);
    this.events.emit('window-created', w);
    return w;
  }

  private initWindow(w: Window): void {
    w.borderStatus = () => this.options.get('pane-border-status') as 'off' | 'top' | 'claude';
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
    const layout = layoutSplit(w.layout, target.id, id, dir, size, { before: o.before, cells: o.cells, percent: o.percent });
    const pane = this.createPane(req, 1, 1, started);
    w.layout = layout;
    w.panes.set(pane.id, pane);
    this.windowOfPane.set(pane.id, w);
    w.applySizes();
    if (o.select) w.selectPane(pane.id);
    this.events.emit('window-changed', { window: w, what: 'layout' });
    return pane;
  }

  /** A session with no windows yet (restore fills it with buildWindow, then sessionBuilt). */
  addEmptySession(name: string, env: Record<string, string>): Session {
    return this.makeSession(name, env);
  }

  /** A session restore has filled: reported, or dropped when no window could be built. */
  sessionBuilt(s: Session): void {
    if (s.windows.length === 0) this.sessions.splice(this.sessions.indexOf(s), 1);
    else this.events.emit('session-created', s);
  }

  /** A new session in the model, its window switches reported ('window-selected'). */
  private makeSession(name: string, env: Record<string, string>): Session {
    const s = new Session(this.nextIds.session++, name);
    s.onSelect = (w) => this.events.emit('window-selected', { session: s, window: w });
    s.env = env;
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
        const pane = this.createPane(p.req, rec.cols, rec.rows, p.started);
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
    this.events.emit('window-created', w);
    return w;
  }

  private createPane(req: SpawnRequest, cols: number, rows: number, started?: Started): Pane {
    // A command the checkpoint could not hold is refused, not kept half (issue 13.2).
    const tooBig = req.argv ? commandProblem(req.argv) : undefined;
    if (tooBig) throw new CommandError(`cannot start the pane: ${tooBig}`);
    const id = this.nextIds.pane++;
    const o = this.options;
    const launch = paneLaunchFor(`%${id}`, req, {
      term: o.get('default-terminal') as string,
      shell: o.get('default-shell') as string,
      defaultCommand: o.get('default-command') as string,
      socketPath: this.deps.socketPath,
      serverPid: process.pid,
    });
    const pane = new Pane(id, launch, cols, rows, o.get('history-limit') as number, {
      output: (p) => this.paneOutput(p),
      exit: (p) => this.paneExited(p),
      title: (p) => this.events.emit('pane-display', p),
      bell: (p) => this.paneBell(p),
      parseError: (p, err) => this.deps.log.warn({ err, pane: p.id }, 'xterm failed parsing pane output'),
      parsed: this.deps.parsed,
    });
    pane.startArgv = req.argv;
    pane.kind = req.kind;
    started?.(pane);
    try {
      pane.start(this.deps.spawner);
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
    this.events.emit('pane-output', pane);
    if (!w.flags.has('activity') && this.options.get('monitor-activity') && !this.deps.visible(w)) this.setWindowFlag(w, 'activity', true);
  }

  private paneBell(pane: Pane): void {
    const w = this.windowOfPane.get(pane.id);
    if (w && !this.deps.visible(w)) this.setWindowFlag(w, 'bell', true);
  }

  private paneExited(pane: Pane): void {
    this.deps.log.info({ pane: pane.id, status: pane.exitStatus }, 'pane exited');
    // On the way out, panes die because the server ends them: their Claude dirs must stay
    // (they are restorable), so no close handling runs.
    if (this.deps.exiting() || !this.panes.has(pane.id)) return;
    this.events.emit('pane-exited', pane);
    if (this.options.get('remain-on-exit')) {
      const st = pane.exitStatus!;
      pane.print(`\r\n\x1b[0mPane is dead (${st.signal ? `signal ${st.signal}` : `status ${st.code}`}, ${new Date().toTimeString().slice(0, 8)})\r\n`);
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

  /** Zoom the window's active pane, or unzoom. */
  setZoom(w: Window, on: boolean): void {
    const zoom = on && w.panes.size > 1;
    if (w.zoomed === zoom) return;
    w.zoomed = zoom;
    w.applySizes();
    this.events.emit('window-changed', { window: w, what: 'zoom' });
  }

  /** Give the window a new layout tree (resize-pane, select-layout): unzoomed, panes resized. */
  setLayout(w: Window, layout: LayoutNode, preset?: Window['preset']): void {
    w.layout = layout;
    if (preset !== undefined) w.preset = preset;
    w.zoomed = false;
    w.applySizes();
    this.events.emit('window-changed', { window: w, what: 'layout' });
  }

  /** Swap two panes' places in a window; `follow` moves the focus with `a`. */
  swapPanes(w: Window, a: number, b: number, follow: boolean): void {
    w.layout = swapPanes(w.layout, a, b);
    if (follow && w.active === b) w.selectPane(b);
    w.applySizes();
    this.events.emit('window-changed', { window: w, what: 'layout' });
  }

  /** Make `w` the session's current window ('window-selected' when it changes). */
  selectWindow(s: Session, w: Window): void {
    s.select(w);
  }

  /** Size a window's area (the smallest client showing it). */
  resizeWindow(w: Window, cols: number, rows: number): void {
    if (w.cols === cols && w.rows === rows) return;
    w.resize(cols, rows);
    this.events.emit('window-changed', { window: w, what: 'size' });
  }

  renameWindow(w: Window, name: string): void {
    w.fixedName = name;
    this.events.emit('window-changed', { window: w, what: 'name' });
  }

  renameSession(s: Session, name: string): void {
    if (s.name === name) return;
    if (this.findSession(name)) throw new CommandError(`duplicate session: ${name}`);
    s.name = name;
    this.events.emit('session-renamed', s);
  }

  /** A title the user gave the pane (select-pane -T), kept in the checkpoint. */
  setPaneTitle(p: Pane, title: string): void {
    p.title = title;
    const w = this.windowOf(p);
    if (w) this.events.emit('window-changed', { window: w, what: 'title' });
  }

  /** Set or clear a window's status flag (activity, bell, a Claude alert). */
  setWindowFlag(w: Window, flag: WindowFlag, on: boolean): void {
    if (w.flags.has(flag) === on) return;
    if (on) w.flags.add(flag);
    else w.flags.delete(flag);
    this.events.emit('window-flags', w);
  }

  /** What the pane shows changed without output (copy mode, its border title, a message). */
  paneDisplayChanged(p: Pane): void {
    this.events.emit('pane-display', p);
  }

  /** Facts about the pane that a checkpoint holds changed (a Claude pane's session id). */
  paneFactsChanged(p: Pane): void {
    this.events.emit('pane-facts', p);
  }

  /** Options changed (set-option, source-file): everything is drawn again. */
  optionsChanged(): void {
    const limit = this.options.get('history-limit') as number;
    if (limit !== this.historyLimit) for (const p of this.panes.values()) p.setHistoryLimit(limit);
    this.historyLimit = limit;
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
    p.dispose();
    this.events.emit('pane-closed', p);
  }

  /** Close a pane (killing its program), and its window and session if it was the last. */
  closePane(pane: Pane): void {
    const w = this.windowOfPane.get(pane.id);
    this.forgetPane(pane);
    if (!w) return;
    if (w.removePane(pane.id)) {
      this.events.emit('window-changed', { window: w, what: 'layout' });
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
      this.events.emit('window-closed', { window: w, session: s });
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
    this.deps.log.info({ session: s.name }, 'session ended');
    this.events.emit('session-closed', s);
  }

  /** End every pane's program without closing anything (the server is exiting). */
  disposeAll(): void {
    for (const s of this.sessions) for (const w of s.windows) for (const p of w.panes.values()) p.dispose();
    this.sessions.length = 0;
  }
}
