/*
 * An attached client as the rest of the server sees it. ClientHandle is what the server
 * and what runs beside it (Claude alerts, the clipboard, commands that look at every
 * client) use; AttachedClient adds what commands and open modes use (a list, prompt or
 * confirmation over the screen). Client (client.ts) implements both; nothing but
 * connection.ts imports client.ts, so the client's helpers (compose, modes, mouse) and
 * the server never sit in an import circle with it.
 */
import type { InputEvent } from '../../core/input-decoder.js';
import type { Grid } from '../../render/grid.js';
import type { CursorState } from '../../render/screen-writer.js';
import type { Rect, Style } from '../../render/style.js';
import type { Pane } from '../pane.js';
import type { Session } from '../window.js';
import type { OptionLayers } from '../../config/local-options.js';
import type { HelloMsg } from '../../protocol/frames.js';
import type { MouseTarget } from '../mouse-target.js';
import type { PanDirection, WindowView } from './window-view.js';

/** A control-mode client's mode (1: -C, 2: -CC) and whether it gave its size (refresh-client -C). */
export interface ControlInfo {
  mode: 1 | 2;
  sized: boolean;
  /** Sizes it gave single windows (refresh-client -C @N:WxH), by window id: those windows' size for it. */
  windowSizes: Map<number, { cols: number; rows: number }>;
}

export interface ClientHandle {
  /** What the client said when it connected: its terminal (TERM), size, environment. */
  readonly hello: HelloMsg;
  /** Set for a control-mode client (control/control-client.ts). */
  readonly control?: ControlInfo;
  readonly session: Session | null;
  /** The session it showed before the current one (switch-client -l). */
  readonly previousSession: Session | undefined;
  readonly activePane: Pane | undefined;
  readonly cols: number;
  /** Its terminal's rows (the status line included). */
  readonly rows: number;
  /** When it attached and when it last sent input (ms since the epoch: client_created, client_activity). */
  readonly createdAt: number;
  readonly activity: number;
  /** Its terminal has the focus (a focus-out report clears it, as tmux's CLIENT_FOCUSED). */
  readonly focused: boolean;
  /** Its terminal is handed back (suspend-client, a lock) until it resumes. */
  readonly suspended: boolean;
  /** It may only look (attach -r, server-access -r): its keys reach no pane, it runs only read-only commands. */
  readOnly: boolean;
  /** It does not size the windows it shows while a client that does is attached (attach -f ignore-size, attach -r). */
  ignoreSize: boolean;
  /** The uid of the process at its end of the socket. */
  readonly peerUid: number;
  /** Rows for panes (the terminal's rows less the status line). */
  paneAreaRows(): number;
  /** The part of its current window it shows (window-view.ts); a control client has none. */
  windowView?(): WindowView;
  /** Move that part by `n` cells (refresh-client -L/-R/-U/-D), or (`c`) follow the cursor again (-c). */
  panView?(dir: PanDirection | 'c', n: number): void;
  /** refresh-client -l: ask its terminal for its clipboard, for a new paste buffer or (`pane`: an id) for that pane; a control client has no terminal to ask. */
  queryClipboard?(pane?: number): void;
  /** Where its options are looked up: its session, current window and active pane. */
  readonly at: OptionLayers;
  /** Output arrived in a pane of the window it shows. */
  paneOutput(pane: Pane): void;
  /** Its session was destroyed: switch to another or detach. */
  sessionDestroyed(): void;
  switchTo(s: Session): void;
  /** The key table its next key is looked up in (switch-client -T). */
  keyTable: string;
  /** The table it goes back to: the session's key-table, else root. */
  readonly defaultKeyTable: string;
  /**
   * Hand its terminal back for a while: the client stops itself (suspend-client) or runs
   * `lockCommand` in it (lock-client), then takes it again and is drawn from scratch.
   */
  suspend(lockCommand?: string): void;
  /**
   * Restore its terminal and end it; `hangup`: its process then sends SIGHUP to its parent
   * (detach-client -P); `exec`: it runs `exec.command` with `exec.shell` in its place (-E).
   */
  detach(message: string, code: number, hangup?: boolean, exec?: { command: string; shell: string }): void;
  redraw(): void;
  /** Draw it again (refresh-client): its whole terminal from scratch, or only its status line. */
  refresh(statusOnly: boolean): void;
  redrawStatus(): void;
  /**
   * A message in the status line for `ms` (display-time; 0: until a key), not cleared by
   * keys with keepOnKey; `styled`: its #[…] directives apply (display-message's, as tmux).
   */
  showMessage(text: string, o?: { ms?: number; keepOnKey?: boolean; styled?: boolean }): void;
  /** Bytes for its terminal as they are (bells, notifications, OSC 52). */
  /** `movesCursor`: they may move the cursor or change the pen (a pane's passthrough): set them again after. */
  sendRaw(data: string, movesCursor?: boolean): void;
  /** Put base64 text on its terminal's clipboard, as its terminal is told (Ms); nothing without one. */
  setClipboard(base64: string): void;
  /** Its terminal's features, as tmux's client_termfeatures (none for a control client). */
  readonly termFeatures: readonly string[];
}

/** Where a mode paints: the pane area, and the status line's row. */
export interface PaintArea {
  area: Rect;
  statusY: number;
  /** A style option's value where the client looks options up (its session, window, pane), parsed. */
  style(option: string): Style;
}

/** Something open over a client's screen (client/modes.ts), taking its input until closed. */
export interface ClientMode {
  /** Take one input event; a returned promise is the command it started (input waits for it). */
  handle(ev: InputEvent, c: AttachedClient): void | Promise<void>;
  /**
   * True when `ev` is not for this mode: the mode has closed itself and the event goes on
   * as if it had not been open (a key that selects no pane in display-panes, as tmux).
   */
  passes?(ev: InputEvent): boolean;
  /** It is being closed or replaced, or the client went away: free what it holds (a popup's command). */
  dispose?(): void;
  paint(grid: Grid, where: PaintArea, c: AttachedClient): CursorState | null;
  /** A view drawn over a pane as tmux's pane modes are (tree-mode, buffer-mode …): its name, for #{pane_mode}. */
  readonly paneMode?: string;
  /** The pane such a view is over, when not the client's active pane (choose-tree -t). */
  readonly over?: Pane;
}

export interface AttachedClient extends ClientHandle {
  /** What is open over its screen. */
  readonly mode: ClientMode | null;
  openMode(mode: ClientMode): void;
  closeMode(): void;
  /** Draw everything again from scratch (refresh-client), or only the status line. */
  refresh(statusOnly: boolean): void;
  /** Run a command string as a key binding would (its output opens in a list); `mouse`: as a mouse key's binding, with its event. */
  runBinding(command: string, mouse?: MouseTarget): Promise<void>;
}
