/*
 * Tests of key names: parsing and canonicalising what users write, the error messages for
 * bad names, the bytes send-keys produces, and that the input decoder reads those bytes back
 * as the same key.
 */

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { composeKey, keyToBytes, parseKey } from '../../src/core/keys.js';
import { InputDecoder } from '../../src/core/input-decoder.js';

function decodeOne(bytes: string): string[] {
  const d = new InputDecoder();
  const events = [...d.feed(bytes), ...d.flush()];
  return events.map((e) => (e.type === 'key' ? e.key : `<${e.type}>`));
}

describe('parseKey', () => {
  it.each([
    ['C-b', 'C-b'], ['C-B', 'C-b'], ['c-b', 'C-b'], ['^b', 'C-b'], ['^B', 'C-b'], ['^^', 'C-^'],
    ['M-Left', 'M-Left'], ['m-left', 'M-Left'], ['S-M-C-Up', 'C-M-S-Up'], ['M-C-a', 'C-M-a'],
    ['%', '%'], ['"', '"'], [';', ';'], ['A', 'A'], ['a', 'a'], ['-', '-'], ['C--', 'C--'], ['M-^', 'M-^'],
    ['enter', 'Enter'], ['ENTER', 'Enter'], ['Return', 'Enter'], ['esc', 'Escape'], ['Escape', 'Escape'],
    ['PageUp', 'PPage'], ['PgUp', 'PPage'], ['ppage', 'PPage'], ['PageDown', 'NPage'], ['PgDn', 'NPage'],
    ['Insert', 'IC'], ['Delete', 'DC'], ['Backspace', 'BSpace'], ['bspace', 'BSpace'], ['space', 'Space'],
    [' ', 'Space'], ['f5', 'F5'], ['F12', 'F12'], ['Tab', 'Tab'], ['btab', 'BTab'], ['kp*', 'KP*'],
    ['KPEnter', 'KPEnter'], ['é', 'é'], ['😀', '😀'], ['M-😀', 'M-😀'],
  ])('%j → %j', (text, canonical) => {
    expect(parseKey(text)).toBe(canonical);
  });

  it.each([
    ['C-Space', 'C-Space'], ['C-@', 'C-Space'], ['^@', 'C-Space'], ['S-Tab', 'BTab'], ['S-BTab', 'BTab'],
    ['C-S-Tab', 'C-BTab'], ['S-a', 'A'], ['S-A', 'A'], ['M-S-a', 'M-A'], ['C-S-A', 'C-S-a'], ['S-%', '%'],
    ['C-i', 'Tab'], ['C-m', 'Enter'], ['C-M-m', 'M-Enter'], ['C-[', 'Escape'], ['C-?', 'BSpace'],
    ['C-h', 'C-h'], ['C-S-i', 'C-S-i'], ['S-Up', 'S-Up'], ['S-Space', 'S-Space'], ['C-%', 'C-%'],
  ])('folds %j to %j', (text, canonical) => {
    expect(parseKey(text)).toBe(canonical);
  });

  it.each([
    ['Foo', 'unknown key "Foo" (did you mean "F10"?)'],
    ['User1000', 'unknown key "User1000"'],
    ['user5', 'unknown key "user5"'],
    ['Entr', 'unknown key "Entr" (did you mean "Enter"?)'],
    ['C-Entr', 'unknown key "C-Entr" (did you mean "Enter"?)'],
    ['PgUpp', 'unknown key "PgUpp" (did you mean "PPage"?)'],
    ['Delet', 'unknown key "Delet" (did you mean "DC"?)'],
    ['Xyzzyplugh', 'unknown key "Xyzzyplugh"'],
    ['F13', 'unknown key "F13" (did you mean "F10"?)'],
    ['ab', 'unknown key "ab" (did you mean "Tab"?)'],
    ['C-xy', 'unknown key "C-xy"'],
    ['\x02', 'unknown key "\x02"'],
    ['', 'empty key name'],
    ['C-', 'missing key after "C-" in "C-"'],
    ['M-C-', 'missing key after "C-" in "M-C-"'],
    ['C-C-a', 'modifier C- given twice in "C-C-a"'],
    ['m-M-a', 'modifier M- given twice in "m-M-a"'],
    ['^C-a', 'modifier C- given twice in "^C-a"'],
  ])('rejects %j with %j', (text, message) => {
    const result = parseKey(text);
    expect(result).toBeInstanceOf(Error);
    expect((result as Error).message).toBe(message);
  });

  it('is idempotent on canonical names', () => {
    const arbText = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.tuple(fc.constantFrom('', 'C-', 'M-', 'S-', 'c-', '^', 'C-M-', 'S-C-'),
        fc.constantFrom('a', 'B', 'Up', 'tab', 'Space', '@', '[', 'i', 'm', '?', 'F3', 'pgdn', 'é'))
        .map(([m, b]) => m + b),
    );
    fc.assert(fc.property(arbText, (text) => {
      const once = parseKey(text);
      if (once instanceof Error) return;
      expect(parseKey(once)).toBe(once);
    }));
  });
});

