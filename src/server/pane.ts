/*
 * A pane: one program on one pty, and the @xterm/headless terminal that program draws
 * into. The server renders clients from these terminals (never from the raw byte
 * stream), which is what makes detach/reattach and several clients cheap.
 *
 * Output path (hot): pty data (bytes: xterm decodes the UTF-8 itself, see pty-host.ts)
 * -> parsed synchronously into the terminal -> the owner is told the pane changed (it
 * coalesces renders). Parsing synchronously keeps the screen and the bytes in step, so
 * a render never shows half-applied state and a keystroke's echo can be drawn in the
 * same tick it arrives.
 */
import { PaneCursor } from './pane-cursor.js';
import { ProgramPalette } from './pane-osc-palette.js';
import { PaneKeyMode } from './extended-keys.js';
import type { PanePipe } from './pane-pipe.js';
import type { ClockMode } from './clock-mode.js';
import { LIMITS, boundText } from '../core/limits.js';
import { OUTSIDE_FRAME, type Reuse } from './reuse.js';
import { PaneCanvas } from '../render/pane-canvas.js';
import fs from 'node:fs';
import { createTerminal, mouseEncoding, writeSync, type HeadlessTerminal } from '../render/xterm.js';
import type { PtyData, PtyProcess, PtySpawner } from './pty-host.js';
import type { CopyMode } from './copy/mode.js';
import { PaneHistory } from './history/pane-history.js';
import { applyScreenOptions } from './pane-screen-options.js';
import { RenameSequences } from './rename-sequence.js';
import { PassthroughSequences } from './passthrough-sequence.js';
import { LocalOptions } from '../config/local-options.js';
import type { Segment } from '../render/style.js';
import { pendingSequence } from '../core/pending-sequence.js';

let serverCmdline: string | undefined;

/**
 * Is `pid` still the server's own fork? forkpty() forks the server, then the child
 * chdirs and execs; until then its /proc cwd and comm are the server's ("/", "node"),
 * so a split made right after a spawn would otherwise start in "/".
 */
function isServerFork(pid: number): boolean {
  try {
    serverCmdline ??= fs.readFileSync('/proc/self/cmdline', 'utf8');
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8') === serverCmdline;
  } catch {
    return false;
  }
}
export type { HeadlessTerminal } from '../render/xterm.js';


export interface PaneLaunch {
  file: string;
  args: string[];
  /** The command it was given (split-window CMD, new-window -- argv …); none for the default shell or default-command (#{pane_start_command}). */
  command?: readonly string[];
  cwd: string;
  env: Record<string, string>;
  term: string;
}

export interface PaneEvents {
  output(pane: Pane): void;
  exit(pane: Pane): void;
  title?(pane: Pane): void;
  /** The program sent OSC 52 (the clipboard): its data, `c;BASE64` (pane-clipboard.ts decides). */
  clipboard?(pane: Pane, data: string): void;
  bell?(pane: Pane): void;
  /** `bytes` of output took `ms` to parse (for the read budget, read-budget.ts). */
  parsed?(pane: Pane, bytes: number, ms: number): void;
  /** The bytes of one read from the program, as it wrote them (after they were parsed). */
  read?(pane: Pane, data: Buffer): void;
  /** xterm threw while parsing the program's output (its own bug); the output goes on. */
  parseError?(pane: Pane, err: unknown): void;
  /** The program sent tmux's passthrough sequence, ESC P tmux; DATA ESC \\ (passthrough-sequence.ts); allow-passthrough decides. */
  passthrough?(pane: Pane, data: Buffer): void;
  /** The program sent screen's rename sequence, ESC k NAME ESC \\ (rename-sequence.ts); allow-rename decides. */
  rename?(pane: Pane, name: string): void;
  /** A window option as it applies to the pane now (alternate-screen: pane-screen-options.ts). */
  option?(pane: Pane, name: string): unknown;
}

export { createTerminal } from '../render/xterm.js';

/**
 * The longest a program's synchronized-output block (DEC mode 2026) holds back frames,
 * from the block's start: a program that never ends its block must not freeze the
 * screen. One second, as tmux 3.7's pane sync timer — far longer than a real frame takes
 * to write (milliseconds), short enough that a stuck block reads as a hiccup.
 */
export const SYNC_HOLD_MS = 1000;

