/*
 * Keys as tmux 3.3a numbers and prints them, for list-keys: its bindings come out in the
 * order of their key codes (tmux's key_bindings_cmp) — control characters first (`C-a` is
 * 0x01, `C-Space` 0), then the printable characters by code point, then the named keys in
 * tmux's enum order (mouse keys, BSpace, F1…F12, IC, DC, Home, End, NPage, PPage, BTab,
 * the arrows, the keypad), and above them the same with Meta, then Ctrl, then Shift (a
 * modifier is a high bit). A control character with Meta is printed `M-C-b`, as tmux
 * prints it; other keys keep ccmux's canonical `C-M-S-` order, which is tmux's.
 */
import { splitKey, type KeyName } from './keys.js';

const MOUSE_EVENTS = ['MouseMove', 'MouseDown', 'MouseUp', 'MouseDrag', 'MouseDragEnd', 'WheelUp', 'WheelDown', 'SecondClick', 'DoubleClick', 'TripleClick'];
const MOUSE_BUTTONS = ['1', '2', '3', '6', '7', '8', '9', '10', '11'];
const MOUSE_PLACES = ['Pane', 'Status', 'StatusLeft', 'StatusRight', 'StatusDefault', 'Border'];
const NAMED = [
  'BSpace', 'F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'F10', 'F11', 'F12', 'IC', 'DC', 'Home', 'End', 'NPage', 'PPage', 'BTab',
  'Up', 'Down', 'Left', 'Right', 'KP/', 'KP*', 'KP-', 'KP7', 'KP8', 'KP9', 'KP+', 'KP4', 'KP5', 'KP6', 'KP1', 'KP2', 'KP3', 'KPEnter', 'KP0', 'KP.',
];
/** tmux's KEYC_BASE: named keys are numbered from here, above every Unicode code point. */
const BASE = 0x10e000;
const FIRST_MOUSE = BASE + 8; // focus in/out, any, paste start/end, mouse, dragging, double click
const FIRST_NAMED = FIRST_MOUSE + MOUSE_PLACES.length * (3 + 7 * MOUSE_BUTTONS.length); // move, wheel up/down, seven events × buttons
const CHARS: Record<string, number> = { Space: 0x20, Tab: 0x09, Enter: 0x0d, Escape: 0x1b };
const META = 2 ** 44;
const CTRL = 2 ** 45;
const SHIFT = 2 ** 46;

/** The base of a mouse key (`MouseDown1Pane`) as tmux numbers it, or undefined. */
function mouseCode(base: string): number | undefined {
  const m = /^(MouseMove|MouseDown|MouseUp|MouseDragEnd|MouseDrag|WheelUp|WheelDown|SecondClick|DoubleClick|TripleClick)(\d*)(Pane|StatusLeft|StatusRight|StatusDefault|Status|Border)$/.exec(base);
  if (!m) return undefined;
  const event = MOUSE_EVENTS.indexOf(m[1]!);
  // MouseMove, WheelUp and WheelDown have no button; the others one each of MOUSE_BUTTONS.
  const slots = event === 0 ? 0 : event < 5 ? 1 + (event - 1) * MOUSE_BUTTONS.length + Math.max(0, MOUSE_BUTTONS.indexOf(m[2]!)) : event < 7 ? 1 + 4 * MOUSE_BUTTONS.length + (event - 5) : 3 + 4 * MOUSE_BUTTONS.length + (event - 7) * MOUSE_BUTTONS.length + Math.max(0, MOUSE_BUTTONS.indexOf(m[2]!));
  return FIRST_MOUSE + slots * MOUSE_PLACES.length + MOUSE_PLACES.indexOf(m[3]!);
}

/** The base and modifiers of a canonical key as tmux keeps them: `C-a` is 0x01 without Ctrl. */
function tmuxKey(key: KeyName): { code: number; ctrl: boolean; meta: boolean; shift: boolean; controlChar: boolean } {
  const { mods, base } = splitKey(key);
  let ctrl = mods.ctrl;
  let code: number;
  let controlChar = false;
  const chars = Array.from(base);
  if (chars.length === 1 && ctrl && !mods.shift && /^[a-z@[\\\]^_?]$/.test(base)) {
    code = base === '?' ? 0x7f : base.toUpperCase().charCodeAt(0) & 0x1f;
    ctrl = false;
    controlChar = true;
  } else if (base === 'Space' && ctrl) {
    code = 0;
    ctrl = false;
    controlChar = true;
  } else if (chars.length === 1) {
    code = base.codePointAt(0)!;
  } else if (base === 'Any') {
    code = BASE + 2; // after focus in and out
  } else if (CHARS[base] !== undefined) {
    code = CHARS[base]!;
  } else {
    const named = NAMED.indexOf(base);
    code = named >= 0 ? FIRST_NAMED + named : mouseCode(base) ?? BASE + 2 ** 20;
  }
  return { code, ctrl, meta: mods.meta, shift: mods.shift, controlChar };
}

/** A number ordering keys as tmux's key codes order them. */
export function keyOrder(key: KeyName): number {
  const k = tmuxKey(key);
  return k.code + (k.meta ? META : 0) + (k.ctrl ? CTRL : 0) + (k.shift ? SHIFT : 0);
}

/** Compare two canonical keys in tmux's order (ties, which tmux cannot have, by name). */
export function compareKeys(a: KeyName, b: KeyName): number {
  return keyOrder(a) - keyOrder(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** A key as tmux prints it: `M-C-b` for a control character with Meta, else the canonical name. */
export function tmuxKeyName(key: KeyName): string {
  const k = tmuxKey(key);
  if (k.controlChar && k.meta) return `M-${key.replace(/^C-M-/, 'C-').replace(/^M-/, '')}`;
  return key;
}

/** True for a mouse key (`MouseDown1Pane`, `M-WheelUpStatus`): list-keys -N leaves them out, as tmux. (keys.ts has the names.) */
export { isMouseKey } from './keys.js';
