/*
 * Reading a pane's text back out (capture-pane, copy mode's copy): lines of the buffer
 * addressed as tmux does — 0 is the first visible line, negative numbers reach into the
 * history — as plain text, or with SGR escapes for colours and attributes (-e), wrapped
 * lines joined (-J) and trailing blanks trimmed unless kept (-N).
 */
import type { IBufferCell, IBufferLine } from '@xterm/headless';
import type { HeadlessTerminal } from './pane.js';

export interface CaptureOptions {
  join?: boolean;
  escapes?: boolean;
  trailing?: boolean;
}

/** Lines start..end (inclusive, tmux numbering) as text, each ending in "\n". */
export function captureLines(term: HeadlessTerminal, start: number, end: number, o: CaptureOptions = {}): string {
  const buf = term.buffer.active;
  const first = Math.max(0, buf.baseY + start);
  const last = Math.min(buf.length - 1, buf.baseY + end);
  let out = '';
  const cell = buf.getNullCell();
  for (let y = first; y <= last; y++) {
    const line = buf.getLine(y);
    if (!line) continue;
    const next = buf.getLine(y + 1);
    const joined = o.join && next?.isWrapped && y < last;
    const text = o.escapes ? lineWithEscapes(line, term.cols, cell) : line.translateToString(!(o.trailing || joined));
    out += text + (joined ? '' : '\n');
  }
  return out;
}

function colourSgr(mode: 'fg' | 'bg', cell: IBufferCell): string {
  const base = mode === 'fg' ? 30 : 40;
  const isDefault = mode === 'fg' ? cell.isFgDefault() : cell.isBgDefault();
  if (isDefault) return '';
  const c = mode === 'fg' ? cell.getFgColor() : cell.getBgColor();
  const rgb = mode === 'fg' ? cell.isFgRGB() : cell.isBgRGB();
  if (rgb) return `;${base + 8};2;${(c >> 16) & 255};${(c >> 8) & 255};${c & 255}`;
  if (c < 8) return `;${base + c}`;
  if (c < 16) return `;${base + 60 + c - 8}`;
  return `;${base + 8};5;${c}`;
}

function sgrOf(cell: IBufferCell): string {
  let s = '0';
  if (cell.isBold()) s += ';1';
  if (cell.isDim()) s += ';2';
  if (cell.isItalic()) s += ';3';
  if (cell.isUnderline()) s += ';4';
  if (cell.isBlink()) s += ';5';
  if (cell.isInverse()) s += ';7';
  if (cell.isInvisible()) s += ';8';
  if (cell.isStrikethrough()) s += ';9';
  return `\x1b[${s}${colourSgr('fg', cell)}${colourSgr('bg', cell)}m`;
}

/** One line with an SGR sequence wherever the attributes change; trailing default blanks trimmed. */
function lineWithEscapes(line: IBufferLine, cols: number, cell: IBufferCell): string {
  let end = cols;
  while (end > 0) {
    line.getCell(end - 1, cell);
    if (cell.getChars() !== '' && cell.getChars() !== ' ') break;
    if (!cell.isBgDefault() || cell.isInverse()) break;
    end--;
  }
  let out = '';
  let pen = '\x1b[0m';
  for (let x = 0; x < end; x++) {
    line.getCell(x, cell);
    if (cell.getWidth() === 0) continue;
    const sgr = sgrOf(cell);
    if (sgr !== pen) {
      out += sgr;
      pen = sgr;
    }
    out += cell.getChars() || ' ';
  }
  if (pen !== '\x1b[0m') out += '\x1b[0m';
  return out;
}
