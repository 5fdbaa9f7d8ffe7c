/*
 * choose-buffer's and choose-client's views (tmux's window-buffer.c, window-client.c):
 * flat lists on the tree view machinery (tree-view.ts). A buffer's line is its name and
 * `#{t/p:buffer_created}: #{buffer_sample}`, its preview its first lines; Enter or p runs
 * the template for it (`paste-buffer -b '%%'`), P for each tagged one; d deletes it, D
 * the tagged ones; e edits it in the editor option's program (buffer-editor.ts).
 * A client's line is its terminal and `#{t/p:client_activity}: session #{session_name}`,
 * its preview the active pane it shows and its status line; Enter detaches it
 * (`detach-client -t '%%'`), d the current one, D the tagged ones; x/X detach and hang up
 * (detach-client -P), z/Z suspend, as tmux's. The view closes when nothing is left to list.
 */
import { statusLines } from '../../config/status-lines.js';
import type { Grid } from '../../render/grid.js';
import type { Rect } from '../../render/style.js';
import { paintPreviewScreen } from '../../render/tree-preview.js';
import { visible } from '../../core/escape.js';
import { expandFormat } from '../../core/format.js';
import { formatContext, type FormatScope } from '../format-vars.js';
import { bufferSample, type PasteBuffer } from '../paste-buffers.js';
import type { Server } from '../server.js';
import type { TreeItem } from './mode-tree.js';
import { TreeView, fillTemplate } from './tree-view.js';
import type { AttachedClient, ClientHandle } from './handle.js';
import { paneScreen } from './choose-tree-view.js';
import { editBuffer } from './buffer-editor.js';

export const BUFFER_DEFAULT_COMMAND = "paste-buffer -b '%%'";
export { BUFFER_DEFAULT_FORMAT, CLIENT_DEFAULT_FORMAT } from '../../core/format/mode-formats.js';
export const BUFFER_SORT_FIELDS = ['time', 'name', 'size'] as const;
export const CLIENT_DEFAULT_COMMAND = "detach-client -t '%%'";
export const CLIENT_SORT_FIELDS = ['name', 'size', 'creation', 'activity'] as const;

/** What the views take from choose-buffer's and choose-client's flags. */
export interface ListViewOptions {
  format: string;
  filter?: string;
  template: string;
  preview: boolean;
  sortField: number;
  reversed: boolean;
  /** Shortcut keys (-K), when not tmux's default. */
  keyOf?: (line: number) => string | undefined;
}


/** Expand `fmt` in `scope` with extra variables. */
function expandWith(server: Server, fmt: string, scope: FormatScope, extra: Record<string, string>): string {
  const ctx = formatContext(server, scope);
  const lookup = ctx.lookup.bind(ctx);
  return expandFormat(fmt, { ...ctx, lookup: (n) => extra[n] ?? lookup(n) });
}

const truthy = (v: string) => v !== '' && v !== '0';

abstract class FlatView<T> extends TreeView<T> {
  constructor(server: Server, sortFields: readonly string[], readonly opts: ListViewOptions) {
    super(server, sortFields);
    this.tree.preview = opts.preview;
    this.tree.sortField = opts.sortField;
    this.tree.reversed = opts.reversed;
    this.tree.filter = opts.filter; // what f then edits, as tmux
    if (opts.keyOf) this.tree.keyOf = opts.keyOf;
  }

  /** Whether there is anything left to show (the view closes when not). */
  abstract empty(): boolean;

  override async handle(ev: Parameters<TreeView<T>['handle']>[0], c: AttachedClient): Promise<void> {
    await super.handle(ev, c);
    if (c.mode === this && this.empty()) this.close(c);
  }
}

export class ChooseBufferView extends FlatView<PasteBuffer> {
  readonly paneMode = 'buffer-mode';
  constructor(server: Server, readonly owner: AttachedClient, opts: ListViewOptions) {
    super(server, BUFFER_SORT_FIELDS, opts);
    this.rebuild();
  }

