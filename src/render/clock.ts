/*
 * The big clock of clock-mode, drawn as tmux draws it: the time ("21:09", or " 9:09 PM"
 * in 12-hour style) in 5×5 blocks of the clock colour, one character every 6 columns,
 * centred in the pane; a pane too small for that (narrower than 6 columns a character,
 * or lower than 6 rows) shows the time as text in that colour, in its middle row.
 */
import type { Grid } from './grid.js';
import type { Rect } from './style.js';

/** Each glyph: 5 rows of 5 cells, '#' filled. The shapes of tmux's clock. */
const GLYPHS: Record<string, readonly string[]> = {
  '0': ['#####', '#...#', '#...#', '#...#', '#####'],
  '1': ['....#', '....#', '....#', '....#', '....#'],
  '2': ['#####', '....#', '#####', '#....', '#####'],
  '3': ['#####', '....#', '#####', '....#', '#####'],
  '4': ['#...#', '#...#', '#####', '....#', '....#'],
  '5': ['#####', '#....', '#####', '....#', '#####'],
  '6': ['#####', '#....', '#####', '#...#', '#####'],
  '7': ['#####', '....#', '....#', '....#', '....#'],
  '8': ['#####', '#...#', '#####', '#...#', '#####'],
  '9': ['#####', '#...#', '#####', '....#', '#####'],
  ':': ['.....', '..#..', '.....', '..#..', '.....'],
  A: ['#####', '#...#', '#####', '#...#', '#...#'],
  P: ['#####', '#...#', '#####', '#....', '#....'],
  M: ['#...#', '##.##', '#.#.#', '#...#', '#...#'],
};

/** The clock's text at `d`: "%H:%M", or tmux's 12-hour "%l:%M " with AM or PM. */
export function clockText(d: Date, style: '12' | '24'): string {
  const mm = String(d.getMinutes()).padStart(2, '0');
  const h = d.getHours();
  if (style === '24') return `${String(h).padStart(2, '0')}:${mm}`;
  return `${String(h % 12 === 0 ? 12 : h % 12).padStart(2, ' ')}:${mm} ${h >= 12 ? 'PM' : 'AM'}`;
}

/** Paint the clock showing `text` over `rect` of `grid` (cleared first) in `colour`. */
export function paintClock(grid: Grid, rect: Rect, text: string, colour: number): void {
  grid.fillRect(rect, {});
  const n = text.length;
  if (rect.cols < 6 * n || rect.rows < 6) {
    if (rect.cols >= n && rect.rows > 0) {
      const x = Math.floor(rect.cols / 2) - Math.floor(n / 2);
      grid.writeText(rect.x + x, rect.y + Math.floor(rect.rows / 2), text, { fg: colour }, rect.cols - x);
    }
    return;
  }
  let x = Math.floor(rect.cols / 2) - 3 * n;
  const y = Math.floor(rect.rows / 2) - 3;
  for (const ch of text) {
    const glyph = GLYPHS[ch];
    if (glyph) {
      for (let j = 0; j < 5; j++) {
        for (let i = 0; i < 5; i++) if (glyph[j]![i] === '#') grid.fillRect({ x: rect.x + x + i, y: rect.y + y + j, cols: 1, rows: 1 }, { bg: colour });
      }
    }
    x += 6;
  }
}
