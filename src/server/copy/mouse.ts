/*
 * Copy mode and the mouse, as tmux 3.3a's window-copy.c: a copy-mode command run by a
 * mouse binding first moves the cursor to the mouse (window_copy_move_mouse, not for the
 * wheel); copy-mode -M and begin-selection from a mouse binding start a drag
 * (window_copy_start_drag): a selection from where the button went down (from inside the
 * word or line a double or triple click just selected, that selection, growing by words
 * or lines), its other end following the mouse until the button is released (the binding
 * of MouseDragEnd1Pane then copies it). Dragging onto the pane's first or last row
 * scrolls by a line.
 */
import type { Server } from '../server.js';
import type { Pane } from '../pane.js';
import { mouseAt, mousePane, type MouseTarget } from '../mouse-target.js';
import { comparePos } from './source.js';
import { wordStartAt } from './words.js';

/**
 * The cursor to the mouse, for a copy-mode command a mouse binding runs (not the wheel's).
 * A copy of a selection made by select-word or select-line keeps it whole (the cursor is
 * not moved: the selection is where the clicks left it).
 */
export function moveCopyCursorToMouse(m: MouseTarget, pane: Pane, command: string): void {
  const cm = pane.copyMode;
  if (!cm || m.event.action.startsWith('wheel') || mousePane(m) !== pane) return;
  if (cm.sel && /^(copy|pipe)/.test(command)) return;
  const at = mouseAt(m, pane);
  if (at) cm.moveTo({ line: cm.viewTop() + at.y, col: at.x });
}

/** Start a drag selection in the mouse's pane, which must be in copy mode (window_copy_start_drag). */
export function startCopyDrag(server: Server, m: MouseTarget): void {
  const pane = mousePane(m);
  const cm = pane?.copyMode;
  if (!pane || !cm) return;
  const from = mouseAt(m, pane, true);
  if (!from) return;
  m.setDrag({ update: (now) => dragUpdate(server, now, pane) });
  const at = { line: cm.viewTop() + from.y, col: from.x };
  const sel = cm.sel;
  // A drag from inside the word or line just selected (a double or triple click) grows
  // that selection by words or lines; from anywhere else it starts a new one.
  const word = sel && !sel.end ? sel.word : undefined;
  const onLine = sel && !sel.end && sel.mode === 'line' && at.line === sel.anchor.line && at.col <= cm.textEnd(at.line);
  if (word && at.line === word.start.line && at.col >= word.start.col && at.col <= word.end.col) {
    cm.moveTo(wordStartAt(cm.src, at, cm.cols, cm.separators));
    word.fixed = false;
  } else if (onLine) {
    cm.moveTo({ line: at.line, col: 0 });
  } else {
    cm.moveTo(at);
    cm.beginSelection('char');
  }
  server.model.paneDisplayChanged(pane);
  dragUpdate(server, m, pane);
}

/** The selection's other end to the mouse (window_copy_drag_update); on the first or last row, a line further. */
function dragUpdate(server: Server, m: MouseTarget, pane: Pane): void {
  const cm = pane.copyMode;
  if (!cm || mousePane(m) !== pane) return;
  const at = mouseAt(m, pane);
  if (!at) return;
  const before = cm.cursorPos();
  cm.moveTo({ line: cm.viewTop() + at.y, col: at.x });
  const now = cm.cursorPos();
  if (cm.sel?.word && comparePos(before, now) !== 0) cm.sel.word.fixed = false;
  if (now.line !== before.line || now.col === before.col) {
    if (at.y === 0) cm.moveCursor(-1);
    else if (at.y === cm.rows - 1) cm.moveCursor(1);
  }
  server.model.paneDisplayChanged(pane);
}
