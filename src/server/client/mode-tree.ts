/*
 * The tree behind choose-tree, choose-buffer and choose-client, as tmux's mode-tree.c:
 * items with children, each expanded or collapsed and tagged or not, flattened into the
 * lines shown (depth, last child), the current line and the scroll offset, the shortcut
 * keys (0-9, then M-a … M-z), the tree glyphs, tags, sort order, filter and search. Pure:
 * no server, no grid — the views that use it (choose-tree.ts, choose-list.ts) build the
 * items from the model and paint the lines it gives.
 *
 *   (0) - a: 2 windows (attached)      key  symbol  name  text
 *   (1) ├─>   0: bash-                 depth 1, not last
 *   (2) └─> + 1: vim*Z                 depth 1, last, collapsed with children
 */

/** One item as a view builds it; `id` identifies it across rebuilds (expanded, tagged, current). */
export interface TreeItem<T> {
  id: string;
  /** The short name (session name, window index, pane index, buffer name). */
  name: string;
  /** The rest of the line (the expanded format), after ": "; undefined for none. */
  text?: string;
  data: T;
  children: TreeItem<T>[];
  /** Expanded when first seen (later builds keep what it was, or what the user made it). */
  expanded: boolean;
  /** Cannot be tagged. */
  noTag?: boolean;
}

/** A line of the flattened tree. */
export interface TreeLine<T> {
  item: TreeItem<T>;
  parent: TreeItem<T> | undefined;
  depth: number;
  /** The last child of its parent (└─> rather than ├─>). */
  last: boolean;
  /** Whether each ancestor below the root was a last child (no │ under it). */
  parentsLast: boolean[];
  /** None of its siblings has children: no +/- column, and left/right move rather than fold. */
  flat: boolean;
}

/** What a key did: nothing more for the view to do, choose the current line, or close. */
export type TreeKeyResult = 'handled' | 'choose' | 'close' | 'unhandled';

/** The shortcut key of line `i`, as tmux's default key format: 0-9, then M-a … M-z, then none. */
export function lineKey(i: number): string | undefined {
  if (i < 10) return String(i);
  if (i < 36) return `M-${String.fromCharCode(97 + i - 10)}`;
  return undefined;
}

export class ModeTree<T> {
  private roots: TreeItem<T>[] = [];
  lines: TreeLine<T>[] = [];
  /** Whether each item seen so far is expanded (as first built, then as the user made it). */
  private expandedById = new Map<string, boolean>();
  readonly tagged = new Set<string>();
  current = 0;
  offset = 0;
  /** Rows given to the list (set by the view from its size). */
  height = 10;
  preview = true;
  sortField = 0;
  reversed = false;
  filter: string | undefined;
  noMatches = false;
  search: string | undefined;

  /** The shortcut key of each line (choose-tree -K); tmux's default key format otherwise. */
  keyOf: (line: number) => string | undefined = lineKey;

  constructor(readonly sortFields: readonly string[]) {}

  /** Replace the items (a rebuild), keeping the current line on the same item where it still exists. */
  build(roots: TreeItem<T>[], preferId?: string): void {
    const was = preferId ?? this.lines[this.current]?.item.id;
    this.roots = roots;
    const remember = (items: TreeItem<T>[]) => {
      for (const it of items) {
        if (!this.expandedById.has(it.id)) this.expandedById.set(it.id, it.expanded);
        remember(it.children);
      }
    };
    remember(roots);
    this.flatten();
    // As tmux: the same item stays current; when it has gone, the first line.
    const at = was === undefined ? -1 : this.lines.findIndex((l) => l.item.id === was);
    if (at >= 0) this.current = at;
    else this.current = this.offset = 0;
    this.clampOffset();
  }

  private isExpanded(item: TreeItem<T>): boolean {
    return this.expandedById.get(item.id) ?? item.expanded;
  }

  private flatten(): void {
    const out: TreeLine<T>[] = [];
    const walk = (items: TreeItem<T>[], parent: TreeItem<T> | undefined, depth: number, parentsLast: boolean[]) => {
      const flat = items.every((it) => it.children.length === 0);
      items.forEach((item, i) => {
        const last = i === items.length - 1;
        out.push({ item, parent, depth, last, parentsLast, flat });
        if (item.children.length > 0 && this.isExpanded(item)) walk(item.children, item, depth + 1, [...parentsLast, last]);
      });
    };
    walk(this.roots, undefined, 0, []);
    this.lines = out;
  }

