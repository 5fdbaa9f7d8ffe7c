/*
 * Searching a pane's whole history for copy mode (vi / ? n N, emacs C-s C-r): pure
 * functions over a CopySource, so they are tested on a history without a pty.
 *
 *   Logical line   a line and the wrapped lines that continue it, joined, so that text the
 *                  terminal wrapped at the pane's edge is still found
 *   Range          a match: cells from `start` to `end` (end.col exclusive), possibly on
 *                  several lines
 *
 * Case is smart, as in tmux: a query without an upper-case letter matches either case.
 * search-forward and search-backward take a POSIX extended regular expression, as tmux's.
 * Searches wrap around the ends of the history (unless wrap-search is off).
 */
import { textWidth } from '../../render/cell-width.js';
import { compileRegex, type RegexBudget } from '../../core/format/regex.js';
import { comparePos, continues, type CopySource, type Pos } from './source.js';

export interface Range {
  start: Pos;
  end: Pos;
}

interface Logical {
  first: number;
  last: number;
  /** Each line's text; all but the last untrimmed, as they continue on the next. */
  parts: string[];
  /** Where each part starts in the joined text. */
  starts: number[];
  text: string;
}

/** Every match in a logical line's text, as [start, end) string offsets. */
export type Matcher = (text: string) => Array<[number, number]>;

/**
 * The matches of `query` (smart case), or null for an empty query: as plain text, or with
 * `regex` as a POSIX extended regular expression, as tmux's search-forward and
 * search-backward read it (their -text forms and the incremental search take it as
 * text). A pattern regcomp would refuse matches nothing. `^` matches only at the start
 * of the line, a match that is empty is no match.
 */
export function searchMatcher(query: string, regex = false, budget?: RegexBudget): Matcher | null {
  if (!query) return null;
  const icase = !/\p{Lu}/u.test(query);
  if (!regex) {
    const re = new RegExp(query.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), icase ? 'gi' : 'g');
    return (text) => [...text.matchAll(re)].map((m) => [m.index!, m.index! + m[0].length]);
  }
  const re = compileRegex(query, icase, false);
  return (text) => {
    if (!re) return [];
    const cps: number[] = [];
    const offs: number[] = [];
    for (let i = 0; i < text.length; ) {
      const cp = text.codePointAt(i)!;
      cps.push(cp);
      offs.push(i);
      i += cp > 0xffff ? 2 : 1;
    }
    offs.push(text.length);
    const out: Array<[number, number]> = [];
    for (let from = 0; from <= cps.length; ) {
      const m = re.exec(cps, from, budget);
      if (!m) break;
      if (m[1]! > m[0]!) out.push([offs[m[0]!]!, offs[m[1]!]!]);
      from = Math.max(m[1]!, m[0]! + 1);
    }
    return out;
  };
}

/** The logical line that contains line `i`. */
function logicalAt(src: CopySource, i: number, cols: number): Logical {
  let first = i;
  while (first > 0 && src.line(first)?.wrapped) first--;
  const parts: string[] = [];
  const starts: number[] = [];
  let text = '';
  let last = first;
  for (;;) {
    const more = continues(src, last);
    const part = more ? src.cellsText(last, 0, cols) : (src.line(last)?.text ?? '');
    starts.push(text.length);
    parts.push(part);
    text += part;
    if (!more) break;
    last++;
  }
  return { first, last, parts, starts, text };
}

/** The cell position of offset `off` in a logical line's text; `end` places a boundary offset at the end of the earlier line. */
function posOf(L: Logical, off: number, end: boolean): Pos {
  let j = L.parts.length - 1;
  while (j > 0 && (end ? L.starts[j]! >= off : L.starts[j]! > off)) j--;
  return { line: L.first + j, col: textWidth(L.parts[j]!.slice(0, off - L.starts[j]!)) };
}

function matchesOf(L: Logical, find: Matcher): Range[] {
  return find(L.text).map(([a, b]) => ({ start: posOf(L, a, false), end: posOf(L, b, true) }));
}

/** Logical lines from the one containing `from`, towards the end (forward) or the start. */
function* logicalLines(src: CopySource, from: number, forward: boolean, cols: number): Generator<Logical> {
  const n = src.length();
  for (let i = from; i >= 0 && i < n; ) {
    const L = logicalAt(src, i, cols);
    yield L;
    i = forward ? L.last + 1 : L.first - 1;
  }
}

/** Past the budget's deadline (set timedOut): the search stops where it is. */
function outOfTime(budget: RegexBudget | undefined): boolean {
  if (!budget) return false;
  if (!budget.timedOut && Date.now() > budget.deadline) budget.timedOut = true;
  return budget.timedOut === true;
}

/**
 * The next match of `query` after `from` (forward) or before it, wrapping around the
 * ends of the history unless `wrap` is false (wrap-search off); null when there is none,
 * or when `budget` runs out first (its timedOut set), so no search holds the server long.
 */
export function findMatch(src: CopySource, query: string, from: Pos, forward: boolean, cols: number, wrap = true, regex = false, budget?: RegexBudget): Range | null {
  const re = searchMatcher(query, regex, budget);
  const n = src.length();
  if (!re || n === 0) return null;
  const startLine = Math.max(0, Math.min(n - 1, from.line));
  for (const L of logicalLines(src, startLine, forward, cols)) {
    const ms = matchesOf(L, re);
    if (outOfTime(budget)) return null;
    if (forward) {
      const hit = ms.find((m) => comparePos(m.start, from) > 0);
      if (hit) return hit;
    } else {
      for (let k = ms.length - 1; k >= 0; k--) if (comparePos(ms[k]!.start, from) < 0) return ms[k]!;
    }
  }
  if (!wrap) return null;
  // Wrap around: from the other end up to, and including, the line we started on.
  for (const L of logicalLines(src, forward ? 0 : n - 1, forward, cols)) {
    const ms = matchesOf(L, re);
    if (outOfTime(budget)) return null;
    if (ms.length) return forward ? ms[0]! : ms[ms.length - 1]!;
    if (forward ? L.last >= startLine : L.first <= startLine) break;
  }
  return null;
}

/** Every match of `query` that touches lines first..last (for highlighting the view), as far as `budget` allows. */
export function matchesIn(src: CopySource, query: string, first: number, last: number, cols: number, regex = false, budget?: RegexBudget): Range[] {
  const re = searchMatcher(query, regex, budget);
  if (!re) return [];
  const out: Range[] = [];
  const end = Math.min(last, src.length() - 1);
  for (let i = Math.max(0, first); i <= end; ) {
    const L = logicalAt(src, i, cols);
    for (const m of matchesOf(L, re)) if (m.end.line >= first && m.start.line <= last) out.push(m);
    if (outOfTime(budget)) break;
    i = L.last + 1;
  }
  return out;
}

/** Columns [from, to) of line `line` that a range covers, or null. */
export function rangeSpan(r: Range, line: number, cols: number): [number, number] | null {
  if (line < r.start.line || line > r.end.line) return null;
  const from = line === r.start.line ? r.start.col : 0;
  const to = line === r.end.line ? r.end.col : cols;
  return from < to ? [from, Math.min(to, cols)] : null;
}
