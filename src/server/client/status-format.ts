/*
 * A status line drawn from a status-format item (the lines past the first with `status`
 * 2 to 5, and a first line whose format is not tmux's default), as tmux 3.3a's
 * format_draw draws it. The expanded text is read into sections — left, centre, right,
 * absolute-centre (by `#[align=…]`), and the window list: `#[list=on]` starts it, its
 * `#[list=left-marker]` and `#[list=right-marker]` texts are the `<` `>` shown when it is
 * cut, `#[list=focus]` … `#[list=on]` is the part kept in sight (the current window), and
 * what follows `#[nolist]` at the list's alignment goes after it. `#[push-default]` makes
 * the current style what `#[default]` returns to, `#[pop-default]` gives the base back,
 * `#[fill=colour]` fills the line. The sections are then placed as format_draw places
 * them for the list's alignment (none, left, centre, right, absolute-centre), each
 * trimmed in tmux's order when they do not fit. `#[range=left]`, `#[range=right]` and
 * `#[range=window|N]` (until `#[norange]`) mark where a click is StatusLeft, StatusRight or
 * window N's Status: the ranges are returned where they were drawn. Pure over a Grid.
 */
import { parseColour, StyleError } from '../../config/option-values.js';
import { applyDirective, walkStyled, type StyledRun } from '../../config/styled-text.js';
import { Grid } from '../../render/grid.js';
import { segmentsWidth } from '../../render/status-line.js';
import type { Segment, Style } from '../../render/style.js';
import { runOver } from './status-segments.js';

type Part = 'left' | 'centre' | 'right' | 'absolute-centre' | 'list' | 'list-left' | 'list-right' | 'after';
type Align = 'default' | 'left' | 'centre' | 'right' | 'absolute-centre';
type ListState = 'off' | 'on' | 'focus' | 'left-marker' | 'right-marker';
type Partial = NonNullable<StyledRun['style']>;

const ALIGNS: readonly string[] = ['left', 'centre', 'right', 'absolute-centre'];

/** A mouse range of a status line (tmux's style_range): what a click there is. */
export type StatusRangeKind = { kind: 'left' } | { kind: 'right' } | { kind: 'window'; index: number };
/** A range where it was drawn on the line. */
export type StatusRange = StatusRangeKind & { x: number; cols: number };

/** `range=…` as tmux's style_parse reads it (left, right, window|N); undefined when it is none of them. */
function rangeOf(value: string): StatusRangeKind | undefined {
  if (value === 'left' || value === 'right') return { kind: value };
  const m = /^window\|(\d{1,9})$/.exec(value);
  return m ? { kind: 'window', index: Number(m[1]) } : undefined;
}

/** What a directive says of layout (tmux's style fields besides the colours), tokens left to right. */
function layoutOf(body: string, cur: { list: ListState; align: Align; range: StatusRangeKind | null }): { list: ListState; align: Align; range: StatusRangeKind | null; fill?: number; push: boolean; pop: boolean } {
  let { list, align, range } = cur;
  let fill: number | undefined;
  let push = false;
  let pop = false;
  for (const token of body.split(/[\s,]+/).filter(Boolean)) {
    const t = token.toLowerCase();
    if (t === 'nolist') list = 'off';
    else if (t.startsWith('list=') && ['on', 'focus', 'left-marker', 'right-marker'].includes(t.slice(5))) list = t.slice(5) as ListState;
    else if (t === 'noalign') align = 'default';
    else if (t.startsWith('align=') && ALIGNS.includes(t.slice(6))) align = t.slice(6) as Align;
    else if (t === 'norange') range = null;
    else if (t.startsWith('range=')) range = rangeOf(t.slice(6)) ?? range;
    else if (t === 'push-default') push = true;
    else if (t === 'pop-default') pop = true;
    else if (t.startsWith('fill=')) {
      try {
        fill = parseColour(token.slice(5));
      } catch (err) {
        if (!(err instanceof StyleError)) throw err;
      }
    }
  }
  return { list, align, range, fill, push, pop };
}

