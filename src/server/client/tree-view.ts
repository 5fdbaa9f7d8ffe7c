/*
 * What the tree views share (choose-tree, choose-buffer, choose-client): a ModeTree
 * (mode-tree.ts) drawn over the active pane as tmux draws its mode-tree — the list at
 * the top, the current line in mode-style, tagged lines bold, and under it a box titled
 * with the current item's name and the sort order holding the view's preview — and the
 * keys every tree view takes, with the prompts they open (filter, search, a y/n) held
 * inside the view so the view stays open under them. While open it follows the model's
 * events and is rebuilt before it is next drawn. Subclasses build the items, draw the
 * preview and say what Enter, x, X and : do.
 */
import type { InputEvent } from '../../core/input-decoder.js';
import type { Grid } from '../../render/grid.js';
import type { CursorState } from '../../render/screen-writer.js';
import type { Rect, Segment, Style } from '../../render/style.js';
import { BOLD } from '../../render/style.js';
import { paintBox } from '../../render/overlay.js';
import { styledRuns } from '../../config/styled-text.js';
import { textWidth } from '../../render/cell-width.js';
import { Prompt } from './modes.js';
import { ModeTree, type TreeItem } from './mode-tree.js';
import type { AttachedClient, ClientMode, PaintArea } from './handle.js';
import type { Server } from '../server.js';
import type { Pane } from '../pane.js';
import { CHECKPOINTED } from '../events.js';

/** %% (or %1) in a command template replaced by `value`, quoted where the template quoted it. */
export function fillTemplate(template: string, value: string): string {
  return template.replace(/%%|%1/g, value);
}

export abstract class TreeView<T> implements ClientMode {
  readonly tree: ModeTree<T>;
  /** A prompt open inside the view (filter, search, kill?), taking keys until it closes. */
  private sub: ClientMode | null = null;
  /** The client the view is handling a key for (what a prompt inside answers to). */
  private client: AttachedClient | null = null;
  /** Where the list was last drawn (for the mouse). */
  private drawn: Rect | null = null;

  constructor(readonly server: Server, sortFields: readonly string[]) {
    this.tree = new ModeTree<T>(sortFields);
  }

  /** The items, built anew from the model (after every change and key). */
  protected abstract buildItems(): TreeItem<T>[];
  /** Draw the preview of `item` in `rect`. */
  protected abstract paintPreview(grid: Grid, rect: Rect, item: TreeItem<T>): void;
  /** Enter on `item`. */
  protected abstract choose(item: TreeItem<T>, c: AttachedClient): void | Promise<void>;
  /** Keys of the view's own (x, X, <, >, H …); false when not one. */
  protected abstract viewKey(key: string, c: AttachedClient): boolean | Promise<boolean>;
  /** Whether `item` matches a search for `text`. */
  protected abstract matches(item: TreeItem<T>, text: string): boolean;
  /** The view closed (undo what opening it did, as a zoom). */
  protected closed(_c: AttachedClient): void {}
  /** The item went current: a new item resets what its preview scrolled. */
  protected currentChanged(): void {}
  /** Extra segments after the line's text (Claude states). */
  protected lineExtra(_item: TreeItem<T>): Segment[] {
    return [];
  }

  /** Build the items again, with the filter when anything matches it (tmux: "no matches" otherwise). */
  rebuild(preferId?: string): void {
    let items = this.buildItems();
    this.tree.noMatches = false;
    if (this.tree.filter !== undefined && items.length === 0) {
      const f = this.tree.filter;
      this.tree.filter = undefined;
      items = this.buildItems();
      this.tree.filter = f;
      this.tree.noMatches = true;
    }
    this.tree.build(items, preferId);
  }

  /** A prompt is open inside the view (it takes the keys). */
  protected get prompting(): boolean {
    return this.sub !== null;
  }

  /** Open a prompt inside the view; `onSubmit` gets its text. */
  protected ask(label: string, initial: string, onSubmit: (text: string, c: AttachedClient) => void | Promise<void>): void {
    this.sub = new Prompt(label, initial, (text) => onSubmit(text, this.client!));
  }