  empty(): boolean {
    return this.server.buffers.all().length === 0;
  }

  private vars(b: PasteBuffer): Record<string, string> {
    return { buffer_name: b.name, buffer_size: String(Buffer.byteLength(b.text)), buffer_sample: bufferSample(b.text), buffer_created: String(Math.floor(b.created / 1000)) };
  }

  private scope(): FormatScope {
    const s = this.owner.session ?? undefined;
    return { session: s, window: s?.current, pane: s?.current.activePane, client: this.owner };
  }

  protected buildItems(): TreeItem<PasteBuffer>[] {
    const field = BUFFER_SORT_FIELDS[this.tree.sortField];
    const cmp = (a: PasteBuffer, b: PasteBuffer): number => {
      const r = field === 'name' ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : field === 'size' ? Buffer.byteLength(a.text) - Buffer.byteLength(b.text) : b.created - a.created;
      return this.tree.reversed ? -r : r;
    };
    return [...this.server.buffers.all()]
      .filter((b) => this.tree.filter === undefined || truthy(expandWith(this.server, this.tree.filter, this.scope(), this.vars(b))))
      .sort(cmp)
      .map((b) => ({ id: `b:${b.name}`, name: b.name, text: expandWith(this.server, this.opts.format, this.scope(), this.vars(b)), data: b, children: [], expanded: true }));
  }

  protected paintPreview(grid: Grid, rect: Rect, item: TreeItem<PasteBuffer>): void {
    const lines = item.data.text.split('\n');
    for (let i = 0; i < rect.rows && i < lines.length; i++) {
      const text = visible(lines[i]!).replace(/\t/g, '\\t');
      if (text) grid.writeText(rect.x, rect.y + i, text, {}, rect.cols);
    }
  }

  protected async choose(item: TreeItem<PasteBuffer>, c: AttachedClient): Promise<void> {
    if (this.server.buffers.get(item.data.name) !== item.data) return;
    await c.runBinding(fillTemplate(this.opts.template, item.data.name));
  }

  protected matches(item: TreeItem<PasteBuffer>, text: string): boolean {
    return item.data.name.includes(text) || item.data.text.includes(text);
  }

  protected async viewKey(key: string, c: AttachedClient): Promise<boolean> {
    const item = this.tree.currentItem;
    switch (key) {
      case 'd':
        if (item) this.server.buffers.delete(item.data.name);
        return true;
      case 'D':
        for (const t of this.tree.taggedItems()) this.server.buffers.delete(t.data.name);
        return true;
      case 'e':
        // Edit it in the editor option's program, in a popup; the view comes back after (tmux's window_buffer_start_edit).
        if (item && this.server.buffers.get(item.data.name) === item.data) {
          const back = () => {
            if (c.mode !== null || !this.server.clients.has(c) || this.empty()) return;
            this.rebuild(item.id);
            c.openMode(this);
          };
          await editBuffer(this.server, c, item.data, back);
        }
        return true;
      case 'P': case 'p': {
        const items = key === 'P' ? this.tree.taggedItems() : item ? [item] : [];
        this.close(c);
        for (const t of items) await c.runBinding(fillTemplate(this.opts.template, t.data.name));
        return true;
      }
      default:
        return false;
    }
  }
}

/** What choose-client reads of a client besides ClientHandle: when it attached and last had input. */
type ListedClient = ClientHandle & { grid?: Grid };

export class ChooseClientView extends FlatView<ListedClient> {
  readonly paneMode = 'client-mode';
  constructor(server: Server, readonly owner: AttachedClient, opts: ListViewOptions) {
    super(server, CLIENT_SORT_FIELDS, opts);
    this.rebuild();
  }

  private clients(): ListedClient[] {
    return [...this.server.clients].filter((c) => c.session) as ListedClient[];
  }

  empty(): boolean {
    return this.clients().length === 0;
  }

