/*
 * The tree behind choose-tree (mode-tree.ts) and its preview (render/tree-preview.ts),
 * without a server: lines, glyphs and keys as tmux 3.3a draws them (the expected lines
 * are what tmux showed for the same tree), folding, tags, shortcuts, the slot arithmetic.
 */
import { describe, expect, it } from 'vitest';
import { ModeTree, lineKey, type TreeItem } from '../../src/server/client/mode-tree.js';
import { paintPreviewSlots, paintPreviewScreen } from '../../src/render/tree-preview.js';
import { Grid } from '../../src/render/grid.js';
import { INVERSE } from '../../src/render/style.js';

const leaf = (id: string, name: string, text: string): TreeItem<null> => ({ id, name, text, data: null, children: [], expanded: true });
const node = (id: string, name: string, text: string, children: TreeItem<null>[], expanded = true): TreeItem<null> => ({ id, name, text, data: null, children, expanded });

/** Sessions a (windows 0, and 1 with two panes) and b (one window), as in the tmux capture. */
function sample(expandedWindows = true): TreeItem<null>[] {
  return [
    node('sa', 'a', '2 windows (attached)', [
      leaf('w0', '0', 'one-'),
      node('w1', '1', 'two*Z', [leaf('p0', '0', 'bash'), leaf('p1', '1', 'bash*')], expandedWindows),
    ]),
    node('sb', 'b', '1 windows', [leaf('w2', '0', 'three*')]),
  ];
}

const text = (t: ModeTree<null>) => t.lines.map((l, i) => t.linePrefix(i) + (l.item.text ?? ''));

describe('ModeTree', () => {
  it('draws the lines as tmux: keys, ├─> └─>, +/- only where a sibling has children', () => {
    const t = new ModeTree<null>(['index']);
    t.build(sample());
    expect(text(t)).toEqual([
      '(0) - a: 2 windows (attached)',
      '(1) ├─>   0: one-',
      '(2) └─> - 1: two*Z',
      '(3)     ├─> 0: bash',
      '(4)     └─> 1: bash*',
      '(5) - b: 1 windows',
      '(6) └─> 0: three*',
    ]);
  });

  it('folds with Left and unfolds with Right, keeping what the user chose across rebuilds', () => {
    const t = new ModeTree<null>(['index']);
    t.build(sample(false), 'w1');
    expect(t.current).toBe(2);
    expect(text(t)[2]).toBe('(2) └─> + 1: two*Z');
    t.key('Right');
    expect(t.lines).toHaveLength(7);
    t.key('Down');
    t.key('Left'); // a pane: folds its window and goes to it
    expect(t.currentItem?.id).toBe('w1');
    expect(t.lines).toHaveLength(5);
    t.key('Left'); // a folded window: folds its session
    expect(t.currentItem?.id).toBe('sa');
    expect(text(t)[0]).toBe('(0) + a: 2 windows (attached)');
    t.build(sample(true)); // rebuilt with the model's items: the fold stays
    expect(t.lines).toHaveLength(3);
    t.key('M-+');
    expect(t.lines.map((l) => l.item.id)).toEqual(['sa', 'w0', 'w1', 'sb', 'w2']);
  });

  it('tags one of a parent and its children, moves on after t, and counts tagged items in order', () => {
    const t = new ModeTree<null>(['index']);
    t.build(sample());
    t.setCurrent('p0');
    t.key('t');
    expect(t.currentItem?.id).toBe('p1');
    t.setCurrent('w1');
    t.key('t'); // the window: its panes are untagged
    expect(t.taggedItems().map((i) => i.id)).toEqual(['w1']);
    expect(t.linePrefix(t.lines.findIndex((l) => l.item.id === 'w1'))).toBe('(2) └─> - 1*: ');
    t.setCurrent('sa');
    t.key('t'); // the session: its window is untagged
    expect(t.taggedItems().map((i) => i.id)).toEqual(['sa']);
    t.key('C-t');
    expect(t.taggedItems().map((i) => i.id)).toEqual(['sa', 'sb']);
    t.key('T');
    expect(t.taggedItems()).toEqual([]);
  });

  it('wraps Up and Down, chooses with a shortcut key, closes with q and Escape', () => {
    const t = new ModeTree<null>(['index']);
    t.build(sample());
    t.key('Up');
    expect(t.current).toBe(6);
    t.key('Down');
    expect(t.current).toBe(0);
    expect(t.key('4')).toBe('choose');
    expect(t.currentItem?.id).toBe('p1');
    expect(t.key('q')).toBe('close');
    expect(t.key('Escape')).toBe('close');
    expect(t.key('Enter')).toBe('choose');
    expect(t.key('x')).toBe('unhandled');
  });

  it('gives lines 0-9 then M-a … M-z as keys, and pads every key to the widest', () => {
    expect([0, 9, 10, 35, 36].map(lineKey)).toEqual(['0', '9', 'M-a', 'M-z', undefined]);
    const t = new ModeTree<null>(['index']);
    t.build(Array.from({ length: 12 }, (_, i) => leaf(`s${i}`, `s${i}`, 'x')));
    expect(t.linePrefix(0)).toBe('(0)   s0: ');
    expect(t.linePrefix(11)).toBe('(M-b) s11: ');
  });

  it('keeps the current line in sight and pages by the height', () => {
    const t = new ModeTree<null>(['index']);
    t.height = 4;
    t.build(Array.from({ length: 10 }, (_, i) => leaf(`s${i}`, `s${i}`, 'x')));
    t.key('NPage');
    expect([t.current, t.offset]).toEqual([4, 1]);
    t.key('G');
    expect([t.current, t.offset]).toEqual([9, 6]);
    t.key('g');
    expect([t.current, t.offset]).toEqual([0, 0]);
  });

  it('searches forward from the current line, into folded items', () => {
    const t = new ModeTree<null>(['index']);
    t.build(sample(false));
    expect(t.searchNext((it) => it.id === 'p1')).toBe(true);
    expect(t.currentItem?.id).toBe('p1');
    expect(t.searchNext(() => false)).toBe(false);
  });
});

