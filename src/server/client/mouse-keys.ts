/*
 * A client's mouse reports turned into mouse keys, as tmux 3.3a's server_client_check_mouse:
 * the kind of event (down, up, drag, drag end, wheel, second, double and triple click,
 * move) and its button, named with where it happened (`MouseDown1Pane`, `WheelUpStatus`,
 * `M-MouseDrag1Border`, keys.ts).
 *
 *   MouseReport  one report as tmux reads it: the button code `b` (an SGR release is 3, as
 *                tty-keys makes it), SGR's own code and final byte, and the last report's
 *                position and code (lx, ly, lb)
 *   MouseKeys    per client: the last report, the drag under way (its button + 1, as
 *                tmux's mouse_drag_flag) and the click state (a second press of the same
 *                button within 300 ms is a SecondClick, a third a TripleClick; a second
 *                not followed by a third in 300 ms is a DoubleClick, from a timer)
 *
 * Pure apart from that timer, which is handed in (tests give a fake one).
 */
import { composeKey, type MouseLocation } from '../../core/keys.js';
import type { MouseEvent } from '../../core/input-decoder.js';

/** tmux's KEYC_CLICK_TIMEOUT: how long a press waits for the next one to make a double or triple click. */
export const CLICK_TIMEOUT_MS = 300;

const MASK_BUTTONS = 195;
const MASK_SHIFT = 4;
const MASK_META = 8;
const MASK_CTRL = 16;
const MASK_DRAG = 32;
const WHEEL_UP = 64;
const WHEEL_DOWN = 65;

const buttons = (b: number) => b & MASK_BUTTONS;
const isDrag = (b: number) => (b & MASK_DRAG) !== 0;
const isRelease = (b: number) => buttons(b) === 3;
const isWheel = (b: number) => buttons(b) === WHEEL_UP || buttons(b) === WHEEL_DOWN;

/** tmux's button numbers in key names, by their code (MOUSE_BUTTON_1 … MOUSE_BUTTON_11). */
const BUTTON_NAMES: Record<number, string> = { 0: '1', 1: '2', 2: '3', 66: '6', 67: '7', 128: '8', 129: '9', 130: '10', 131: '11' };

/** One mouse report as tmux's tty_keys_mouse fills its mouse_event. */
export interface MouseReport {
  /** The button code (an SGR release: 3, as tmux reads it). */
  b: number;
  /** SGR's own code and final byte ('M' press, 'm' release), or ' ' for the other encodings. */
  sgrB: number;
  sgrType: 'M' | 'm' | ' ';
  x: number;
  y: number;
  /** The report before it. */
  lx: number;
  ly: number;
  lb: number;
  /** The decoded event, to send on to a program (mouse-encode.ts). */
  event: MouseEvent;
}

export type MouseKind = 'move' | 'down' | 'up' | 'drag' | 'wheel' | 'second' | 'double' | 'triple';

/** What a report is, where it is looked at (the press of a drag's start), and its button. */
export interface Classified {
  kind: MouseKind;
  x: number;
  y: number;
  b: number;
  /** A double click comes from the timer, after its presses have gone to the program: not sent again (tmux's m->ignore). */
  ignore: boolean;
}

/** The button code, SGR code and final byte of a decoded report, from its bytes. */
export function reportCodes(ev: MouseEvent): { b: number; sgrB: number; sgrType: 'M' | 'm' | ' ' } {
  const sgr = /^\x1b\[<(\d+);\d+;\d+([Mm])$/.exec(ev.raw);
  if (sgr) {
    const code = Number(sgr[1]);
    return { b: sgr[2] === 'm' ? 3 : code, sgrB: code, sgrType: sgr[2] as 'M' | 'm' };
  }
  const urxvt = /^\x1b\[(\d+);\d+;\d+M$/.exec(ev.raw);
  if (urxvt) return { b: Number(urxvt[1]) - 32, sgrB: 0, sgrType: ' ' };
  if (ev.raw.startsWith('\x1b[M') && ev.raw.length >= 4) return { b: ev.raw.charCodeAt(3) - 32, sgrB: 0, sgrType: ' ' };
  // Not from a terminal's bytes (a test's event): its fields.
  const mods = (ev.shift ? MASK_SHIFT : 0) | (ev.meta ? MASK_META : 0) | (ev.ctrl ? MASK_CTRL : 0);
  const wheel = ['wheelUp', 'wheelDown', 'wheelLeft', 'wheelRight'].indexOf(ev.action);
  let b = wheel >= 0 ? 64 + wheel : ev.button < 0 ? 3 : ev.button <= 2 ? ev.button : 128 + ev.button - 7;
  if (ev.action === 'drag' || ev.action === 'move') b |= MASK_DRAG;
  if (ev.action === 'release') b = 3;
  return { b: b | mods, sgrB: b | mods, sgrType: 'M' };
}

/** Timers as the click state uses them (a fake in tests). */
export interface ClickTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const REAL_TIMERS: ClickTimers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as NodeJS.Timeout),
};

