/*
 * A control-mode client (`ccmux -C`, `-CC`): tmux's text protocol instead of a screen.
 *
 *   socket INPUT bytes → lines → each line's commands, one at a time, each framed
 *                        %begin … %end/%error (control-lines.ts)
 *   the model's events → notifications (control-notify.ts), after the command that
 *                        caused them, as tmux queues them behind the command
 *   pane bytes         → %output lines for panes of its session
 *   everything         → ControlOutputQueue → OUTPUT frames, only as fast as the socket
 *                        drains; too slow a reader is paused or detached, never waited for
 *
 * It is an AttachedClient to the rest of the server (commands see it as `ctx.client`),
 * with nothing to draw: display-message without -p shows nothing, as tmux's status line
 * for a control client; a command that would open a mode over the screen (a prompt, a
 * list) fails with an error saying so. Its size counts for its session's windows only
 * once `refresh-client -C` gave one (tmux's CLIENT_SIZECHANGED).
 */
import { sessionAfterEnd } from '../session-end.js';
import { MsgType, type HelloMsg } from '../../protocol/frames.js';
import { guardLine, LineSplitter, parseSubscription, type ControlFlags, type PaneAction } from '../../protocol/control-lines.js';
import { parseCommandString, quoteCommands, CommandParseError } from '../../core/parse-command.js';
import { CommandError } from '../../core/errors.js';
import type { Server } from '../server.js';
import type { Pane } from '../pane.js';
import type { Session } from '../window.js';
import type { OptionLayers } from '../../config/local-options.js';
import type { AttachedClient, ClientMode, ControlInfo } from '../client/handle.js';
import type { ClientLink } from '../client/terminal.js';
import type { CommandContext } from '../command-context.js';
import { ControlOutputQueue } from './output-queue.js';
import { ControlNotifier } from './control-notify.js';
import { Subscriptions } from './subscriptions.js';

/** Output frames are written while the socket holds less than this (then: wait for 'drain'). */
const SOCKET_HIGH = 64 * 1024;
/** Bytes taken from the queue for one OUTPUT frame. */
const FRAME_BYTES = 16 * 1024;
/** While output waits on a full socket, its age is checked this often (pause-after is in seconds). */
const AGE_CHECK_MS = 250;
/** Command lines waiting to run, at most (a peer pasting a flood of lines is dropped, not held). */
const MAX_PENDING_LINES = 10_000;

/** Numbers commands as tmux's command queue does: one count for the whole server. */
let commandNumber = 0;

export class ControlClient implements AttachedClient {
  session: Session | null = null;
  previousSession: Session | undefined;
  keyTable = 'root';
  /** A control client types no keys: its table is root, whatever key-table says. */
  readonly defaultKeyTable = 'root';
  cols = 80;
  rows = 24;
  readonly control: ControlInfo;
  readonly queue = new ControlOutputQueue({ now: () => performance.now() });
  private readonly notifier: ControlNotifier;
  private readonly subscriptions: Subscriptions;
  private readonly splitter = new LineSplitter();
  private readonly lines: string[] = [];
  private running = false;
  private gone = false;
  /** Its session was destroyed: it exits once the command running (and what it caused) has been told. */
  private exitPending = false;
  private pumpScheduled = false;
  private waitingDrain = false;
  private ageTimer: NodeJS.Timeout | null = null;
  private readonly unsubscribe: Array<() => void> = [];

  constructor(
    readonly server: Server,
    readonly conn: ClientLink,
    readonly hello: HelloMsg,
    mode: 1 | 2,
  ) {
    this.control = { mode, sized: false, windowSizes: new Map() };
    this.readOnly = conn.peerReadOnly;
    this.notifier = new ControlNotifier(server, this, (line) => this.write(line));
    this.subscriptions = new Subscriptions(server, this, (line) => this.write(line));
    this.unsubscribe.push(
      server.model.events.on('pane-data', ({ pane, data }) => this.paneData(pane, data)),
      server.model.events.on('pane-closed', (p) => this.queue.forget(p.id)),
    );
    server.addClient(this);
  }

