/*
 * display-popup's popup (tmux's popup.c): a command on its own pty, its screen kept by a
 * headless terminal like a pane's (a Pane the model does not know), drawn in a box over
 * the client's screen — border lines as popup-border-lines names them, a title in the
 * top edge, -s/-S styles for the default colours of the inside and the border. Keys go
 * to the command while the popup is open; Escape and C-c close it unless it closes on
 * exit (-E, -EE) with its command still running. When the command exits the popup closes
 * with -E, with -EE if it exited 0, else it stays showing its last screen until Escape or
 * C-c.
 * Closing hangs the command up. Nothing here blocks: the pty is written through the
 * pane's non-blocking writer.
 */
import type { InputEvent } from '../../core/input-decoder.js';
import type { Grid } from '../../render/grid.js';
import type { CursorState } from '../../render/screen-writer.js';
import type { Rect, Style } from '../../render/style.js';
import { DEFAULT_COLOR } from '../../render/style.js';
import { cursorHidden } from '../../render/xterm.js';
import { Pane, type PaneLaunch } from '../pane.js';
import type { PtySpawner } from '../pty-host.js';
import type { AttachedClient, ClientMode, PaintArea } from './handle.js';
import { segmentsOver } from './status-segments.js';
import { parseStyle, StyleError } from '../../config/option-values.js';
import { CommandError } from '../../core/errors.js';

/** The border line sets of popup-border-lines: corners, horizontal, vertical. */
export const BORDER_LINES: Record<string, { tl: string; tr: string; bl: string; br: string; h: string; v: string } | null> = {
  single: { tl: '┌', tr: '┐', bl: '└', br: '┘', h: '─', v: '│' },
  rounded: { tl: '╭', tr: '╮', bl: '╰', br: '╯', h: '─', v: '│' },
  double: { tl: '╔', tr: '╗', bl: '╚', br: '╝', h: '═', v: '║' },
  heavy: { tl: '┏', tr: '┓', bl: '┗', br: '┛', h: '━', v: '┃' },
  simple: { tl: '+', tr: '+', bl: '+', br: '+', h: '-', v: '|' },
  padded: { tl: ' ', tr: ' ', bl: ' ', br: ' ', h: ' ', v: ' ' },
  none: null,
};

export interface PopupOptions {
  /** The box on the client's terminal, border included. */
  rect: Rect;
  lines: keyof typeof BORDER_LINES;
  title: string;
  style: Style;
  borderStyle: Style;
  /** Close when the command exits: never, always (-E), when it exits 0 (-EE). */
  closeOnExit: 'no' | 'any' | 'zero';
  launch: PaneLaunch;
  historyLimit: number;
  /** Called once when it closes: how its command exited, undefined when it was still running. */
  onClose?: (status: { code: number; signal: number } | undefined) => void;
}

/**
 * The colours a popup's inside or border is drawn in, as tmux's popup_display: the
 * option's (popup-style, popup-border-style), or -s/-S's when given (a colour it leaves out
 * is the default); never attributes.
 */
export function popupColours(flag: string | undefined, option: string, what: string): Style {
  try {
    const s = parseStyle(flag ?? option);
    return { fg: s.fg ?? -1, bg: s.bg ?? -1, flags: 0 };
  } catch (err) {
    if (err instanceof StyleError) throw new CommandError(`${what}: ${err.message}`);
    throw err;
  }
}

/** Numbers popups' panes apart from the model's (negative, never a real pane id). */
let nextPopupId = -1;

export class Popup implements ClientMode {
  readonly pane: Pane;
  private exited = false;
  private closed = false;

  constructor(
    readonly client: AttachedClient,
    readonly opts: PopupOptions,
    spawner: PtySpawner,
  ) {
    const { cols, rows } = this.inner();
    this.pane = new Pane(nextPopupId--, opts.launch, Math.max(1, cols), Math.max(1, rows), opts.historyLimit, {
      output: () => this.client.redraw(),
      exit: (p) => this.commandExited(p),
    });
    // Throws when the command cannot start; the caller reports it.
    this.pane.start(spawner);
  }

