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
import { LayoutError, renamePanes, rotatePanes, singlePane, splitPane as layoutSplit, removePane as layoutRemove, swapPanes, type LayoutNode, type SplitDir } from '../core/layout/layout.js';
import { CommandError } from '../core/errors.js';
import type { OptionStore } from '../config/option-values.js';
import { Pane, type PaneLaunch } from './pane.js';
import type { PanePipe } from './pane-pipe.js';
import { ClockMode } from './clock-mode.js';
import { paneLaunchFor } from './pane-launch.js';
import type { SpawnRequest } from './spawn.js';
import { Session, Window } from './window.js';
import type { Reuse } from './reuse.js';
import { Environ } from '../core/environ.js';
import type { PtySpawner } from './pty-host.js';
import { Emitter, type AlertKind, type ModelEvents, type WindowFlag } from './events.js';

export interface ModelDeps {
  /** The current options (source-file replaces the store). */
  options(): OptionStore;
  spawner: PtySpawner;
  log: Logger;
  /** Given to each pane's environment (CCMUX, TMUX). */
  socketPath: string;
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

  constructor(private readonly deps: ModelDeps) {
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
    if (s.findIndex(index)) throw new CommandError(`create window failed: index ${index} in use`);
    const cols = o.cols ?? s.current?.cols ?? 80;
    const rows = o.rows ?? s.current?.rows ?? 24;
    const pane = this.createPane(req, cols, rows, started, s.id);
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

  /** A session with no windows yet (restore fills it with buildWindow, then sessionBuilt). */
  addEmptySession(name: string): Session {
    return this.makeSession(name, new Environ());
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
      title: (p) => this.events.emit('pane-display', p),
      bell: (p) => this.paneBell(p),
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

  /**
   * Rotate the panes of `w` through its layout's places (rotate-window; `down` for -D).
   * The focus stays in its place, on the pane that moved in; the window is unzoomed, or
   * zoomed again on that pane when `keepZoom` and it was zoomed.
   */
  rotatePanes(w: Window, down: boolean, keepZoom: boolean): void {
    const zoom = keepZoom && w.zoomed;
    const place = w.orderedPanes().findIndex((p) => p.id === w.active);
    w.zoomed = false;
    w.layout = rotatePanes(w.layout, down);
    w.selectPane(w.orderedPanes()[place]!.id);
    w.zoomed = zoom && w.panes.size > 1;
    w.applySizes();
    this.events.emit('window-changed', { window: w, what: 'layout' });
  }

  /**
   * Start `req` in pane `p` in place of what it runs (respawn-pane): its id, place, history
   * and what was given it stay. A program still running is refused unless `kill`.
   */
  respawnPane(p: Pane, req: SpawnRequest, kill: boolean, started?: Started): void {
    const w = this.windowOf(p);
    const s = w && this.sessionOf(w);
    if (p.alive && !kill) throw new CommandError(`respawn pane failed: pane ${s?.name}:${w?.index}.${w ? w.orderedPanes().indexOf(p) + (this.options.get('pane-base-index', { window: w }) as number) : 0} still active`);
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
    const first = w.orderedPanes()[0]!;
    for (const p of [...w.panes.values()]) {
      if (p === first) continue;
      w.panes.delete(p.id);
      this.forgetPane(p);
    }
    w.layout = singlePane(first.id);
    w.zoomed = false;
    w.lastActive = undefined;
    w.active = first.id;
    w.applySizes();
    this.events.emit('window-changed', { window: w, what: 'layout' });
    return first;
  }

  /**
   * Move pane `src` next to `dst` (join-pane, move-pane), splitting `dst` as split-window
   * would; `src`'s window closes when it was its last pane. The pane keeps its program,
   * history and id. Throws when the split does not fit.
   */
  joinPane(src: Pane, dst: Pane, dir: SplitDir, o: SplitOptions): void {
    if (src === dst) throw new CommandError('source and target panes must be different');
    const dstW = this.windowOf(dst)!;
    const srcW = this.windowOf(src)!;
    this.setZoom(dstW, false);
    this.setZoom(srcW, false);
    const size = { cols: dstW.cols, rows: dstW.rows };
    const opts = { before: o.before, cells: o.cells, percent: o.percent, full: o.full };
    let layout: LayoutNode;
    try {
      if (srcW === dstW) {
        // As tmux: the target is split first, then the pane leaves its old place.
        const placeholder = this.nextIds.pane + 1_000_000;
        const split = layoutSplit(dstW.layout, dst.id, placeholder, dir, size, opts);
        layout = renamePanes(layoutRemove(split, src.id, size)!, new Map([[placeholder, src.id]]));
      } else {
        layout = layoutSplit(dstW.layout, dst.id, src.id, dir, size, opts);
      }
    } catch (err) {
      if (err instanceof LayoutError) throw new CommandError('create pane failed: pane too small');
      throw err;
    }
    if (srcW !== dstW) {
      this.windowOfPane.delete(src.id);
      const left = srcW.removePane(src.id);
      if (left) this.events.emit('window-changed', { window: srcW, what: 'layout' });
      else this.dropWindow(srcW);
      dstW.panes.set(src.id, src);
      this.windowOfPane.set(src.id, dstW);
    }
    dstW.layout = layout;
    dstW.applySizes();
    if (o.select) {
      dstW.selectPane(src.id);
      const s = this.sessionOf(dstW);
      if (s) s.select(dstW);
    }
    this.events.emit('window-changed', { window: dstW, what: 'layout' });
  }

  /**
   * Take pane `p` out of its window into a new window of `s` (break-pane), at `index` or
   * the first free one; a window's only pane moves with its window. Returns the pane's
   * window now.
   */
  breakPane(p: Pane, s: Session, o: { index?: number; name?: string; select: boolean }): Window {
    const w = this.windowOf(p)!;
    this.setZoom(w, false);
    if (w.panes.size === 1) {
      this.moveWindow(w, s, o.index, o.select);
      if (o.name !== undefined) this.renameWindow(w, o.name);
      return w;
    }
    if (o.index !== undefined && s.findIndex(o.index)) throw new CommandError(`index in use: ${o.index}`);
    w.removePane(p.id);
    this.events.emit('window-changed', { window: w, what: 'layout' });
    const nw = new Window(this.nextIds.window++, o.index ?? s.freeIndex(this.options.get('base-index', { session: s }) as number), p, w.cols, w.rows);
    this.initWindow(nw);
    if (o.name !== undefined) nw.fixedName = o.name;
    this.windowOfPane.set(p.id, nw);
    this.sessionOfWindow.set(nw, s);
    s.addWindow(nw, o.select);
    this.events.emit('window-created', nw);
    return nw;
  }

  /**
   * Move window `w` to session `s` at `index` (or the first free one), as tmux links it
   * there and unlinks it from where it was (move-window, break-pane). A taken index is
   * refused unless `kill`, which closes the window there (the moved one takes its place,
   * and becomes current if that one was). Not selected, a current window moving within
   * its session hands the focus on as if it had closed. Its old session ends when it was
   * its last window, or is renumbered (renumber-windows) unless `renumber` is false.
   */
  moveWindow(w: Window, s: Session, index: number | undefined, select: boolean, o: { kill?: boolean; renumber?: boolean } = {}): void {
    const from = this.sessionOf(w)!;
    const there = index === undefined ? undefined : s.findIndex(index);
    if (there === w) throw new CommandError(`same index: ${index}`);
    if (there && !o.kill) throw new CommandError(`index in use: ${index}`);
    const to = index ?? s.freeIndex(this.options.get('base-index', { session: s }) as number);
    if (there) {
      if (s.current === there) select = true;
      for (const p of [...there.panes.values()]) this.forgetPane(p);
      there.panes.clear();
      this.sessionOfWindow.delete(there);
      s.forgetWindow(there);
      this.events.emit('window-closed', { window: there, session: s });
    }
    const renumber = o.renumber !== false && (this.options.get('renumber-windows', { session: s }) as boolean);
    if (from === s) {
      if (!select && s.current === w) s.select(s.successorOf(w)!);
      if (s.current !== w) s.unstack(w);
      w.index = to;
      if (select) s.select(w);
      this.events.emit('window-changed', { window: w, what: 'name' });
      if (renumber) this.renumberWindows(s);
      return;
    }
    this.sessionOfWindow.delete(w);
    if (from.removeWindow(w)) {
      if (renumber) this.renumberWindows(from);
      this.events.emit('window-closed', { window: w, session: from });
    } else {
      this.destroySession(from);
    }
    w.index = to;
    this.sessionOfWindow.set(w, s);
    s.addWindow(w, select);
    this.events.emit('window-created', w);
  }

  /** Number the windows of `s` from base-index without gaps (move-window -r, renumber-windows). */
  renumberWindows(s: Session): void {
    for (const w of s.renumber(this.options.get('base-index', { session: s }) as number)) this.events.emit('window-changed', { window: w, what: 'name' });
  }

  /**
   * Exchange windows `a` and `b`: each takes the other's index (and session). As tmux's
   * winlinks stay where they are, a session's current and last window are the ones now at
   * those indexes; `select` then makes each moved window current where it went.
   */
  swapWindows(a: Window, b: Window, select: boolean): void {
    if (a === b) return;
    const sa = this.sessionOf(a)!;
    const sb = this.sessionOf(b)!;
    [a.index, b.index] = [b.index, a.index];
    const other = (w: Window | undefined) => (w === a ? b : w === b ? a : w);
    if (sa !== sb) {
      sa.windows[sa.windows.indexOf(a)] = b;
      sb.windows[sb.windows.indexOf(b)] = a;
      this.sessionOfWindow.set(a, sb);
      this.sessionOfWindow.set(b, sa);
    }
    for (const s of sa === sb ? [sa] : [sa, sb]) {
      s.restack((w) => other(w)!);
      const cur = other(s.current)!;
      if (cur !== s.current) {
        (s as { current?: Window }).current = undefined;
        s.select(cur);
      }
    }
    if (select) {
      sb.select(a);
      if (sa !== sb) sa.select(b);
    }
    this.events.emit('window-changed', { window: a, what: 'name' });
    this.events.emit('window-changed', { window: b, what: 'name' });
  }

  /**
   * Make room at `index` in `s` by moving the windows from there up by one, as far as the
   * first free index (tmux's winlink_shuffle_up: new-window -a/-b, break-pane -a/-b).
   */
  shuffleUp(s: Session, index: number): void {
    let last = index;
    while (s.findIndex(last)) last++;
    for (; last > index; last--) s.findIndex(last - 1)!.index = last;
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

  /** Set or clear a window's status flag (activity, bell, a Claude alert). */
  setWindowFlag(w: Window, flag: WindowFlag, on: boolean): void {
    if (w.flags.has(flag) === on) return;
    if (on) w.flags.add(flag);
    else w.flags.delete(flag);
    this.events.emit('window-flags', w);
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

  /** A window left with no pane (its last one moved away) leaves its session. */
  private dropWindow(w: Window): void {
    const s = this.sessionOfWindow.get(w);
    this.sessionOfWindow.delete(w);
    if (s) this.closeWindowIn(s, w);
  }

  private closeWindowIn(s: Session, w: Window): void {
    if (s.removeWindow(w)) {
      if (this.options.get('renumber-windows', { session: s })) s.renumber(this.options.get('base-index', { session: s }) as number);
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

/** Does a pane whose program ended with `st` stay, under remain-on-exit `value` (on, off or failed)? */
export function remains(value: unknown, st: { code: number; signal: number }): boolean {
  if (value === 'failed') return st.code !== 0 || st.signal !== 0;
  return value === true || value === 'on';
}
