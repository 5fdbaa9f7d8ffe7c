/*
 * visible() and safeJson(): text from outside shown with its control characters as
 * visible escapes (C-style where there is one, octal bytes otherwise, C1 as its UTF-8
 * bytes, as tmux shows them), printable text of any script untouched; JSON with C1 and
 * DEL escaped that parses back to the same value.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { safeJson, visible } from '../../src/core/escape.js';
import { expandFormat } from '../../src/core/format.js';

describe('visible', () => {
  it('writes control characters as escapes and leaves the rest alone', () => {
    expect(visible('\x1b]2;x\x07')).toBe('\\033]2;x\\a');
    expect(visible('a\tb\nc\rd\0')).toBe('a\\tb\\nc\\rd\\0');
    expect(visible('\x7f\u009b')).toBe('\\177\\302\\233');
    expect(visible('héllo 字 😀 \\ back')).toBe('héllo 字 😀 \\ back');
  });

  it('never lets a control character through, whatever the input', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => !/[\x00-\x1f\x7f-\x9f]/.test(visible(s))));
  });

  it('applies to every format variable, not to the format\'s own text', () => {
    expect(expandFormat('\x1b[1m#{pane_title}#T', () => '\x1b[2J')).toBe('\x1b[1m\\033[2J\\033[2J');
  });
});

describe('safeJson', () => {
  it('escapes C1 and DEL and parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = safeJson({ v, s: 'a\u009b\x7f\x1b' }, 2);
        return !/[\x00-\x09\x0b-\x1f\x7f-\x9f]/.test(text) && JSON.stringify(JSON.parse(text)) === JSON.stringify({ v, s: 'a\u009b\x7f\x1b' });
      }),
    );
  });
});
