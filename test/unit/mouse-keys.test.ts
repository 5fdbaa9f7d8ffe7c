/*
 * Mouse reports turned into mouse keys as tmux 3.3a's server_client_check_mouse does
 * (client/mouse-keys.ts), with a fake click timer; and the mouse key names as key names
 * (keys.ts): parsed, ordered as tmux lists them, sending nothing as send-keys.
 */
import { describe, expect, it } from 'vitest';
import { InputDecoder, type MouseEvent } from '../../src/core/input-decoder.js';
import { MOUSE_KEY_NAMES, isMouseKey, keyToBytes, parseKey } from '../../src/core/keys.js';
import { compareKeys } from '../../src/core/key-order.js';
import { CLICK_TIMEOUT_MS, MouseKeys, dragFlagOf, mouseKeyName, type MouseReport } from '../../src/server/client/mouse-keys.js';

/** A fake timer: `fire()` runs what is pending, as if 300 ms had passed. */
function fakeTimers() {
  let pending: (() => void) | null = null;
  let delay = 0;
  return {
    timers: {
      set: (fn: () => void, ms: number) => {
        pending = fn;
        delay = ms;
        return fn;
      },
      clear: (h: unknown) => {
        if (pending === h) pending = null;
      },
    },
    fire: () => {
      const fn = pending;
      pending = null;
      fn?.();
    },
    get pending() {
      return pending !== null;
    },
    get delay() {
      return delay;
    },
  };
}

function decode(raw: string): MouseEvent {
  const [ev] = new InputDecoder().feed(raw);
  if (ev?.type !== 'mouse') throw new Error(`not a mouse report: ${JSON.stringify(raw)}`);
  return ev;
}

/** The keys the reports make, all on a pane (what is looked up), with drags ending as tmux ends them. */
function keysOf(reports: string[], where: 'Pane' | 'Border' = 'Pane') {
  const t = fakeTimers();
  const doubles: MouseReport[] = [];
  const mk = new MouseKeys((r) => doubles.push(r), t.timers);
  const out: string[] = [];
  for (const raw of reports) {
    if (raw === 'timeout') {
      t.fire();
      const d = doubles.shift();
      if (d) out.push(mouseKeyName(mk.classify(d, true)!, where, 0) ?? '?');
      continue;
    }
    const k = mk.classify(mk.report(decode(raw)));
    if (!k) {
      out.push('-');
      continue;
    }
    let dragEnd = 0;
    if (k.kind !== 'drag' && k.kind !== 'wheel' && mk.dragFlag) {
      dragEnd = mk.dragFlag;
      mk.dragFlag = 0;
    } else if (k.kind === 'drag') mk.dragFlag = dragFlagOf(k);
    out.push(mouseKeyName(k, where, dragEnd) ?? '?');
  }
  return { out, timer: t };
}

