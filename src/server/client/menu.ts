/*
 * display-menu's menu (tmux's menu.c): a box of items, each a name with its key
 * right-aligned in brackets, "" items drawn as separators, names starting with "-"
 * drawn dim and not choosable; the chosen line in mode-style. Keys: an item's key
 * chooses it; Up/k and Down/j move (wrapping, over separators and disabled items);
 * g/PPage/C-b and G/NPage move by five; Enter chooses; q, Escape, C-c, C-g close.
 * The mouse: pressing on an item picks it and releasing there chooses it; releasing
 * outside closes (with -O the menu stays open until a click outside). Choosing runs the
 * item's command for the client.
 */
import type { InputEvent } from '../../core/input-decoder.js';
import type { Grid } from '../../render/grid.js';
import type { CursorState } from '../../render/screen-writer.js';
import type { Style } from '../../render/style.js';
import { DIM } from '../../render/style.js';
import { textWidth } from '../../render/cell-width.js';
import { styledRuns } from '../../config/styled-text.js';
import { segmentsOver } from './status-segments.js';
import type { Server } from '../server.js';
import type { AttachedClient, ClientMode, PaintArea } from './handle.js';

/** An item as given: a name (formats already expanded), its key and command; null for a separator. */
export type MenuItemSpec = { name: string; key: string; command: string } | null;

interface MenuLine {
  /** The name as drawn (cut to fit, ">" when cut), without a leading "-". */
  text: string;
  /** A name with `#[…]` styles (tmux's pane menu underlines the mouse word), drawn styled when not cut. */
  styled?: string;
  /** The key shown after it, if there was room. */
  keyLabel?: string;
  key: string;
  command: string;
  disabled: boolean;
}

/** The menu's lines and width from the items, for a terminal `cols` wide (tmux's menu_add_item). */
export function buildMenu(items: readonly MenuItemSpec[], cols: number): { lines: (MenuLine | null)[]; width: number } {
  const lines: (MenuLine | null)[] = [];
  let width = 0;
  for (const it of items) {
    if (it === null) {
      if (lines.length > 0) lines.push(null);
      continue;
    }
    if (it.name === '') continue;
    let maxWidth = cols - 4;
    const disabled = it.name.startsWith('-');
    // Its width is that of the text its #[…] directives style, as tmux's format_width.
    const styled = it.name.includes('#[') ? it.name : undefined;
    const plainName = styled ? styledRuns(it.name).map((r) => r.text).join('') : it.name;
    const slen = textWidth(plainName);
    let key: string | undefined;
    if (!disabled && it.key !== '') {
      key = it.key;
      const keylen = textWidth(key) + 3;
      if (keylen <= Math.floor(maxWidth / 4)) maxWidth -= keylen;
      else if (keylen >= maxWidth || slen >= maxWidth - keylen) key = undefined;
    }
    let name = plainName;
    let suffix = '';
    if (slen > maxWidth) {
      maxWidth--;
      suffix = '>';
      name = cut(name, maxWidth);
    }
    const text = (disabled ? name.slice(1) : name) + suffix;
    let w = textWidth(name + suffix) + (key ? textWidth(key) + 3 : 0);
    if (disabled) w--;
    width = Math.max(width, w);
    lines.push({ text, ...(styled && !suffix ? { styled: disabled ? styled.slice(1) : styled } : {}), keyLabel: key, key: it.key, command: it.command, disabled });
  }
  return { lines, width };
}

function cut(s: string, cols: number): string {
  let out = '';
  for (const ch of s) {
    if (textWidth(out + ch) > cols) break;
    out += ch;
  }
  return out;
}

export class Menu implements ClientMode {
  /** The line picked, -1 for none. */
  choice: number;
  private pressed = false;

  constructor(
    readonly server: Server,
    readonly title: string,
    readonly lines: readonly (MenuLine | null)[],
    readonly width: number,
    /** Top-left corner on the client's terminal. */
    readonly at: { x: number; y: number },
    readonly opts: { stayOpen: boolean; run: (command: string, c: AttachedClient) => void | Promise<void> },
  ) {
    // Opened from the keyboard, as tmux: the first item that can be chosen is picked.
    this.choice = lines.findIndex((l) => l !== null && !l.disabled);
  }

  /** The box's size. */
  get cols(): number {
    return this.width + 4;
  }

  get rows(): number {
    return this.lines.length + 2;
  }

  private selectable(i: number): boolean {
    const l = this.lines[i];
    return l !== null && l !== undefined && !l.disabled;
  }

  /** Move the choice by one (wrapping), over separators and disabled items. */
  move(by: 1 | -1): void {
    const n = this.lines.length;
    const start = this.choice === -1 ? 0 : this.choice;
    let i = this.choice;
    do {
      i = i === -1 ? (by > 0 ? 0 : n - 1) : (i + by + n) % n;
    } while (!this.selectable(i) && i !== start);
    this.choice = i;
  }

