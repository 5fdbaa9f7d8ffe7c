/*
 * The status line's window list and its placement, as tmux draws them: each window's
 * entry is window-status-format (window-status-current-format for the current one)
 * expanded for that window, in window-status-style with window-status-current-style,
 * -last-style, -bell-style or -activity-style on top (a Claude alert counts as a bell),
 * and the text's own #[…] directives on top of that (`#[default]` goes back to the
 * entry's style); entries are joined by window-status-separator; status-justify places
 * the list (left, centre, right, absolute-centre). status-left and status-right are cut
 * to status-left-length / status-right-length and drawn in their -style. ccmux adds
 * `#{window_claude_mark}` (the window's most urgent Claude state) to the default formats.
 * An expanded entry is kept until what it shows may have changed.
 */
import { parseStyle, type ParsedStyle } from '../../config/option-values.js';
import { addStyle, segmentsOver } from './status-segments.js';
import { trimLeft, trimRight } from '../../core/format/text.js';
import { codePointWidth } from '../../render/cell-width.js';
import { segmentsWidth } from '../../render/status-line.js';
import type { Segment, Style } from '../../render/style.js';
import { type FormatScope, expandFor, windowFlags } from '../format-vars.js';
import type { FrameReuse } from '../reuse.js';
import type { Server } from '../server.js';
import type { Session, Window } from '../window.js';
import type { OptionLayers } from '../../config/local-options.js';

/** One window's entry in the list. */
export interface WindowEntry {
  win: Window;
  segs: Segment[];
  cols: number;
  /** Must stay in sight when the list overflows: the current window, one that needs the user. */
  keep: boolean;
}

const styles = new Map<string, ParsedStyle>();

/** A style option's value at `at`, parsed once per distinct string (a bad one draws plain). */
export function styleOf(server: Server, name: string, at: OptionLayers): ParsedStyle {
  let text = String(server.options.get(name, at));
  // A style option may be a format (`#{?pane_in_mode,fg=yellow,fg=green}`), expanded where it is drawn, as in tmux.
  if (text.includes('#{')) text = expandFor(server, text, at as FormatScope);
  let st = styles.get(text);
  if (!st) {
    try {
      st = parseStyle(text);
    } catch {
      st = { flags: 0 };
    }
    if (styles.size >= 1000) styles.clear(); // formats can make any number of strings
    styles.set(text, st);
  }
  return st;
}

interface Cached {
  key: string;
  segs: Segment[];
}
const cache = new WeakMap<Window, Cached>();

/** Each window's entry of session `s` (current window `w`), in index order. */
export function windowEntries(server: Server, s: Session, w: Window, frame: FrameReuse): WindowEntry[] {
  const needsInput = server.options.get('claude-mark-needs-input');
  const errorMark = server.options.get('claude-mark-error');
  return s.sorted().map((win) => {
    const at = { session: s, window: win, pane: win.activePane };
    const current = win === w;
    const fmt = String(server.options.get(current ? 'window-status-current-format' : 'window-status-format', at));
    let style: Style = addStyle({}, styleOf(server, 'window-status-style', at));
    if (current) style = addStyle(style, styleOf(server, 'window-status-current-style', at));
    else if (s.last === win) style = addStyle(style, styleOf(server, 'window-status-last-style', at));
    const flags = s.flagsOf(win);
    const alert = flags.has('bell') || flags.has('alert');
    if (!current && alert) style = addStyle(style, styleOf(server, 'window-status-bell-style', at));
    else if (!current && flags.has('activity')) style = addStyle(style, styleOf(server, 'window-status-activity-style', at));
    const mark = server.awareness?.windowMark(win.panes.values());
    // What the expansion can depend on; a clock in the format (strftime) makes it change each second.
    const key = [fmt, server.formatJobs.generation, s.name, s.indexOf(win), win.nameIn(frame), windowFlags(s, win, false, server.model.marked), server.model.marked.get()?.pane.id, mark?.text ?? '', current, JSON.stringify(style), win.panes.size, win.activePane.id, win.activePane.title ?? '', fmt.includes('%') ? Math.floor(Date.now() / 1000) : 0].join('\0');
    let hit = cache.get(win);
    if (!hit || hit.key !== key) {
      hit = { key, segs: segmentsOver(expandFor(server, fmt, { ...at, jobTag: `$${s.id}@${win.id}:` }, true), style) };
      cache.set(win, hit);
    }
    return { win, segs: hit.segs, cols: segmentsWidth(hit.segs), keep: current || alert || mark?.text === needsInput || mark?.text === errorMark };
  });
}

/** status-left or -right expanded text cut to its -length and drawn in its -style over nothing else. */
export function sideSegments(server: Server, at: OptionLayers, side: 'left' | 'right', text: string): Segment[] {
  const max = server.options.get(side === 'left' ? 'status-left-length' : 'status-right-length', at) as number;
  const cut = side === 'left' ? trimLeft(text, max, codePointWidth) : trimRight(text, max, codePointWidth);
  return segmentsOver(cut, addStyle({}, styleOf(server, side === 'left' ? 'status-left-style' : 'status-right-style', at)));
}

/** Columns of padding before the window list under status-justify. */
export function listOffset(justify: string, lineCols: number, leftCols: number, rightCols: number, listCols: number): number {
  const avail = Math.max(0, lineCols - leftCols - rightCols);
  if (listCols >= avail) return 0;
  if (justify === 'right') return avail - listCols;
  if (justify === 'centre') return Math.floor((avail - listCols) / 2);
  if (justify === 'absolute-centre') return Math.min(avail - listCols, Math.max(0, Math.floor((lineCols - listCols) / 2) - leftCols));
  return 0;
}