  /** Ask a one-key question ("Kill pane 1? "): y runs `onYes`, anything else cancels. */
  protected confirm(question: string, onYes: (c: AttachedClient) => void | Promise<void>): void {
    const self = this;
    this.sub = {
      handle(ev) {
        if (ev.type !== 'key') return;
        self.sub = null;
        if (ev.key === 'y' || ev.key === 'Y') return onYes(self.client!);
      },
      paint: (grid, where) => {
        const prompt = new Prompt(question, '', () => {});
        return prompt.paint(grid, where);
      },
    };
  }

  /** The client as the prompt inside sees it: closing the prompt leaves the view open. */
  private subClient(c: AttachedClient): AttachedClient {
    const proxy = Object.create(c) as AttachedClient;
    proxy.closeMode = () => {
      this.sub = null;
      c.redraw();
    };
    return proxy;
  }

  /** Called once the view has closed (a command's -Z undoing its zoom). */
  onClosed?: () => void;

  close(c: AttachedClient): void {
    c.closeMode();
    this.closed(c);
    this.onClosed?.();
  }

  async handle(ev: InputEvent, c: AttachedClient): Promise<void> {
    this.client = c;
    if (this.sub) {
      await this.sub.handle(ev, this.subClient(c));
      if (c.mode !== this) return;
      this.rebuild();
      c.redraw();
      return;
    }
    const before = this.tree.currentItem?.id;
    let key: string | undefined;
    if (ev.type === 'key') key = ev.key;
    else if (ev.type === 'mouse') key = this.mouseKey(ev);
    if (key === undefined) return;
    this.rebuild();
    const r = this.tree.key(key);
    if (r === 'close') {
      this.close(c);
      return;
    }
    if (r === 'choose') {
      const item = this.tree.currentItem;
      this.close(c);
      if (item) await this.choose(item, c);
      return;
    }
    if (r === 'unhandled') {
      switch (key) {
        case 'f':
          this.ask('(filter)', this.tree.filter ?? '', (text) => {
            this.tree.filter = text === '' ? undefined : text;
          });
          break;
        case '/': case '?': case 'C-s':
          this.ask('(search)', '', (text) => {
            this.tree.search = text === '' ? undefined : text;
            if (this.tree.search !== undefined) this.tree.searchNext((it) => this.matches(it, text));
          });
          break;
        case 'n':
          if (this.tree.search !== undefined) {
            const text = this.tree.search;
            this.tree.searchNext((it) => this.matches(it, text));
          }
          break;
        default:
          await this.viewKey(key, c);
      }
    }
    if (c.mode !== this) return;
    this.rebuild();
    if (this.tree.currentItem?.id !== before) this.currentChanged();
    c.redraw();
  }

  /** A mouse event as the key it acts as: a click picks a line, a double click chooses, the wheel moves. */
  private mouseKey(ev: Extract<InputEvent, { type: 'mouse' }>): string | undefined {
    if (ev.action === 'wheelUp') return 'Up';
    if (ev.action === 'wheelDown') return 'Down';
    if (ev.action !== 'press' || ev.button !== 0 || !this.drawn) return undefined;
    const { x, y, cols, rows } = this.drawn;
    if (ev.x < x || ev.x >= x + cols || ev.y < y || ev.y >= y + rows) return undefined;
    const line = this.tree.offset + ev.y - y;
    if (line >= this.tree.lines.length) return undefined;
    const now = Date.now();
    const again = this.lastClick && this.lastClick.line === line && now - this.lastClick.at < 300;
    this.lastClick = { line, at: now };
    this.tree.current = line;
    this.tree.clampOffset();
    return again ? 'Enter' : '';
  }

  private lastClick: { line: number; at: number } | null = null;

  /** The pane the view is drawn over (-t), when not the active one. */
  over: Pane | undefined;

  /** Where the view draws: over its pane (-t) when the client's window shows it, else over the active pane. */
  protected rectFor(c: AttachedClient, area: Rect): Rect {
    const w = c.session!.current;
    const rects = w.rects();
    const r = (this.over && rects.get(this.over.id)) || rects.get(w.active);
    if (!r) return area;
    return { x: area.x + r.x, y: area.y + r.y, cols: Math.min(r.cols, area.cols - r.x), rows: Math.min(r.rows, area.rows - r.y) };
  }