/** The expanded text read into its sections, with the focus of the list and the list's alignment. */
function readSections(text: string, base: Style) {
  const parts: Record<Part, Segment[]> = { left: [], centre: [], right: [], 'absolute-centre': [], list: [], 'list-left': [], 'list-right': [], after: [] };
  const width: Record<Part, number> = { left: 0, centre: 0, right: 0, 'absolute-centre': 0, list: 0, 'list-left': 0, 'list-right': 0, after: 0 };
  /** Each section's mouse ranges, in its own columns. */
  const ranges: Record<Part, Array<{ from: number; to: number; range: StatusRangeKind }>> = { left: [], centre: [], right: [], 'absolute-centre': [], list: [], 'list-left': [], 'list-right': [], after: [] };
  const map: Record<Align, Part> = { default: 'left', left: 'left', centre: 'centre', right: 'right', 'absolute-centre': 'absolute-centre' };
  let current: Part = 'left';
  let style: Partial = {};
  let pushed: Partial = {};
  let layout = { list: 'off' as ListState, align: 'default' as Align, range: null as StatusRangeKind | null };
  let listState = -1; // -1 before the list, 0 in it, 1 after it (format_draw's list_state)
  let listAlign: Align = 'default';
  let focusStart = -1;
  let focusEnd = -1;
  let fill: number | undefined;
  walkStyled(text, {
    text(t) {
      const seg = { text: t, style: runOver(base, style) };
      parts[current].push(seg);
      const from = width[current];
      width[current] += segmentsWidth([seg]);
      if (layout.range && width[current] > from) ranges[current].push({ from, to: width[current], range: layout.range });
    },
    directive(body) {
      const before = style;
      style = applyDirective(style, body, pushed);
      const l = layoutOf(body, layout);
      layout = { list: l.list, align: l.align, range: l.range };
      if (l.fill !== undefined) fill = l.fill;
      if (l.push) pushed = before;
      else if (l.pop) pushed = {};
      switch (layout.list) {
        case 'on':
          if (listState !== 0) {
            listState = 0;
            listAlign = layout.align;
          }
          if (focusStart !== -1 && focusEnd === -1) focusEnd = width.list;
          current = 'list';
          break;
        case 'focus':
          if (listState === 0 && focusStart === -1) focusStart = width.list;
          break;
        case 'off':
          if (listState === 0) {
            if (focusStart !== -1 && focusEnd === -1) focusEnd = width.list;
            map[listAlign] = 'after';
            if (listAlign === 'left') map.default = 'after';
            listState = 1;
          }
          current = map[layout.align];
          break;
        case 'left-marker':
        case 'right-marker': {
          const marker: Part = layout.list === 'left-marker' ? 'list-left' : 'list-right';
          if (listState !== 0 || width[marker] !== 0) break;
          if (focusStart !== -1 && focusEnd === -1) focusStart = focusEnd = -1;
          current = marker;
          break;
        }
      }
    },
  });
  return { parts, ranges, listAlign: listAlign as Align, focusStart, focusEnd, fill };
}

/** Paint row `y` of `grid` as a status line showing `text` (expanded) over `style`; returns its mouse ranges as drawn. */
export function paintFormatLine(grid: Grid, y: number, text: string, style: Style): StatusRange[] {
  const drawn: StatusRange[] = [];
  layOut(grid, y, text, style, drawn);
  return drawn;
}

