/*
 * Tests of the streaming input decoder: every class of sequence, the same events whatever the
 * chunking (a paste's pieces joined), held partial sequences and flush, bracketed paste
 * streamed in pieces, and (by property) that the raw of the events always reproduces the input.
 */

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InputDecoder, type InputEvent } from '../../src/core/input-decoder.js';
import { joinPastes } from './paste-pieces.js';

/** Feed `chunks` one after another, then flush. */
function decode(chunks: string[]): InputEvent[] {
  const d = new InputDecoder();
  const events = chunks.flatMap((c) => d.feed(c));
  return [...events, ...d.flush()];
}

/** decode, pastes joined. */
const decodeJoined = (chunks: string[]) => joinPastes(decode(chunks));

/** A compact picture of events: keys by name, others by type and detail. */
function brief(events: InputEvent[]): string[] {
  return events.map((e) => {
    switch (e.type) {
      case 'key': return e.key;
      case 'paste': return `paste:${JSON.stringify(e.raw)}`;
      case 'focus': return e.focused ? 'focus-in' : 'focus-out';
      case 'mouse': return `mouse:${e.action}:${e.button}@${e.x},${e.y}${e.ctrl ? 'C' : ''}${e.meta ? 'M' : ''}${e.shift ? 'S' : ''}`;
      case 'unknown': return `unknown:${JSON.stringify(e.raw)}`;
    }
  });
}

