/*
 * Copy mode's commands, by tmux's names (send-keys -X NAME [ARG]): the one vocabulary the
 * default key bindings (src/commands/copy-mode-bindings.ts), the user's [keys.copy-mode-vi]
 * and scripts all use. Each is a small function over a CopyMode; a command that copies
 * returns the text, and whoever ran it keeps it (copy/clipboard.ts).
 */
import type { CopyMode } from './mode.js';
import { comparePos, lineCells, continues } from './source.js';
import { findMatch } from './search.js';
import type { RegexBudget } from '../../core/format/regex.js';
import { endOfLineText, ordered } from './selection.js';
import { nextWord, nextWordEnd, nextWordEndEmacs, previousWord, wordStartAt } from './words.js';
import { jump, nextMatchingBracket, nextParagraph, previousMatchingBracket, previousParagraph, REVERSE_JUMP, type JumpKind } from './line-motions.js';

export type CopyStatus = 'exit' | 'handled' | 'unbound';

export interface CopyOutcome {
  status: CopyStatus;
  /** Text the command copied, for the paste buffers and the clipboard. */
  copied?: string;
  /** append-selection: text added to the end of the newest paste buffer (a new one if there is none). */
  appended?: string;
  /** copy-pipe and pipe: text for a command's stdin; `command` is the argument given ('' for copy-command). */
  piped?: { text: string; command: string };
}

type Action = (m: CopyMode, args: string[]) => CopyOutcome | CopyStatus | void;

/** Move within the cursor's logical line: to its start, or to the end of its text. */
function lineEdge(m: CopyMode, end: boolean): void {
  const src = m.src;
  let line = m.cursorPos().line;
  if (end) {
    while (continues(src, line)) line++;
    m.moveTo({ line, col: m.textEnd(line) }); // after the text, in vi keys too (grid_reader_cursor_end_of_line)
  } else {
    while (line > 0 && src.line(line)?.wrapped) line--;
    m.moveTo({ line, col: 0 });
  }
}

/**
 * cursor-up and -down. In a line or word selection being made, the cursor goes to the
 * start of its line above the selection's first line and to the end of its text below it
 * (on that line, where it came from; trying to move past the view's edge from it turns
 * it round), as tmux's lineflag (LINE_SEL_RIGHT_LEFT, LINE_SEL_LEFT_RIGHT).
 */
function vertical(m: CopyMode, dir: -1 | 1): CopyStatus {
  const from = m.cursorPos().line;
  const status = m.moveCursor(dir);
  const sel = m.sel;
  if (status === 'exit' || !sel || sel.end || (sel.mode !== 'line' && !sel.word)) return status;
  const first = (sel.word?.start ?? sel.anchor).line;
  const line = m.cursorPos().line;
  if (line === from && line === first) m.lineUp = dir < 0;
  else if (line < first) m.lineUp = true;
  else if (line > first) m.lineUp = false;
  m.moveTo({ line, col: m.lineUp ? 0 : sel.rect ? m.cols : m.textEnd(line) });
  return status;
}

/**
 * How long one search may take (ms): the server answers nothing else meanwhile. tmux gives
 * up after 10 s; ccmux far sooner, as its event loop serves every client and pane.
 */
export const SEARCH_MS = 500;

function search(m: CopyMode, query: string | undefined, forward: boolean, remember: boolean, regex = m.regex): void {
  const q = query ?? m.query;
  if (!q) return;
  m.query = q;
  m.regex = regex;
  if (remember) m.forward = forward;
  const budget: RegexBudget = { deadline: Date.now() + SEARCH_MS };
  const hit = findMatch(m.src, q, m.cursorPos(), forward, m.cols, m.wrapSearch, regex, budget);
  if (budget.timedOut) {
    // As tmux's "(timed out)": the marks go, the cursor stays.
    m.marks = false;
    m.notice = 'search timed out';
    return;
  }
  m.match = hit;
  if (hit) m.marks = true;
  if (hit) m.moveTo(hit.start, true);
  else m.notice = `no match: ${q}`;
}