  async handle(ev: InputEvent, c: AttachedClient): Promise<void> {
    if (ev.type === 'mouse') return this.mouse(ev, c);
    if (ev.type !== 'key') return;
    const byKey = this.lines.findIndex((l) => l !== null && !l.disabled && l.key === ev.key);
    if (byKey >= 0) {
      this.choice = byKey;
      return this.chosen(c);
    }
    const n = this.lines.length;
    switch (ev.key) {
      case 'Up': case 'k':
        this.move(-1);
        break;
      case 'Down': case 'j':
        this.move(1);
        break;
      case 'g': case 'PPage': case 'C-b':
        this.choice = this.choice > 5 ? this.choice - 5 : 0;
        while (this.choice < n && !this.selectable(this.choice)) this.choice++;
        if (this.choice === n) this.choice = -1;
        break;
      case 'G': case 'NPage':
        this.choice = this.choice > n - 6 ? n - 1 : this.choice + 5;
        while (this.choice !== -1 && !this.selectable(this.choice)) this.choice--;
        break;
      case 'Enter':
        return this.chosen(c);
      case 'Escape': case 'C-c': case 'C-g': case 'q':
        c.closeMode();
        return;
    }
    c.redraw();
  }

  private async mouse(ev: Extract<InputEvent, { type: 'mouse' }>, c: AttachedClient): Promise<void> {
    const { x, y } = this.at;
    const inside = ev.x >= x && ev.x <= x + 4 + this.width && ev.y >= y + 1 && ev.y <= y + this.lines.length;
    const release = ev.action === 'release';
    const wheel = ev.action === 'wheelUp' || ev.action === 'wheelDown';
    if (!inside) {
      if (!this.opts.stayOpen ? release : !release && !wheel && ev.action !== 'drag') {
        c.closeMode();
        return;
      }
      this.choice = -1;
      c.redraw();
      return;
    }
    if (ev.action === 'press') this.pressed = true;
    this.choice = ev.y - (y + 1);
    if (!this.opts.stayOpen ? release && this.pressed : ev.action === 'press') return this.chosen(c);
    c.redraw();
  }

  private async chosen(c: AttachedClient): Promise<void> {
    const line = this.choice >= 0 ? this.lines[this.choice] : undefined;
    if (!line || line.disabled) {
      if (!this.opts.stayOpen || this.choice === -1) c.closeMode();
      return;
    }
    c.closeMode();
    await this.opts.run(line.command, c);
  }


  paint(grid: Grid, where: PaintArea): CursorState | null {
    const { x, y } = this.at;
    const nx = this.cols;
    const ny = this.rows;
    grid.fillRect({ x, y, cols: nx, rows: ny }, {});
    grid.writeText(x, y, `┌${'─'.repeat(nx - 2)}┐`, {});
    grid.writeText(x, y + ny - 1, `└${'─'.repeat(nx - 2)}┘`, {});
    for (let i = 1; i < ny - 1; i++) {
      grid.writeText(x, y + i, '│', {});
      grid.writeText(x + nx - 1, y + i, '│', {});
    }
    if (this.title) {
      // The title's #[align=centre] (tmux's default menus use it) centres it in the top edge.
      const centre = /#\[[^\]]*align=centre[^\]]*\]/.test(this.title);
      const runs = styledRuns(this.title.replace(/#\[[^\]]*align=[a-z]+[^\]]*\]/g, ''));
      const w = runs.reduce((n, r) => n + textWidth(r.text), 0);
      const room = nx - 4;
      const at = centre && w < room ? x + 2 + ((room - w + 1) >> 1) : x + 2;
      grid.writeSegments(at, y, runs, {}, Math.max(0, x + 2 + room - at));
    }
    const mode = where.style('mode-style');
    this.lines.forEach((line, i) => {
      const row = y + 1 + i;
      if (line === null) {
        grid.writeText(x, row, `├${'─'.repeat(nx - 2)}┤`, {});
        return;
      }
      const style: Style = i === this.choice && !line.disabled ? mode : line.disabled ? { flags: DIM } : {};
      grid.fillRect({ x: x + 2, y: row, cols: this.width, rows: 1 }, i === this.choice && !line.disabled ? mode : {});
      if (line.styled) grid.writeSegments(x + 2, row, segmentsOver(line.styled, style), style, this.width);
      else grid.writeText(x + 2, row, line.text, style, this.width);
      if (line.keyLabel) {
        const label = `(${line.keyLabel})`;
        grid.writeText(x + 2 + this.width - textWidth(label), row, label, i === this.choice ? mode : {});
      }
    });
    return { x: 0, y: 0, visible: false };
  }
}