describe('mouse reports as keys', () => {
  it('names a press, its release, the wheel and modifiers as tmux', () => {
    expect(keysOf(['\x1b[<0;5;5M', '\x1b[<0;5;5m']).out).toEqual(['MouseDown1Pane', 'MouseUp1Pane']);
    expect(keysOf(['\x1b[<2;5;5M']).out).toEqual(['MouseDown3Pane']);
    expect(keysOf(['\x1b[<8;5;5M']).out).toEqual(['M-MouseDown1Pane']);
    expect(keysOf(['\x1b[<18;5;5M']).out).toEqual(['C-MouseDown3Pane']);
    expect(keysOf(['\x1b[<64;5;5M', '\x1b[<65;5;5M', '\x1b[<68;5;5M']).out).toEqual(['WheelUpPane', 'WheelDownPane', 'S-WheelUpPane']);
    // Buttons 6 and 7 (codes 66, 67) are buttons, not a wheel, in tmux 3.3.
    expect(keysOf(['\x1b[<66;5;5M']).out).toEqual(['MouseDown6Pane']);
  });

  it('a drag is MouseDrag of the pressed button once per move, then MouseDragEnd; a move to the same cell is nothing', () => {
    const { out } = keysOf(['\x1b[<0;5;5M', '\x1b[<32;6;5M', '\x1b[<32;6;5M', '\x1b[<32;7;5M', '\x1b[<0;7;5m'], 'Border');
    expect(out).toEqual(['MouseDown1Border', 'MouseDrag1Border', '-', 'MouseDrag1Border', 'MouseDragEnd1Border']);
    // Motion with no button (any-event tracking) is a move, which ends no drag but has no name a binding can use.
    expect(keysOf(['\x1b[<35;5;5M']).out).toEqual(['MouseMovePane']);
  });

  it('a second press of the same button within 300 ms is SecondClick, a third TripleClick; a second alone becomes DoubleClick when the timer runs out', () => {
    const triple = keysOf(['\x1b[<0;5;5M', '\x1b[<0;5;5m', '\x1b[<0;5;5M', '\x1b[<0;5;5m', '\x1b[<0;5;5M']);
    expect(triple.out).toEqual(['MouseDown1Pane', 'MouseUp1Pane', 'SecondClick1Pane', 'MouseUp1Pane', 'TripleClick1Pane']);
    expect(triple.timer.pending).toBe(false);
    const double = keysOf(['\x1b[<0;5;5M', '\x1b[<0;5;5m', '\x1b[<0;5;5M', '\x1b[<0;5;5m', 'timeout']);
    expect(double.out).toEqual(['MouseDown1Pane', 'MouseUp1Pane', 'SecondClick1Pane', 'MouseUp1Pane', 'DoubleClick1Pane']);
    expect(double.timer.delay).toBe(CLICK_TIMEOUT_MS);
    // After the timeout a press is a first press again; a different button's second press is nothing.
    expect(keysOf(['\x1b[<0;5;5M', 'timeout', '\x1b[<0;5;5M']).out).toEqual(['MouseDown1Pane', 'MouseDown1Pane']);
    expect(keysOf(['\x1b[<0;5;5M', '\x1b[<2;5;5M']).out).toEqual(['MouseDown1Pane', '-']);
  });

  it('reads the legacy encoding, whose release names no button, as tmux: the button of the press before', () => {
    const legacy = (b: number, x: number, y: number) => `\x1b[M${String.fromCharCode(32 + b, 32 + x, 32 + y)}`;
    expect(keysOf([legacy(0, 5, 5), legacy(3, 5, 5)]).out).toEqual(['MouseDown1Pane', 'MouseUp1Pane']);
  });
});

describe('mouse key names', () => {
  it('are key names: parsed in any case, with modifiers, listed in tmux order; MouseMove and a wheel button have none', () => {
    expect(parseKey('mousedown1pane')).toBe('MouseDown1Pane');
    expect(parseKey('M-MouseDown3Pane')).toBe('M-MouseDown3Pane');
    expect(parseKey('C-WheelUpStatusLeft')).toBe('C-WheelUpStatusLeft');
    expect(String(parseKey('MouseMovePane'))).toMatch(/unknown key/);
    expect(String(parseKey('MouseDown4Pane'))).toMatch(/unknown key/);
    expect(MOUSE_KEY_NAMES).toHaveLength((4 * 9 + 2 + 3 * 9) * 6);
    expect(isMouseKey('S-MouseDragEnd1Border')).toBe(true);
    expect(isMouseKey('F1')).toBe(false);
    // tmux's order: characters, then mouse keys, then BSpace, F1 …; modified keys after all plain ones.
    expect(['M-MouseDown3Pane', 'F1', 'WheelUpPane', 'MouseDown1Status', 'a', 'MouseDown1Pane', 'BSpace'].sort(compareKeys))
      .toEqual(['a', 'MouseDown1Pane', 'MouseDown1Status', 'WheelUpPane', 'BSpace', 'F1', 'M-MouseDown3Pane']);
    // send-keys of a mouse key sends nothing (tmux's window_pane_key without an event).
    expect(keyToBytes('MouseDown1Pane')).toBe('');
  });
});
