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
import type { Rect } from '../../render/style.js';
import type { Pane } from '../pane.js';
import type { Session } from '../window.js';
import type { HelloMsg } from '../../protocol/frames.js';

export interface ClientHandle {
  /** What the client said when it connected: its terminal (TERM), size, environment. */
  readonly hello: HelloMsg;
  readonly session: Session | null;
  /** The session it showed before the current one (switch-client -l). */
  readonly previousSession: Session | undefined;
  readonly activePane: Pane | undefined;
  readonly cols: number;
  /** Rows for panes (the terminal's rows less the status line). */
  paneAreaRows(): number;
  /** Output arrived in a pane of the window it shows. */
  paneOutput(pane: Pane): void;
  /** Its session was destroyed: switch to another or detach. */
  sessionDestroyed(): void;
  switchTo(s: Session): void;
  /** The key table its next key is looked up in (switch-client -T). */
  keyTable: string;
  detach(message: string, code: number): void;
  redraw(): void;
  redrawStatus(): void;
  /** A message in the status line for `ms` (display-time; 0: until a key), not cleared by keys with keepOnKey. */
  showMessage(text: string, o?: { ms?: number; keepOnKey?: boolean }): void;
  /** Bytes for its terminal as they are (bells, notifications, OSC 52). */
  sendRaw(data: string): void;
}

/** Where a mode paints: the pane area, and the status line's row. */
export interface PaintArea {
  area: Rect;
  statusY: number;
}

/** Something open over a client's screen (client/modes.ts), taking its input until closed. */
export interface ClientMode {
  /** Take one input event; a returned promise is the command it started (input waits for it). */
  handle(ev: InputEvent, c: AttachedClient): void | Promise<void>;
  paint(grid: Grid, where: PaintArea, c: AttachedClient): CursorState | null;
}

export interface AttachedClient extends ClientHandle {
  openMode(mode: ClientMode): void;
  closeMode(): void;
  /** Run a command string as a key binding would (its output opens in a list). */
  runBinding(command: string): Promise<void>;
}