/**
 * An incremental prompt's text (command-prompt -i: `=text` changed, `+text` C-s, `-text`
 * C-r), as tmux's search-*-incremental: a changed text searches again from where the
 * search began, in the prompt's direction (`+` down, `-` up, `=` the command's own).
 */
function incremental(m: CopyMode, arg: string | undefined, forward: boolean): void {
  if (!arg) return;
  const prefix = arg[0];
  const text = arg.slice(1);
  if (!m.searchStart) m.searchStart = m.cursorPos();
  else if (m.query !== null && text !== m.query) m.moveTo(m.searchStart);
  if (!text) {
    m.match = null;
    return;
  }
  search(m, text, prefix === '+' || (prefix === '=' && forward), true, false);
}

function copy(m: CopyMode, cancel: boolean, keep = false): CopyOutcome {
  const copied = m.selectedText() ?? undefined;
  if (!keep) m.sel = null;
  return { status: cancel ? 'exit' : 'handled', copied };
}

const ACTIONS: Record<string, Action> = {
  cancel: () => 'exit',
  'cursor-up': (m) => vertical(m, -1),
  'cursor-down': (m) => vertical(m, 1),
  'cursor-left': (m) => m.moveCol(-1),
  'cursor-right': (m) => m.moveCol(1),
  'scroll-up': (m) => m.scroll(-1),
  'scroll-down': (m) => m.scroll(1),
  'page-up': (m) => m.page(-1, false),
  'page-down': (m) => m.page(1, false),
  'halfpage-up': (m) => m.page(-1, true),
  'halfpage-down': (m) => m.page(1, true),
  'history-top': (m) => m.moveTo({ line: 0, col: 0 }),
  // The cursor at the end of the last line's text, as tmux's.
  'history-bottom': (m) => {
    const line = m.src.length() - 1;
    m.moveTo({ line, col: m.textEnd(line) });
  },
  'start-of-line': (m) => lineEdge(m, false),
  'end-of-line': (m) => lineEdge(m, true),
  'back-to-indentation': (m) => {
    const cells = lineCells(m.src, m.cursorPos().line, m.cols);
    const x = cells.findIndex((c) => c !== ' ');
    m.cx = x < 0 ? 0 : x;
  },
  'top-line': (m) => toRow(m, 0),
  'middle-line': (m) => toRow(m, Math.floor((m.rows - 1) / 2)),
  'bottom-line': (m) => toRow(m, m.rows - 1),
  'next-word': (m) => m.moveTo(nextWord(m.src, m.cursorPos(), m.cols, false, m.separators)),
  'next-space': (m) => m.moveTo(nextWord(m.src, m.cursorPos(), m.cols, true)),
  'previous-word': (m) => m.moveTo(previousWord(m.src, m.cursorPos(), m.cols, false, m.separators)),
  'previous-space': (m) => m.moveTo(previousWord(m.src, m.cursorPos(), m.cols, true)),
  'next-word-end': (m) => m.moveTo((m.emacs ? nextWordEndEmacs : nextWordEnd)(m.src, m.cursorPos(), m.cols, false, m.separators)),
  'next-space-end': (m) => m.moveTo((m.emacs ? nextWordEndEmacs : nextWordEnd)(m.src, m.cursorPos(), m.cols, true)),
  'set-mark': (m) => m.setMark(),
  'jump-to-mark': (m) => m.jumpToMark(),
  'begin-selection': (m) => m.beginSelection('char'),
  'select-line': (m) => {
    m.beginSelection('line');
    lineEdge(m, true);
  },
  'select-word': (m) => selectWord(m),
  'rectangle-toggle': (m) => setRect(m, !m.rect),
  'rectangle-on': (m) => setRect(m, true),
  'rectangle-off': (m) => setRect(m, false),
  'other-end': (m) => {
    // A selection by words stops growing by words: it is what it is now.
    const now = m.selectionNow();
    if (!now) return;
    m.sel = now.sel;
    const at = now.moving;
    const anchor = m.sel.anchor;
    m.sel = { ...m.sel, anchor: m.sel.mode === 'line' ? { line: at.line, col: 0 } : at };
    m.dragsStart = !m.dragsStart;
    m.moveTo(anchor);
  },
  'clear-selection': (m) => void (m.sel = null),
  'stop-selection': (m) => {
    const now = m.selectionNow();
    if (!now) return;
    // A selection by words has its ends in order, as tmux's selx and endselx.
    const [anchor, end] = m.sel?.word ? ordered(now.sel.anchor, now.moving) : [now.sel.anchor, now.moving];
    m.sel = { ...now.sel, anchor, end };
  },
  'append-selection': (m) => append(m, false),
  'append-selection-and-cancel': (m) => append(m, true),
  'cursor-down-and-cancel': (m) => {
    const cy = m.cy;
    m.moveCursor(1);
    return cy === m.cy && m.offset() === 0 ? 'exit' : 'handled';
  },
  'scroll-down-and-cancel': (m) => {
    m.scroll(1);
    return m.offset() === 0 ? 'exit' : 'handled';
  },
  'page-down-and-cancel': (m) => downAndCancel(m, false),
  'halfpage-down-and-cancel': (m) => downAndCancel(m, true),
  'goto-line': (m, a) => {
    // tmux's goto-line: the view `n` lines up from the bottom (all the history for more, or a negative n).
    if (!a[0] || !/^-?\d+$/.test(a[0])) return;
    const n = Number(a[0]);
    const hsize = m.src.historySize();
    m.top = Math.max(0, m.viewTop() + m.offset() - (n < 0 || n > hsize ? hsize : n));
  },
  'toggle-position': (m) => void (m.hidePosition = !m.hidePosition),
  // Copy mode reads the pane's lines as they are now: what tmux's refresh-from-pane copies in is already there.
  'refresh-from-pane': () => 'handled',
  'jump-forward': (m, a) => startJump(m, 'jump-forward', a[0]),
  'jump-backward': (m, a) => startJump(m, 'jump-backward', a[0]),
  'jump-to-forward': (m, a) => startJump(m, 'jump-to-forward', a[0]),
  'jump-to-backward': (m, a) => startJump(m, 'jump-to-backward', a[0]),
  'jump-again': (m) => void (m.lastJump && jumpTo(m, m.lastJump.kind, m.lastJump.ch)),
  'jump-reverse': (m) => void (m.lastJump && jumpTo(m, REVERSE_JUMP[m.lastJump.kind], m.lastJump.ch)),
  'next-paragraph': (m) => m.moveTo(nextParagraph(m.src, m.cursorPos(), m.cols)),
  'previous-paragraph': (m) => m.moveTo(previousParagraph(m.src, m.cursorPos(), m.cols)),
  'next-matching-bracket': (m) => moveIf(m, nextMatchingBracket(m.src, m.cursorPos(), m.cols, m.emacs)),
  'previous-matching-bracket': (m) => moveIf(m, previousMatchingBracket(m.src, m.cursorPos(), m.cols, m.emacs)),
  'copy-selection': (m) => copy(m, false),
  'copy-selection-no-clear': (m) => copy(m, false, true),
  'copy-selection-and-cancel': (m) => copy(m, true),
  'copy-end-of-line': (m) => ({ status: 'handled', copied: endOfLineText(m.src, m.cursorPos(), m.cols) }),
  'copy-end-of-line-and-cancel': (m) => ({ status: 'exit', copied: endOfLineText(m.src, m.cursorPos(), m.cols) }),
  'copy-line': (m) => copyLine(m, false),
  'copy-line-and-cancel': (m) => copyLine(m, true),
  'search-forward': (m, a) => search(m, a[0], true, true, true),
  'search-backward': (m, a) => search(m, a[0], false, true, true),
  'search-forward-text': (m, a) => search(m, a[0], true, true, false),
  'search-backward-text': (m, a) => search(m, a[0], false, true, false),
  'search-again': (m) => search(m, undefined, m.forward, false),
  'search-reverse': (m) => search(m, undefined, !m.forward, false),
};
ACTIONS['search-forward-incremental'] = (m, a) => incremental(m, a[0], true);
ACTIONS['search-backward-incremental'] = (m, a) => incremental(m, a[0], false);