  /** The inside of the box (where the command's screen is drawn), relative to the box. */
  private inner(): Rect {
    const { cols, rows } = this.opts.rect;
    return this.opts.lines === 'none' ? { x: 0, y: 0, cols, rows } : { x: 1, y: 1, cols: cols - 2, rows: rows - 2 };
  }

  private commandExited(p: Pane): void {
    this.exited = true;
    const code = p.exitStatus?.code ?? 0;
    const { closeOnExit } = this.opts;
    if (closeOnExit === 'any' || (closeOnExit === 'zero' && code === 0)) this.close();
    else this.client.redraw();
  }

  /** Close the popup (once): the command is hung up and its terminal freed. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const status = this.exited ? this.pane.exitStatus ?? { code: 0, signal: 0 } : undefined;
    this.pane.dispose(); // hangs the command up
    if (this.client.mode === this) this.client.closeMode();
    this.opts.onClose?.(status);
  }

  /** The client closed it some other way (detach, another mode). */
  dispose(): void {
    this.close();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  handle(ev: InputEvent, c: AttachedClient): void {
    if (this.closed) return;
    const closesOnExit = this.opts.closeOnExit !== 'no';
    if (ev.type === 'key' && (ev.key === 'Escape' || ev.key === 'C-c') && (!closesOnExit || this.exited)) {
      this.close();
      return;
    }
    // The command has gone: its last screen stays until Escape or C-c (above) closes it.
    if (this.exited) return;
    if (ev.type === 'key') {
      const app = this.pane.term.modes.applicationCursorKeysMode && /^\x1b\[[ABCDHF]$/.test(ev.raw);
      this.pane.write(app ? `\x1bO${ev.raw[2]}` : ev.raw);
    } else if (ev.type === 'paste') {
      this.pane.write(this.pane.term.modes.bracketedPasteMode ? ev.raw : ev.text);
    } else if (ev.type === 'unknown') {
      this.pane.write(ev.raw);
    }
    c.redraw();
  }

  paint(grid: Grid, _where: PaintArea): CursorState | null {
    // A terminal made smaller since: the box moves back onto it (cut only if bigger than it).
    const r0 = this.opts.rect;
    const rect = { ...r0, x: Math.max(0, Math.min(r0.x, grid.cols - r0.cols)), y: Math.max(0, Math.min(r0.y, grid.rows - r0.rows)) };
    const { title } = this.opts;
    const lines = BORDER_LINES[this.opts.lines];
    grid.fillRect(rect, this.opts.style);
    if (lines && rect.cols > 2 && rect.rows > 2) {
      const b = this.opts.borderStyle;
      const x1 = rect.x + rect.cols - 1;
      const y1 = rect.y + rect.rows - 1;
      grid.writeText(rect.x, rect.y, lines.tl + lines.h.repeat(rect.cols - 2) + lines.tr, b);
      grid.writeText(rect.x, y1, lines.bl + lines.h.repeat(rect.cols - 2) + lines.br, b);
      for (let y = rect.y + 1; y < y1; y++) {
        grid.writeText(rect.x, y, lines.v, b);
        grid.writeText(x1, y, lines.v, b);
      }
      // The title's own #[…] apply, over the border's colours (tmux's format_draw).
      if (title) grid.writeSegments(rect.x + 2, rect.y, segmentsOver(title, b), b, rect.cols - 4);
    }
    if (this.closed) return null;
    const inner = this.inner();
    const x0 = rect.x + inner.x;
    const y0 = rect.y + inner.y;
    const src = this.pane.canvas.update();
    grid.blit(src, 0, 0, x0, y0, inner.cols, inner.rows);
    this.applyStyle(grid, { x: x0, y: y0, cols: inner.cols, rows: inner.rows });
    const buf = this.pane.term.buffer.active;
    const visible = !this.exited && !cursorHidden(this.pane.term) && buf.cursorX < inner.cols && buf.cursorY < inner.rows;
    return { x: x0 + buf.cursorX, y: y0 + buf.cursorY, visible };
  }

  /** The popup's style (popup-style, -s) gives the colours of cells the command left at the default. */
  private applyStyle(grid: Grid, r: Rect): void {
    grid.defaultColours(r, this.opts.style.fg ?? DEFAULT_COLOR, this.opts.style.bg ?? DEFAULT_COLOR);
  }
}