  /** Where its options are looked up: its session, current window and active pane. */
  get at(): OptionLayers {
    const s = this.session;
    return s ? { session: s, window: s.current, pane: s.current.activePane } : {};
  }

  get activePane(): Pane | undefined {
    return this.session?.current?.activePane;
  }

  paneAreaRows(): number {
    return this.rows; // a control client has no status line (tmux: resize.c)
  }

  // ---- running commands -------------------------------------------------------------------

  /**
   * The command ccmux -C was started with (new-session when none), each command framed
   * with flags 0. Resolves false when the client has no session after it: it then exits,
   * with 0 if the command succeeded (`ccmux -C ls`), 1 if not. A command line that does
   * not parse is one line saying why, and the client exits.
   */
  async start(argv: string[][]): Promise<boolean> {
    const commands = argv.length ? argv : [['new-session']];
    // As tmux's client, which parses it before sending: the error as a plain line, then %exit.
    const bad = this.conn.runner.checkTmux(quoteCommands(commands));
    if (bad !== null) {
      this.write(bad);
      this.leave('', 1);
      return false;
    }
    this.running = true;
    let ok = true;
    for (const cmd of commands) if (!(ok = await this.runFramed(cmd, 0))) break;
    this.running = false;
    this.notifier.flush();
    if (this.exitPending) this.leave('', 0);
    else if (!this.session && !this.gone) this.leave('', ok ? 0 : 1);
    else this.runLines();
    return this.session !== null;
  }

  /** Bytes from the client process: command lines. */
  input(data: Buffer): void {
    if (this.gone) return;
    this.activity = Date.now();
    let got: string[];
    try {
      got = this.splitter.push(data);
    } catch (err) {
      this.leave((err as Error).message, 1);
      return;
    }
    for (const line of got) {
      if (this.lines.length >= MAX_PENDING_LINES) {
        this.leave(`control mode: more than ${MAX_PENDING_LINES} command lines waiting`, 1);
        return;
      }
      this.lines.push(line);
    }
    this.runLines();
  }

  /** The client's input ended (EOF): as tmux, the client exits once what was sent has run. */
  inputEnded(): void {
    this.lines.push('');
    this.runLines();
  }

  private runLines(): void {
    if (this.running || this.gone || !this.session) return;
    void this.drainLines();
  }

  private async drainLines(): Promise<void> {
    this.running = true;
    try {
      while (this.lines.length && !this.gone) {
        const line = this.lines.shift()!;
        if (line === '') {
          this.leave('', 0); // an empty line detaches (tmux)
          return;
        }
        await this.runLine(line);
        this.notifier.flush();
        if (this.exitPending) {
          this.leave('', 0);
          return;
        }
      }
    } finally {
      this.running = false;
    }
  }

  /** One line: a parse error is one framed error; otherwise each command framed in turn, stopping at a failure. */
  private async runLine(line: string): Promise<void> {
    let commands: string[][];
    const bad = this.conn.runner.checkTmux(line);
    try {
      commands = bad === null ? parseCommandString(line) : [];
    } catch (err) {
      if (!(err instanceof CommandParseError)) throw err;
      commands = [];
    }
    if (bad !== null) {
      const n = ++commandNumber;
      const t = Math.floor(Date.now() / 1000);
      this.write(guardLine('begin', t, n, 1));
      this.write(`parse error: ${bad}`);
      this.write(guardLine('error', Math.floor(Date.now() / 1000), n, 1));
      return;
    }
    for (const argv of commands) if (!(await this.runFramed(argv, 1))) break;
  }

  /** Run one command between its guard lines; false when it failed. */
  private async runFramed(argv: string[], flags: 0 | 1): Promise<boolean> {
    const n = ++commandNumber;
    this.write(guardLine('begin', Math.floor(Date.now() / 1000), n, flags));
    let text = '';
    const ctx: CommandContext = {
      server: this.server,
      caller: this.hello,
      client: this,
      readOnly: this.readOnly,
      runner: this.conn.runner,
      out: (t) => (text += t),
      err: (t) => (text += t.endsWith('\n') ? t : t + '\n'),
    };
    let ok: boolean;
    try {
      ok = await this.conn.runner.runArgv(ctx, argv);
    } catch (err) {
      this.server.log.error({ err, argv }, 'control command failed');
      text += `internal error: ${(err as Error).message}\n`;
      ok = false;
    }
    if (text) for (const l of text.replace(/\n$/, '').split('\n')) this.write(l);
    this.write(guardLine(ok ? 'end' : 'error', Math.floor(Date.now() / 1000), n, flags));
    return ok;
  }

