/*
 * The line a pane that remains after its program exited shows (remain-on-exit), as tmux
 * 3.3a's server_destroy_pane draws it: remain-on-exit-format, expanded for the pane,
 * drawn as a status-format line is (its #[…] styles and #[align=…] sections) over a row
 * of the pane's width in the default colours, on a new last line — the screen scrolled up
 * one — with the cursor hidden. Here as the escapes that do that, to be fed to the pane's
 * terminal (so capture-pane and copy mode see it, as tmux's); installDeadPanes hands it to
 * the server, which the model asks.
 */
import { Grid } from '../render/grid.js';
import { colorSgr } from '../render/screen-writer.js';
import { DEFAULT_COLOR } from '../render/style.js';
import { ATTR_BLINK, ATTR_BOLD, ATTR_DIM, ATTR_INVERSE, ATTR_INVISIBLE, ATTR_ITALIC, ATTR_OVERLINE, ATTR_STRIKETHROUGH, ATTR_UNDERLINE } from '../config/option-values.js';
import { paintFormatLine } from './client/status-format.js';
import { expandFor } from './format-vars.js';
import type { Server } from './server.js';

const ATTR_SGR: ReadonlyArray<[number, string]> = [
  [ATTR_BOLD, '1'], [ATTR_DIM, '2'], [ATTR_ITALIC, '3'], [ATTR_UNDERLINE, '4'], [ATTR_BLINK, '5'],
  [ATTR_INVERSE, '7'], [ATTR_INVISIBLE, '8'], [ATTR_STRIKETHROUGH, '9'], [ATTR_OVERLINE, '53'],
];

/** The escapes that scroll a pane of `rows` up one line and draw `expanded` on its last, `cols` wide; '' text draws nothing. */
export function deadPaneEscapes(expanded: string, cols: number, rows: number): string {
  const hide = '\x1b[?25l';
  if (expanded === '') return hide;
  const grid = new Grid(cols, 1);
  paintFormatLine(grid, 0, expanded, {});
  // The row's cells up to the last one that is not a default blank, each style change an SGR.
  let end = cols;
  while (end > 0 && grid.codes[end - 1] === 0x20 && grid.fg[end - 1] === DEFAULT_COLOR && grid.bg[end - 1] === DEFAULT_COLOR && grid.flags[end - 1] === 0) end--;
  let out = `\x1b[r\x1b[${rows};1H\n\x1b[0m`;
  let pen = '';
  for (let x = 0; x < end; x++) {
    const flags = grid.flags[x]!;
    const params = ['0', ...ATTR_SGR.filter(([bit]) => flags & bit).map(([, p]) => p)];
    if (grid.fg[x] !== DEFAULT_COLOR) params.push(colorSgr(grid.fg[x]!, false));
    if (grid.bg[x] !== DEFAULT_COLOR) params.push(colorSgr(grid.bg[x]!, true));
    const sgr = `\x1b[${params.join(';')}m`;
    if (sgr !== pen) out += sgr;
    pen = sgr;
    out += grid.char(x);
  }
  return `${out}\x1b[0m${hide}`;
}

/** Give `server` its dead-pane line: the pane's remain-on-exit-format, expanded for it. */
export function installDeadPanes(server: Server): void {
  server.deadPaneEscapes = (p) => {
    const window = server.model.windowOf(p);
    const at = { pane: p, window, session: window ? server.model.sessionOf(window) : undefined };
    return deadPaneEscapes(expandFor(server, String(server.options.get('remain-on-exit-format', at)), at), p.cols, p.rows);
  };
}
