/*
 * An attached client, server side: the user's keystrokes in, screen updates out —
 * through the client's terminal itself or the client's socket (client/terminal.ts).
 *
 * Input: raw bytes → InputDecoder events, queued in order (client/input-queue.ts, which
 * writes runs of unbound keys and pastes to the active pane itself) → here: an open
 * prompt/list/confirm takes them → prefix and root key tables → else the active pane.
 * Mouse clicks focus panes, the wheel scrolls history unless the program asked for mouse
 * events. lock-after-time is client/lock-timer.ts.
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
import { featuresOf } from './features.js';
import { ComposedScreen } from './composed-screen.js';
import { handleMouse } from './mouse.js';
import { expandFor } from '../format-vars.js';
import { InputQueue, writeKey } from './input-queue.js';
import { LockTimer } from './lock-timer.js';
import type { ClientMode } from './modes.js';
import { enterCopyMode, exitCopyMode } from '../copy/mode.js';

/**
 * Input read in one piece longer than this is pasted, not typed (a keystroke is 1–30
 * chars): its echo is drawn at the frame pace like any output, not at once. Drawing at
 * once per piece drew ~500 frames for a 1 MB paste, half the server's time.
 */
const TYPED_MAX = 256;

const ENTER_SEQ = '\x1b[?1049h\x1b[H\x1b[2J\x1b[?2004h';
const MOUSE_ON = '\x1b[?1000h\x1b[?1002h\x1b[?1006h';
const MOUSE_OFF = '\x1b[?1006l\x1b[?1002l\x1b[?1000l';
/** Focus reporting (focus-events): the terminal sends ESC [ I and ESC [ O. */
const FOCUS_ON = '\x1b[?1004h';
const FOCUS_OFF = '\x1b[?1004l';
const LEAVE_SEQ = `${MOUSE_OFF}${FOCUS_OFF}\x1b[?2004l\x1b[0m\x1b[?25h\x1b[?1049l`;
/** Under a lock command: the alternate screen, cleared with its scrollback (tmux's smcup, clear, E3). */
const LOCK_SCREEN = '\x1b[?1049h\x1b[H\x1b[2J\x1b[3J';