const CASES: [string, string, string[]][] = [
  ['text', 'ab%"', ['a', 'b', '%', '"']],
  ['space', ' ', ['Space']],
  ['utf-8 and emoji', 'é😀中', ['é', '😀', '中']],
  ['C0 controls', '\r\t\x7f\x00\x01\x02\x1a', ['Enter', 'Tab', 'BSpace', 'C-Space', 'C-a', 'C-b', 'C-z']],
  ['backspace and linefeed controls', '\x08\n', ['C-h', 'C-j']],
  ['other controls', '\x1c\x1d\x1e\x1f', ['C-\\', 'C-]', 'C-^', 'C-_']],
  ['meta chars', '\x1ba\x1bA\x1b%\x1b\x02\x1b\r\x1b\x7f\x1b é', ['M-a', 'M-A', 'M-%', 'C-M-b', 'M-Enter', 'M-BSpace', 'M-Space', 'é']],
  ['meta emoji', '\x1b😀', ['M-😀']],
  ['cursor keys', '\x1b[A\x1b[B\x1b[C\x1b[D\x1b[H\x1b[F', ['Up', 'Down', 'Right', 'Left', 'Home', 'End']],
  ['app cursor keys', '\x1bOA\x1bOB\x1bOC\x1bOD\x1bOH\x1bOF', ['Up', 'Down', 'Right', 'Left', 'Home', 'End']],
  ['function keys', '\x1bOP\x1bOS\x1b[15~\x1b[24~\x1b[[A\x1b[[E', ['F1', 'F4', 'F5', 'F12', 'F1', 'F5']],
  ['tilde keys', '\x1b[1~\x1b[2~\x1b[3~\x1b[4~\x1b[5~\x1b[6~\x1b[7~\x1b[8~', ['Home', 'IC', 'DC', 'End', 'PPage', 'NPage', 'Home', 'End']],
  ['modified keys', '\x1b[1;2A\x1b[1;3B\x1b[1;5C\x1b[1;8D\x1b[5;5~\x1b[1;5P\x1bO5A', ['S-Up', 'M-Down', 'C-Right', 'C-M-S-Left', 'C-PPage', 'C-F1', 'C-Up']],
  ['back tab', '\x1b[Z\x1b[1;2Z\x1b[1;6Z', ['BTab', 'BTab', 'C-BTab']],
  ['modifyOtherKeys', '\x1b[27;5;49~\x1b[27;2;13~\x1b[27;6;65~\x1b[27;5;105~', ['C-1', 'S-Enter', 'C-S-a', 'Tab']],
  ['kitty CSI u', '\x1b[97;5u\x1b[13;2u\x1b[27u\x1b[97:65;6u\x1b[57414u\x1b[97;5:1u', ['C-a', 'S-Enter', 'Escape', 'C-S-a', 'KPEnter', 'C-a']],
  ['kitty release is not a key', '\x1b[97;5:3u', ['unknown:"\\u001b[97;5:3u"']],
  ['super modifier is not a key', '\x1b[1;9A', ['unknown:"\\u001b[1;9A"']],
  ['keypad', '\x1bOp\x1bOy\x1bOM\x1bOj', ['KP0', 'KP9', 'KPEnter', 'KP*']],
  ['focus', '\x1b[I\x1b[O', ['focus-in', 'focus-out']],
  ['SGR mouse', '\x1b[<0;5;3M\x1b[<0;5;3m\x1b[<32;6;3M\x1b[<35;1;1M\x1b[<2;1;1M\x1b[<1;10;20M',
    ['mouse:press:0@4,2', 'mouse:release:0@4,2', 'mouse:drag:0@5,2', 'mouse:move:-1@0,0', 'mouse:press:2@0,0', 'mouse:press:1@9,19']],
  ['SGR wheel and modifiers', '\x1b[<64;1;1M\x1b[<65;1;1M\x1b[<66;2;2M\x1b[<67;2;2M\x1b[<20;3;4M\x1b[<8;3;4M',
    ['mouse:wheelUp:-1@0,0', 'mouse:wheelDown:-1@0,0', 'mouse:wheelLeft:-1@1,1', 'mouse:wheelRight:-1@1,1', 'mouse:press:0@2,3CS', 'mouse:press:0@2,3M']],
  ['SGR extra buttons', '\x1b[<128;1;1M\x1b[<129;1;1m', ['mouse:press:7@0,0', 'mouse:release:8@0,0']],
  ['X10 mouse', '\x1b[M !!\x1b[M#!!\x1b[M@+,\x1b[Ma!!\x1b[M0%&', ['mouse:press:0@0,0', 'mouse:release:-1@0,0', 'mouse:drag:0@10,11', 'mouse:wheelDown:-1@0,0', 'mouse:press:0@4,5C']],
  ['X10 mouse past column 95', `\x1b[M ${String.fromCharCode(250)}!`, ['mouse:press:0@217,0']],
  ['urxvt mouse', '\x1b[32;5;3M\x1b[35;5;3M', ['mouse:press:0@4,2', 'mouse:release:-1@4,2']],
  ['CSI M with params is not X10', '\x1b[1;2Mx', ['unknown:"\\u001b[1;2M"', 'x']],
  ['X10 with a control byte', '\x1b[M\x01!!', ['unknown:"\\u001b[M"', 'C-a', '!', '!']],
  ['bad SGR mouse', '\x1b[<0;5M', ['unknown:"\\u001b[<0;5M"']],
  ['device attributes reply', '\x1b[?62;22c', ['unknown:"\\u001b[?62;22c"']],
  ['OSC reply', '\x1b]11;rgb:0000/1111/2222\x1b\\\x1b]10;x\x07a', ['unknown:"\\u001b]11;rgb:0000/1111/2222\\u001b\\\\"', 'unknown:"\\u001b]10;x\\u0007"', 'a']],
  ['ESC ] without digits is M-]', '\x1b]a', ['M-]', 'a']],
  ['ESC ESC', '\x1b\x1ba', ['M-Escape', 'a']],
  ['rxvt meta cursor', '\x1b\x1b[A\x1b\x1bOP', ['M-Up', 'M-F1']],
  ['ESC before a mouse report', '\x1b\x1b[<0;1;1M', ['Escape', 'mouse:press:0@0,0']],
  ['ESC [ then a control', '\x1b[\x03', ['M-[', 'C-c']],
  ['ESC O then a control', '\x1bO\x03', ['M-O', 'C-c']],
  ['C1 control', '\u0085a', ['unknown:"\u0085"', 'a']],
  ['lone surrogate', '\ud800a\udc00', ['unknown:"\\ud800"', 'a', 'unknown:"\\udc00"']],
  ['paste', '\x1b[200~hi\x1b[A\x1b\x02\x1b[201~x', ['paste:"\\u001b[200~hi\\u001b[A\\u001b\\u0002\\u001b[201~"', 'x']],
  ['ESC before a paste', '\x1b\x1b[200~a\x1b[201~', ['Escape', 'paste:"\\u001b[200~a\\u001b[201~"']],
  ['trailing lone ESC', 'a\x1b', ['a', 'Escape']],
  ['trailing partial CSI', '\x1b[1;5', ['unknown:"\\u001b[1;5"']],
  ['trailing ESC [', '\x1b[', ['M-[']],
  ['trailing ESC ESC', '\x1b\x1b', ['M-Escape']],
  ['trailing ESC ESC [', '\x1b\x1b[', ['Escape', 'M-[']],
  ['trailing partial X10', '\x1b[M !', ['unknown:"\\u001b[M !"']],
  ['trailing partial OSC', '\x1b]11;rgb', ['unknown:"\\u001b]11;rgb"']],
];

