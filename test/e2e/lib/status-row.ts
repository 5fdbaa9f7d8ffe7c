/*
 * The status line of a terminal as one comparable string — each cell's text, colours and
 * bold — so side-by-side tests compare tmux's status line with ccmux's cell for cell.
 */

/** The last row of a terminal: each cell's text, colours and bold, as one comparable string. */
export function statusRow(t: { term: { rows: number; buffer: { active: { viewportY: number; getLine(y: number): any } } } }): string {
  const line = t.term.buffer.active.getLine(t.term.buffer.active.viewportY + t.term.rows - 1);
  const out: string[] = [];
  for (let x = 0; x < line.length; x++) {
    const c = line.getCell(x);
    out.push(`${c.getChars() || ' '}${c.getFgColorMode()}:${c.getFgColor()}/${c.getBgColorMode()}:${c.getBgColor()}${c.isBold() ? 'b' : ''}`);
  }
  return out.join(' ');
}
