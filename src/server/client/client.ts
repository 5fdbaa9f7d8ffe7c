/*
 * An attached client, server side: the user's keystrokes in, screen updates out —
 * through the client's terminal itself or the client's socket (client/terminal.ts).
 *
 * Input: raw bytes → InputDecoder events, queued in order (client/input-queue.ts, which
 * writes runs of unbound keys and pastes to the active pane itself) → here: an open
 * prompt/list/confirm takes them → key tables (key-dispatch.ts) → else the active pane.
 * The mouse is mouse keys and their bindings (key-dispatch.ts, mouse-keys.ts); a double
 * click comes back from the click timer through the input queue. lock-after-time is
 * client/lock-timer.ts.
 *
 * Output: anything that changes what this client shows asks its FramePacer
 * (frame-pacer.ts) for a frame; the pacer decides when (coalesced to a frame gap, the
 * echo of a key at once, nothing while the terminal is backed up) and calls `draw`,
 * which composes the screen (composed-screen.ts: what changed since the last frame, or
 * everything after `redraw()`, compose.ts) and sends the difference (ScreenWriter).
 */
import { statusLines } from '../../config/status-lines.js';
import { sessionAfterEnd } from '../session-end.js';
import { clientName } from '../message-log.js';
import { StringDecoder } from 'node:string_decoder';
import { ClientTerminal, type ClientLink } from './terminal.js';
import type { InputEvent } from '../../core/input-decoder.js';
import { MsgType, type Frame, type HelloMsg, parseJson } from '../../protocol/frames.js';
import type { Grid } from '../../render/grid.js';
import { ScreenWriter } from '../../render/screen-writer.js';
import type { Segment } from '../../render/style.js';
import type { Server } from '../server.js';
import type { Session } from '../window.js';
import type { OptionLayers } from '../../config/local-options.js';
import type { Pane } from '../pane.js';
import type { FrameReuse } from '../reuse.js';
import { FramePacer } from './frame-pacer.js';
import { writerFeatures } from './features.js';
import { describeTerminal, termOutput, type TermDescription, type TermOutput } from '../../core/term-description.js';
import type { TerminfoEntry } from '../../core/terminfo.js';
import { ComposedScreen } from './composed-screen.js';
import { expandFor } from '../format-vars.js';
import { InputQueue } from './input-queue.js';
import { KeyDispatch, type StatusLayout } from './key-dispatch.js';
import { withMouse, type MouseTarget } from '../mouse-target.js';
import { LockTimer } from './lock-timer.js';
import type { ClientMode } from './modes.js';
import { presentItems } from '../../config/option-values.js';
import { cursorEscapes, cursorLook, type CursorLook } from '../pane-cursor.js';
import { windowCursor } from './compose.js';
import { panView, wholeView, windowView, type Pan, type PanDirection, type WindowView } from './window-view.js';
import type { Window } from '../window.js';
import { ClipboardQuery } from './clipboard-query.js';

/**
 * Input read in one piece longer than this is pasted, not typed (a keystroke is 1–30
 * chars): its echo is drawn at the frame pace like any output, not at once. Drawing at
 * once per piece drew ~500 frames for a 1 MB paste, half the server's time.
 */
const TYPED_MAX = 256;
/** The terminal's own cursor: no style, no colour set. */
const TERMINAL_CURSOR: CursorLook = { style: 0, colour: '' };

/** After the terminal's smcup: home and clear (bracketed paste, Enbp, follows). */
const CLEAR = '\x1b[H\x1b[2J';
const MOUSE_ON = '\x1b[?1000h\x1b[?1002h\x1b[?1006h';
const MOUSE_OFF = '\x1b[?1006l\x1b[?1002l\x1b[?1000l';
/** Under a lock command: cleared with its scrollback, after smcup (tmux's smcup, clear, E3). */
const LOCK_CLEAR = '\x1b[H\x1b[2J\x1b[3J';

