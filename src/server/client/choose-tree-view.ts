/*
 * choose-tree's view (tmux's window-tree.c): every session, its windows and their panes
 * (a window of one pane has no pane lines) as a tree, each line the expanded format
 * (`-F`, tmux's default), with the Claude state of Claude panes after it (ccmux's own);
 * under it the preview of the current item (render/tree-preview.ts). Enter runs the
 * command template with %% replaced by the item's target (`=s:`, `=s:1.`, `=s:1.%3`);
 * x kills the current item after a y/n, X the tagged ones, : runs a command for each
 * tagged item, < > scroll the preview, H goes back to the pane the view was opened in,
 * m marks the current item's pane (a session's or window's active pane) and M clears the
 * marked pane, as tmux's window_tree_key.
 */
import type { Grid } from '../../render/grid.js';
import type { Rect, Segment } from '../../render/style.js';
import { paintPreviewScreen, paintPreviewSlots, type PreviewScreen } from '../../render/tree-preview.js';
import { parseColour } from '../../config/option-values.js';
import { expandFormat } from '../../core/format.js';
import { quoteArg } from '../../core/parse-command.js';
import { cursorHidden } from '../../render/xterm.js';
import { formatContext } from '../format-vars.js';
import type { Server } from '../server.js';
import type { Pane } from '../pane.js';
import type { Session, Window } from '../window.js';
import type { TreeItem } from './mode-tree.js';
import { TreeView, fillTemplate } from './tree-view.js';
import type { AttachedClient } from './handle.js';

export const TREE_DEFAULT_COMMAND = "switch-client -Zt '%%'";

export { TREE_DEFAULT_FORMAT } from '../../core/format/mode-formats.js';

export const TREE_SORT_FIELDS = ['index', 'name', 'time'] as const;

export interface TreeEntry {
  kind: 'session' | 'window' | 'pane';
  session: Session;
  window?: Window;
  pane?: Pane;
}

export interface ChooseTreeOptions {
  /** What is expanded at first: only sessions (-s), sessions and windows (-w), everything. */
  type: 'session' | 'window' | 'pane';
  format: string;
  /** Only panes for which this format is true (-f; the filter the f key then edits). */
  filter?: string;
  template: string;
  /** Zoom the pane while the view is open (-Z). */
  zoom: boolean;
  preview: boolean;
  sortField: number;
  reversed: boolean;
  /** The pane the view opens over (-t). */
  over?: Pane;
  /** Every session of a session group (-G); else one per group: the client's own, or the group's first (tmux's squash_groups). */
  allGroups?: boolean;
}

/** Expand `fmt` for an item, with the mode-tree's own variables (pane_format, window_format, session_format). */
function expandItem(server: Server, fmt: string, e: TreeEntry): string {
  const ctx = formatContext(server, { session: e.session, window: e.window ?? e.session.current, pane: e.pane ?? (e.window ?? e.session.current).activePane });
  const lookup = ctx.lookup.bind(ctx);
  return expandFormat(fmt, {
    ...ctx,
    lookup: (name) => {
      if (name === 'pane_format') return e.kind === 'pane' ? '1' : '0';
      if (name === 'window_format') return e.kind === 'window' ? '1' : '0';
      if (name === 'session_format') return e.kind === 'session' ? '1' : '0';
      return lookup(name);
    },
  });
}

/** A pane's screen as a preview shows it: its cells, and its cursor when shown. */
export function paneScreen(p: Pane): PreviewScreen {
  const buf = p.term.buffer.active;
  return { grid: p.canvas.update(), cursor: cursorHidden(p.term) ? null : { x: buf.cursorX, y: buf.cursorY } };
}

export class ChooseTreeView extends TreeView<TreeEntry> {
  readonly paneMode = 'tree-mode';
  /** How far the preview is scrolled from where it would show the current window or pane. */
  private previewOffset = 0;
  private first = true;
  /** The window zoomed on opening (-Z), unzoomed on closing. */
  private zoomed: Window | null = null;
  /** The pane the view was opened in (H). */
  private readonly home: Pane;
  /** The client's session when the view opened (tmux's fs.s): the one of its group the tree shows. */
  private readonly homeSession: Session;

  constructor(server: Server, c: AttachedClient, readonly opts: ChooseTreeOptions) {
    super(server, TREE_SORT_FIELDS);
    this.tree.preview = opts.preview;
    this.tree.sortField = opts.sortField;
    this.tree.reversed = opts.reversed;
    // -f is the filter f shows and replaces, as tmux's.
    this.tree.filter = opts.filter;
    this.over = opts.over;
    const s = c.session!;
    const w = s.current;
    this.homeSession = s;
    this.home = opts.over ?? w.activePane;
    if (opts.zoom && !w.zoomed && w.panes.size > 1) {
      server.model.setZoom(w, true);
      this.zoomed = w;
    }
    const start = opts.type === 'session' ? `s${s.id}` : opts.type === 'window' || w.panes.size === 1 ? `w${w.id}` : `p${w.active}`;
    this.rebuild(start);
    this.first = false;
  }

