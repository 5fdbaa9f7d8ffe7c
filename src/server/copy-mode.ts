/*
 * Copy mode's view of a pane: a window onto the pane's history that stays where the user
 * put it while output keeps arriving, and a cursor that moves through it (vi keys by
 * default; emacs keys with mode-keys emacs). Entered with prefix [, PgUp or the wheel;
 * q / Escape leave. Positions are absolute buffer lines (0 = oldest kept line), adjusted
 * when the terminal trims its oldest lines, so the view never jumps.
 */
import type { Grid } from '../render/grid.js';
import type { CursorState } from '../render/screen-writer.js';
import type { Rect } from '../render/style.js';
import type { Pane } from './pane.js';
import { paintTerminal } from '../render/paint-terminal.js';

/** tmux's copy-mode command names, mapped to the vi key that does the same. */
const COMMAND_KEYS: Record<string, string> = {
  cancel: 'q',
  'cursor-up': 'k',
  'cursor-down': 'j',
  'cursor-left': 'h',
  'cursor-right': 'l',
  'scroll-up': 'C-y',
  'scroll-down': 'C-e',
  'page-up': 'PPage',
  'page-down': 'NPage',
  'halfpage-up': 'C-u',
  'halfpage-down': 'C-d',
  'history-top': 'g',
  'history-bottom': 'G',
  'start-of-line': '0',
  'end-of-line': '$',
  'top-line': 'H',
  'middle-line': 'M',
  'bottom-line': 'L',
};

const INDICATOR_STYLE = { fg: 0, bg: 3 };

export class CopyMode {
  /** History line shown in the first row (see history.ts for the numbering). */
  top: number;
  /** Cursor, in view coordinates. */
  cx = 0;
  cy: number;
  private evictedSeen: number;

  constructor(
    readonly pane: Pane,
    /** Leave copy mode when scrolled back to the bottom (entered by the mouse wheel, as tmux -e). */
    readonly exitAtBottom: boolean,
  ) {
    const buf = pane.term.buffer.active;
    this.top = this.bottomTop();
    this.cy = buf.cursorY;
    this.cx = buf.cursorX;
    this.evictedSeen = pane.history.evicted;
  }

  dispose(): void {}

  /** The alternate screen has no history: copy mode shows it as it is. */
  private get alt(): boolean {
    return this.pane.term.buffer.active !== this.pane.term.buffer.normal;
  }

  /** Keep the view on the same lines when the oldest history lines are dropped. */
  private sync(): void {
    const ev = this.pane.history.evicted;
    if (ev !== this.evictedSeen) {
      this.top = Math.max(0, this.top - (ev - this.evictedSeen));
      this.evictedSeen = ev;
    }
  }

  /** The first line of the view, clamped to the live bottom. */
  viewTop(): number {
    this.sync();
    return Math.min(this.top, this.bottomTop());
  }

  private bottomTop(): number {
    return this.alt ? 0 : this.pane.history.historySize();
  }

  private get rows(): number {
    return this.pane.term.rows;
  }

  /** Lines scrolled back from the live bottom. */
  offset(): number {
    return this.bottomTop() - this.viewTop();
  }

  /** Paint the view into the pane's rect. */
  paint(grid: Grid, rect: Rect): void {
    const top = this.viewTop();
    const rows = Math.min(rect.rows, this.rows);
    for (let r = 0; r < rows; r++) {
      if (this.alt) paintTerminal(grid, this.pane.term, { x: rect.x, y: rect.y + r, cols: rect.cols, rows: 1 }, r);
      else this.pane.history.paintLine(grid, top + r, rect.x, rect.y + r, rect.cols);
    }
    this.paintOverlay(grid, rect);
  }

  /** Scroll the view by n lines (negative: back into history). Returns 'exit' when exitAtBottom applies. */
  scroll(n: number): 'exit' | 'handled' {
    this.top = Math.max(0, Math.min(this.bottomTop(), this.viewTop() + n));
    if (this.exitAtBottom && n > 0 && this.top >= this.bottomTop()) return 'exit';
    return 'handled';
  }

  private moveCursor(dy: number): 'exit' | 'handled' {
    const y = this.cy + dy;
    if (y < 0) {
      this.cy = 0;
      return this.scroll(y);
    }
    if (y >= this.rows) {
      this.cy = this.rows - 1;
      return this.scroll(y - this.rows + 1);
    }
    this.cy = y;
    return 'handled';
  }

  /** Apply a key; returns 'exit' when copy mode should end. */
  handleKey(key: string): 'exit' | 'handled' | 'unbound' {
    const half = Math.max(1, Math.floor(this.rows / 2));
    const page = Math.max(1, this.rows - 1);
    switch (key) {
      case 'q': case 'Escape': case 'C-c': return 'exit';
      case 'Up': case 'k': case 'C-p': return this.moveCursor(-1);
      case 'Down': case 'j': case 'C-n': return this.moveCursor(1);
      case 'Left': case 'h': this.cx = Math.max(0, this.cx - 1); return 'handled';
      case 'Right': case 'l': this.cx = Math.min(this.pane.term.cols - 1, this.cx + 1); return 'handled';
      case '0': case 'Home': this.cx = 0; return 'handled';
      case '$': case 'End': this.cx = this.pane.term.cols - 1; return 'handled';
      case 'C-y': return this.scroll(-1);
      case 'C-e': return this.scroll(1);
      case 'PPage': case 'C-b': case 'M-v': return this.scroll(-page);
      case 'NPage': case 'C-f': case 'C-v': return this.scroll(page);
      case 'C-u': return this.scroll(-half);
      case 'C-d': return this.scroll(half);
      case 'g': case 'M-<': this.top = 0; this.cy = 0; return 'handled';
      case 'G': case 'M->': this.top = this.bottomTop(); this.cy = this.rows - 1; return 'handled';
      case 'H': this.cy = 0; return 'handled';
      case 'L': this.cy = this.rows - 1; return 'handled';
      case 'M': this.cy = Math.floor(this.rows / 2); return 'handled';
      default: return 'unbound';
    }
  }

  /** Run a copy-mode command by name (send-keys -X), as tmux names them. */
  command(name: string): 'exit' | 'handled' | 'unbound' {
    const key = COMMAND_KEYS[name];
    return key ? this.handleKey(key) : 'unbound';
  }

  /** The position indicator "[offset/history]" in the pane's top-right corner. */
  paintOverlay(grid: Grid, rect: Rect): void {
    const text = `[${this.offset()}/${this.bottomTop()}]`;
    if (text.length > rect.cols) return;
    grid.writeText(rect.x + rect.cols - text.length, rect.y, text, INDICATOR_STYLE);
  }

  cursor(rect: Rect): CursorState {
    return { x: rect.x + Math.min(this.cx, rect.cols - 1), y: rect.y + Math.min(this.cy, rect.rows - 1), visible: true };
  }
}

/** Put a pane in copy mode (if it is not already), optionally a page up. */
export function enterCopyMode(pane: Pane, opts: { exitAtBottom?: boolean; pageUp?: boolean } = {}): CopyMode {
  pane.copyMode ??= new CopyMode(pane, opts.exitAtBottom ?? false);
  if (opts.pageUp) pane.copyMode.handleKey('PPage');
  return pane.copyMode;
}

/** Leave copy mode: the pane shows live output again. */
export function exitCopyMode(pane: Pane): void {
  pane.copyMode?.dispose();
  pane.copyMode = null;
}