export class Client {
  session: Session | null;
  cols: number;
  rows: number;
  /** The key table the next key is looked up in (set to the default one at attach). */
  private table = 'root';
  /** The key-table option's value for this client when last looked at. */
  private keyTableDefault = 'root';
  readonly createdAt = Date.now();
  activity = Date.now();
  focused = true;
  /** An open prompt, confirmation or list drawn over the screen. */
  mode: ClientMode | null = null;
  /** A message over the status line; without a timer (display-time 0) it stays until a key, unless keepOnKey (display-message -N). */
  message: { text: string; timer: NodeJS.Timeout | null; keepOnKey?: boolean; styled?: boolean } | null = null;
  /** status-left and status-right as last expanded, for reuse (reuse.ts; client/compose.ts). */
  statusText: Partial<Record<'left' | 'right', { key: string; text: string; runs: Segment[]; at: number }>> = {};
  /** Where the status line drew status-left, each window's name and status-right (for mouse keys). */
  statusLayouts: Array<StatusLayout | null> = [];
  /** The composed screen, kept between frames (composed-screen.ts). */
  screen: ComposedScreen;
  private readonly writer: ScreenWriter;
  private readonly text = new StringDecoder('utf8');
  /** Its input: decoded, queued, written to panes or handled (input-queue.ts). */
  private readonly inputs = new InputQueue(this);
  /** lock-after-time (lock-timer.ts). */
  private readonly lockTimer = new LockTimer(this);
  /** Its keys and mouse looked up in key tables, bindings run (key-dispatch.ts); a double click comes back through the input queue. */
  private readonly keys = new KeyDispatch(this, (r) => {
    if (this.gone || this.mode) return;
    this.doubleClick = r;
    this.inputs.inject(r.event);
  });
  /** The report of the double click injected last (it is handled as a DoubleClick, not a press). */
  private doubleClick: import('./mouse-keys.js').MouseReport | null = null;
  /** When this client draws (frame-pacer.ts). */
  private readonly pacer: FramePacer;
  private mouseOn = false;
  /** Whether the terminal was asked for focus reports (focus-events). */
  private focusOn = false;
  private gone = false;

  constructor(
    readonly server: Server,
    readonly conn: ClientLink,
    readonly hello: HelloMsg,
    session: Session,
    /** Its TERM's terminfo entry (server/client/terminfo-read.ts), undefined when not found. */
    private readonly terminfo?: TerminfoEntry,
  ) {
    this.session = session;
    this.readOnly = conn.peerReadOnly;
    this.table = this.keyTableDefault = this.defaultKeyTable;
    this.cols = hello.cols;
    this.rows = hello.rows;
    this.screen = new ComposedScreen(this.cols, this.rows);
    this.writer = new ScreenWriter(this.cols, this.rows);
    this.describe();
    session.lastUsed = session.lastAttached = Date.now();
    this.pacer = new FramePacer(
      () => !this.gone && this.session !== null && this.terminal.started,
      () => this.terminal.stream,
      (frame) => this.draw(frame),
      () => this.syncHeldUntil(),
    );
    this.terminal = new ClientTerminal(conn, hello, (d) => {
      const data = this.text.write(d);
      if (data && !this.gone) this.input(data);
    });
    server.addClient(this);
    this.inputs.setUserKeys(server.options.get('user-keys') as Array<string | undefined>);
    this.unsubscribeOptions = server.model.events.on('options-changed', () => {
      this.inputs.setUserKeys(this.server.options.get('user-keys') as Array<string | undefined>);
      this.lockTimer.schedule();
      // A new key-table puts the client in it (tmux resets every client's table when it is set).
      const table = this.defaultKeyTable;
      if (table !== this.keyTableDefault) this.keyTable = this.keyTableDefault = table;
      this.describe();
    });
    this.lockTimer.schedule();
    conn.send(MsgType.Attached, { session: session.name, direct: this.terminal.direct });
    server.clientActive(this, false);
    server.resizeSession(session);
    server.clientSessionChanged(this);
    // A direct terminal is drawn on once the client has made it raw (TtyReady).
    if (!this.terminal.direct) this.start();
    if (server.startupNotice) {
      this.showMessage(server.startupNotice);
      server.startupNotice = null;
    }
  }