export class Pane {
  readonly term: HeadlessTerminal;
  /** Lines that scrolled off, beyond xterm's short live scrollback (see history.ts). */
  readonly history: PaneHistory;
  private pty: PtyProcess | null = null;
  /** The program is running: set at start, cleared when it has exited (dispose() does not wait). */
  private running = false;
  private exitWaiters: Array<() => void> = [];
  title = '';
  exitStatus: { code: number; signal: number } | null = null;
  /** When its program exited (ms since the epoch; `#{pane_dead_time}`), null while it runs. */
  deadTime: number | null = null;
  /** What a spawn hook made the pane ("claude"), from its SpawnRequest; the window's default name. */
  kind: string | undefined;
  /** The argv the pane was asked to run (undefined: the default shell). */
  startArgv: string[] | undefined;
  /** Scrolling through history (prefix [ or the wheel); shared by every client, as in tmux. */
  copyMode: CopyMode | null = null;
  /** The escape sequence the output last ended inside (capture-pane -P), empty when none. */
  pendingInput: Buffer = Buffer.alloc(0);
  /** The visible screen as cells, repainted row by row as it changes (what frames copy). */
  readonly canvas: PaneCanvas;
  /** Text drawn in the border above the pane (Claude state marks). */
  borderTitle: string | Segment[] | undefined;
  readonly createdAt = Date.now();

  /** What the pane runs; respawn-pane gives it another. */
  launch: PaneLaunch;
  /** Pane options set with set-option -p (remain-on-exit), over the window's and the global ones. */
  readonly options = new LocalOptions();
  /** The ccmux-owned dir whose `tmux` is ccmux, first in the pane's PATH (tmux-shim). */
  tmuxShim: string | undefined;
  /** The big clock shown over it (clock-mode), if any. */
  clockMode: ClockMode | null = null;
  /** The pipe-pane command its output goes to, if any (`#{pane_pipe}`). */
  pipe: PanePipe | null = null;

  /** The mode it is in, by tmux's name ('' for none): pane-mode-changed and %pane-mode-changed follow it. */
  get modeName(): '' | 'copy-mode' | 'clock-mode' {
    return this.clockMode ? 'clock-mode' : this.copyMode ? 'copy-mode' : '';
  }

  constructor(
    readonly id: number,
    launch: PaneLaunch,
    cols: number,
    rows: number,
    historyLimit: number,
    private readonly events: PaneEvents,
  ) {
    this.launch = launch;
    this.term = createTerminal(cols, rows, PaneHistory.xtermScrollback(historyLimit));
    this.size = { cols: Math.max(1, cols), rows: Math.max(1, rows) };
    this.history = new PaneHistory(this.term, historyLimit);
    this.canvas = new PaneCanvas(this.term);
    this.term.onData((reply) => this.pty?.write(reply)); // answers to DA/DSR queries
    this.term.onTitleChange((t) => {
      // Bounded at the source: a program may set a title of any length (issue 13.2).
      this.title = boundText(t, LIMITS.title);
      this.events.title?.(this);
    });
    this.term.onBell(() => this.events.bell?.(this));
    this.term.parser.registerOscHandler(52, (data) => {
      this.events.clipboard?.(this, data);
      return true;
    });
    // Synchronized output: when the block began (xterm keeps only whether one is open).
    const sync = (on: boolean) => (params: (number | number[])[]) => {
      if (params.includes(2026)) this.syncUntil = on ? performance.now() + SYNC_HOLD_MS : 0;
      return false;
    };
    this.term.parser.registerCsiHandler({ prefix: '?', final: 'h' }, sync(true));
    this.term.parser.registerCsiHandler({ prefix: '?', final: 'l' }, sync(false));
    applyScreenOptions(this.term, (name) => this.events.option?.(this, name));
    this.cursor.watch(this.term);
    this.programPalette.watch(this.term, (p) => this.canvas.setProgramPalette(p), (n) => this.canvas.paletteColour(n), (r) => this.pty?.write(r));
    this.keyMode = new PaneKeyMode(() => this.events.option?.(this, 'extended-keys') === 'always');
    this.keyMode.watch(this.term);
  }

  /** Whether it gets extended keys (extended-keys.ts). */
  readonly keyMode: PaneKeyMode;

  /** The cursor style and colour its program set (pane-cursor.ts). */
  readonly cursor = new PaneCursor();
  /** The palette its program set with OSC 4 (pane-osc-palette.ts). */
  readonly programPalette = new ProgramPalette();

  /** ESC k NAME ESC \\ taken out of the output before xterm sees it. */
  private readonly renames = new RenameSequences();
  /** ESC P tmux; … ESC \\ taken out of the output before xterm sees it. */
  private readonly passthroughs = new PassthroughSequences();

  /** Until when (performance.now()) the open synchronized-output block holds frames back; 0: none. */
  private syncUntil = 0;

