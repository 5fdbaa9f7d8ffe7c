/*
 * Tests of mouse re-encoding: reports decoded from the user's terminal (SGR and X10) encoded
 * back for a program in each tracking mode and encoding, at pane-relative coordinates.
 */

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InputDecoder, type MouseEvent } from '../../src/core/input-decoder.js';
import { encodeMouse, type MouseEncoding, type MouseTracking } from '../../src/core/mouse-encode.js';

function decodeMouse(raw: string): MouseEvent {
  const d = new InputDecoder();
  const events = [...d.feed(raw), ...d.flush()];
  expect(events).toHaveLength(1);
  const ev = events[0];
  if (ev.type !== 'mouse') throw new Error(`not a mouse event: ${JSON.stringify(ev)}`);
  return ev;
}

const x10 = (b: number, x: number, y: number): string => `\x1b[M${String.fromCharCode(b + 32, x + 33, y + 33)}`;

describe('encodeMouse', () => {
  const SGR_REPORTS = [
    '\x1b[<0;5;3M', '\x1b[<0;5;3m', '\x1b[<2;1;1M', '\x1b[<1;80;24m', '\x1b[<32;6;3M', '\x1b[<34;6;3M',
    '\x1b[<35;7;7M', '\x1b[<64;1;1M', '\x1b[<65;300;200M', '\x1b[<66;2;2M', '\x1b[<67;2;2M',
    '\x1b[<20;3;4M', '\x1b[<8;3;4m', '\x1b[<60;3;4M', '\x1b[<128;1;1M', '\x1b[<129;9;9m',
  ];

  it.each(SGR_REPORTS)('re-encodes SGR %j unchanged for an SGR program tracking all motion', (raw) => {
    const ev = decodeMouse(raw);
    expect(encodeMouse(ev, ev.x, ev.y, 'any', 'sgr')).toBe(raw);
  });

  const X10_REPORTS = [x10(0, 0, 0), x10(1, 4, 5), x10(2, 9, 9), x10(3, 4, 5), x10(32, 10, 11), x10(35, 1, 2),
    x10(64, 0, 0), x10(65, 3, 3), x10(16, 4, 5), x10(4 + 8, 0, 1), x10(0, 200, 100)];

  it.each(X10_REPORTS)('re-encodes X10 %j unchanged for a default-encoding program tracking all motion', (raw) => {
    const ev = decodeMouse(raw);
    expect(encodeMouse(ev, ev.x, ev.y, 'any', 'default')).toBe(raw);
  });

  it('moves a report to pane-relative coordinates in every encoding', () => {
    const ev = decodeMouse('\x1b[<0;41;11M');
    const pane = { left: 30, top: 5 };
    const [x, y] = [ev.x - pane.left, ev.y - pane.top];
    expect([x, y]).toEqual([10, 5]);
    expect(encodeMouse(ev, x, y, 'vt200', 'sgr')).toBe('\x1b[<0;11;6M');
    expect(encodeMouse(ev, x, y, 'vt200', 'default')).toBe(x10(0, 10, 5));
    expect(encodeMouse(ev, x, y, 'vt200', 'utf8')).toBe(x10(0, 10, 5));
    expect(encodeMouse(ev, x, y, 'vt200', 'urxvt')).toBe('\x1b[32;11;6M');
  });

  it('reports a release without its button except in SGR', () => {
    const ev = decodeMouse('\x1b[<2;5;5m');
    expect(encodeMouse(ev, 4, 4, 'vt200', 'sgr')).toBe('\x1b[<2;5;5m');
    expect(encodeMouse(ev, 4, 4, 'vt200', 'default')).toBe(x10(3, 4, 4));
    expect(encodeMouse(ev, 4, 4, 'vt200', 'urxvt')).toBe('\x1b[35;5;5M');
  });

  it('sends no release for the wheel in SGR', () => {
    const ev = decodeMouse('\x1b[<65;5;5M');
    expect(encodeMouse(ev, 0, 0, 'vt200', 'sgr')).toBe('\x1b[<65;1;1M');
  });

  const EVENTS: Record<string, string> = {
    press: '\x1b[<0;1;1M', release: '\x1b[<0;1;1m', wheel: '\x1b[<64;1;1M', drag: '\x1b[<32;1;1M', move: '\x1b[<35;1;1M',
  };
  const WANTED: Record<MouseTracking, string[]> = {
    none: [],
    x10: ['press'],
    vt200: ['press', 'release', 'wheel'],
    drag: ['press', 'release', 'wheel', 'drag'],
    any: ['press', 'release', 'wheel', 'drag', 'move'],
  };

  it.each(Object.keys(WANTED) as MouseTracking[])('tracking %s gets only the events it asks for', (tracking) => {
    for (const encoding of ['default', 'sgr', 'utf8', 'urxvt'] as MouseEncoding[]) {
      const got = Object.keys(EVENTS).filter((name) => encodeMouse(decodeMouse(EVENTS[name]), 0, 0, tracking, encoding) !== '');
      expect([encoding, got]).toEqual([encoding, WANTED[tracking]]);
    }
  });

  it('drops modifiers in x10 tracking', () => {
    const ev = decodeMouse('\x1b[<28;3;3M');
    expect([ev.ctrl, ev.meta, ev.shift]).toEqual([true, true, true]);
    expect(encodeMouse(ev, 2, 2, 'x10', 'sgr')).toBe('\x1b[<0;3;3M');
    expect(encodeMouse(ev, 2, 2, 'vt200', 'sgr')).toBe('\x1b[<28;3;3M');
  });

  it('gives nothing past what the encoding can carry, or off the pane', () => {
    const ev = decodeMouse('\x1b[<0;1;1M');
    expect(encodeMouse(ev, 222, 0, 'any', 'default')).toBe(x10(0, 222, 0));
    expect(encodeMouse(ev, 223, 0, 'any', 'default')).toBe('');
    expect(encodeMouse(ev, 0, 223, 'any', 'default')).toBe('');
    expect(encodeMouse(ev, 223, 0, 'any', 'utf8')).toBe(`\x1b[M ${String.fromCharCode(256)}!`);
    expect(encodeMouse(ev, 2014, 0, 'any', 'utf8')).toBe(`\x1b[M ${String.fromCharCode(2047)}!`);
    expect(encodeMouse(ev, 2015, 0, 'any', 'utf8')).toBe('');
    expect(encodeMouse(ev, 5000, 5000, 'any', 'sgr')).toBe('\x1b[<0;5001;5001M');
    expect(encodeMouse(ev, 5000, 5000, 'any', 'urxvt')).toBe('\x1b[32;5001;5001M');
    expect(encodeMouse(ev, -1, 0, 'any', 'sgr')).toBe('');
    expect(encodeMouse(ev, 0, -1, 'any', 'sgr')).toBe('');
  });

  it('round-trips any SGR report through every encoding the decoder reads (property)', () => {
    const arbCode = fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: 2 }), fc.constantFrom(0, 32)).map(([b, motion]) => b + motion),
      fc.constantFrom(35, 64, 65, 66, 67, 128, 129, 130, 131),
    );
    const arbReport = fc.record({
      code: arbCode, mods: fc.constantFrom(0, 4, 8, 16, 28), x: fc.integer({ min: 0, max: 222 }),
      y: fc.integer({ min: 0, max: 222 }), release: fc.boolean(),
    });
    fc.assert(fc.property(arbReport, ({ code, mods, x, y, release }) => {
      const wheelOrMotion = code >= 32 && code < 128;
      const final = release && !wheelOrMotion ? 'm' : 'M';
      const ev = decodeMouse(`\x1b[<${code | mods};${x + 1};${y + 1}${final}`);
      for (const encoding of ['sgr', 'default', 'utf8', 'urxvt'] as MouseEncoding[]) {
        const again = decodeMouse(encodeMouse(ev, ev.x, ev.y, 'any', encoding));
        const lost = encoding !== 'sgr' && ev.action === 'release' ? { button: -1 } : {};
        expect({ ...again, raw: '' }).toEqual({ ...ev, ...lost, raw: '' });
      }
    }), { numRuns: 500 });
  });
});
