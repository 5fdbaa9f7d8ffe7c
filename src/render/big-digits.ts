/*
 * The 5×5 digits tmux draws display-panes' pane numbers with (window-clock.c's table):
 * each digit is five rows of five cells, a cell drawn (in the background colour) where
 * the row's bit is set, the digits one column apart.
 */

/** Each digit 0-9 as five rows; bit 4 is the leftmost cell. */
const DIGITS: readonly (readonly number[])[] = [
  [0b11111, 0b10001, 0b10001, 0b10001, 0b11111],
  [0b00001, 0b00001, 0b00001, 0b00001, 0b00001],
  [0b11111, 0b00001, 0b11111, 0b10000, 0b11111],
  [0b11111, 0b00001, 0b11111, 0b00001, 0b11111],
  [0b10001, 0b10001, 0b11111, 0b00001, 0b00001],
  [0b11111, 0b10000, 0b11111, 0b00001, 0b11111],
  [0b11111, 0b10000, 0b11111, 0b10001, 0b11111],
  [0b11111, 0b00001, 0b00001, 0b00001, 0b00001],
  [0b11111, 0b10001, 0b11111, 0b10001, 0b11111],
  [0b11111, 0b10001, 0b11111, 0b00001, 0b11111],
];

/** Whether cell (col, row) of digit `d` (0-9) is drawn. */
export function bigDigitCell(d: number, col: number, row: number): boolean {
  const rows = DIGITS[d];
  if (!rows || row < 0 || row > 4 || col < 0 || col > 4) return false;
  return ((rows[row]! >> (4 - col)) & 1) === 1;
}
