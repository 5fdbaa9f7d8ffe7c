/*
 * An attached client, server side: the user's keystrokes in, screen updates out —
 * through the client's terminal itself or the client's socket (client/terminal.ts).
 *
 * Input: raw bytes → InputDecoder events → (an open prompt/list/confirm takes them) →
 * prefix and root key tables → else passed to the active pane unchanged. Mouse clicks
 * focus panes, the wheel scrolls history unless the program asked for mouse events.
 * Events are handled one at a time, in order; a run of them that all go to the active
 * pane unchanged (typed text, a paste as it streams in: what is not bound) is written
 * with one write, so 1 MB of pasted text is not a million writes.
 *
 * Output: anything that changes what this client shows asks its FramePacer
 * (frame-pacer.ts) for a frame; the pacer decides when (coalesced to a frame gap, the
 * echo of a key at once, nothing while the terminal is backed up) and calls `draw`,
 * which composes the screen (composed-screen.ts: what changed since the last frame, or
 * everything after `redraw()`, compose.ts) and sends the difference (ScreenWriter).
 */
import { sessionAfterEnd } from '../session-end.js';
import { clientName } from '../message-log.js';
import { StringDecoder } from 'node:string_decoder';
import { ClientTerminal, type ClientLink } from './terminal.js';
import { InputDecoder, type InputEvent } from '../../core/input-decoder.js';
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
const LEAVE_SEQ = `${MOUSE_OFF}\x1b[?2004l\x1b[0m\x1b[?25h\x1b[?1049l`;
/** Under a lock command: the alternate screen, cleared with its scrollback (tmux's smcup, clear, E3). */
const LOCK_SCREEN = '\x1b[?1049h\x1b[H\x1b[2J\x1b[3J';

/**
 * An unmodified cursor key as a program in application cursor mode (DECCKM, which vim, less
 * and htop turn on) expects it: SS3 instead of CSI, as xterm sends it. The user's terminal
 * never sees that mode (ccmux draws the screen), so it always sends the CSI form.
 */