  /**
   * Until when frames showing this pane are held back (performance.now() time), or 0: the
   * program is inside a synchronized-output block (DEC 2026), so its screen is half drawn,
   * for at most SYNC_HOLD_MS from the block's start. RIS and DECSTR end the block (xterm
   * resets the mode), and so does a resize (as tmux: the program redraws after it anyway).
   */
  syncHeldUntil(now = performance.now()): number {
    if (this.syncUntil === 0) return 0;
    if (this.syncUntil <= now || !this.term.modes.synchronizedOutputMode) {
      this.syncUntil = 0;
      return 0;
    }
    return this.syncUntil;
  }

  /** Start the program. Throws if it cannot be started (e.g. the cwd vanished). */
  start(spawner: PtySpawner): void {
    const { file, args, cwd, env, term } = this.launch;
    const pty = spawner(file, args, { cwd, env, cols: this.term.cols, rows: this.term.rows, term });
    this.pty = pty;
    this.running = true;
    // A respawned pane's old program may still print and exit: only the current one counts.
    pty.onData((data) => {
      if (this.pty !== pty) return;
      this.pipe?.write(data);
      this.parse(data);
      this.events.read?.(this, data);
    });
    pty.onExit((code, signal) => {
      if (this.pty !== pty) return;
      this.exitStatus = { code, signal };
      this.deadTime = Date.now();
      this.pty = null;
      this.running = false;
      for (const w of this.exitWaiters.splice(0)) w();
      this.events.exit(this);
    });
  }

  /**
   * The pane runs no program (split-window -I or '': tmux's PANE_EMPTY): what it shows is
   * written into it (input()); its cursor is hidden and a line feed returns the carriage
   * too, as tmux starts such a pane (MODE_CURSOR off, MODE_CRLF on).
   */
  startEmpty(): void {
    this.empty = true;
    this.feed('\x1b[?25l\x1b[20h');
  }

  /** The pane runs no program (startEmpty), until respawn-pane starts one. */
  empty = false;

  /**
   * Bytes for an empty pane's screen (split-window -I: the CLI's stdin), parsed as a
   * program's output would be, as tmux's input_parse_buffer; not sent to pipe-pane.
   */
  input(data: Buffer): void {
    this.parse(data);
  }

  /** Output parsed into the terminal, with the sequences taken out before xterm sees them. */
  private parse(data: PtyData): void {
    const rest = this.renames.strip(this.passthroughs.strip(data, (d) => this.events.passthrough?.(this, d)), (name) => this.events.rename?.(this, name));
    this.pendingInput = pendingSequence(this.pendingInput, rest);
    this.feed(rest);
  }

  /**
   * Start `launch` in this pane in place of what it ran (respawn-pane): the program still
   * running is hung up (the caller checked -k), the screen is reset as tmux resets it, and
   * the pane keeps its id, history and place. Throws as start() does.
   */
  respawn(launch: PaneLaunch, spawner: PtySpawner): void {
    const old = this.pty;
    this.pty = null;
    this.running = false;
    old?.kill();
    for (const w of this.exitWaiters.splice(0)) w();
    this.launch = launch;
    this.exitStatus = null;
    this.deadTime = null;
    this.commandCache = undefined;
    this.copyMode?.dispose();
    this.copyMode = null;
    this.pendingInput = Buffer.alloc(0);
    // RIS keeps xterm's options: an empty pane's line feeds return the carriage no more.
    if (this.empty) this.feed('\x1b[20l');
    this.empty = false;
    this.feed('\x1bc');
    this.start(spawner);
  }

  /**
   * Resolves once the program has exited, at once if it is not running. A killed pane's
   * program is still winding down when the pane is disposed (claude rewrites its
   * .claude.json as it exits); what it owns must not be removed before this.
   */
  whenExited(): Promise<void> {
    return this.running ? new Promise((resolve) => this.exitWaiters.push(resolve)) : Promise.resolve();
  }

  /** Show text in the pane as if the program printed it (for messages about the pane). */
  print(text: string): void {
    this.feed(text);
  }

  /**
   * Parse output into the terminal. xterm has bugs that throw mid-parse (e.g. ED 1 after
   * shrinking the rows, xterm 6.0): the pane then repaints in full and carries on.
   */
  private feed(data: string | PtyData): void {
    const start = performance.now();
    try {
      writeSync(this.term, data);
    } catch (err) {
      this.canvas.markAll();
      this.events.parseError?.(this, err);
    }
    this.events.parsed?.(this, data.length, performance.now() - start);
    this.events.output(this);
  }

  /**
   * resize-pane -T: the rows below the cursor dropped and history lines brought back onto
   * the screen (PaneHistory.trimBelowCursor); the screen repainted when any came back.
   */
  trimBelowCursor(): number {
    const n = this.history.trimBelowCursor();
    if (n > 0) {
      this.canvas.markAll();
      this.events.output(this);
    }
    return n;
  }

