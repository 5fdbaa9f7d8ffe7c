/*
 * Key dispatch of an attached client, as tmux's server_client_key_callback: which key
 * table a key is looked up in (the prefix table after the prefix, a table of
 * switch-client -T for one key, the copy-mode table of a pane in copy mode, else the
 * client's default table), repeat bindings (bind -r) keeping the prefix table for
 * repeat-time, a key the prefix or another table does not bind looked up in root (and
 * dropped when root does not bind it either), and a key nothing binds written to the
 * active pane.
 *
 * The mouse is keys too: each report becomes a mouse key (mouse-keys.ts) named for where
 * it lands — a pane, a border, the status line's window list, status-left, status-right
 * or the rest of it — and runs that key's binding with the event as its mouse target
 * (`=`, server/mouse-target.ts), the copy-mode table looked up when the pane under the
 * mouse is in copy mode, and the root table after it. A mouse key nothing binds goes to
 * the program under the mouse if it asked for the mouse. While a drag started by
 * copy-mode -M or resize-pane -M goes on, its reports go to that drag and nothing else.
 * A report costs a layout lookup and a table lookup; formats only if a binding has some.
 *
 * The client's input queue (input-queue.ts) hands it the keys it does not write to a
 * pane itself; one KeyDispatch per client owns the repeat timer and the mouse state.
 */
import type { OptionLayers } from '../../config/local-options.js';
import type { Pane } from '../pane.js';
import type { Server } from '../server.js';
import type { Session } from '../window.js';
import { writeKey } from './input-queue.js';
import type { MouseEvent } from '../../core/input-decoder.js';
import type { MouseLocation } from '../../core/keys.js';
import { statusLines } from '../../config/status-lines.js';
import type { WindowView } from './window-view.js';
import type { Window } from '../window.js';
import type { DragHandlers, MouseTarget } from '../mouse-target.js';
import { forwardMouse } from '../mouse-forward.js';
import { MouseKeys, dragFlagOf, mouseKeyName, type MouseReport } from './mouse-keys.js';

/** Where the status line drew what a click there can name (compose.ts). */
/** Where a status line row drew what a click names: windows (Status), StatusLeft and StatusRight spans. */
export interface StatusLayout {
  windows: Array<{ index: number; x: number; cols: number }>;
  left: Array<{ x: number; cols: number }>;
  right: Array<{ x: number; cols: number }>;
}

/** What key dispatch needs of the client it dispatches for. */
export interface KeyOwner {
  readonly server: Server;
  readonly session: Session | null;
  readonly at: OptionLayers;
  readonly activePane: Pane | undefined;
  readonly readOnly: boolean;
  readonly cols: number;
  readonly rows: number;
  /** Where each status line row drew status-left, the windows and status-right (its ranges); null: none. */
  readonly statusLayouts: ReadonlyArray<StatusLayout | null>;
  /** The key table the next key is looked up in. */
  keyTable: string;
  /** The table it goes back to (the key-table option, else root). */
  readonly defaultKeyTable: string;
  /** Run a binding's command string; a mouse key's with its mouse target. */
  runBinding(command: string, mouse?: MouseTarget): Promise<void>;
  /** The part of its window the client shows (a window bigger than it): the mouse lands in that part. */
  windowView?(): WindowView;
}

export class KeyDispatch {
  private repeatTimer: NodeJS.Timeout | null = null;
  /** Mouse reports as keys: the last report, the drag, the clicks (mouse-keys.ts). */
  private readonly mouse: MouseKeys;
  /** A drag that takes the reports until the button is released (copy-mode -M, resize-pane -M). */
  private drag: DragHandlers | null = null;

  constructor(private readonly c: KeyOwner, onDoubleClick: (r: MouseReport) => void) {
    this.mouse = new MouseKeys(onDoubleClick);
  }

