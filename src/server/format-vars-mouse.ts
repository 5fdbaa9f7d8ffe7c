/*
 * The mouse_* format variables of a command a mouse key's binding runs (tmux's format.c
 * callbacks over the item's mouse event): mouse_pane, mouse_x and mouse_y (in the pane
 * under the mouse, else on the status line), mouse_word and mouse_line (the word and line
 * under the mouse, from copy mode's view when the pane is in it). The mouse_*_flag
 * variables are the target pane's modes (format-vars-pane.ts).
 */
import type { Pane } from './pane.js';
import type { Server } from './server.js';
import { mouseAt, mousePane, type MouseTarget } from './mouse-target.js';
import { altSource, type CopySource } from './copy/source.js';
import { lineText, wordAt } from './copy/cursor-text.js';

const NAMES = new Set(['mouse_pane', 'mouse_x', 'mouse_y', 'mouse_word', 'mouse_line']);

/** True for the variables this file answers (without a mouse event they are empty). */
export function isMouseVariable(name: string): boolean {
  return NAMES.has(name);
}

/** The lines the pane shows and the index of its row `y` among them: copy mode's view, the alternate screen, or the history's live rows. */
function shownLine(p: Pane, y: number): { src: CopySource; line: number } {
  if (p.copyMode) return { src: p.copyMode.src, line: p.copyMode.viewTop() + y };
  const alt = p.term.buffer.active !== p.term.buffer.normal;
  return alt ? { src: altSource(p.term), line: y } : { src: p.history, line: p.history.historySize() + y };
}

export function mouseVariable(server: Server, m: MouseTarget, name: string): string {
  const pane = mousePane(m);
  const at = pane ? mouseAt(m, pane) : null;
  switch (name) {
    case 'mouse_pane': return pane ? `%${pane.id}` : '';
    case 'mouse_x':
    case 'mouse_y': {
      if (at) return String(name === 'mouse_x' ? at.x : at.y);
      const onStatus = m.statusAt >= 0 && m.y >= m.statusAt && m.y < m.statusAt + m.statusLines;
      return onStatus ? String(name === 'mouse_x' ? m.x : m.y - m.statusAt) : '';
    }
    case 'mouse_line': {
      if (!at || !pane) return '';
      const { src, line } = shownLine(pane, at.y);
      // As copy_cursor_line: tmux's format_grid_line for both.
      return lineText(src, line, pane.term.cols);
    }
    case 'mouse_word': {
      if (!at || !pane) return '';
      const { src, line } = shownLine(pane, at.y);
      const w = server.model.windowOf(pane);
      const separators = String(server.options.get('word-separators', { session: m.session, window: w, pane }));
      const cols = w?.rects().get(pane.id)?.cols ?? pane.term.cols;
      // As copy_cursor_word: tmux's format_grid_word for both (empty on a separator or a blank).
      return wordAt(src, { line, col: at.x }, cols, separators);
    }
  }
  return '';
}