  /** A notification to send: held while a command of this client runs (tmux sends them after its %end). */
  get holding(): boolean {
    return this.running;
  }

  // ---- what refresh-client sets -----------------------------------------------------------

  /** refresh-client -C: the client's size, which from now on counts for its session's windows. */
  setSize(cols: number, rows: number): void {
    this.cols = cols;
    this.rows = rows;
    this.control.sized = true;
    if (this.session) this.server.resizeSession(this.session);
  }

  /** refresh-client -C @N:WxH (a size for window N only), or @N: (none again), as tmux's client windows. */
  setWindowSize(id: number, size: { cols: number; rows: number } | undefined): void {
    if (size) this.control.windowSizes.set(id, size);
    else this.control.windowSizes.delete(id);
    for (const s of this.server.model.sessions) {
      const w = s.windows.find((x) => x.id === id);
      if (w) this.server.resizeForClients(w);
    }
  }

  /** refresh-client -f. */
  setFlags(f: ControlFlags): void {
    if (f.noOutput !== undefined) this.queue.setNoOutput(f.noOutput);
    if ('pauseAfter' in f) this.queue.pauseAfterMs = f.pauseAfter === undefined ? undefined : f.pauseAfter * 1000;
  }

  /** The flags as refresh-client -f would set them (client_flags). */
  flagText(): string {
    const out = [];
    if (this.queue.noOutput) out.push('no-output');
    if (this.queue.pauseAfterMs !== undefined) out.push(`pause-after=${this.queue.pauseAfterMs / 1000}`);
    return out.join(',');
  }

  /** refresh-client -A %N:action. */
  paneAction(pane: number, action: PaneAction): void {
    this.queue.paneAction(pane, action);
    this.schedulePump();
  }

  /** refresh-client -B: add, replace or drop a format subscription. */
  subscribe(text: string): void {
    const sub = parseSubscription(text);
    if (sub.remove) this.subscriptions.remove(sub.name);
    else if (!this.subscriptions.add(sub.name, sub.target, sub.format)) throw new CommandError(`too many subscriptions (${text})`);
  }

  // ---- output -------------------------------------------------------------------------------

  private paneData(pane: Pane, data: Buffer): void {
    if (this.gone || !this.session) return;
    const w = this.server.model.windowOf(pane);
    if (!w || !this.session.windows.includes(w)) return;
    this.queue.output(pane.id, data);
    this.schedulePump();
  }

  private write(line: string): void {
    if (this.gone) return;
    this.queue.line(line);
    this.schedulePump();
  }