  /** A key the input queue did not write to a pane itself. */
  async handleKey(key: string, raw: string): Promise<void> {
    const c = this.c;
    const { keys, options } = c.server;
    const root = c.defaultKeyTable;
    if (c.keyTable !== root && c.keyTable !== 'prefix') {
      // A table entered with switch-client -T: one key is looked up there, then back to
      // root; a key it does not bind is looked up in root, and dropped when root does not
      // bind it either (tmux 3.3's table_changed).
      const table = c.keyTable;
      c.keyTable = root;
      const b = keys.find(table, key);
      if (b) await c.runBinding(b.command);
      else await this.rootOnly(key);
      return;
    }
    if (c.keyTable === 'prefix') {
      const wasRepeating = this.repeatTimer !== null;
      this.endRepeat();
      c.keyTable = root;
      const b = keys.find('prefix', key);
      if (b && (!wasRepeating || b.repeat)) {
        if (b.repeat) this.startRepeat();
        await c.runBinding(b.command);
        return;
      }
      // Not bound after the prefix: looked up in root, else dropped, as tmux.
      if (!wasRepeating) return this.rootOnly(key);
    }
    if (key === options.get('prefix', c.at) || (options.get('prefix2', c.at) && key === options.get('prefix2', c.at))) {
      c.keyTable = 'prefix';
      return;
    }
    if (c.readOnly) {
      // Its keys only look up bindings (which run if read-only commands); none reaches a pane.
      const b = keys.find('root', key);
      if (b) await c.runBinding(b.command);
      return;
    }
    const pane = c.activePane;
    if (pane?.clockMode) {
      // Any key ends clock mode, and does nothing else (as in tmux).
      c.server.model.setClockMode(pane, false);
      return;
    }
    if (pane?.copyMode) {
      const table = options.get('mode-keys', c.at) === 'emacs' ? 'copy-mode' : 'copy-mode-vi';
      const b = keys.find(table, key);
      // Not bound there, the root table is tried (as tmux's table_changed), and a key bound
      // nowhere does nothing; what a binding changes in copy mode redraws the pane (paneDisplayChanged).
      const found = b ?? keys.find(root, key);
      if (found) await c.runBinding(found.command);
      return;
    }
    const b = keys.find(root, key);
    if (b) {
      await c.runBinding(b.command);
      return;
    }
    if (pane && c.session) writeKey(c.server, c.session.current, pane, key, raw);
  }

  /**
   * A key another table did not bind, looked up in the client's own table as tmux's
   * table_changed does: the prefix starts the prefix table, a binding runs, and a key
   * nothing binds goes nowhere (not to the pane: another table was tried first).
   */
  private async rootOnly(key: string): Promise<void> {
    const c = this.c;
    const { keys, options } = c.server;
    if (key === options.get('prefix', c.at) || (options.get('prefix2', c.at) && key === options.get('prefix2', c.at))) {
      c.keyTable = 'prefix';
      return;
    }
    const b = keys.find(c.defaultKeyTable, key);
    if (b) await c.runBinding(b.command);
  }

  private startRepeat(): void {
    const c = this.c;
    c.keyTable = 'prefix';
    this.repeatTimer = setTimeout(() => {
      this.repeatTimer = null;
      c.keyTable = c.defaultKeyTable;
    }, c.server.options.get('repeat-time', c.at) as number);
  }

  private endRepeat(): void {
    if (this.repeatTimer) clearTimeout(this.repeatTimer);
    this.repeatTimer = null;
  }

  /** The client has gone: no timer left behind. */
  dispose(): void {
    this.endRepeat();
    this.mouse.dispose();
  }

  /**
   * A mouse report (or, `double`, the click timer's DoubleClick of an earlier one), as
   * tmux's server_client_check_mouse and then its key lookup.
   */
  async handleMouse(ev: MouseEvent | null, double?: MouseReport): Promise<void> {
    const c = this.c;
    const s = c.session;
    if (!s || c.readOnly) return;
    const report = double ?? this.mouse.report(ev!);
    const k = this.mouse.classify(report, double !== undefined);
    if (!k) return;
    const place = this.locate(k.x, k.y);
    if (!place) return;
    const target = (where: MouseLocation): MouseTarget => ({
      key: '', where, session: s, window: place.window, pane: place.pane,
      x: report.x, y: report.y, lx: report.lx, ly: report.ly, ox: place.ox, oy: place.oy, areaY: place.areaY,
      statusAt: place.statusAt, statusLines: place.statusLines, ignore: k.ignore, event: report.event,
      setDrag: (h) => {
        this.drag = h;
      },
    });
    const m = target(place.where);
    let dragEnd = 0;
    if (k.kind !== 'drag' && k.kind !== 'wheel' && this.mouse.dragFlag) {
      dragEnd = this.mouse.dragFlag;
      this.mouse.dragFlag = 0;
      const drag = this.drag;
      this.drag = null;
      drag?.release?.(m);
    } else if (k.kind === 'drag') {
      this.mouse.dragFlag = dragFlagOf(k);
      if (this.drag) {
        this.drag.update(m);
        return;
      }
    }
    m.key = mouseKeyName(k, place.where, dragEnd) ?? '';
    await this.dispatchMouse(m);
  }