  get currentItem(): TreeItem<T> | undefined {
    return this.lines[this.current]?.item;
  }

  /** Make the line of item `id` current (expanding its ancestors); false if there is none. */
  setCurrent(id: string): boolean {
    const path = this.pathTo(id, this.roots);
    if (!path) return false;
    for (const a of path.slice(0, -1)) this.expandedById.set(a.id, true);
    this.flatten();
    this.current = this.lines.findIndex((l) => l.item.id === id);
    this.clampOffset();
    return this.current >= 0;
  }

  private pathTo(id: string, items: TreeItem<T>[]): TreeItem<T>[] | undefined {
    for (const it of items) {
      if (it.id === id) return [it];
      const sub = this.pathTo(id, it.children);
      if (sub) return [it, ...sub];
    }
    return undefined;
  }

  /** Keep the current line in the `height` rows shown. */
  clampOffset(): void {
    if (this.current < 0) this.current = 0;
    if (this.current > this.lines.length - 1) this.current = Math.max(0, this.lines.length - 1);
    if (this.current < this.offset) this.offset = this.current;
    if (this.current > this.offset + this.height - 1) this.offset = this.current - this.height + 1;
    const maxOffset = Math.max(0, this.lines.length - this.height);
    if (this.offset > maxOffset) this.offset = maxOffset;
  }

  /** Up one line, wrapping to the last from the first (as tmux). */
  up(wrap = true): void {
    if (this.current === 0) {
      if (wrap) this.current = this.lines.length - 1;
    } else this.current--;
    this.clampOffset();
  }

  /** Down one line, wrapping to the first from the last. */
  down(wrap = true): void {
    if (this.current >= this.lines.length - 1) {
      if (wrap) this.current = 0;
    } else this.current++;
    this.clampOffset();
  }

  /** Every tagged item, in line order over the whole tree (collapsed ones included). */
  taggedItems(): TreeItem<T>[] {
    const out: TreeItem<T>[] = [];
    const walk = (items: TreeItem<T>[]) => {
      for (const it of items) {
        if (this.tagged.has(it.id)) out.push(it);
        walk(it.children);
      }
    };
    walk(this.roots);
    return out;
  }

  private untagBelow(items: TreeItem<T>[]): void {
    for (const it of items) {
      this.tagged.delete(it.id);
      this.untagBelow(it.children);
    }
  }

  /** Each line's key and the width of the widest, for the lines they were made for. */
  private keyCache: { lines: TreeLine<T>[]; keys: (string | undefined)[]; len: number } | null = null;

  /** The text before the item's own text: key, tree glyphs, expand symbol, name, tag mark. */
  linePrefix(i: number): string {
    const line = this.lines[i]!;
    if (this.keyCache?.lines !== this.lines) {
      const keys = this.lines.map((_, n) => this.keyOf(n));
      this.keyCache = { lines: this.lines, keys, len: keys.reduce((m, k) => (k === undefined ? m : Math.max(m, k.length + 3)), 0) };
    }
    const { keys, len: keylen } = this.keyCache;
    const key = keys[i];
    const keyText = key === undefined ? '' : `(${key})`.padEnd(keylen - 1);
    const it = line.item;
    const symbol = line.flat ? '' : it.children.length === 0 ? '  ' : this.isExpanded(it) ? '- ' : '+ ';
    let start = '';
    if (line.depth === 0) start = symbol;
    else {
      for (let d = 1; d < line.depth; d++) start += line.parentsLast[d] ? '    ' : '│   ';
      start += (line.last ? '└─> ' : '├─> ') + symbol;
    }
    const tag = this.tagged.has(it.id) ? '*' : '';
    return `${keyText.padEnd(keylen)}${start}${it.name}${tag}${it.text !== undefined ? ': ' : ''}`;
  }