describe('tree preview', () => {
  function screen(cols: number, rows: number, fill: string, cursor: { x: number; y: number } | null) {
    const g = new Grid(cols, rows);
    for (let y = 0; y < rows; y++) g.writeText(0, y, `${fill}${y}`.padEnd(cols, '.'), {});
    return { grid: g, cursor };
  }

  it('shows the part of a screen around its cursor, the cursor reversed', () => {
    const g = new Grid(10, 4);
    paintPreviewScreen(g, { x: 0, y: 0, cols: 10, rows: 4 }, screen(40, 20, 'r', { x: 30, y: 15 }));
    // px = 30 - 10/3 = 27, py = 15 - 4/3 = 14
    expect(g.lineText(0)).toBe('..........');
    expect(g.flags[1 * 10 + 3]! & INVERSE).toBe(INVERSE);
    const top = new Grid(10, 4);
    paintPreviewScreen(top, { x: 0, y: 0, cols: 10, rows: 4 }, screen(40, 20, 'r', null));
    expect(top.lineText(0)).toBe('r0........');
  });

  it('puts slots side by side with boxed labels, and < > when they do not all fit', () => {
    const g = new Grid(76, 10);
    const slots = [0, 1].map((i) => ({ screen: screen(80, 23, `w${i}`, null), label: ` ${i}:bash `, active: i === 1 }));
    paintPreviewSlots(g, { x: 0, y: 0, cols: 76, rows: 10 }, slots, 1, 0, { normal: 4, active: 1 });
    expect(g.lineText(0).slice(0, 41)).toBe('w00..................................│w10');
    expect(g.lineText(5)).toContain('│ 0:bash │');
    expect(g.lineText(5)).toContain('│ 1:bash │');
    const many = Array.from({ length: 6 }, (_, i) => ({ screen: screen(80, 23, `w${i}`, null), label: ` ${i}:bash `, active: i === 5 }));
    const n = new Grid(76, 10);
    const offset = paintPreviewSlots(n, { x: 0, y: 0, cols: 76, rows: 10 }, many, 5, -99, { normal: 4, active: 1 });
    expect(offset).toBe(-3); // clamped: the first three of six shown
    expect(n.lineText(5).startsWith('<')).toBe(false);
    expect(n.lineText(5).endsWith('>')).toBe(true);
  });
});

describe('display-panes', async () => {
  const { indexOfKey, paneTemplate } = await import('../../src/server/client/display-panes.js');
  const { bigDigitCell } = await import('../../src/render/big-digits.js');

  it('selects 0-9 then a-z (10-35), nothing else', () => {
    expect(['0', '9', 'a', 'z', 'A', 'Enter', 'M-a'].map(indexOfKey)).toEqual([0, 9, 10, 35, undefined, undefined, undefined]);
  });

  it('puts the pane id in the template for %%% and %%', () => {
    expect(paneTemplate('select-pane -t "%%%"', 4)).toBe('select-pane -t "%4"');
    expect(paneTemplate('swap-pane -t %%', 12)).toBe('swap-pane -t %12');
  });

  it('draws digits as tmux\'s clock table: 1 is its right column, 0 a ring', () => {
    const rows = (d: number) => [0, 1, 2, 3, 4].map((r) => [0, 1, 2, 3, 4].map((c) => (bigDigitCell(d, c, r) ? '#' : '.')).join(''));
    expect(rows(1)).toEqual(['....#', '....#', '....#', '....#', '....#']);
    expect(rows(0)).toEqual(['#####', '#...#', '#...#', '#...#', '#####']);
    expect(rows(4)).toEqual(['#...#', '#...#', '#####', '....#', '....#']);
  });
});