function appCursorKey(raw: string): string {
  return /^\x1b\[[ABCDHF]$/.test(raw) ? `\x1bO${raw[2]}` : raw;
}

export class Client {
  session: Session | null;
  cols: number;
  rows: number;
  /** The key table the next key is looked up in. */
  keyTable = 'root';
  readonly createdAt = Date.now();
  activity = Date.now();
  focused = true;
  /** An open prompt, confirmation or list drawn over the screen. */
  mode: ClientMode | null = null;
  /** A message over the status line; without a timer (display-time 0) it stays until a key, unless keepOnKey (display-message -N). */
  message: { text: string; timer: NodeJS.Timeout | null; keepOnKey?: boolean } | null = null;
  /** status-left and status-right as last expanded, for reuse (reuse.ts; client/compose.ts). */
  statusText: Partial<Record<'left' | 'right', { key: string; text: string; runs: Segment[]; at: number }>> = {};
  /** Where the status line drew each window's name (for mouse clicks). */
  statusLayout: { windows: Array<{ index: number; x: number; cols: number }> } | null = null;
  /** The composed screen, kept between frames (composed-screen.ts). */
  screen: ComposedScreen;
  private readonly writer: ScreenWriter;
  private readonly decoder = new InputDecoder();
  private readonly text = new StringDecoder('utf8');
  private escTimer: NodeJS.Timeout | null = null;
  private repeatTimer: NodeJS.Timeout | null = null;
  /** When this client draws (frame-pacer.ts). */
  private readonly pacer: FramePacer;
  private mouseOn = false;
  private gone = false;
  /** Input events not handled yet, from `inputHead` on; `pumping` while they are being handled. */
  private inputQueue: InputEvent[] = [];
  private inputHead = 0;
  private pumping = false;
  /** The paste streaming in (from its first piece to its last): where it goes and whether with its markers. */
  private paste: { pane: Pane | null; bracketed: boolean } | null = null;

  constructor(
    readonly server: Server,
    readonly conn: ClientLink,
    readonly hello: HelloMsg,
    session: Session,
  ) {
    this.session = session;
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
    this.unsubscribeOptions = server.model.events.on('options-changed', () => this.scheduleLock());
    this.scheduleLock();
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
    this.redraw();
  }

  /** Rows available to panes: the client's rows less the status line. */
  paneAreaRows(): number {
    return Math.max(1, this.rows - (this.server.options.get('status', this.at) ? 1 : 0));
  }

  private send(data: string): void {
    this.terminal.write(data);
  }

  /** Bytes for the user's terminal that change nothing on screen (bell, notifications). */
  sendRaw(data: string): void {
    if (!this.gone) this.send(data);
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
      else this.scheduleLock();
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
    if (this.escTimer) clearTimeout(this.escTimer);
    this.escTimer = null;
    this.dispatch(this.decoder.feed(data));
    if (this.decoder.hasPending()) {
      const ms = this.server.options.get('escape-time', this.at) as number;
      this.escTimer = setTimeout(() => {
        this.escTimer = null;
        this.dispatch(this.decoder.flush());
      }, ms);
    }
  }

  /** Events are handled strictly in order, even when a bound command is asynchronous. */
  private dispatch(events: InputEvent[]): void {
    if (events.length === 0) return;
    for (const ev of events) this.inputQueue.push(ev);
    if (this.pumping) return;
    // Typed text for the active pane, the common case, is written now: no promise, no tick.
    while (this.writeRun());
    if (this.inputHead < this.inputQueue.length) void this.pump();
    else {
      this.inputQueue = [];
      this.inputHead = 0;
    }
  }

  /** Handle queued events in order: runs for the active pane in one write each, the rest one by one. */
  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      while (this.inputHead < this.inputQueue.length) {
        if (this.writeRun()) continue;
        const ev = this.inputQueue[this.inputHead++];
        try {
          await this.handleEvent(ev);
        } catch (err) {
          this.server.log.error({ err }, 'input handling failed');
        }
      }
    } finally {
      this.inputQueue = [];
      this.inputHead = 0;
      this.pumping = false;
    }
  }

  /**
   * Take the run of queued events that go to one pane unchanged — unbound keys and other
   * sequences for the active pane, pieces of a paste — and write them at once. False when the
   * next event is not one (a binding, a mode, the prefix, a mouse event …): handleEvent decides.
   * The same decisions handleEvent would make one event at a time; nothing in such a run can
   * change them (no binding runs in it).
   */
  private writeRun(): boolean {
    if (this.gone || !this.session || this.mode) return false;
    const start = this.inputHead;
    const { keys, options } = this.server;
    const prefixes = [options.get('prefix', this.at), options.get('prefix2', this.at)].filter(Boolean);
    const unbound = (key: string) => !prefixes.includes(key) && !keys.lookup('root', key);
    const parts: string[] = [];
    let to: Pane | null = null;
    while (this.inputHead < this.inputQueue.length) {
      const ev = this.inputQueue[this.inputHead];
      let pane: Pane | null;
      let bytes: string;
      if (ev.type === 'paste') {
        const p = this.pasteTarget(ev);
        if (ev.last) this.paste = null;
        pane = p.pane;
        bytes = p.bracketed ? ev.raw : ev.text;
      } else {
        const pane0 = this.passThroughPane(ev, unbound);
        if (!pane0) break;
        pane = pane0;
        bytes = ev.type === 'key' && pane.term.modes.applicationCursorKeysMode ? appCursorKey(ev.raw) : ev.raw;
        if (this.message && ev.type === 'key' && !this.message.keepOnKey) this.clearMessage();
      }
      if (to && pane !== to) {
        to.write(parts.join(''));
        parts.length = 0;
      }
      to = pane;
      if (pane) parts.push(bytes);
      this.inputHead++;
    }
    if (to && parts.length) to.write(parts.join(''));
    return this.inputHead > start;
  }

  /** Where the paste `ev` is a piece of goes: decided at its first piece (the active pane, unless in copy mode). */
  private pasteTarget(ev: Extract<InputEvent, { type: 'paste' }>): { pane: Pane | null; bracketed: boolean } {
    if (ev.first || !this.paste) {
      const pane = this.activePane;
      const open = pane && !pane.copyMode && !pane.clockMode ? pane : null;
      this.paste = { pane: open, bracketed: open?.term.modes.bracketedPasteMode ?? false };
      // A piece of a paste that began elsewhere (in a prompt closed since): its text only, no markers.
      if (!ev.first) this.paste.bracketed = false;
    }
    return this.paste;
  }

  /**
   * The pane `ev` goes to unchanged, when it does: a key `unbound` says is neither a prefix nor
   * bound in the root table, or a sequence we do not read, for the active pane.
   */
  private passThroughPane(ev: InputEvent, unbound: (key: string) => boolean): Pane | null {
    if (this.keyTable !== 'root') return null;
    const pane = this.activePane;
    if (!pane || pane.copyMode || pane.clockMode) return null;
    if (ev.type === 'unknown') return pane;
    return ev.type === 'key' && unbound(ev.key) ? pane : null;
  }

  get activePane(): Pane | undefined {
    return this.session?.current.activePane;
  }

  /** Where this client's options are looked up: its session, current window and pane. */
  get at(): OptionLayers {
    const s = this.session;
    return s ? { session: s, window: s.current, pane: s.current.activePane } : {};
  }

  private async handleEvent(ev: InputEvent): Promise<void> {
    if (this.gone || !this.session) return;
    if (this.message && ev.type === 'key' && !this.message.keepOnKey) this.clearMessage();
    if (this.mode && !this.mode.passes?.(ev)) {
      if (ev.type === 'paste' && ev.last) this.paste = null;
      await this.mode.handle(ev, this);
      return;
    }
    if (ev.type === 'mouse') {
      await handleMouse(this, ev);
      return;
    }
    const pane = this.activePane;
    if (ev.type === 'focus') {
      this.focused = ev.raw === '\x1b[I';
      if (pane && pane.term.modes.sendFocusMode) pane.write(ev.raw);
      return;
    }
    if (ev.type !== 'key') {
      if (pane && !pane.copyMode) pane.write(ev.raw);
      return;
    }
    await this.handleKey(ev.key, ev.raw);
  }

  private async handleKey(key: string, raw: string): Promise<void> {
    const { keys, options } = this.server;
    if (this.keyTable !== 'root' && this.keyTable !== 'prefix') {
      // A table entered with switch-client -T: one key is looked up there, then back to
      // root; an unbound key ends the table and goes nowhere (tmux 3.3).
      const table = this.keyTable;
      this.keyTable = 'root';
      const b = keys.lookup(table, key);
      if (b) await this.runBinding(b.command);
      return;
    }
    if (this.keyTable === 'prefix') {
      const wasRepeating = this.repeatTimer !== null;
      this.endRepeat();
      this.keyTable = 'root';
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
    const b = keys.lookup('root', key);
    if (b) {
      await this.runBinding(b.command);
      return;
    }
    pane?.write(pane.term.modes.applicationCursorKeysMode ? appCursorKey(raw) : raw);
  }

  private startRepeat(): void {
    this.keyTable = 'prefix';
    this.repeatTimer = setTimeout(() => {
      this.repeatTimer = null;
      this.keyTable = 'root';
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

  showMessage(text: string, o: { ms?: number; keepOnKey?: boolean } = {}): void {
    this.server.messages.add(`${clientName(this.hello)} message: ${text}`);
    if (this.message?.timer) clearTimeout(this.message.timer);
    const ms = o.ms ?? (this.server.options.get('display-time', this.at) as number);
    this.message = { text, timer: ms > 0 ? setTimeout(() => this.clearMessage(), ms) : null, ...(o.keepOnKey ? { keepOnKey: true } : {}) };
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
  private lockTimer: NodeJS.Timeout | null = null;
  private unsubscribeOptions: (() => void) | null = null;

  /**
   * lock-after-time: lock this client's session (every client of it runs lock-command)
   * once none of them has had a key for that many seconds: when it is due, it looks at
   * their last keys and sets itself again if one came since. Set at attach, a resume and
   * an options change; nothing is scheduled while the option is 0.
   */
  private scheduleLock(): void {
    if (this.lockTimer) clearTimeout(this.lockTimer);
    this.lockTimer = null;
    const secs = this.server.options.get('lock-after-time', this.at) as number;
    if (!secs || this.gone || !this.session) return;
    const ofSession = () => [...this.server.clients].filter((c) => c.session === this.session);
    const idleFor = () => Date.now() - Math.max(...ofSession().map((c) => c.activity));
    this.lockTimer = setTimeout(() => {
      this.lockTimer = null;
      if (this.gone || !this.session) return;
      if (idleFor() < secs * 1000) return this.scheduleLock();
      const command = this.server.options.get('lock-command', this.at) as string;
      for (const c of ofSession()) c.suspend(command);
    }, Math.max(0, secs * 1000 - idleFor()));
    this.lockTimer.unref();
  }

  suspend(lockCommand?: string): void {
    if (this.gone || this.suspended || !this.terminal.started) return;
    this.suspended = true;
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
    if (this.lockTimer) clearTimeout(this.lockTimer);
    this.unsubscribeOptions?.();
    this.terminal.close();
    for (const t of [this.escTimer, this.repeatTimer, this.message?.timer]) if (t) clearTimeout(t);
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
    this.syncFeatures();
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