  protected override closed(): void {
    const w = this.zoomed;
    this.zoomed = null;
    if (w && w.zoomed) this.server.model.setZoom(w, false);
  }

  protected override currentChanged(): void {
    this.previewOffset = 0;
  }

  private sorted<X>(list: X[], index: (x: X) => number, name: (x: X) => string, time: (x: X) => number): X[] {
    const field = TREE_SORT_FIELDS[this.tree.sortField];
    const cmp = (a: X, b: X): number => {
      let r = 0;
      if (field === 'index') r = index(a) - index(b);
      else {
        if (field === 'time') r = time(b) - time(a);
        if (r === 0) r = name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0;
      }
      return this.tree.reversed ? -r : r;
    };
    return [...list].sort(cmp);
  }

  protected buildItems(): TreeItem<TreeEntry>[] {
    const { server, opts } = this;
    const firstType = this.first ? opts.type : 'pane';
    const filterOk = (s: Session, w: Window, p: Pane) => {
      const f = this.tree.filter;
      if (f === undefined) return true;
      const v = expandItem(server, f, { kind: 'pane', session: s, window: w, pane: p });
      return v !== '' && v !== '0';
    };
    const groups = server.model.groups;
    const mine = groups.of(this.homeSession);
    const shown = opts.allGroups
      ? server.model.sessions
      : server.model.sessions.filter((s) => {
          const g = groups.of(s);
          return !g || (g === mine ? s === this.homeSession : s === g.sessions[0]);
        });
    const sessions = this.sorted(shown, (s) => s.id, (s) => s.name, (s) => s.lastUsed);
    const out: TreeItem<TreeEntry>[] = [];
    for (const s of sessions) {
      const windows: TreeItem<TreeEntry>[] = [];
      for (const w of this.sorted(s.windows, (x) => s.indexOf(x), (x) => x.name, (x) => x.activityAt)) {
        const order = w.orderedPanes();
        const panes = order.filter((p) => filterOk(s, w, p));
        if (panes.length === 0) continue;
        const base = server.options.get('pane-base-index', { window: w }) as number;
        const entry: TreeEntry = { kind: 'window', session: s, window: w };
        const children: TreeItem<TreeEntry>[] =
          order.length === 1
            ? []
            : this.sorted(panes, (p) => p.id, (p) => String(p.id), (p) => order.indexOf(p)).map((p) => {
                const pe: TreeEntry = { kind: 'pane', session: s, window: w, pane: p };
                return { id: `p${p.id}`, name: String(order.indexOf(p) + base), text: expandItem(server, opts.format, pe), data: pe, children: [], expanded: true };
              });
        windows.push({ id: `w${w.id}`, name: String(s.indexOf(w)), text: expandItem(server, opts.format, entry), data: entry, children, expanded: firstType === 'pane' });
      }
      if (windows.length === 0) continue;
      const entry: TreeEntry = { kind: 'session', session: s };
      out.push({ id: `s${s.id}`, name: s.name, text: expandItem(server, opts.format, entry), data: entry, children: windows, expanded: firstType !== 'session' });
    }
    return out;
  }

  /** The Claude state of a Claude pane (or a window's mark) after the line: ccmux's addition. */
  protected override lineExtra(item: TreeItem<TreeEntry>): Segment[] {
    const aw = this.server.awareness;
    if (!aw) return [];
    const e = item.data;
    if (e.kind === 'pane' && e.pane) {
      const st = aw.status(e.pane.id);
      const mark = aw.windowMark([e.pane]);
      if (!st) return [];
      return [{ text: ' ' }, ...(mark ? [mark] : []), { text: ` ${st.state}` }];
    }
    if (e.kind === 'window' && e.window) {
      const mark = aw.windowMark(e.window.panes.values());
      if (!mark) return [];
      const only = e.window.panes.size === 1 ? aw.status(e.window.activePane.id) : undefined;
      return [{ text: ' ' }, mark, ...(only ? [{ text: ` ${only.state}` }] : [])];
    }
    return [];
  }

  private colours(): { normal: number; active: number } {
    const colour = (name: string, fallback: number) => {
      try {
        return parseColour(String(this.server.options.get(name)));
      } catch {
        return fallback;
      }
    };
    return { normal: colour('display-panes-colour', 4), active: colour('display-panes-active-colour', 1) };
  }

