/*
 * tmux's layout strings (`#{window_layout}`, `select-layout <string>`):
 *
 *   9682,80x24,0,0{40x24,0,0,0,39x24,41,0[39x12,41,0,4,39x11,41,13,5]}
 *
 * a 16-bit checksum in hex, then cells `WxH,X,Y` that are either a pane (`,ID`) or a
 * split of children side by side `{...}` or stacked `[...]`. Dumping reads the cell
 * sizes off the geometry; parsing checks the checksum and the sizes as tmux 3.3a does
 * and gives a tree whose weights are the cells' sizes, so the window gets exactly those
 * sizes (scaled, if the window is another size). Pane ids in a string are not used: the
 * window's panes are placed in order, as tmux places them.
 */
import { LayoutError, listPanes, type LayoutNode } from './tree.js';
import { childRects, type Rect } from './geometry.js';

/** tmux's layout checksum (layout_checksum): rotate right by one, add the byte. */
export function layoutChecksum(s: string): number {
  let csum = 0;
  for (const b of Buffer.from(s, 'utf8')) {
    csum = (csum >> 1) + ((csum & 1) << 15);
    csum = (csum + b) & 0xffff;
  }
  return csum;
}

/** The tmux layout string of a tree in a window of cols×rows, checksum first. */
export function dumpTmuxLayout(root: LayoutNode, cols: number, rows: number): string {
  const cell = (node: LayoutNode, r: Rect): string => {
    const head = `${r.cols}x${r.rows},${r.x},${r.y}`;
    if (node.type === 'pane') return `${head},${node.pane}`;
    const rects = childRects(node, r);
    const inner = node.children.map((c, i) => cell(c, rects[i]!)).join(',');
    return node.dir === 'h' ? `${head}{${inner}}` : `${head}[${inner}]`;
  };
  const body = cell(root, { x: 0, y: 0, cols, rows });
  return `${layoutChecksum(body).toString(16).padStart(4, '0')},${body}`;
}

interface Cell {
  sx: number;
  sy: number;
  kind: 'pane' | 'h' | 'v';
  children: Cell[];
}

/** Parse a layout string for a window of `panes` panes: the tree (its leaves are indexes 0..n-1 in order). */
export function parseTmuxLayout(text: string, panes: number): { root: LayoutNode; cols: number; rows: number } {
  const invalid = () => new LayoutError(`invalid layout: ${text}`);
  const m = /^([0-9a-fA-F]{1,4}),/.exec(text);
  if (!m || text[4] !== ',') throw invalid();
  const body = text.slice(5);
  if (parseInt(m[1]!, 16) !== layoutChecksum(body)) throw invalid();
  let i = 0;
  const num = (): number => {
    const d = /^\d+/.exec(body.slice(i));
    if (!d) throw invalid();
    i += d[0].length;
    return Number(d[0]);
  };
  const expect = (c: string) => {
    if (body[i] !== c) throw invalid();
    i++;
  };
  const cell = (): Cell => {
    const sx = num();
    expect('x');
    const sy = num();
    expect(',');
    num();
    expect(',');
    num();
    if (body[i] === ',') {
      const save = i;
      i++;
      const id = /^\d*/.exec(body.slice(i))![0];
      if (body[i + id.length] === 'x') i = save;
      else i += id.length;
    }
    const open = body[i];
    if (open !== '{' && open !== '[') return { sx, sy, kind: 'pane', children: [] };
    i++;
    const children = [cell()];
    while (body[i] === ',') {
      i++;
      children.push(cell());
    }
    expect(open === '{' ? '}' : ']');
    return { sx, sy, kind: open === '{' ? 'h' : 'v', children };
  };
  const root = cell();
  if (i !== body.length) throw invalid();

  const count = (c: Cell): number => (c.kind === 'pane' ? 1 : c.children.reduce((t, x) => t + count(x), 0));
  for (;;) {
    const cells = count(root);
    if (panes > cells) throw new LayoutError(`have ${panes} panes but need ${cells}: ${text}`);
    if (panes === cells) break;
    if (!dropBottomRight(root)) throw invalid();
  }
  // Older tmux wrote a top cell bigger than its children: tmux corrects it.
  if (root.kind !== 'pane') {
    const along = root.children.reduce((t, c) => t + (root.kind === 'h' ? c.sx : c.sy) + 1, 0) - 1;
    const last = root.children.at(-1)!;
    if (root.kind === 'h') [root.sx, root.sy] = [along, last.sy];
    else [root.sx, root.sy] = [last.sx, along];
  }
  if (!fits(root)) throw new LayoutError(`size mismatch after applying layout: ${text}`);
  let next = 0;
  const tree = (c: Cell): LayoutNode =>
    c.kind === 'pane'
      ? { type: 'pane', pane: next++ }
      : { type: 'split', dir: c.kind, children: c.children.map(tree), weights: c.children.map((x) => Math.max(1, c.kind === 'h' ? x.sx : x.sy)) };
  const rootNode = tree(root);
  if (listPanes(rootNode).length !== panes) throw invalid();
  return { root: rootNode, cols: root.sx, rows: root.sy };
}

/** Remove the bottom-right pane, its room going to its neighbour (tmux's layout_destroy_cell). */
function dropBottomRight(root: Cell): boolean {
  let parent = root;
  while (parent.children.at(-1)!.kind !== 'pane') parent = parent.children.at(-1)!;
  // A split of one cell has no neighbour to take the room (tmux would not survive it either).
  if (parent.children.length < 2) return false;
  const gone = parent.children.pop()!;
  const prev = parent.children.at(-1)!;
  grow(prev, parent.kind === 'h' ? gone.sx + 1 : 0, parent.kind === 'v' ? gone.sy + 1 : 0);
  if (parent.children.length === 1) Object.assign(parent, { ...parent.children[0]!, sx: parent.sx, sy: parent.sy });
  return true;
}

function grow(c: Cell, dx: number, dy: number): void {
  c.sx += dx;
  c.sy += dy;
  if (c.kind === 'pane') return;
  if ((c.kind === 'h' && dx) || (c.kind === 'v' && dy)) grow(c.children.at(-1)!, dx, dy);
  else for (const ch of c.children) grow(ch, dx, dy);
}

/** Do the children of each split fill it exactly (layout_check)? */
function fits(c: Cell): boolean {
  if (c.kind === 'pane') return true;
  let along = -1;
  for (const ch of c.children) {
    if (c.kind === 'h' ? ch.sy !== c.sy : ch.sx !== c.sx) return false;
    along += (c.kind === 'h' ? ch.sx : ch.sy) + 1;
    if (!fits(ch)) return false;
  }
  return along === (c.kind === 'h' ? c.sx : c.sy);
}