describe('keyToBytes', () => {
  it.each([
    ['Enter', '\r'], ['Tab', '\t'], ['BTab', '\x1b[Z'], ['Escape', '\x1b'], ['Space', ' '], ['BSpace', '\x7f'],
    ['a', 'a'], ['A', 'A'], ['%', '%'], ['é', 'é'], ['😀', '😀'],
    ['C-a', '\x01'], ['C-b', '\x02'], ['C-z', '\x1a'], ['C-h', '\x08'], ['C-j', '\n'], ['C-Space', '\x00'],
    ['C-\\', '\x1c'], ['C-]', '\x1d'], ['C-^', '\x1e'], ['C-_', '\x1f'],
    ['M-x', '\x1bx'], ['M-X', '\x1bX'], ['C-M-a', '\x1b\x01'], ['M-Enter', '\x1b\r'], ['M-Escape', '\x1b\x1b'],
    ['M-BSpace', '\x1b\x7f'], ['M-Space', '\x1b '], ['C-M-Space', '\x1b\x00'],
    ['Up', '\x1b[A'], ['Down', '\x1b[B'], ['Right', '\x1b[C'], ['Left', '\x1b[D'], ['Home', '\x1b[H'], ['End', '\x1b[F'],
    ['C-Up', '\x1b[1;5A'], ['S-Up', '\x1b[1;2A'], ['M-Left', '\x1b[1;3D'], ['C-M-S-Right', '\x1b[1;8C'],
    ['IC', '\x1b[2~'], ['DC', '\x1b[3~'], ['PPage', '\x1b[5~'], ['NPage', '\x1b[6~'], ['C-PPage', '\x1b[5;5~'],
    ['F1', '\x1bOP'], ['F2', '\x1bOQ'], ['F3', '\x1bOR'], ['F4', '\x1bOS'], ['C-F1', '\x1b[1;5P'],
    ['F5', '\x1b[15~'], ['F6', '\x1b[17~'], ['F10', '\x1b[21~'], ['F11', '\x1b[23~'], ['F12', '\x1b[24~'],
    ['S-F5', '\x1b[15;2~'], ['C-BTab', '\x1b[1;6Z'], ['M-BTab', '\x1b[1;4Z'],
    ['S-Enter', '\x1b[27;2;13~'], ['C-Enter', '\x1b[27;5;13~'], ['C-Tab', '\x1b[27;5;9~'],
    ['C-BSpace', '\x1b[27;5;127~'], ['S-Space', '\x1b[27;2;32~'], ['C-1', '\x1b[27;5;49~'],
    ['C-S-a', '\x1b[27;6;65~'], ['C-M-%', '\x1b[27;7;37~'],
    ['KP7', '7'], ['KPEnter', '\r'], ['KP/', '/'], ['M-KP1', '\x1b1'],
  ])('%j → %j', (key, bytes) => {
    expect(keyToBytes(key)).toBe(bytes);
  });

  it('accepts any spelling parseKey accepts', () => {
    expect(keyToBytes('^B')).toBe('\x02');
    expect(keyToBytes('pgup')).toBe('\x1b[5~');
    expect(keyToBytes('S-Tab')).toBe('\x1b[Z');
  });

  it('uses SS3 for unmodified cursor keys in application cursor mode', () => {
    const app = { appCursor: true };
    expect(keyToBytes('Up', app)).toBe('\x1bOA');
    expect(keyToBytes('Left', app)).toBe('\x1bOD');
    expect(keyToBytes('Home', app)).toBe('\x1bOH');
    expect(keyToBytes('End', app)).toBe('\x1bOF');
    expect(keyToBytes('C-Up', app)).toBe('\x1b[1;5A');
    expect(keyToBytes('F1', app)).toBe('\x1bOP');
    expect(keyToBytes('PPage', app)).toBe('\x1b[5~');
  });

  it('uses SS3 for keypad keys in application keypad mode', () => {
    const app = { appKeypad: true };
    expect(keyToBytes('KP0', app)).toBe('\x1bOp');
    expect(keyToBytes('KP9', app)).toBe('\x1bOy');
    expect(keyToBytes('KPEnter', app)).toBe('\x1bOM');
    expect(keyToBytes('KP*', app)).toBe('\x1bOj');
    expect(keyToBytes('Up', app)).toBe('\x1b[A');
  });

  it('throws the parse error for a bad name', () => {
    expect(() => keyToBytes('Foo')).toThrow('unknown key "Foo" (did you mean "F10"?)');
  });

  const ALL_MODS = [0, 1, 2, 3, 4, 5, 6, 7].map((m) => ({ ctrl: (m & 4) !== 0, meta: (m & 2) !== 0, shift: (m & 1) !== 0 }));

  it.each([false, true])('is read back by the decoder as the same key (appCursor %s)', (appCursor) => {
    const bases = ['Enter', 'Escape', 'Tab', 'BTab', ' ', 'BSpace', 'Up', 'Down', 'Left', 'Right',
      'Home', 'End', 'IC', 'DC', 'PPage', 'NPage', ...Array.from({ length: 12 }, (_, i) => `F${i + 1}`),
      'a', 'z', 'A', 'h', 'i', 'm', '[', '@', '?', '\\', ']', '^', '_', '%', '1', '~', 'é', '😀'];
    for (const base of bases) {
      for (const mods of ALL_MODS) {
        const key = composeKey(base, mods);
        expect([key, decodeOne(keyToBytes(key, { appCursor }))]).toEqual([key, [key]]);
      }
    }
  });

  it('reads back any printable character with any modifiers (property)', () => {
    const arbChar = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })
      .filter((c) => Array.from(c).length === 1 && !(parseKey(c) instanceof Error));
    fc.assert(fc.property(arbChar, fc.constantFrom(...ALL_MODS), (ch, mods) => {
      const key = composeKey(ch, mods);
      expect(decodeOne(keyToBytes(key))).toEqual([key]);
    }), { numRuns: 500 });
  });

  it('gives keypad keys in application keypad mode back as keypad keys', () => {
    for (const key of ['KP0', 'KP5', 'KP.', 'KP-', 'KP+', 'KP/', 'KP*', 'KPEnter', 'M-KP3']) {
      expect(decodeOne(keyToBytes(key, { appKeypad: true }))).toEqual([key]);
    }
  });
});