  /** Stop reading the program's output for now (see read-budget.ts). */
  pause(): void {
    this.pty?.pause();
  }

  resume(): void {
    this.pty?.resume();
  }

  get pid(): number | undefined {
    return this.pty?.pid;
  }

  /** The pty's slave path (#{pane_tty}); empty once the program has gone or when unknown. */
  get tty(): string {
    return this.pty?.tty ?? '';
  }

  get alive(): boolean {
    return this.pty !== null;
  }

  /**
   * The pane's size as its rect gives it (and its pty has): xterm keeps at least 2 columns,
   * so a 1-column pane's terminal is wider than the pane — what the pane reports (formats,
   * lists) is the pane's own, as tmux's, so sizes always add up to the window's.
   */
  get cols(): number {
    return this.size.cols;
  }

  get rows(): number {
    return this.size.rows;
  }

  private size: { cols: number; rows: number };

  /**
   * Input off (select-pane -d, tmux's PANE_INPUTOFF): what is typed, pasted or sent with
   * send-keys is dropped until select-pane -e; the program still gets its terminal's
   * replies and focus reports.
   */
  inputOff = false;

  /** What is typed, pasted or sent into the pane: nothing while its input is off. */
  write(data: string | Buffer): void {
    if (!this.inputOff) this.pty?.write(data);
  }

  /** Bytes for the program whether or not its input is off (focus reports, pipe-pane -I), as tmux writes them straight to the pane. */
  writeDirect(data: string | Buffer): void {
    this.pty?.write(data);
  }

  resize(cols: number, rows: number): void {
    cols = Math.max(1, cols);
    rows = Math.max(1, rows);
    if (cols === this.size.cols && rows === this.size.rows) return;
    this.size = { cols, rows };
    this.syncUntil = 0;
    this.history.resize(cols, rows);
    this.pty?.resize(cols, rows);
  }

  /** Hang up the program's whole session. The exit event follows. */
  kill(): void {
    this.pty?.kill();
  }

  dispose(): void {
    const pipe = this.pipe;
    this.pipe = null;
    pipe?.close();
    this.clockMode?.dispose();
    this.clockMode = null;
    this.pty?.kill();
    this.pty = null;
    this.copyMode?.dispose();
    this.history.dispose();
    this.canvas.dispose();
    this.term.dispose();
  }

  /** Apply a new history-limit to this pane (set-option history-limit). */
  setHistoryLimit(limit: number): void {
    this.history.setLimit(limit);
  }

  /** The foreground process of the pane (from the leader's tpgid in /proc), else the leader. */
  private foregroundPid(): number | undefined {
    const pid = this.pid;
    if (pid === undefined || isServerFork(pid)) return undefined;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const tpgid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[5]);
      if (tpgid > 0 && fs.existsSync(`/proc/${tpgid}`)) return tpgid;
    } catch {
      /* not Linux, or gone */
    }
    return pid;
  }

  /** The working directory of the foreground program (tmux's pane_current_path). */
  currentPath(): string {
    const pid = this.foregroundPid();
    if (pid !== undefined) {
      try {
        return fs.readlinkSync(`/proc/${pid}/cwd`);
      } catch {
        /* fall through */
      }
    }
    return this.launch.cwd;
  }

  /** currentCommand(), reused for REUSE_MS (for window names; see reuse.ts). */
  recentCommand(reuse: Reuse = OUTSIDE_FRAME): string {
    const now = performance.now();
    const c = this.commandCache;
    if (c && reuse.reusable(c.at, now)) {
      reuse.reused(c.at);
      return c.name;
    }
    const name = this.currentCommand();
    this.commandCache = { name, at: now };
    return name;
  }

  private commandCache: { name: string; at: number } | undefined;

  /** The name of the foreground program (tmux's pane_current_command). */
  currentCommand(): string {
    const pid = this.foregroundPid();
    if (pid !== undefined) {
      try {
        return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      } catch {
        /* fall through */
      }
    }
    return this.launch.file.split('/').pop() ?? this.launch.file;
  }

  /** Mouse reporting the program asked for, in the terms of mouse-encode. */
  mouseMode(): { tracking: 'none' | 'x10' | 'vt200' | 'drag' | 'any'; encoding: 'default' | 'sgr' | 'utf8' | 'urxvt' } {
    const tracking = this.term.modes.mouseTrackingMode;
    const enc = mouseEncoding(this.term);
    const encoding = enc === 'SGR' || enc === 'SGR_PIXELS' ? 'sgr' : enc === 'URXVT' ? 'urxvt' : enc === 'UTF8' ? 'utf8' : 'default';
    return { tracking, encoding };
  }
}