export class Client {
  session: Session | null;
  cols: number;
  rows: number;
  /** The key table the next key is looked up in (set to the default one at attach). */
  keyTable = 'root';
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
  /** Where the status line drew each window's name (for mouse clicks). */
  statusLayout: { windows: Array<{ index: number; x: number; cols: number }> } | null = null;
  /** The composed screen, kept between frames (composed-screen.ts). */
  screen: ComposedScreen;
  private readonly writer: ScreenWriter;
  private readonly text = new StringDecoder('utf8');
  /** Its input: decoded, queued, written to panes or handled (input-queue.ts). */
  private readonly inputs = new InputQueue(this);
  /** lock-after-time (lock-timer.ts). */
  private readonly lockTimer = new LockTimer(this);
  private repeatTimer: NodeJS.Timeout | null = null;
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
  ) {
    this.session = session;
    this.readOnly = conn.peerReadOnly;
    this.keyTable = this.keyTableDefault = this.defaultKeyTable;
    this.cols = hello.cols;
    this.rows = hello.rows;
    this.screen = new ComposedScreen(this.cols, this.rows);
    this.writer = new ScreenWriter(this.cols, this.rows);
    session.lastUsed = Date.now();
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
    this.unsubscribeOptions = server.model.events.on('options-changed', () => {
      this.lockTimer.schedule();
      // A new key-table puts the client in it (tmux resets every client's table when it is set).
      const table = this.defaultKeyTable;
      if (table !== this.keyTableDefault) this.keyTable = this.keyTableDefault = table;
    });
    this.lockTimer.schedule();
    conn.send(MsgType.Attached, { session: session.name, direct: this.terminal.direct });
    server.clientActive(this);
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
    this.send(ENTER_SEQ);
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
      if (ok(m.cols) && ok(m.rows)) this.resize(m.cols as number, m.rows as number);
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
      await handleMouse(this, ev);
      return;
    }
    const pane = this.activePane;
    if (ev.type !== 'key') {
      if (pane && !pane.copyMode) pane.write(ev.raw);
      return;
    }
    await this.handleKey(ev.key, ev.raw);
  }

  /** The table a client goes back to after the prefix or a table of switch-client -T: the session's key-table, else root. */
  get defaultKeyTable(): string {
    return (this.server.options.get('key-table', this.at) as string) || 'root';
  }

  private async handleKey(key: string, raw: string): Promise<void> {
    const { keys, options } = this.server;
    const root = this.defaultKeyTable;
    if (this.keyTable !== root && this.keyTable !== 'prefix') {
      // A table entered with switch-client -T: one key is looked up there, then back to
      // root; an unbound key ends the table and goes nowhere (tmux 3.3).
      const table = this.keyTable;
      this.keyTable = root;
      const b = keys.lookup(table, key);
      if (b) await this.runBinding(b.command);
      return;
    }
    if (this.keyTable === 'prefix') {
      const wasRepeating = this.repeatTimer !== null;
      this.endRepeat();
      this.keyTable = root;
      const b = keys.lookup('prefix', key);
      if (b && (!wasRepeating || b.repeat)) {
        if (b.repeat) this.startRepeat();
        await this.runBinding(b.command);
        return;
      }
      if (!wasRepeating) return; // unbound key after the prefix: ignored, as tmux does
    }
    if (key === options.get('prefix', this.at) || (options.get('prefix2', this.at) && key === options.get('prefix2', this.at))) {
      this.keyTable = 'prefix';
      return;
    }
    if (this.readOnly) {
      // Its keys only look up bindings (which run if read-only commands); none reaches a pane.
      const b = keys.lookup('root', key);
      if (b) await this.runBinding(b.command);
      return;
    }
    const pane = this.activePane;
    if (pane?.clockMode) {
      // Any key ends clock mode, and does nothing else (as in tmux).
      this.server.model.setClockMode(pane, false);
      return;
    }
    if (pane?.copyMode) {
      const table = options.get('mode-keys', this.at) === 'emacs' ? 'copy-mode' : 'copy-mode-vi';
      const b = keys.lookup(table, key);
      if (b) await this.runBinding(b.command); // an unbound key does nothing, as in tmux
      this.redraw();
      return;
    }
    const b = keys.lookup(root, key);
    if (b) {
      await this.runBinding(b.command);
      return;
    }
    if (pane && this.session) writeKey(this.server, this.session.current, pane, key, raw);
  }

  private startRepeat(): void {
    this.keyTable = 'prefix';
    this.repeatTimer = setTimeout(() => {
      this.repeatTimer = null;
      this.keyTable = this.defaultKeyTable;
    }, this.server.options.get('repeat-time', this.at) as number);
  }

  private endRepeat(): void {
    if (this.repeatTimer) clearTimeout(this.repeatTimer);
    this.repeatTimer = null;
  }

  /** The context commands run in when this client's user triggers them. */
  commandContext(out: string[]) {
    return {
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
  async runBinding(command: string): Promise<void> {
    const out: string[] = [];
    await this.conn.runner.runString(this.commandContext(out), command);
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

  enterCopyMode(pane: Pane, opts: { exitAtBottom?: boolean; pageUp?: boolean } = {}): void {
    this.server.model.setClockMode(pane, false);
    enterCopyMode(pane, opts);
    this.server.model.paneDisplayChanged(pane);
  }

  exitCopyMode(pane: Pane): void {
    exitCopyMode(pane);
    this.server.model.paneDisplayChanged(pane);
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
    s.lastUsed = Date.now();
    if (old && old !== s) {
      this.server.resizeSession(old);
      this.previousSession = old;
    }
    this.server.clientActive(this);
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
    this.terminal.suspend(lockCommand === undefined ? LEAVE_SEQ : LEAVE_SEQ + LOCK_SCREEN, lockCommand === undefined ? {} : { lock: lockCommand });
  }

  /** Leave the session: restore the user's terminal and tell the client process to exit. */
  detach(message: string, code: number, hangup = false): void {
    if (this.gone) return;
    this.terminal.finish(LEAVE_SEQ, message, code, hangup);
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
    for (const t of [this.repeatTimer, this.message?.timer]) if (t) clearTimeout(t);
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
    this.send(`\x1b]0;${title}\x07`);
  }

  /** Focus reporting on in the terminal while focus-events is on (tmux asks at attach; ccmux also when it changes). */
  private syncFocusReports(): void {
    const want = this.server.options.get('focus-events') as boolean;
    if (want !== this.focusOn) {
      this.focusOn = want;
      this.send(want ? FOCUS_ON : FOCUS_OFF);
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

  /** The options the terminal's features were last read from (terminal-features, synchronized-output). */
  private featuresFrom = '';

  /** Tell the writer what this client's terminal understands, when the options change. */
  private syncFeatures(): void {
    const entries = this.server.options.get('terminal-features', this.at) as string[];
    const sync = this.server.options.get('synchronized-output', this.at) as boolean;
    const key = `${sync}\0${entries.join('\0')}`;
    if (key === this.featuresFrom) return;
    this.featuresFrom = key;
    this.writer.setFeatures(featuresOf(entries, this.hello.env.TERM, sync));
  }

  /** One frame (the pacer says when): the screen composed, the difference sent. */
  private draw(frame: FrameReuse): void {
    this.syncMouse();
    this.syncFocusReports();
    this.syncFeatures();
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

  /** Forget what the terminal shows, so the next frame repaints everything. */
  invalidate(): void {
    this.writer.invalidate();
    this.redraw();
  }
}