  /** The client's terminal, or the socket relaying to it (client/terminal.ts). */
  private readonly terminal: ClientTerminal;

  /** Take the terminal over: alternate screen, bracketed paste, mouse, the first frame. */
  private start(): void {
    if (this.terminal.started || this.gone) return;
    this.terminal.begin();
    this.send(this.out.smcup + CLEAR + this.out.enbp);
    this.syncMouse();
    this.syncFocusReports();
    this.redraw();
  }

  /** Rows available to panes: the client's rows less the status line. */
  paneAreaRows(): number {
    return Math.max(1, this.rows - statusLines(this.server.options, this.at));
  }

  private send(data: string): void {
    this.terminal.write(data);
  }

  /** Bytes for the user's terminal as they are: a bell, a notification, or (`movesCursor`) a pane's passthrough. */
  sendRaw(data: string, movesCursor = false): void {
    if (this.gone) return;
    this.send(data);
    // What it did to the cursor and pen is unknown: set them again in a frame (with nothing else changed).
    if (movesCursor) {
      this.writer.forgetPen();
      this.pacer.request();
    }
  }

  handleFrame(f: Frame): void {
    if (f.type === MsgType.TtyReady) {
      if (this.terminal.direct) this.start();
    } else if (f.type === MsgType.Resume) {
      if (!this.suspended) return;
      this.suspended = false;
      this.activity = Date.now();
      this.writer.invalidate();
      this.start();
      if (this.terminal.lost) this.detach('[lost tty]', 1);
      else this.lockTimer.schedule();
    } else if (f.type === MsgType.Input) {
      const data = this.text.write(f.payload);
      if (data) this.input(data);
    } else if (f.type === MsgType.Resize) {
      const m = parseJson(f);
      const ok = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v > 0 && v < 10000;
      if (!ok(m.cols) || !ok(m.rows)) return;
      // A resize of the client's terminal is a use of its window, as tmux's MSG_RESIZE:
      // the client becomes the window's latest (client-active) before the window is sized.
      this.server.clientActive(this);
      this.resize(m.cols as number, m.rows as number);
    }
  }

  resize(cols: number, rows: number): void {
    this.cols = cols;
    this.rows = rows;
    this.screen = new ComposedScreen(cols, rows);
    this.writer.resize(cols, rows);
    if (this.session) this.server.resizeSession(this.session);
    this.redraw();
    this.server.clientResized(this);
  }

  // ---- input ---------------------------------------------------------------------------

  private input(data: string): void {
    this.server.noteInput();
    this.server.clientActive(this);
    this.activity = Date.now();
    if (this.session) this.session.lastUsed = this.activity; // tmux's session_update_activity on a key
    if (data.length <= TYPED_MAX) this.pacer.input();
    this.inputs.feed(data);
  }

  /** The client has gone (detached, its terminal lost): nothing more is handled or drawn. */
  get isGone(): boolean {
    return this.gone;
  }

  /** A key went to a pane unchanged: a message goes with it, unless display-message -N. */
  keyPassed(): void {
    if (this.message && !this.message.keepOnKey) this.clearMessage();
  }

  get activePane(): Pane | undefined {
    return this.session?.current.activePane;
  }

  /** Where this client's options are looked up: its session, current window and pane. */
  get at(): OptionLayers {
    const s = this.session;
    return s ? { session: s, window: s.current, pane: s.current.activePane } : {};
  }

