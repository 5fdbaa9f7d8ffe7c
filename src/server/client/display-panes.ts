/*
 * display-panes' overlay (tmux's cmd-display-panes.c): each visible pane of the client's
 * window gets its index drawn big in its middle (5×5 digits in display-panes-colour, the
 * active pane's in display-panes-active-colour), its size in its top right corner and,
 * for indexes 10-34, the letter that selects it. A digit or letter runs the template
 * (default `select-pane -t "%%%"`) for that pane and closes the overlay; any other key
 * closes it and then acts as it would have; so does the end of the delay. With -N keys
 * do not select.
 */
import type { InputEvent } from '../../core/input-decoder.js';
import { viewRect } from './window-view.js';
import type { Grid } from '../../render/grid.js';
import type { CursorState } from '../../render/screen-writer.js';
import { bigDigitCell } from '../../render/big-digits.js';
import { parseColour } from '../../config/option-values.js';
import type { Server } from '../server.js';
import type { AttachedClient, ClientMode, PaintArea } from './handle.js';

export const DISPLAY_PANES_TEMPLATE = 'select-pane -t "%%%"';

/** The template with %%% and %% replaced by the pane's id ("%3"). */
export function paneTemplate(template: string, paneId: number): string {
  return template.replace(/%%%|%%|%1/g, `%${paneId}`);
}

/** The pane index a key selects: 0-9, then a-z for 10-35 (tmux); undefined for other keys. */
export function indexOfKey(key: string): number | undefined {
  if (/^[0-9]$/.test(key)) return Number(key);
  if (/^[a-z]$/.test(key)) return 10 + key.charCodeAt(0) - 97;
  return undefined;
}

export class DisplayPanes implements ClientMode {
  private timer: NodeJS.Timeout | null = null;
  private done = false;

  constructor(
    readonly server: Server,
    readonly client: AttachedClient,
    readonly opts: { delay: number; template: string; selects: boolean; onClose: () => void },
  ) {
    if (opts.delay > 0) this.timer = setTimeout(() => this.close(), opts.delay);
  }

  /** Close the overlay (once): the timer stops, whoever waits on it is told. */
  close(): void {
    if (this.done) return;
    this.done = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.client.mode === this) this.client.closeMode();
    this.opts.onClose();
  }

  /** A key that does not select a pane closes the overlay and then does what it would have. */
  passes(ev: InputEvent): boolean {
    if (ev.type === 'key' && this.opts.selects && indexOfKey(ev.key) !== undefined) return false;
    this.close();
    return true;
  }

  async handle(ev: InputEvent, c: AttachedClient): Promise<void> {
    if (ev.type !== 'key') return;
    const index = indexOfKey(ev.key);
    this.close();
    if (index === undefined || !c.session) return;
    const w = c.session.current;
    const base = this.server.options.get('pane-base-index', { window: w }) as number;
    const pane = w.orderedPanes()[index - base];
    if (!pane) return;
    if (w.zoomed) this.server.model.setZoom(w, false);
    await c.runBinding(paneTemplate(this.opts.template, pane.id));
  }

  private colour(name: string, fallback: number): number {
    try {
      return parseColour(String(this.server.options.get(name)));
    } catch {
      return fallback;
    }
  }

  paint(grid: Grid, where: PaintArea, c: AttachedClient): CursorState | null {
    const w = c.session?.current;
    if (!w) return null;
    const base = this.server.options.get('pane-base-index', { window: w }) as number;
    const order = w.orderedPanes();
    const colour = this.colour('display-panes-colour', 4);
    const active = this.colour('display-panes-active-colour', 1);
    // The part of each pane shown (a window bigger than the client shows only part of it), as tmux's.
    const view = c.windowView?.() ?? { x: 0, y: 0, cols: where.area.cols, rows: where.area.rows, bigger: false };
    const clipped = { ...view, cols: Math.min(view.cols, where.area.cols), rows: Math.min(view.rows, where.area.rows) };
    for (const [id, r] of w.rects()) {
      const pane = w.panes.get(id);
      const shown = pane && viewRect(r, clipped);
      if (!pane || !shown) continue;
      const xoff = where.area.x + shown.x;
      const yoff = where.area.y + shown.y;
      const sx = shown.cols;
      const sy = shown.rows;
      const index = order.indexOf(pane) + base;
      const num = String(index);
      const c0 = id === w.active ? active : colour;
      const letter = index > 9 && index < 35 ? String.fromCharCode(97 + index - 10) : '';
      let px = sx >> 1;
      let py = sy >> 1;
      const len = num.length;
      if (sx < len) continue;
      if (sx < len * 6 || sy < 5) {
        // Too small for big digits: the number (and its letter) as text in the middle.
        const text = sx >= len + letter.length + 1 ? `${num} ${letter}` : num;
        const shown = sx >= len + letter.length + 1 ? len + letter.length + 1 : len;
        grid.writeText(xoff + px - (shown >> 1), yoff + py, text, { fg: c0 }, sx);
        continue;
      }
      px -= len * 3;
      py -= 2;
      for (const ch of num) {
        const d = Number(ch);
        for (let j = 0; j < 5; j++) {
          for (let i = 0; i < 5; i++) if (bigDigitCell(d, i, j)) grid.writeText(xoff + px + i, yoff + py + j, ' ', { bg: c0 });
        }
        px += 6;
      }
      if (sy <= 6) continue;
      const size = `${pane.term.cols}x${pane.term.rows}`;
      if (sx >= size.length) grid.writeText(xoff + sx - size.length, yoff, size, { fg: c0 });
      if (letter) grid.writeText(xoff + (sx >> 1) + len * 3 - letter.length - 1, yoff + py + 5, letter, { fg: c0 });
    }
    return { x: 0, y: 0, visible: false };
  }
}