/**
 * The copy-pipe and pipe commands (tmux's names): `what` an outcome made by copying (the
 * selection, the line, the end of the line), piped to args[0] (or copy-command); `keep`:
 * into a paste buffer too (copy-pipe, not pipe).
 */
function piping(what: (m: CopyMode) => CopyOutcome, keep: boolean): Action {
  return (m, args) => {
    const out = what(m);
    if (out.copied === undefined) return out.status;
    return { status: out.status, ...(keep ? { copied: out.copied } : {}), piped: { text: out.copied, command: args[0] ?? '' } };
  };
}
for (const [name, what] of Object.entries({
  'copy-pipe': (m: CopyMode) => copy(m, false),
  'copy-pipe-no-clear': (m: CopyMode) => copy(m, false, true),
  'copy-pipe-and-cancel': (m: CopyMode) => copy(m, true),
  'copy-pipe-line': (m: CopyMode) => copyLine(m, false),
  'copy-pipe-line-and-cancel': (m: CopyMode) => copyLine(m, true),
  'copy-pipe-end-of-line': (m: CopyMode): CopyOutcome => ({ status: 'handled', copied: endOfLineText(m.src, m.cursorPos(), m.cols) }),
  'copy-pipe-end-of-line-and-cancel': (m: CopyMode): CopyOutcome => ({ status: 'exit', copied: endOfLineText(m.src, m.cursorPos(), m.cols) }),
})) ACTIONS[name] = piping(what, true);
for (const [name, what] of Object.entries({
  pipe: (m: CopyMode) => copy(m, false),
  'pipe-no-clear': (m: CopyMode) => copy(m, false, true),
  'pipe-and-cancel': (m: CopyMode) => copy(m, true),
})) ACTIONS[name] = piping(what, false);