  /** One event the input queue does not write to a pane itself: modes, the mouse, focus, bindings. */
  async handleEvent(ev: InputEvent): Promise<void> {
    if (this.gone || !this.session) return;
    if (ev.type === 'key') this.keyPassed();
    if (ev.type === 'focus') {
      // As tmux's tty-keys: whatever is open, the client's focus changes (pane-focus.ts tells the pane).
      this.focused = ev.focused;
      this.server.clientFocusChanged(this);
      return;
    }
    if (this.mode && !this.mode.passes?.(ev)) {
      if (ev.type === 'paste' && ev.last) this.inputs.endPaste();
      await this.mode.handle(ev, this);
      return;
    }
    // A read-only client's mouse, pastes and other sequences reach nothing (tmux's CLIENT_READONLY).
    if (this.readOnly && ev.type !== 'key') return;
    if (ev.type === 'mouse') {
      const double = this.doubleClick?.event === ev ? this.doubleClick : undefined;
      if (double) this.doubleClick = null;
      await this.keys.handleMouse(ev, double);
      return;
    }
    const pane = this.activePane;
    if (ev.type !== 'key') {
      if (pane && !pane.copyMode) pane.write(ev.raw);
      return;
    }
    await this.keys.handleKey(ev.key, ev.raw);
  }

  get keyTable(): string {
    return this.table;
  }

  /** A new key table redraws the status line, which may show it (#{client_prefix}, #{client_key_table}), as tmux's. */
  set keyTable(name: string) {
    if (name === this.table) return;
    this.table = name;
    this.redrawStatus();
  }

  /** The table a client goes back to after the prefix or a table of switch-client -T: the session's key-table, else root. */
  get defaultKeyTable(): string {
    return (this.server.options.get('key-table', this.at) as string) || 'root';
  }

  /** The context commands run in when this client's user triggers them. */
  commandContext(out: string[], mouse?: MouseTarget) {
    return {
      // The commands' current target is the pane under the mouse (tmux's cmd_find_from_mouse), else the client's.
      ...(mouse ? { mouse } : {}),
      ...(mouse?.pane ? { current: { session: mouse.session, window: mouse.window, pane: mouse.pane } } : {}),
      server: this.server,
      caller: this.hello,
      client: this,
      readOnly: this.readOnly,
      runner: this.conn.runner,
      out: (t: string) => out.push(t),
      err: (t: string) => this.showMessage(t.trim().split('\n').filter(Boolean).join(' · ')),
    };
  }

  /** Run a command string for this client; output opens in a list view, errors in the status line. */
  async runBinding(command: string, mouse?: MouseTarget): Promise<void> {
    const out: string[] = [];
    const ctx = this.commandContext(out, mouse);
    await (mouse ? withMouse(mouse, () => this.conn.runner.runString(ctx, command)) : this.conn.runner.runString(ctx, command));
    const text = out.join('');
    if (text && !this.gone) {
      const { ListView } = await import('./modes.js');
      this.openMode(new ListView(command.split(' ')[0] ?? '', text.replace(/\n$/, '').split('\n')));
    }
  }

  openMode(mode: ClientMode): void {
    const old = this.mode;
    this.mode = mode;
    if (old && old !== mode) old.dispose?.();
    this.redraw();
  }

  closeMode(): void {
    const old = this.mode;
    this.mode = null;
    old?.dispose?.();
    this.redraw();
  }

  showMessage(text: string, o: { ms?: number; keepOnKey?: boolean; styled?: boolean } = {}): void {
    this.server.messages.add(`${clientName(this.hello)} message: ${text}`);
    if (this.message?.timer) clearTimeout(this.message.timer);
    const ms = o.ms ?? (this.server.options.get('display-time', this.at) as number);
    this.message = { text, timer: ms > 0 ? setTimeout(() => this.clearMessage(), ms) : null, ...(o.keepOnKey ? { keepOnKey: true } : {}), ...(o.styled ? { styled: true } : {}) };
    this.redrawStatus();
  }

  private clearMessage(): void {
    if (!this.message) return;
    if (this.message.timer) clearTimeout(this.message.timer);
    this.message = null;
    this.redrawStatus();
  }

  // ---- sessions --------------------------------------------------------------------------