export class MouseKeys {
  private lastX = 0;
  private lastY = 0;
  private lastB = 0;
  /** The button of the drag under way + 1, or 0 (tmux's mouse_drag_flag). */
  dragFlag = 0;
  private click: 'none' | 'double' | 'triple' = 'none';
  private clickButton = -1;
  private clickReport: MouseReport | null = null;
  private timer: unknown = null;

  /** `onDouble`: the click timer ran out after a second click: a DoubleClick, at that report. */
  constructor(private readonly onDouble: (r: MouseReport) => void, private readonly timers: ClickTimers = REAL_TIMERS) {}

  /** The report of a decoded event, with the last report's position and code; remembers it as the last. */
  report(ev: MouseEvent): MouseReport {
    const codes = reportCodes(ev);
    const r: MouseReport = { ...codes, x: ev.x, y: ev.y, lx: this.lastX, ly: this.lastY, lb: this.lastB, event: ev };
    this.lastX = ev.x;
    this.lastY = ev.y;
    this.lastB = codes.b;
    return r;
  }

  /** What the report is (null: nothing, as a drag report that did not move or a mismatched click). */
  classify(m: MouseReport, double = false): Classified | null {
    if (double) return { kind: 'double', x: m.x, y: m.y, b: m.b, ignore: true };
    const plain = (kind: MouseKind, b = m.b): Classified => ({ kind, x: m.x, y: m.y, b, ignore: false });
    if ((m.sgrType !== ' ' && isDrag(m.sgrB) && isRelease(m.sgrB)) || (m.sgrType === ' ' && isDrag(m.b) && isRelease(m.b) && isRelease(m.lb))) {
      return plain('move', 0);
    }
    if (isDrag(m.b)) {
      if (this.dragFlag) return m.x === m.lx && m.y === m.ly ? null : plain('drag');
      return { kind: 'drag', x: m.lx, y: m.ly, b: m.lb, ignore: false };
    }
    if (isWheel(m.b)) return plain('wheel');
    if (isRelease(m.b)) return plain('up', m.lb);
    let kind: MouseKind | null = null;
    if (this.click === 'double') {
      this.stopTimer();
      this.click = 'none';
      if (m.b === this.clickButton) {
        kind = 'second';
        this.click = 'triple';
      }
    } else if (this.click === 'triple') {
      this.stopTimer();
      this.click = 'none';
      if (m.b === this.clickButton) return plain('triple');
    } else {
      kind = 'down';
      this.click = 'double';
    }
    this.clickReport = m;
    this.clickButton = m.b;
    this.stopTimer();
    this.timer = this.timers.set(() => this.clickTimeout(), CLICK_TIMEOUT_MS);
    return kind ? plain(kind) : null;
  }

  private clickTimeout(): void {
    this.timer = null;
    const waitingForThird = this.click === 'triple';
    this.click = 'none';
    if (waitingForThird && this.clickReport) this.onDouble(this.clickReport);
  }

  private stopTimer(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }

  /** The client has gone: no timer left behind. */
  dispose(): void {
    this.stopTimer();
  }
}

/**
 * The key name of a classified report at `where` (null: a button tmux has no name for),
 * with the modifiers of `b`. A drag that ends (any report but a drag or the wheel while
 * `dragFlag` is set) is MouseDragEnd of the drag's button.
 */
export function mouseKeyName(c: Classified, where: MouseLocation, dragEnd: number): string | null {
  let base: string | null = null;
  const name = (b: number) => BUTTON_NAMES[buttons(b)];
  if (dragEnd) {
    const n = BUTTON_NAMES[dragEnd - 1];
    base = n ? `MouseDragEnd${n}` : null;
  } else {
    switch (c.kind) {
      case 'move': base = 'MouseMove'; break;
      case 'wheel': base = buttons(c.b) === WHEEL_UP ? 'WheelUp' : 'WheelDown'; break;
      case 'down': base = name(c.b) ? `MouseDown${name(c.b)}` : null; break;
      case 'up': base = name(c.b) ? `MouseUp${name(c.b)}` : null; break;
      case 'drag': base = name(c.b) ? `MouseDrag${name(c.b)}` : null; break;
      case 'second': base = name(c.b) ? `SecondClick${name(c.b)}` : null; break;
      case 'double': base = name(c.b) ? `DoubleClick${name(c.b)}` : null; break;
      case 'triple': base = name(c.b) ? `TripleClick${name(c.b)}` : null; break;
    }
  }
  if (base === null) return null;
  return composeKey(base + where, { ctrl: (c.b & MASK_CTRL) !== 0, meta: (c.b & MASK_META) !== 0, shift: (c.b & MASK_SHIFT) !== 0 });
}

/** The drag flag a drag report starts (its button + 1), as tmux sets mouse_drag_flag. */
export function dragFlagOf(c: Classified): number {
  return buttons(c.b) + 1;
}