  /** The list's rows out of `sy` (tmux's mode_tree_set_height). */
  static listHeight(sy: number, lines: number): number {
    let h = Math.floor(sy / 3) * 2;
    if (h > lines) h = Math.floor(sy / 2);
    if (h < 10) h = sy;
    if (sy - h < 2) h = sy;
    return h;
  }

  /** The list's rows out of `sy` for this view (customize-mode keeps 12 for its preview). */
  protected listRows(sy: number): number {
    return TreeView.listHeight(sy, this.tree.lines.length);
  }

  /** The model changed since the items were built (the view is rebuilt before it is drawn). */
  private stale = false;
  private unwatch: (() => void) | null = null;

  /** Follow the model while open: a session, window or pane made, closed or changed shows at once. */
  private watch(c: AttachedClient): void {
    if (this.unwatch) return;
    const offs = ([...CHECKPOINTED, 'pane-display', 'window-flags'] as const).map((type) =>
      this.server.model.events.on(type, () => {
        this.stale = true;
        c.redraw();
      }),
    );
    this.unwatch = () => offs.forEach((off) => off());
  }

  /** Closed or replaced: stop following the model. */
  dispose(): void {
    this.unwatch?.();
    this.unwatch = null;
  }

  paint(grid: Grid, where: PaintArea, c: AttachedClient): CursorState | null {
    if (c.mode === this) this.watch(c);
    if (this.stale) {
      this.stale = false;
      this.rebuild();
    }
    const rect = this.rectFor(c, where.area);
    const w = rect.cols;
    const sy = rect.rows;
    grid.fillRect(rect, {});
    const tree = this.tree;
    const h = this.listRows(sy);
    tree.height = h;
    tree.clampOffset();
    this.drawn = { x: rect.x, y: rect.y, cols: w, rows: Math.min(h, sy) };
    const mode = where.style('mode-style');
    for (let i = tree.offset; i < tree.lines.length && i < tree.offset + h; i++) {
      const line = tree.lines[i]!;
      const y = rect.y + i - tree.offset;
      const tagged = tree.tagged.has(line.item.id);
      const base: Style = i === tree.current ? { ...mode } : {};
      if (tagged) base.flags = (base.flags ?? 0) ^ BOLD;
      if (i === tree.current) grid.fillRect({ x: rect.x, y, cols: w, rows: 1 }, base);
      const prefix = tree.linePrefix(i);
      let x = rect.x + grid.writeText(rect.x, y, prefix, base, w);
      const segs: Segment[] = [...(line.item.text !== undefined ? styledRuns(line.item.text) : []), ...this.lineExtra(line.item)];
      x += grid.writeSegments(x, y, segs, base, Math.max(0, rect.x + w - x));
    }
    const item = tree.currentItem;
    if (tree.preview && item && sy > 4 && h > 4 && sy - h > 4 && w > 4) {
      paintBox(grid, { x: rect.x, y: rect.y + h, cols: w, rows: sy - h }, '', [], {});
      let title = ` ${item.name}`;
      if (tree.sortFields.length > 0) title += ` (sort: ${tree.sortFields[tree.sortField]}${tree.reversed ? ', reversed' : ''})`;
      if (w - 2 >= textWidth(title)) {
        let x = rect.x + 1 + grid.writeText(rect.x + 1, rect.y + h, title, {});
        const n = tree.noMatches ? 'no matches'.length : 'active'.length;
        if (tree.filter !== undefined && w - 2 >= textWidth(title) + 10 + n + 2) {
          x += grid.writeText(x, rect.y + h, ' (filter: ', {});
          x += grid.writeText(x, rect.y + h, tree.noMatches ? 'no matches' : 'active', tree.noMatches ? mode : {});
          grid.writeText(x, rect.y + h, ') ', {});
        } else grid.writeText(x, rect.y + h, ' ', {});
      }
      const box = { x: rect.x + 2, y: rect.y + h + 1, cols: w - 4, rows: sy - h - 2 };
      if (box.cols > 0 && box.rows > 0) this.paintPreview(grid, box, item);
    }
    if (this.sub) return this.sub.paint(grid, where, c);
    return { x: rect.x, y: rect.y + tree.current - tree.offset, visible: false };
  }

}

export type { TreeItem };
