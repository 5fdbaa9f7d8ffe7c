/*
 * Things a client can have open over its screen, each taking the client's input until
 * closed: a scrollable list (command output, list-keys, choose-session/window), a
 * one-line prompt in the status line (command-prompt, rename), and a y/n confirmation
 * (confirm-before, e.g. prefix x). Each paints itself and says where the cursor goes.
 */
import type { InputEvent } from '../../core/input-decoder.js';
import type { Grid } from '../../render/grid.js';
import { paintBox, centerRect, boxSize } from '../../render/overlay.js';
import { paintMessage } from '../../render/overlay.js';
import type { CursorState } from '../../render/screen-writer.js';
import type { Rect } from '../../render/style.js';
import { textWidth } from '../../render/cell-width.js';
import type { AttachedClient, ClientMode, PaintArea } from './handle.js';

export type { ClientMode, PaintArea } from './handle.js';

const PROMPT_STYLE = { fg: 0, bg: 3 };
const LIST_STYLE = {};
const SELECTED = { flags: 32 };

/** A scrollable list in a box; with `onChoose`, a chooser whose Enter picks the highlighted line. */
export class ListView implements ClientMode {
  private top = 0;
  private sel = 0;
  private height = 10;

  constructor(
    readonly title: string,
    readonly lines: string[],
    readonly onChoose?: (index: number, c: AttachedClient) => void | Promise<void>,
    initial = 0,
  ) {
    this.sel = Math.max(0, Math.min(initial, lines.length - 1));
  }

  handle(ev: InputEvent, c: AttachedClient): void | Promise<void> {
    if (ev.type === 'mouse') {
      if (ev.action === 'wheelUp') this.move(-3);
      else if (ev.action === 'wheelDown') this.move(3);
      c.redraw();
      return;
    }
    if (ev.type !== 'key') return;
    switch (ev.key) {
      case 'q': case 'Escape': case 'C-c': c.closeMode(); return;
      case 'Up': case 'k': case 'C-p': this.move(-1); break;
      case 'Down': case 'j': case 'C-n': this.move(1); break;
      case 'PPage': case 'C-b': this.move(-this.height); break;
      case 'NPage': case 'C-f': case 'Space': this.move(this.height); break;
      case 'g': case 'Home': this.move(-Infinity); break;
      case 'G': case 'End': this.move(Infinity); break;
      case 'Enter':
        if (this.onChoose) {
          c.closeMode();
          return this.onChoose(this.sel, c);
        }
        c.closeMode();
        return;
      default:
        if (this.onChoose && /^[0-9]$/.test(ev.key) && Number(ev.key) < this.lines.length) {
          c.closeMode();
          return this.onChoose(Number(ev.key), c);
        }
    }
    c.redraw();
  }

  private move(by: number): void {
    const max = Math.max(0, this.lines.length - 1);
    if (this.onChoose) {
      this.sel = Math.max(0, Math.min(max, this.sel + (Number.isFinite(by) ? by : by > 0 ? max : -max)));
      if (this.sel < this.top) this.top = this.sel;
      if (this.sel >= this.top + this.height) this.top = this.sel - this.height + 1;
    } else {
      const last = Math.max(0, this.lines.length - this.height);
      this.top = Math.max(0, Math.min(last, this.top + (Number.isFinite(by) ? by : by > 0 ? last : -last)));
    }
  }

  paint(grid: Grid, where: PaintArea): CursorState | null {
    const { area } = where;
    this.height = Math.max(1, Math.min(this.lines.length, area.rows - 2));
    if (this.onChoose && this.sel >= this.top + this.height) this.top = this.sel - this.height + 1;
    const shown = this.lines.slice(this.top, this.top + this.height);
    const size = boxSize(this.title, this.lines.slice(0, 200));
    const rect = centerRect(grid, Math.min(size.cols, area.cols), Math.min(this.height + 2, area.rows));
    rect.y = Math.max(area.y, rect.y);
    const rows = shown.map((text, i) =>
      this.onChoose && this.top + i === this.sel ? [{ text, style: SELECTED }] : [{ text }],
    );
    const more = this.lines.length > this.height ? ` [${this.top + 1}-${this.top + shown.length}/${this.lines.length}]` : '';
    paintBox(grid, rect, this.title + more, rows, LIST_STYLE);
    return null;
  }
}

/** A one-line editor in the status line; Enter runs `template` with %% (or %1) replaced. */
export class Prompt implements ClientMode {
  private text: string;
  private pos: number;

  constructor(
    readonly label: string,
    initial: string,
    readonly onSubmit: (text: string, c: AttachedClient) => void | Promise<void>,
  ) {
    this.text = initial;
    this.pos = [...initial].length;
  }

  handle(ev: InputEvent, c: AttachedClient): void | Promise<void> {
    if (ev.type === 'paste') {
      this.insert(ev.text.replace(/[\r\n]+/g, ' '));
    } else if (ev.type === 'key') {
      const chars = [...this.text];
      switch (ev.key) {
        case 'Escape': case 'C-c': c.closeMode(); return;
        case 'Enter': c.closeMode(); return this.onSubmit(this.text, c);
        case 'BSpace': case 'C-h':
          if (this.pos > 0) { chars.splice(this.pos - 1, 1); this.pos--; this.text = chars.join(''); }
          break;
        case 'DC': case 'C-d':
          chars.splice(this.pos, 1); this.text = chars.join('');
          break;
        case 'Left': case 'C-b': this.pos = Math.max(0, this.pos - 1); break;
        case 'Right': case 'C-f': this.pos = Math.min(chars.length, this.pos + 1); break;
        case 'Home': case 'C-a': this.pos = 0; break;
        case 'End': case 'C-e': this.pos = chars.length; break;
        case 'C-u': this.text = chars.slice(this.pos).join(''); this.pos = 0; break;
        case 'C-k': this.text = chars.slice(0, this.pos).join(''); break;
        case 'Space': this.insert(' '); break;
        case 'Tab': break;
        default:
          if ([...ev.key].length === 1) this.insert(ev.key);
      }
    }
    c.redraw();
  }

  private insert(s: string): void {
    const chars = [...this.text];
    const add = [...s];
    chars.splice(this.pos, 0, ...add);
    this.text = chars.join('');
    this.pos += add.length;
  }

  paint(grid: Grid, where: PaintArea): CursorState {
    const label = `${this.label} `;
    paintMessage(grid, where.statusY, [{ text: label }, { text: this.text }], PROMPT_STYLE);
    const x = textWidth(label) + textWidth([...this.text].slice(0, this.pos).join(''));
    return { x: Math.min(grid.cols - 1, x), y: where.statusY, visible: true };
  }
}

/** "kill-pane 1? (y/n)": y runs the action, anything else cancels. */
export class Confirm implements ClientMode {
  constructor(
    readonly question: string,
    readonly onYes: (c: AttachedClient) => void | Promise<void>,
  ) {}

  handle(ev: InputEvent, c: AttachedClient): void | Promise<void> {
    if (ev.type !== 'key') return;
    c.closeMode();
    if (ev.key === 'y' || ev.key === 'Y') return this.onYes(c);
  }

  paint(grid: Grid, where: PaintArea): CursorState {
    const x = paintMessage(grid, where.statusY, this.question + ' ', PROMPT_STYLE);
    return { x: Math.min(grid.cols - 1, x), y: where.statusY, visible: true };
  }
}
