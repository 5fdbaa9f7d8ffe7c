/*
 * Mouse reports for programs inside panes: re-encodes a decoded mouse event at pane-relative
 * coordinates in the tracking mode and encoding the program asked for (DECSET 9/1000/1002/1003
 * for tracking; default, 1005 utf8, 1006 sgr, 1015 urxvt for the encoding), following xterm.js
 * (CoreMouseService) so a program sees what it would see running directly in the terminal.
 */

import type { MouseEvent } from './input-decoder.js';

/** xterm.js IModes.mouseTrackingMode values. */
export type MouseTracking = 'none' | 'x10' | 'vt200' | 'drag' | 'any';
export type MouseEncoding = 'default' | 'sgr' | 'utf8' | 'urxvt';

/** Largest value one character of the default encoding carries: a byte. */
const DEFAULT_MAX = 255;
/** Largest value of one character in the 1005 encoding: two UTF-8 bytes. */
const UTF8_MAX = 2047;
const WHEEL_CODES: Partial<Record<MouseEvent['action'], number>> = {
  wheelUp: 64, wheelDown: 65, wheelLeft: 66, wheelRight: 67,
};

/** Whether a program in `tracking` mode asks to hear about this event. */
function wanted(ev: MouseEvent, tracking: MouseTracking): boolean {
  switch (tracking) {
    case 'none': return false;
    case 'x10': return ev.action === 'press';
    case 'vt200': return ev.action !== 'drag' && ev.action !== 'move';
    case 'drag': return ev.action !== 'move';
    case 'any': return true;
  }
}

/**
 * xterm's button code: buttons 1–3 in the low bits, 4–7 at 64, 8–11 at 128, plus motion and
 * modifiers. Outside SGR a release names no button: low bits 3, which only a release can mean.
 */
function eventCode(ev: MouseEvent, sgr: boolean, withModifiers: boolean): number {
  let code = withModifiers ? (ev.shift ? 4 : 0) | (ev.meta ? 8 : 0) | (ev.ctrl ? 16 : 0) : 0;
  const wheel = WHEEL_CODES[ev.action];
  if (wheel !== undefined) return code | wheel;
  const b = ev.button;
  if (b < 0) code |= 3;
  else if (b <= 2) code |= b;
  else if (b <= 6) code |= 64 | (b - 3);
  else code |= 128 | ((b - 7) & 3);
  if (ev.action === 'drag' || ev.action === 'move') code |= 32;
  else if (ev.action === 'release' && !sgr) code = (code & ~(64 | 128)) | 3;
  return code;
}

/**
 * Bytes for the program, or '' when its tracking mode does not want this event (x10: presses
 * only, without modifiers; vt200: press/release/wheel; drag: + motion with a button; any: all
 * motion) or the encoding cannot carry the position. `x`, `y` are 0-based pane cells.
 * With encoding 'default' each character stands for one byte (positions past 95 give
 * characters above 0x7f): write that report to the pty as latin1, not UTF-8.
 */
export function encodeMouse(
  ev: MouseEvent, x: number, y: number, tracking: MouseTracking, encoding: MouseEncoding,
): string {
  if (!wanted(ev, tracking) || x < 0 || y < 0) return '';
  const code = eventCode(ev, encoding === 'sgr', tracking !== 'x10');
  const col = x + 1;
  const row = y + 1;
  switch (encoding) {
    case 'sgr':
      return `\x1b[<${code};${col};${row}${ev.action === 'release' ? 'm' : 'M'}`;
    case 'urxvt':
      return `\x1b[${code + 32};${col};${row}M`;
    case 'default':
    case 'utf8': {
      const max = encoding === 'default' ? DEFAULT_MAX : UTF8_MAX;
      const values = [code + 32, col + 32, row + 32];
      if (values.some((v) => v > max)) return '';
      return `\x1b[M${String.fromCharCode(...values)}`;
    }
  }
}
