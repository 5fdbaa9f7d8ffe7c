/*
 * A message and the command prompt over the status line, drawn as tmux 3.3a's
 * status_message_redraw and status_prompt_redraw draw them: the row filled with the
 * style (message-style; message-command-style for a prompt in vi command mode), the text
 * from column 0 with its own #[…] directives applied (not for messages tmux shows as they
 * are: errors, alerts), cut at the right edge. A prompt's label takes its width, then the
 * typed text scrolled so its cursor stays in sight; the cell under the cursor is drawn
 * with the style's reverse attribute toggled (a reversed space past the end), and the
 * terminal's own cursor is hidden there, as tmux does. Pure over a Grid.
 */
import { textWidth } from '../../render/cell-width.js';
import type { Grid } from '../../render/grid.js';
import { segmentsWidth } from '../../render/status-line.js';
import { INVERSE, type Style } from '../../render/style.js';
import { segmentsOver } from './status-segments.js';

/** Paint row `y` as a message in `style`; `styled`: its #[…] directives apply (display-message). */
export function paintMessageLine(grid: Grid, y: number, text: string, style: Style, styled: boolean): void {
  grid.fillRect({ x: 0, y, cols: grid.cols, rows: 1 }, style);
  grid.writeSegments(0, y, styled ? segmentsOver(text, style) : [{ text }], style);
}

/** What a prompt shows: its label (a format already expanded), the typed text and the cursor's index in it (code points). */
export interface PromptLine {
  label: string;
  text: string;
  cursor: number;
}

/** Paint row `y` as a prompt in `style`; returns the column of its cursor. */
export function paintPromptLine(grid: Grid, y: number, p: PromptLine, style: Style): number {
  const cols = grid.cols;
  grid.fillRect({ x: 0, y, cols, rows: 1 }, style);
  const labelSegs = segmentsOver(p.label, style);
  const start = Math.min(cols, segmentsWidth(labelSegs));
  grid.writeSegments(0, y, labelSegs, style, start);
  const left = cols - start;
  if (left === 0) return start;
  const chars = [...p.text];
  const widths = chars.map((ch) => textWidth(ch));
  let pcursor = 0;
  for (let i = 0; i < p.cursor && i < chars.length; i++) pcursor += widths[i]!;
  let pwidth = widths.reduce((a, b) => a + b, 0);
  let offset = 0;
  if (pcursor >= left) {
    // The cursor would be past the edge: draw with it at the right.
    offset = pcursor - left + 1;
    pwidth = left;
  }
  if (pwidth > left) pwidth = left;
  const cursorStyle: Style = { ...style, flags: (style.flags ?? 0) ^ INVERSE };
  let x = start;
  let width = 0;
  let i = 0;
  for (; i < chars.length; i++) {
    if (width < offset) {
      width += widths[i]!;
      continue;
    }
    if (width >= offset + pwidth) break;
    width += widths[i]!;
    if (width > offset + pwidth) break;
    x += grid.writeText(x, y, chars[i]!, i === p.cursor ? cursorStyle : style, cols - x);
  }
  if (x < cols && p.cursor >= i) grid.writeText(x, y, ' ', cursorStyle, 1);
  // tmux puts the (hidden) cursor at start + index - offset: an index, not a width.
  return Math.min(cols - 1, start + p.cursor - offset);
}