/**
 * select-word, as tmux's: from the start of the word under the cursor (of the word before,
 * on a blank) to that word's end, the cursor on its last cell (vi) or after it (emacs); a
 * word of one cell followed by a blank is that cell. A word of separators runs on into
 * the word after it, as tmux's next-word-end does. As the cursor moves on, the selection
 * grows by words (tmux's SEL_WORD), forwards or backwards from where the cursor was.
 */
function selectWord(m: CopyMode): void {
  const at = m.cursorPos();
  const start = wordStartAt(m.src, at, m.cols, m.separators);
  const end = oneCellWord(m, start) ? start : (m.emacs ? nextWordEndEmacs : nextWordEnd)(m.src, start, m.cols, false, m.separators);
  // Where the cursor was, no further than the selection's end (tmux's dx, dy).
  const origin = at.line > end.line ? end : { line: at.line, col: Math.min(at.col, end.col) };
  m.sel = { anchor: start, mode: 'char', rect: false, word: { start, end, origin, fixed: true } };
  m.dragsStart = false;
  m.lineUp = false;
  m.moveTo(end);
}

/** `p` is in its line's text and the cell after it (on the next line, where this one wraps) is a blank. */
function oneCellWord(m: CopyMode, p: { line: number; col: number }): boolean {
  if (p.col >= m.textEnd(p.line)) return false;
  const wraps = p.col + 1 >= m.cols && continues(m.src, p.line);
  const next = wraps ? lineCells(m.src, p.line + 1, m.cols)[0] : lineCells(m.src, p.line, m.cols)[p.col + 1];
  return next === undefined || next === ' ';
}

/** top-line, middle-line, bottom-line: the cursor to the start of a row of the view. */
function toRow(m: CopyMode, row: number): void {
  m.cx = 0;
  m.cy = row;
}

function moveIf(m: CopyMode, to: { line: number; col: number } | null): void {
  if (to) m.moveTo(to);
}