describe('InputDecoder', () => {
  it.each(CASES)('%s', (_name, input, expected) => {
    const events = decode([input]);
    expect(brief(events)).toEqual(expected);
    expect(events.map((e) => e.raw).join('')).toBe(input);
  });

  it.each(CASES)('%s: same events fed one character at a time', (_name, input) => {
    expect(decodeJoined(Array.from(input.split('')))).toEqual(decode([input]));
  });

  it.each(CASES)('%s: same events split at every boundary', (_name, input) => {
    const whole = decode([input]);
    for (let i = 1; i < input.length; i++) {
      expect(decodeJoined([input.slice(0, i), input.slice(i)])).toEqual(whole);
    }
  });

  it('gives each event exactly its raw characters', () => {
    const events = decode(['x\x1b[1;5A\x1b[<0;5;3M']);
    expect(events.map((e) => e.raw)).toEqual(['x', '\x1b[1;5A', '\x1b[<0;5;3M']);
  });

  it('holds a lone ESC until flush', () => {
    const d = new InputDecoder();
    expect(d.feed('a\x1b')).toEqual([{ type: 'key', key: 'a', raw: 'a' }]);
    expect(d.hasPending()).toBe(true);
    expect(d.flush()).toEqual([{ type: 'key', key: 'Escape', raw: '\x1b' }]);
    expect(d.hasPending()).toBe(false);
    expect(d.flush()).toEqual([]);
  });

  it('joins a held ESC with what follows when it arrives before flush', () => {
    const d = new InputDecoder();
    expect(d.feed('\x1b')).toEqual([]);
    expect(d.feed('[')).toEqual([]);
    expect(d.feed('A')).toEqual([{ type: 'key', key: 'Up', raw: '\x1b[A' }]);
    expect(d.hasPending()).toBe(false);
  });

  it('holds ESC ESC, then reads it as M-Escape or as meta with a key', () => {
    const d = new InputDecoder();
    expect(d.feed('\x1b\x1b')).toEqual([]);
    expect(d.hasPending()).toBe(true);
    expect(d.flush()).toEqual([{ type: 'key', key: 'M-Escape', raw: '\x1b\x1b' }]);
    expect(d.feed('\x1b\x1b')).toEqual([]);
    expect(d.feed('[D')).toEqual([{ type: 'key', key: 'M-Left', raw: '\x1b\x1b[D' }]);
  });

  it('streams a paste in pieces as its chunks arrive, end marker split too', () => {
    const d = new InputDecoder();
    const paste = (raw: string, text: string, first: boolean, last: boolean) => [{ type: 'paste', raw, text, first, last }];
    expect(d.feed('\x1b[2')).toEqual([]);
    expect(d.feed('00~line 1\r')).toEqual(paste('\x1b[200~line 1\r', 'line 1\r', true, false));
    expect(d.feed('\x1b[A vim \x1b')).toEqual(paste('\x1b[A vim ', '\x1b[A vim ', false, false));
    expect(d.hasPending()).toBe(false); // the ESC held may begin the end marker: no timer cuts a paste
    expect(d.feed(':wq\r\x1b[20')).toEqual(paste('\x1b:wq\r', '\x1b:wq\r', false, false));
    expect(d.feed('1')).toEqual([]);
    expect(d.feed('~x')).toEqual([...paste('\x1b[201~', '', false, true), { type: 'key', key: 'x', raw: 'x' }]);
    expect(d.hasPending()).toBe(false);
  });

  it('emits the start marker with the first piece of text', () => {
    const d = new InputDecoder();
    expect(d.feed('\x1b[200~')).toEqual([]);
    expect(d.feed('é😀')).toEqual([{ type: 'paste', raw: '\x1b[200~é😀', text: 'é😀', first: true, last: false }]);
  });

  it('never takes a split end marker for text, wherever it is cut', () => {
    const input = '\x1b[200~ab\x1b[1x\x1b[201~c';
    for (let i = 1; i < input.length; i++) {
      for (let j = i + 1; j < input.length; j++) {
        const events = decode([input.slice(0, i), input.slice(i, j), input.slice(j)]);
        const pieces = events.filter((e) => e.type === 'paste');
        expect(pieces.map((e) => e.text).join('')).toBe('ab\x1b[1x');
        expect(pieces.at(-1)).toMatchObject({ last: true });
        expect(events.at(-1)).toEqual({ type: 'key', key: 'c', raw: 'c' });
      }
    }
  });

  it('ignores a second start marker inside a paste', () => {
    expect(brief(decode(['\x1b[200~a\x1b[200~b\x1b[201~c']))).toEqual(['paste:"\\u001b[200~a\\u001b[200~b\\u001b[201~"', 'c']);
  });

  it('on flush mid-paste emits what it holds and keeps the rest as paste until its end', () => {
    const d = new InputDecoder();
    expect(d.feed('\x1b[200~')).toEqual([]);
    expect(d.hasPending()).toBe(false);
    expect(d.flush()).toEqual([{ type: 'paste', raw: '\x1b[200~', text: '', first: true, last: false }]);
    expect(d.feed('abc\x1b[')).toEqual([{ type: 'paste', raw: 'abc', text: 'abc', first: false, last: false }]);
    expect(d.flush()).toEqual([{ type: 'paste', raw: '\x1b[', text: '\x1b[', first: false, last: false }]);
    expect(d.feed('\x02de')).toEqual([{ type: 'paste', raw: '\x02de', text: '\x02de', first: false, last: false }]);
    expect(d.feed('f\x1b[201~\x02')).toEqual([
      { type: 'paste', raw: 'f\x1b[201~', text: 'f', first: false, last: true },
      { type: 'key', key: 'C-b', raw: '\x02' },
    ]);
  });

  it('scans a large paste fed one character at a time in linear time, passing it on as it comes', () => {
    const d = new InputDecoder();
    const body = 'x'.repeat(200_000);
    const started = Date.now();
    const events = d.feed('\x1b[200~');
    for (const ch of body) events.push(...d.feed(ch));
    expect(events.length).toBe(body.length);
    events.push(...d.feed('\x1b[201~'));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(joinPastes(events)).toEqual([{ type: 'paste', raw: `\x1b[200~${body}\x1b[201~`, text: body, first: true, last: true }]);
  });

  it('gives up on an unterminated CSI after a bounded length', () => {
    const events = decode(['\x1b[' + '1'.repeat(100) + 'A']);
    expect(events[0].type).toBe('unknown');
    expect(events[0].raw.length).toBe(64);
    expect(events.map((e) => e.raw).join('')).toBe('\x1b[' + '1'.repeat(100) + 'A');
  });

  const arbInput = fc.array(fc.oneof(
    fc.constantFrom('\x1b', '[', 'O', ']', '<', 'M', 'm', '~', 'u', ';', ':', '1', '5', '27', '200~', '201~',
      '\x1b[200~', '\x1b[201~', '\x1b[M', '\x07', '\\', 'I', 'A', 'P', '\x02', '\r', '\x7f', ' ', '😀', '\ud83d', 'é'),
    fc.string({ unit: 'binary', maxLength: 4 }),
  ), { maxLength: 30 }).map((parts) => parts.join(''));

  it('reproduces any input from the raw of its events (property)', () => {
    fc.assert(fc.property(arbInput, (input) => {
      expect(decode([input]).map((e) => e.raw).join('')).toBe(input);
    }), { numRuns: 2000 });
  });

  it('decodes the same whatever the chunking (property)', () => {
    const arbSplit = arbInput.chain((input) => fc.tuple(
      fc.constant(input),
      fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, input.length - 1) }), { maxLength: 6 }),
    ));
    fc.assert(fc.property(arbSplit, ([input, cuts]) => {
      const points = [0, ...cuts.filter((c) => c < input.length).sort((a, b) => a - b), input.length];
      const chunks = points.slice(1).map((end, i) => input.slice(points[i], end));
      expect(decodeJoined(chunks)).toEqual(decodeJoined([input]));
    }), { numRuns: 2000 });
  });

  it('keeps raw intact across intermediate flushes (property)', () => {
    fc.assert(fc.property(fc.array(fc.tuple(arbInput, fc.boolean()), { maxLength: 6 }), (steps) => {
      const d = new InputDecoder();
      const events: InputEvent[] = [];
      for (const [chunk, flush] of steps) {
        events.push(...d.feed(chunk));
        if (flush) events.push(...d.flush());
      }
      events.push(...d.flush());
      expect(d.hasPending()).toBe(false);
      expect(events.map((e) => e.raw).join('')).toBe(steps.map(([c]) => c).join(''));
    }), { numRuns: 1000 });
  });
});