  switchTo(s: Session): void {
    const old = this.session;
    this.session = s;
    s.lastUsed = s.lastAttached = Date.now();
    if (old && old !== s) {
      this.server.resizeSession(old);
      this.previousSession = old;
    }
    this.server.clientActive(this, false);
    this.server.resizeSession(s);
    this.server.clientSessionChanged(this);
    this.redraw();
  }

  previousSession: Session | undefined;

  sessionDestroyed(): void {
    const next = this.session && sessionAfterEnd(this.server, this.session);
    if (next) this.switchTo(next);
    else this.detach('[exited]', 0);
  }

  /** The terminal is handed back (suspend-client, a lock) until the client says RESUME. */
  suspended = false;
  /** Set from the access list when it connected, attach -r, server-access -r/-w. */
  readOnly: boolean;
  /** attach -f ignore-size, attach -r: see ClientHandle. */
  ignoreSize = false;

  get peerUid(): number {
    return this.conn.peerUid;
  }
  private unsubscribeOptions: (() => void) | null = null;

  suspend(lockCommand?: string): void {
    if (this.gone || this.suspended || !this.terminal.started) return;
    this.suspended = true;
    // LEAVE_SEQ turns mouse and focus reporting off: asked for again on resume.
    this.mouseOn = false;
    this.focusOn = false;
    // As tmux: suspended, the normal screen shows; locked, a cleared screen under the lock command.
    const leave = this.cursorBack() + this.extendedKeysBack() + this.leaveSeq();
    this.terminal.suspend(lockCommand === undefined ? leave : leave + this.out.smcup + LOCK_CLEAR, lockCommand === undefined ? {} : { lock: lockCommand });
  }

  /** Leave the session: restore the user's terminal and tell the client process to exit. */
  detach(message: string, code: number, hangup = false, exec?: { command: string; shell: string }): void {
    if (this.gone) return;
    this.terminal.finish(this.cursorBack() + this.extendedKeysBack() + this.leaveSeq(), message, code, hangup, exec);
    this.disconnected();
  }

  /** The connection closed (detach, or the terminal went away). Panes keep running. */
  disconnected(): void {
    if (this.gone) return;
    this.gone = true;
    this.lockTimer.stop();
    this.inputs.dispose();
    this.unsubscribeOptions?.();
    this.terminal.close();
    this.keys.dispose();
    this.clipboard.stop();
    if (this.message?.timer) clearTimeout(this.message.timer);
    this.pacer.stop();
    const mode = this.mode;
    this.mode = null;
    mode?.dispose?.();
    this.server.removeClient(this);
    this.session = null;
  }

  // ---- rendering -----------------------------------------------------------------------

  /** The composed screen's cells (for tests). */
  get grid(): Grid {
    return this.screen.grid;
  }

  /** Mark everything dirty (layout, window, status changes). */
  redraw(): void {
    this.screen.invalidate();
    this.pacer.request();
  }

  redrawStatus(): void {
    this.screen.invalidateStatus();
    this.pacer.request();
  }

  paneOutput(pane: Pane): void {
    this.pacer.output(pane === this.activePane);
  }

  private syncMouse(): void {
    const want = this.server.options.get('mouse', this.at) as boolean;
    if (want !== this.mouseOn) {
      this.mouseOn = want;
      this.send(want ? MOUSE_ON : MOUSE_OFF);
    }
  }

  /** The terminal's title as last set (set-titles). */
  private title: string | undefined;

  /**
   * set-titles: the terminal's title (OSC 0) set to set-titles-string, expanded for this
   * client, whenever it changes (tmux's server_client_set_title, at each redraw); control
   * characters left out. Off, one option lookup a frame.
   */
  private syncTitle(): void {
    const s = this.session;
    if (!s || !this.server.options.get('set-titles', this.at)) return;
    const format = String(this.server.options.get('set-titles-string', this.at));
    const title = expandFor(this.server, format, { session: s, window: s.current, pane: s.current.activePane, client: this }, true).replace(/[\x00-\x1f\x7f]/g, '');
    if (title === this.title) return;
    this.title = title;
    const seq = this.out.title(title);
    if (seq) this.send(seq);
  }