  protected paintPreview(grid: Grid, rect: Rect, item: TreeItem<TreeEntry>): void {
    const e = item.data;
    if (e.kind === 'pane' && e.pane) {
      paintPreviewScreen(grid, rect, paneScreen(e.pane));
      return;
    }
    if (e.kind === 'session') {
      const windows = e.session.sorted();
      const slots = windows.map((w) => ({ screen: paneScreen(w.activePane), label: ` ${e.session.indexOf(w)}:${w.name} `, short: ` ${e.session.indexOf(w)} `, active: w === e.session.current }));
      this.previewOffset = paintPreviewSlots(grid, rect, slots, windows.indexOf(e.session.current), this.previewOffset, this.colours());
      return;
    }
    const w = e.window!;
    const order = w.orderedPanes();
    const base = this.server.options.get('pane-base-index', { window: w }) as number;
    const slots = order.map((p, i) => ({ screen: paneScreen(p), label: ` ${i + base} `, active: p.id === w.active }));
    this.previewOffset = paintPreviewSlots(grid, rect, slots, order.findIndex((p) => p.id === w.active), this.previewOffset, this.colours(), true);
  }

  /** The item's target as tmux names it for the template: =session:, =session:index., =session:index.%id */
  static target(e: TreeEntry): string {
    if (e.kind === 'session') return `=${e.session.name}:`;
    if (e.kind === 'window') return `=${e.session.name}:${e.session.indexOf(e.window!)}.`;
    return `=${e.session.name}:${e.session.indexOf(e.window!)}.%${e.pane!.id}`;
  }

  /** Whether the item is still in the model (it may have gone while the view was open). */
  private alive(e: TreeEntry): boolean {
    if (!this.server.model.sessions.includes(e.session)) return false;
    if (e.window && !e.session.windows.includes(e.window)) return false;
    if (e.pane && !e.window!.panes.has(e.pane.id)) return false;
    return true;
  }

  protected async choose(item: TreeItem<TreeEntry>, c: AttachedClient): Promise<void> {
    if (!this.alive(item.data)) return;
    await c.runBinding(fillTemplate(this.opts.template, ChooseTreeView.target(item.data)));
  }

  private killCommand(e: TreeEntry): string {
    if (e.kind === 'session') return `kill-session -t ${quoteArg(`=${e.session.name}`)}`;
    if (e.kind === 'window') return `kill-window -t ${quoteArg(ChooseTreeView.target(e))}`;
    return `kill-pane -t %${e.pane!.id}`;
  }

  protected matches(item: TreeItem<TreeEntry>, text: string): boolean {
    const e = item.data;
    if (e.kind === 'session') return e.session.name.includes(text);
    if (e.kind === 'window') return e.window!.name.includes(text);
    return e.pane!.currentCommand().includes(text);
  }

  protected async viewKey(key: string, c: AttachedClient): Promise<boolean> {
    const item = this.tree.currentItem;
    switch (key) {
      case '<':
        this.previewOffset--;
        return true;
      case '>':
        this.previewOffset++;
        return true;
      case 'H':
        if (!this.tree.setCurrent(`p${this.home.id}`)) {
          const w = [...this.server.model.sessions].flatMap((s) => s.windows).find((x) => x.panes.has(this.home.id));
          if (w) this.tree.setCurrent(`w${w.id}`);
        }
        return true;
      case 'm': {
        // As tmux: set, not toggled; a session's current window's, a window's active pane.
        if (!item || !this.alive(item.data)) return true;
        const e = item.data;
        const w = e.window ?? e.session.current;
        this.server.model.markPane(e.session, w, e.pane ?? w.activePane);
        return true;
      }
      case 'M':
        this.server.model.markPane();
        return true;
      case 'x': {
        if (!item) return true;
        const e = item.data;
        const order = e.window?.orderedPanes() ?? [];
        const base = this.server.options.get('pane-base-index', { window: e.window }) as number;
        const question =
          e.kind === 'session' ? `Kill session ${e.session.name}? ` : e.kind === 'window' ? `Kill window ${e.session.indexOf(e.window!)}? ` : `Kill pane ${order.indexOf(e.pane!) + base}? `;
        this.confirm(question, async (cl) => {
          if (this.alive(e)) await this.runHere(cl, this.killCommand(e));
        });
        return true;
      }
      case 'X': {
        const tagged = this.tree.taggedItems();
        if (tagged.length === 0) return true;
        this.confirm(`Kill ${tagged.length} tagged? `, async (cl) => {
          for (const t of tagged) if (this.alive(t.data)) await this.runHere(cl, this.killCommand(t.data));
        });
        return true;
      }
      case ':': {
        const tagged = this.tree.taggedItems();
        this.ask(tagged.length > 0 ? `(${tagged.length} tagged)` : '(current)', '', async (text, cl) => {
          if (text === '') return;
          const items = tagged.length > 0 ? tagged : item ? [item] : [];
          for (const t of items) if (this.alive(t.data)) await this.runHere(cl, fillTemplate(text, ChooseTreeView.target(t.data)));
        });
        return true;
      }
      default:
        return false;
    }
  }

  /** Run a command for the view's client; the view stays open (if the client still shows a session). */
  private async runHere(c: AttachedClient, command: string): Promise<void> {
    await c.runBinding(command);
    if (c.session) c.redraw();
  }
}