describe('user keys (the user-keys option)', () => {
  it('decodes a sequence of the option as UserN, before ccmux\'s own keys, waiting for the rest of one', () => {
    const d = new InputDecoder();
    d.setUserKeys(['\x1b[99;5~', undefined, 'Q', '\x1bxyz']);
    expect(d.feed('a\x1b[99;5~b')).toEqual([
      { type: 'key', key: 'a', raw: 'a' },
      { type: 'key', key: 'User0', raw: '\x1b[99;5~' },
      { type: 'key', key: 'b', raw: 'b' },
    ]);
    expect(d.feed('\x1bx')).toEqual([]);
    expect(d.hasPending()).toBe(true);
    expect(d.feed('yz')).toEqual([{ type: 'key', key: 'User3', raw: '\x1bxyz' }]);
    expect(d.feed('Q').map((e) => (e.type === 'key' ? e.key : e.type))).toEqual(['User2']);
    // A start that goes no further is what it would have been without the option, once flushed.
    expect(d.feed('\x1bx')).toEqual([]);
    expect(d.flush()).toEqual([{ type: 'key', key: 'M-x', raw: '\x1bx' }]);
    d.setUserKeys([]);
    expect(d.feed('Q')).toEqual([{ type: 'key', key: 'Q', raw: 'Q' }]);
  });
});