  /**
   * Handle the keys every tree view shares (mode-tree.c): moving, expanding and collapsing,
   * tagging, sorting, the preview, the shortcut keys. A shortcut key makes its line current
   * and chooses it.
   */
  key(key: string): TreeKeyResult {
    const shortcut = this.lines.findIndex((_, n) => this.keyOf(n) === key);
    if (shortcut >= 0) {
      this.current = shortcut;
      this.clampOffset();
      return 'choose';
    }
    const line = this.lines[this.current];
    switch (key) {
      case 'q': case 'Escape': case 'C-g':
        return 'close';
      case 'Enter':
        return 'choose';
      case 'Up': case 'k': case 'C-p': case 'WheelUpPane':
        this.up();
        return 'handled';
      case 'Down': case 'j': case 'C-n': case 'WheelDownPane':
        this.down();
        return 'handled';
      case 'PPage': case 'C-b':
        for (let n = 0; n < this.height && this.current > 0; n++) this.up();
        return 'handled';
      case 'NPage': case 'C-f':
        for (let n = 0; n < this.height && this.current < this.lines.length - 1; n++) this.down();
        return 'handled';
      case 'g': case 'Home':
        this.current = 0;
        this.offset = 0;
        return 'handled';
      case 'G': case 'End':
        this.current = Math.max(0, this.lines.length - 1);
        this.clampOffset();
        return 'handled';
      case 't': {
        if (!line || line.item.noTag) return 'handled';
        const it = line.item;
        if (this.tagged.has(it.id)) this.tagged.delete(it.id);
        else {
          // Never a parent and its child both tagged.
          for (const a of this.pathTo(it.id, this.roots) ?? []) this.tagged.delete(a.id);
          this.untagBelow(it.children);
          this.tagged.add(it.id);
        }
        // tmux 3.3a moves on to the next line after t (its key handler always has a mouse event).
        this.down(false);
        return 'handled';
      }
      case 'T':
        this.tagged.clear();
        return 'handled';
      case 'C-t':
        // Tag every top-level item that can be, or the children of those that cannot.
        this.tagged.clear();
        for (const l of this.lines) {
          if ((!l.parent && !l.item.noTag) || (l.parent && l.parent.noTag)) this.tagged.add(l.item.id);
        }
        return 'handled';
      case 'O':
        this.sortField = (this.sortField + 1) % Math.max(1, this.sortFields.length);
        return 'handled';
      case 'r':
        this.reversed = !this.reversed;
        return 'handled';
      case 'Left': case 'h': case '-': {
        if (!line) return 'handled';
        const target = line.flat || !this.isExpanded(line.item) ? line.parent : line.item;
        if (!target) this.up(false);
        else {
          this.expandedById.set(target.id, false);
          this.flatten();
          this.current = this.lines.findIndex((l) => l.item === target);
          this.clampOffset();
        }
        return 'handled';
      }
      case 'Right': case 'l': case '+': {
        if (!line) return 'handled';
        if (line.flat || this.isExpanded(line.item)) this.down(false);
        else {
          this.expandedById.set(line.item.id, true);
          this.flatten();
          this.clampOffset();
        }
        return 'handled';
      }
      case 'M--': case 'M-+': {
        for (const r of this.roots) this.expandedById.set(r.id, key === 'M-+');
        const id = line?.item.id;
        this.flatten();
        let at = this.lines.findIndex((l) => l.item.id === id);
        if (at < 0 && line?.parent) at = this.lines.findIndex((l) => l.item.id === line.parent!.id);
        this.current = Math.max(0, at);
        this.clampOffset();
        return 'handled';
      }
      case 'v':
        this.preview = !this.preview;
        return 'handled';
      default:
        return 'unhandled';
    }
  }

  /**
   * Move to the next line (after the current, wrapping) whose item `matches`, expanding
   * collapsed items to search their children, as tmux's search does; false if none does.
   */
  searchNext(matches: (item: TreeItem<T>) => boolean): boolean {
    const all: TreeItem<T>[] = [];
    const walk = (items: TreeItem<T>[]) => {
      for (const it of items) {
        all.push(it);
        walk(it.children);
      }
    };
    walk(this.roots);
    const cur = this.currentItem;
    const from = cur ? all.indexOf(cur) : -1;
    for (let n = 1; n <= all.length; n++) {
      const it = all[(from + n) % all.length]!;
      if (matches(it)) return this.setCurrent(it.id);
    }
    return false;
  }
}