  /** Whether the terminal was asked for extended keys (modifyOtherKeys). */
  private extendedKeysOn = false;

  /** Ask the terminal for extended keys while extended-keys is on or always, as tmux's Eneks / Dseks. */
  private syncExtendedKeys(): void {
    const want = this.server.options.get('extended-keys') !== 'off';
    if (want !== this.extendedKeysOn) {
      this.extendedKeysOn = want;
      this.send(want ? this.out.eneks : this.out.dseks);
    }
  }

  /** Focus reporting on in the terminal while focus-events is on (tmux asks at attach; ccmux also when it changes). */
  private syncFocusReports(): void {
    const want = this.server.options.get('focus-events') as boolean;
    if (want !== this.focusOn) {
      this.focusOn = want;
      this.send(want ? this.out.enfcs : this.out.dsfcs);
    }
  }

  /**
   * Until when a pane this client shows holds frames back, inside a synchronized-output
   * block (Pane.syncHeldUntil), or 0. A pane in copy mode shows its history, not the
   * screen being drawn.
   */
  private syncHeldUntil(): number {
    const w = this.session?.current;
    if (!w) return 0;
    const now = performance.now();
    let until = 0;
    for (const id of w.zoomed ? [w.active] : w.panes.keys()) {
      const pane = w.panes.get(id);
      if (pane && !pane.copyMode) until = Math.max(until, pane.syncHeldUntil(now));
    }
    return until;
  }

  /** The options the terminal's description was last made from (terminal-features, terminal-overrides, synchronized-output). */
  private describedFrom = '';
  /** Its terminal (core/term-description.ts): made at attach and when those options change, never per frame. */
  description!: TermDescription;
  /** What its terminal is sent, from the description. */
  private out!: TermOutput;

  /** The terminal described again when terminal-features, terminal-overrides or synchronized-output changed; the writer told. */
  private describe(): void {
    const features = presentItems(this.server.options.get('terminal-features'));
    const overrides = presentItems(this.server.options.get('terminal-overrides'));
    const sync = this.server.options.get('synchronized-output') as boolean;
    const key = `${sync}\0${features.join('\0')}\0\0${overrides.join('\0')}`;
    if (key === this.describedFrom) return;
    this.describedFrom = key;
    this.description = describeTerminal(this.hello.env.TERM ?? '', this.terminfo, features, overrides);
    this.out = termOutput(this.description);
    this.writer.setFeatures(writerFeatures(this.out, sync));
  }

  /** Feature names of its terminal, as tmux's client_termfeatures. */
  get termFeatures(): readonly string[] {
    return this.description.features;
  }

  /** Put base64 text on its terminal's clipboard (Ms; nothing without it), as tmux's tty_set_selection. */
  setClipboard(base64: string): void {
    if (this.gone || !this.terminal.started) return;
    const seq = this.out.clipboard(base64);
    if (seq) this.send(seq);
  }

  /**
   * What gives the terminal back, as tmux's tty_stop_tty: mouse, focus reports and bracketed
   * paste off, the pen reset, the screen cleared (so without smcup/rmcup ccmux's screen is
   * not left behind), the cursor shown, rmcup.
   */
  private leaveSeq(): string {
    return `${MOUSE_OFF}${this.out.dsfcs}${this.out.dsbp}\x1b[0m${CLEAR}\x1b[?25h${this.out.rmcup}`;
  }

  /** The cursor's look the terminal was last told (pane-cursor.ts); the terminal's own at first. */
  private cursorSent: CursorLook = TERMINAL_CURSOR;

