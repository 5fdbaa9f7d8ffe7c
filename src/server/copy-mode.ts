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

interface TrimSource {
  onTrim(cb: (n: number) => void): { dispose(): void };
}

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
  /** First buffer line shown. */
  top: number;
  /** Cursor, in view coordinates. */
  cx = 0;
  cy: number;
  private readonly trimSub: { dispose(): void } | undefined;

  constructor(
    readonly pane: Pane,
    /** Leave copy mode when scrolled back to the bottom (entered by the mouse wheel, as tmux -e). */
    readonly exitAtBottom: boolean,
  ) {
    const buf = pane.term.buffer.active;
    this.top = buf.viewportY;
    this.cy = buf.cursorY;
    this.cx = buf.cursorX;
    const lines = (pane.term as unknown as { _core: { buffer: { lines: TrimSource } } })._core.buffer.lines;
    this.trimSub = lines.onTrim?.((n) => {
      this.top = Math.max(0, this.top - n);
    });
  }

  dispose(): void {
    this.trimSub?.dispose();
  }

  /** The line a render should start the pane's viewport at. */
  viewportY(): number {
    return Math.min(this.top, this.bottomTop());
  }

  private bottomTop(): number {
    return this.pane.term.buffer.active.baseY;
  }

  private get rows(): number {
    return this.pane.term.rows;
  }

  /** Lines scrolled back from the live bottom. */
  offset(): number {
    return this.bottomTop() - this.viewportY();
  }

  /** Scroll the view by n lines (negative: back into history). Returns 'exit' when exitAtBottom applies. */
  scroll(n: number): 'exit' | 'handled' {
    this.top = Math.max(0, Math.min(this.bottomTop(), this.viewportY() + n));
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