function layOut(grid: Grid, y: number, text: string, style: Style, drawn: StatusRange[]): void {
  const available = grid.cols;
  const { parts, ranges, listAlign, focusStart: fs, focusEnd: fe, fill } = readSections(text, style);
  grid.fillRect({ x: 0, y, cols: available, rows: 1 }, fill === undefined ? style : { bg: fill });
  // Each section drawn on its own first (tmux draws each into a screen of its own).
  const screens = new Map<Part, Grid>();
  const screen = (p: Part): Grid => {
    let g = screens.get(p);
    if (!g) {
      const segs = parts[p];
      const w = segmentsWidth(segs);
      g = new Grid(Math.max(w, 1), 1);
      g.fillRect({ x: 0, y: 0, cols: g.cols, rows: 1 }, style);
      g.writeSegments(0, 0, segs, style);
      screens.set(p, g);
    }
    return g;
  };
  const w = (p: Part): number => segmentsWidth(parts[p]);
  const put = (p: Part, offset: number, start: number, width: number): void => {
    if (width <= 0) return;
    grid.blit(screen(p), start, 0, offset, y, width, 1);
    // The section's ranges, where its columns [start, start + width) went.
    for (const r of ranges[p]) {
      const a = Math.max(r.from, start);
      const b = Math.min(r.to, start + width);
      if (a >= b) continue;
      const x = offset + a - start;
      const last = drawn.at(-1);
      // A run that goes on where the last one ended, in the same range, is the same range.
      if (last && last.x + last.cols === x && last.kind === r.range.kind && (last.kind !== 'window' || r.range.kind !== 'window' || last.index === r.range.index)) last.cols += b - a;
      else drawn.push({ ...r.range, x, cols: b - a });
    }
  };
  /** `after` joined onto another section when the list has no room left (format_draw copies it there). */
  const join = (into: Part): void => {
    const at = segmentsWidth(parts[into]);
    ranges[into] = [...ranges[into], ...ranges.after.map((r) => ({ ...r, from: r.from + at, to: r.to + at }))];
    parts[into] = [...parts[into], ...parts.after];
  };
  const putList = (offset: number, width: number, focusStart: number, focusEnd: number): void => {
    const listCols = w('list');
    if (width >= listCols) return put('list', offset, 0, width);
    const focusCentre = focusStart + Math.floor((focusEnd - focusStart) / 2);
    let start = focusCentre < Math.floor(width / 2) ? 0 : focusCentre - Math.floor(width / 2);
    if (start + width > listCols) start = listCols - width;
    const leftCols = w('list-left');
    const rightCols = w('list-right');
    if (start !== 0 && width > leftCols) {
      put('list-left', offset, 0, leftCols);
      offset += leftCols;
      start += leftCols;
      width -= leftCols;
    }
    if (start + width < listCols && width > rightCols) {
      put('list-right', offset + width - rightCols, 0, rightCols);
      width -= rightCols;
    }
    put('list', offset, start, width);
  };
  const absCentre = (): void => {
    const wa = Math.min(w('absolute-centre'), available);
    put('absolute-centre', Math.floor((available - wa) / 2), 0, wa);
  };
  const none = (): void => {
    let wl = w('left');
    let wc = w('centre');
    let wr = w('right');
    while (wl + wc + wr > available) {
      if (wc > 0) wc--;
      else if (wr > 0) wr--;
      else wl--;
    }
    put('left', 0, 0, wl);
    put('right', available - wr, w('right') - wr, wr);
    put('centre', wl + Math.floor((available - wr - wl) / 2) - Math.floor(wc / 2), Math.floor(w('centre') / 2) - Math.floor(wc / 2), wc);
    absCentre();
  };
  let wl = w('left');
  let wc = w('centre');
  let wr = w('right');
  let wlist = w('list');
  let wafter = w('after');
  const trim = (order: Array<'l' | 'c' | 'r' | 'list' | 'after'>): void => {
    const get = { l: () => wl, c: () => wc, r: () => wr, list: () => wlist, after: () => wafter };
    const dec = { l: () => wl--, c: () => wc--, r: () => wr--, list: () => wlist--, after: () => wafter-- };
    while (wl + wc + wr + wlist + wafter > available) {
      const k = order.find((x) => get[x]() > 0) ?? 'l';
      dec[k]();
    }
  };
  switch (listAlign) {
    case 'default':
      return none();
    case 'left': {
      trim(['c', 'list', 'r', 'after', 'l']);
      if (wlist === 0) {
        join('left');
        return none();
      }
      put('left', 0, 0, wl);
      put('right', available - wr, w('right') - wr, wr);
      put('after', wl + wlist, 0, wafter);
      const from = wl + wlist + wafter;
      put('centre', from + Math.floor((available - wr - from) / 2) - Math.floor(wc / 2), Math.floor(w('centre') / 2) - Math.floor(wc / 2), wc);
      putList(wl, wlist, fs === -1 || fe === -1 ? 0 : fs, fs === -1 || fe === -1 ? 0 : fe);
      return absCentre();
    }
    case 'centre': {
      trim(['list', 'after', 'c', 'r', 'l']);
      if (wlist === 0) {
        join('centre');
        return none();
      }
      put('left', 0, 0, wl);
      put('right', available - wr, w('right') - wr, wr);
      const middle = wl + Math.floor((available - wr - wl) / 2);
      put('centre', middle - Math.floor(wlist / 2) - wc, 0, wc);
      put('after', middle - Math.floor(wlist / 2) + wlist, 0, wafter);
      const mid = Math.floor(w('list') / 2);
      putList(middle - Math.floor(wlist / 2), wlist, fs === -1 || fe === -1 ? mid : fs, fs === -1 || fe === -1 ? mid : fe);
      return absCentre();
    }
    case 'right': {
      trim(['c', 'list', 'r', 'after', 'l']);
      if (wlist === 0) {
        join('right');
        return none();
      }
      put('left', 0, 0, wl);
      put('after', available - wafter, w('after') - wafter, wafter);
      put('right', available - wr - wlist - wafter, 0, wr);
      const to = available - wr - wlist - wafter;
      put('centre', wl + Math.floor((to - wl) / 2) - Math.floor(wc / 2), Math.floor(w('centre') / 2) - Math.floor(wc / 2), wc);
      putList(available - wlist - wafter, wlist, fs === -1 || fe === -1 ? 0 : fs, fs === -1 || fe === -1 ? 0 : fe);
      return absCentre();
    }
    case 'absolute-centre': {
      while (wl + wc + wr > available) {
        if (wc > 0) wc--;
        else if (wr > 0) wr--;
        else wl--;
      }
      let wa = w('absolute-centre');
      while (wlist + wafter + wa > available) {
        if (wlist > 0) wlist--;
        else if (wafter > 0) wafter--;
        else wa--;
      }
      put('left', 0, 0, wl);
      put('right', available - wr, w('right') - wr, wr);
      const middle = wl + Math.floor((available - wr - wl) / 2);
      put('centre', middle - wc, 0, wc);
      const mid = Math.floor(w('list') / 2);
      let at = Math.floor((available - wlist - wa) / 2);
      put('absolute-centre', at, 0, wa);
      at += wa;
      putList(at, wlist, fs === -1 || fe === -1 ? mid : fs, fs === -1 || fe === -1 ? mid : fe);
      at += wlist;
      return put('after', at, 0, wafter);
    }
  }
}