  /** Where a client cell is: the status line's parts, a border, a pane (null: nowhere tmux names). */
  private locate(x: number, y: number): { where: MouseLocation; window: Window; pane: MouseTarget['pane']; ox: number; oy: number; areaY: number; statusAt: number; statusLines: number } | null {
    const c = this.c;
    const s = c.session!;
    const w = s.current;
    const { options } = c.server;
    const lines = Math.min(statusLines(options, c.at), Math.max(0, c.rows - 1));
    const top = options.get('status-position', c.at) === 'top';
    const statusAt = lines > 0 ? (top ? 0 : c.rows - lines) : -1;
    const areaY = top ? lines : 0;
    const base = { window: w, pane: undefined, ox: 0, oy: 0, areaY, statusAt, statusLines: lines };
    if (statusAt >= 0 && y >= statusAt && y < statusAt + lines) {
      const layout = c.statusLayouts[y - statusAt] ?? null;
      const within = (r: { x: number; cols: number }) => x >= r.x && x < r.x + r.cols;
      const hit = layout?.windows.find((r) => within(r));
      if (hit) {
        // A range naming a window there is not is no key (tmux's server_client_check_mouse).
        const win = s.findIndex(hit.index);
        return win ? { ...base, where: 'Status', window: win } : null;
      }
      if (layout?.left.some(within)) return { ...base, where: 'StatusLeft' };
      if (layout?.right.some(within)) return { ...base, where: 'StatusRight' };
      return { ...base, where: 'StatusDefault' };
    }
    // Below a status line at the bottom counts as the window's last row, as tmux's.
    const sy = statusAt === 0 ? y - lines : statusAt > 0 && y >= statusAt ? statusAt - 1 : y;
    // The cell of the window under it: through the part shown of a window bigger than the client (window-view.ts).
    const view = c.windowView?.() ?? { x: 0, y: 0, cols: w.cols, rows: w.rows };
    if (x > view.cols || sy > view.rows) return null;
    const at = { ...base, ox: view.x, oy: view.y };
    const px = x + view.x;
    const py = sy + view.y;
    const rects = w.rects();
    if (!w.zoomed) {
      for (const p of w.orderedPanes()) {
        const r = rects.get(p.id);
        if (!r) continue;
        if ((r.x + r.cols === px && r.y <= 1 + py && r.y + r.rows >= py) || (r.y + r.rows === py && r.x <= 1 + px && r.x + r.cols >= px)) {
          return { ...at, where: 'Border', pane: p };
        }
      }
    }
    for (const [id, r] of rects) {
      if (px >= r.x && px < r.x + r.cols && py >= r.y && py < r.y + r.rows) {
        const p = w.panes.get(id);
        return p ? { ...at, where: 'Pane', pane: p } : null;
      }
    }
    return null;
  }

  /** A mouse key's binding run (the pane's copy-mode table first, then the client's table, then root), else the event to the pane. */
  private async dispatchMouse(m: MouseTarget): Promise<void> {
    const c = this.c;
    const { keys, options } = c.server;
    const pane = m.pane ?? m.window.activePane;
    const at = { session: m.session, window: m.window, pane };
    // As tmux: with mouse off, the event goes to the program; nothing is looked up.
    if (!m.key || !options.get('mouse', at)) {
      forwardMouse(c.server, m);
      return;
    }
    const root = c.defaultKeyTable;
    let table = c.keyTable;
    if (table === root && pane.copyMode) table = options.get('mode-keys', at) === 'emacs' ? 'copy-mode' : 'copy-mode-vi';
    const first = table;
    const wasRepeating = this.repeatTimer !== null;
    for (;;) {
      const b = keys.find(table, m.key);
      if (b) {
        if (this.repeatTimer !== null && !b.repeat) {
          // Repeating, and this binding does not: the prefix ends, and root is tried.
          this.endRepeat();
          table = c.keyTable = root;
          continue;
        }
        if (!b.repeat) {
          this.endRepeat();
          c.keyTable = root;
        }
        await c.runBinding(b.command, m);
        return;
      }
      if (table === root && !this.repeatTimer) break;
      // Not bound here: back to the client's table (and out of the prefix), and try that.
      this.endRepeat();
      table = c.keyTable = root;
    }
    // Not bound anywhere: the program under the mouse gets it, unless another table was tried first.
    if (first !== table && !wasRepeating) return;
    forwardMouse(c.server, m);
  }
}