  private schedulePump(): void {
    if (this.pumpScheduled || this.waitingDrain) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  /** Write what the socket has room for; wait for 'drain' (checking ages meanwhile) for the rest. */
  private pump(): void {
    if (this.gone) return;
    const socket = this.conn.socket;
    while (socket.writableLength < SOCKET_HIGH) {
      const chunk = this.queue.take(FRAME_BYTES);
      if (!chunk) break;
      this.conn.send(MsgType.Output, chunk);
    }
    if (this.queue.tooFarBehind) {
      this.leave('too far behind', 0);
      return;
    }
    if (this.queue.empty || this.waitingDrain) return;
    this.waitingDrain = true;
    const resume = () => {
      this.waitingDrain = false;
      if (this.ageTimer) clearInterval(this.ageTimer);
      this.ageTimer = null;
      this.pump();
    };
    socket.once('drain', resume);
    this.ageTimer = setInterval(() => {
      this.queue.checkAges();
      if (this.queue.tooFarBehind) {
        socket.off('drain', resume);
        this.waitingDrain = false;
        this.leave('too far behind', 0);
      }
    }, AGE_CHECK_MS);
  }

  // ---- the ClientHandle side ------------------------------------------------------------------

  switchTo(s: Session): void {
    const old = this.session;
    this.session = s;
    s.lastUsed = Date.now();
    // tmux tells of the switch first and of the windows it resizes after.
    this.server.clientSessionChanged(this);
    if (old && old !== s) {
      this.previousSession = old;
      this.server.resizeSession(old);
    }
    this.server.resizeSession(s);
  }

  /** Its session ended: as detach-on-destroy says, it switches (session-end.ts) or exits, as detach() says. */
  sessionDestroyed(): void {
    const next = this.session && sessionAfterEnd(this.server, this.session);
    if (next) this.switchTo(next);
    else this.detach('', 0);
  }

  /**
   * Detached (detach-client, its session ended, the server exiting): `%exit` with no
   * reason, as tmux's control client prints it for each — after the command that caused
   * it has printed its %end and the notifications it raised, as tmux.
   */
  detach(_message: string, code: number): void {
    if (this.gone || this.exitPending) return;
    this.exitPending = true;
    if (this.running) return;
    queueMicrotask(() => this.leave('', code));
  }

  /**
   * Leave: what is queued goes out, then the client process is told to print `%exit`
   * (with `reason`, if any: "too far behind", or what was wrong with its input).
   */
  private leave(reason: string, code: number): void {
    if (this.gone) return;
    if (reason !== 'too far behind') this.notifier.flush();
    const rest = reason === 'too far behind' ? null : this.queue.take(Infinity);
    this.close();
    if (rest) this.conn.send(MsgType.Output, rest);
    this.conn.send(MsgType.Detached, { message: reason, code });
    this.conn.socket.end();
  }

  /** The connection closed. */
  disconnected(): void {
    this.close();
  }

  private close(): void {
    if (this.gone) return;
    this.gone = true;
    if (this.ageTimer) clearInterval(this.ageTimer);
    this.notifier.dispose();
    this.subscriptions.dispose();
    for (const u of this.unsubscribe) u();
    this.server.removeClient(this);
    this.session = null;
  }

  /** Output reaches a control client as bytes (pane-data), not as a screen to draw. */
  paneOutput(): void {}
  /** A control client has no screen: nothing to draw again. */
  redraw(): void {}
  redrawStatus(): void {}
  /** No status line to show a message on (tmux's status_message_set shows nothing to a control client). */
  showMessage(): void {}
  /** Bytes for a terminal (bells, OSC 52) have no terminal to go to. */
  sendRaw(): void {}
  setClipboard(): void {}
  /** No terminal, no features (tmux's client_termfeatures is empty for a control client). */
  readonly termFeatures: readonly string[] = [];

  /** Nothing is ever open over a control client's (absent) screen. */
  readonly mode: ClientMode | null = null;
  /** When it attached and when it last sent a line (client_created, client_activity). */
  readonly createdAt = Date.now();
  activity = Date.now();
  /** Control clients have no terminal focus to lose, and are never suspended (tmux ignores suspend-client for them). */
  readonly focused = true;
  /** From the access list when it connected (server-access -r), attach -r. */
  readOnly = false;
  /** attach -f ignore-size, refresh-client -f ignore-size: see ClientHandle. */
  ignoreSize = false;

  get peerUid(): number {
    return this.conn.peerUid;
  }
  readonly suspended = false;
  suspend(): void {}

  openMode(mode: ClientMode): void {
    void mode;
    throw new CommandError('a control client has no screen to open this on');
  }

  closeMode(): void {}
  /** Nothing is drawn for a control client. */
  refresh(): void {}

  /** A command string run for this client (if-shell, run-shell): each command framed, flags 0, as tmux. */
  async runBinding(command: string): Promise<void> {
    let commands: string[][];
    try {
      commands = parseCommandString(command);
    } catch (err) {
      if (!(err instanceof CommandParseError)) throw err;
      const n = ++commandNumber;
      this.write(guardLine('begin', Math.floor(Date.now() / 1000), n, 0));
      this.write(`parse error: ${err.message}`);
      this.write(guardLine('error', Math.floor(Date.now() / 1000), n, 0));
      return;
    }
    for (const argv of commands) if (!(await this.runFramed(argv, 0))) break;
    this.notifier.flush();
  }
}