  private scope(c: ListedClient): FormatScope {
    const s = c.session ?? undefined;
    return { session: s, window: s?.current, pane: s?.current.activePane, client: c };
  }

  private vars(c: ListedClient): Record<string, string> {
    return { client_activity: String(Math.floor(c.activity / 1000)), client_created: String(Math.floor(c.createdAt / 1000)) };
  }

  protected buildItems(): TreeItem<ListedClient>[] {
    const field = CLIENT_SORT_FIELDS[this.tree.sortField];
    const name = (c: ListedClient) => c.hello.ttyPath ?? `client-${c.hello.pid}`;
    const cmp = (a: ListedClient, b: ListedClient): number => {
      let r = 0;
      if (field === 'name') r = name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0;
      else if (field === 'size') r = a.cols - b.cols || a.paneAreaRows() - b.paneAreaRows();
      else if (field === 'creation') r = (b.createdAt ?? 0) - (a.createdAt ?? 0);
      else r = b.activity - a.activity;
      return this.tree.reversed ? -r : r;
    };
    return this.clients()
      .filter((c) => this.tree.filter === undefined || truthy(expandWith(this.server, this.tree.filter, this.scope(c), this.vars(c))))
      .sort(cmp)
      .map((c) => ({ id: `c:${c.hello.pid}:${name(c)}`, name: name(c), text: expandWith(this.server, this.opts.format, this.scope(c), this.vars(c)), data: c, children: [], expanded: true }));
  }

  protected paintPreview(grid: Grid, rect: Rect, item: TreeItem<ListedClient>): void {
    const c = item.data;
    const s = c.session;
    if (!s) return;
    // The pane it shows, a line, and its status line as last drawn (window_client_draw).
    const status = c.grid ? statusLines(this.server.options, c.at) : 0;
    const top = status && this.server.options.get('status-position', c.at) === 'top';
    const lines = status >= rect.rows ? 0 : status;
    const paneRows = Math.max(0, rect.rows - 2 - lines);
    paintPreviewScreen(grid, { x: rect.x, y: rect.y + (top ? lines : 0), cols: rect.cols, rows: paneRows }, paneScreen(s.current.activePane));
    const lineY = top ? rect.y + 2 : rect.y + rect.rows - 1 - lines;
    grid.writeText(rect.x, lineY, '─'.repeat(rect.cols), {});
    if (lines && c.grid) {
      const from = top ? 0 : c.grid.rows - 1;
      grid.blit(c.grid, 0, from, rect.x, top ? rect.y : rect.y + rect.rows - lines, rect.cols, 1);
    }
  }

  protected async choose(item: TreeItem<ListedClient>, c: AttachedClient): Promise<void> {
    if (!this.server.clients.has(item.data)) return;
    await c.runBinding(fillTemplate(this.opts.template, item.name));
  }

  protected matches(item: TreeItem<ListedClient>, text: string): boolean {
    return item.name.includes(text) || (item.data.session?.name.includes(text) ?? false);
  }

  /** d: detach it; x: detach it and hang up its parent (detach-client -P); z: suspend it — as tmux's window_client_do_detach. */
  private act(t: ListedClient, key: 'd' | 'x' | 'z'): void {
    if (!this.server.clients.has(t)) return;
    const from = ` (from session ${t.session?.name ?? ''})`;
    if (key === 'z') t.suspend();
    else if (key === 'x') t.detach(`[detached and SIGHUP${from}]`, 0, true);
    else t.detach(`[detached${from}]`, 0);
  }

  protected viewKey(key: string): boolean {
    const item = this.tree.currentItem;
    const lower = key.toLowerCase();
    if (lower !== 'd' && lower !== 'x' && lower !== 'z' || key.length !== 1) return false;
    // The lower-case key acts on the current client, the upper-case one on the tagged ones.
    const targets = key === lower ? (item ? [item] : []) : this.tree.taggedItems();
    for (const t of targets) this.act(t.data, lower);
    return true;
  }
}