  /** Tell the terminal the cursor's style and colour the active pane wants, when that changes (tmux's tty_update_cursor). */
  private syncCursor(): void {
    const pane = this.session?.current.activePane;
    const want = !pane || this.mode || pane.copyMode || pane.clockMode
      ? TERMINAL_CURSOR
      : cursorLook(pane.cursor, String(this.server.options.get('cursor-style', this.at)), String(this.server.options.get('cursor-colour', this.at)));
    const out = cursorEscapes(this.cursorSent, want, this.out);
    if (out) this.send(out);
    this.cursorSent = want;
  }

  /** The escape that stops the terminal's extended keys (on leaving it), '' when it was not asked. */
  private extendedKeysBack(): string {
    const out = this.extendedKeysOn ? this.out.dseks : '';
    this.extendedKeysOn = false;
    return out;
  }

  /** The escapes that give the terminal its own cursor back (on leaving it), as tmux's tty_stop_tty. */
  private cursorBack(): string {
    const out = cursorEscapes(this.cursorSent, TERMINAL_CURSOR, this.out);
    this.cursorSent = TERMINAL_CURSOR;
    return out;
  }

  /** One frame (the pacer says when): the screen composed, the difference sent. */
  private draw(frame: FrameReuse): void {
    this.syncMouse();
    this.syncFocusReports();
    this.syncExtendedKeys();
    this.syncCursor();
    this.syncTitle();
    const cursor = this.screen.compose(this, frame);
    this.send(this.writer.render(this.screen.grid, cursor, this.screen.changed));
  }

  /** refresh-client: the status line expanded and drawn again, or the whole terminal from scratch. */
  refresh(statusOnly: boolean): void {
    this.statusText = {};
    if (statusOnly) this.redrawStatus();
    else this.invalidate();
  }

  /** refresh-client -l: its terminal's clipboard asked for (clipboard-query.ts). */
  private readonly clipboard = new ClipboardQuery({
    send: (seq) => this.send(seq),
    buffer: (text) => this.server.buffers.add(text),
    pane: (id, reply) => this.server.model.panes.get(id)?.write(reply),
  });

  /** refresh-client -l: ask the terminal for its clipboard, for a new paste buffer or (`pane`) for that pane's program; not while it is handed back. */
  queryClipboard(pane?: number): void {
    if (this.gone || this.suspended || !this.terminal.started) return;
    this.clipboard.ask(pane);
  }

  /** The terminal's OSC 52 answer (input-queue.ts takes it out of the keys). */
  clipboardReply(raw: string): void {
    this.clipboard.answer(raw);
  }

  /** Where refresh-client -L/-R/-U/-D put the part shown of a window bigger than the client (tmux's pan_window, pan_ox, pan_oy). */
  private pan: (Pan & { window: Window }) | null = null;

  /** The part of its current window the client shows (window-view.ts): a pan kept only while it is on that window and the window is bigger. */
  windowView(): WindowView {
    const w = this.session?.current;
    const rows = this.paneAreaRows();
    if (!w) return wholeView(this.cols, rows);
    // The common case first, without looking for the cursor: the window fits.
    if (this.cols >= w.cols && rows >= w.rows) {
      this.pan = null;
      return wholeView(w.cols, w.rows);
    }
    const pan = this.pan?.window === w ? this.pan : null;
    const out = windowView({ cols: this.cols, rows, wcols: w.cols, wrows: w.rows, cursor: pan ? null : windowCursor(w), pan });
    this.pan = out.pan ? { ...out.pan, window: w } : null;
    return out.view;
  }

  /** refresh-client -L/-R/-U/-D `n`: move the part shown; -c (`c`): follow the cursor again. Drawn again from scratch, as tmux. */
  panView(dir: PanDirection | 'c', n: number): void {
    const w = this.session?.current;
    if (dir === 'c' || !w) this.pan = null;
    else {
      const view = this.windowView();
      this.pan = { ...panView(view, this.pan, dir, n, w.cols, w.rows), window: w };
    }
    this.statusText = {};
    this.invalidate();
  }

  /** Forget what the terminal shows, so the next frame repaints everything. */
  invalidate(): void {
    this.writer.invalidate();
    this.redraw();
  }
}