/** A page (or half) down; leave copy mode once at the bottom (tmux's page-down-and-cancel, halfpage-down-and-cancel). */
function downAndCancel(m: CopyMode, half: boolean): CopyStatus {
  m.page(1, half);
  return m.offset() === 0 ? 'exit' : 'handled';
}

/** A jump's first run: remembered for jump-again and jump-reverse (nothing without a character, as tmux). */
function startJump(m: CopyMode, kind: JumpKind, ch: string | undefined): void {
  if (!ch) return;
  const first = [...ch][0]!;
  m.lastJump = { kind, ch: first };
  jumpTo(m, kind, first);
}

function jumpTo(m: CopyMode, kind: JumpKind, ch: string): void {
  moveIf(m, jump(m.src, m.cursorPos(), m.cols, kind, ch));
}

/** append-selection: the selection added to the newest buffer, the selection cleared. */
function append(m: CopyMode, cancel: boolean): CopyOutcome {
  const text = m.selectedText() ?? undefined;
  m.sel = null;
  return { status: cancel ? 'exit' : 'handled', appended: text };
}

function setRect(m: CopyMode, on: boolean): void {
  m.rect = on;
  if (m.sel) m.sel = { ...m.sel, rect: on, mode: 'char' };
}

function copyLine(m: CopyMode, cancel: boolean): CopyOutcome {
  const keep = m.sel;
  m.beginSelection('line');
  const out = copy(m, cancel);
  m.sel = cancel ? null : keep;
  return out;
}

/**
 * What a command that is not a search does to the search's marks, as tmux 3.3a's command
 * table (window-copy.c's `clear`): these keep them, these others keep them in vi keys
 * only (motions), and every other command clears them.
 */
const KEEPS_MARKS = new Set(['copy-pipe-no-clear', 'copy-selection-no-clear', 'pipe-no-clear', 'toggle-position']);
const KEEPS_MARKS_IN_VI = new Set([
  'bottom-line', 'cursor-down', 'cursor-left', 'cursor-right', 'cursor-up', 'end-of-line', 'goto-line',
  'halfpage-down', 'halfpage-up', 'history-bottom', 'history-top', 'jump-again', 'jump-backward',
  'jump-forward', 'jump-reverse', 'jump-to-backward', 'jump-to-forward', 'middle-line', 'next-paragraph',
  'next-space', 'next-space-end', 'next-word', 'next-word-end', 'other-end', 'page-down', 'page-up',
  'previous-paragraph', 'previous-space', 'previous-word', 'scroll-down', 'scroll-up', 'start-of-line', 'top-line',
]);

/** Does running `name` (not a search) clear the search's marks? */
function clearsMarks(name: string, emacs: boolean): boolean {
  if (name.startsWith('search-') || KEEPS_MARKS.has(name)) return false;
  return emacs || !KEEPS_MARKS_IN_VI.has(name);
}

/** Every copy-mode command name (for send-keys -X and its errors). */
export const COPY_COMMANDS: readonly string[] = Object.keys(ACTIONS).sort();

/** Run a copy-mode command on a pane's copy mode, with the options in force there (mode-keys, word-separators, wrap-search). */
export function runCopyCommand(m: CopyMode, name: string, args: string[], opts: { emacs?: boolean; separators?: string; wrapSearch?: boolean } = {}): CopyOutcome {
  const action = ACTIONS[name];
  if (!action) return { status: 'unbound' };
  m.emacs = opts.emacs ?? m.emacs;
  m.separators = opts.separators ?? m.separators;
  m.wrapSearch = opts.wrapSearch ?? m.wrapSearch;
  m.notice = null;
  if (!name.startsWith('search-')) m.searchStart = null;
  const before = m.cursorPos();
  const r = action(m, args);
  if (m.sel?.word?.fixed && name !== 'select-word' && comparePos(before, m.cursorPos()) !== 0) m.sel.word.fixed = false;
  if (m.marks && clearsMarks(name, m.emacs)) m.marks = false;
  if (r === undefined) return { status: 'handled' };
  return typeof r === 'string' ? { status: r } : r;
}
