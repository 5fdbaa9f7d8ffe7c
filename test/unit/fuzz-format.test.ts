/*
 * Fuzzing formats: random format strings built from the pieces formats are made of
 * (`#{`, `}`, modifiers, `,`, `#`, regex and glob syntax, loops, `E:` of values that
 * name themselves) never throw and never take long — a status-line format is expanded
 * on every redraw, so a hostile or careless one must not hold the server. The regex
 * engine is also driven with the classic catastrophic-backtracking patterns on long
 * text: it is linear, so each finishes in milliseconds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandFormat, type FormatContext } from '../../src/core/format.js';
import { regexTest, regsub } from '../../src/core/format/regex.js';
import { fnmatch } from '../../src/core/format/fnmatch.js';
import { layoutChecksum, parseTmuxLayout } from '../../src/core/layout/tmux-layout.js';
import { LayoutError } from '../../src/core/layout/tree.js';

const PIECES = [
  '#{', '}', '#', '##', '#,', '#}', ',', ':', ';', '/', '|', '?', '=', '-', '5', '0', '10', '-3',
  's/', 'm/r', 'm:', 'C:', 'e|+|f|2:', 'e|/:', 'p-4:', '=/3/…:', 't:', 't/f/%H:', 'q:', 'b:', 'd:',
  'l:', 'E:', 'T:', 'S:', 'W:', 'P:', 'N:', 'n:', 'w:', 'a:', 'c:', '==:', '||:', '&&:', '<:',
  'session_name', 'v', 'self', 'x*', '(a|a)*', '[[:alpha:]]', '\\1', '{2,3}', '^', '$', '.*', '*', '[',
  '%Y', '#[fg=red]', '#(', ')', '日本', '\n', 'a',
];

const VARS: Record<string, string> = { session_name: 'main', v: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!', self: '#{E:self}#{E:self}' };

function ctx(depth = 0): FormatContext {
  return {
    lookup: (n) => VARS[n],
    sessions: () => (depth < 2 ? [ctx(depth + 1), ctx(depth + 1)] : []),
    windows: () => (depth < 2 ? [{ ctx: ctx(depth + 1), current: true }, { ctx: ctx(depth + 1), current: false }] : []),
    panes: () => (depth < 2 ? [{ ctx: ctx(depth + 1), current: false }] : []),
    paneLines: () => ['$ make', 'error: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'],
    windowNames: () => ['a', 'b'],
    sessionNames: () => ['main'],
  };
}

describe('format fuzzing', () => {
  it('never throws and always finishes quickly on random formats', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), fc.boolean(), (parts, time) => {
        const fmt = parts.join('');
        const t0 = performance.now();
        const out = expandFormat(fmt, ctx(), time);
        expect(typeof out).toBe('string');
        expect(performance.now() - t0).toBeLessThan(1000);
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => typeof expandFormat(s, ctx()) === 'string'), { numRuns: 3000 });
  });

  it('stops a format that expands itself (E: of a value naming itself) at the nesting limit', () => {
    expect(expandFormat('[#{E:self}]', ctx()).length).toBeLessThan(1_000_000);
  });

  it.each([
    ['(a+)+$'], ['(a|a)*$'], ['(a|aa)+b'], ['(.*a){12}'], ['(a*)*b'], ['((a+)+)+c'],
  ])('matches the catastrophic pattern %s on 5000 characters in linear time', (pattern) => {
    const text = 'a'.repeat(5000) + '!';
    const t0 = performance.now();
    regexTest(pattern, text);
    regsub(pattern, 'x', text.slice(0, 300));
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('matches globs with many stars in linear time', () => {
    const t0 = performance.now();
    expect(fnmatch('*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(5000))).toBe(false);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('refuses or parses any layout string without throwing anything but a LayoutError', () => {
    const cell = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.tuple(fc.nat(200), fc.nat(200), fc.nat(200), fc.nat(200), fc.nat(20)).map(([a, b, c, d, id]) => `${a}x${b},${c},${d},${id}`),
        fc.tuple(fc.nat(200), fc.nat(200), fc.constantFrom('{', '['), fc.array(tie('node'), { minLength: 1, maxLength: 4 })).map(([a, b, o, kids]) => `${a}x${b},0,0${o}${(kids as string[]).join(',')}${o === '{' ? '}' : ']'}`),
      ),
    })).node;
    fc.assert(
      fc.property(cell, fc.nat(8), fc.boolean(), (body, panes, goodSum) => {
        const sum = goodSum ? layoutChecksum(body) : (layoutChecksum(body) + 1) & 0xffff;
        const text = `${sum.toString(16).padStart(4, '0')},${body}`;
        try {
          parseTmuxLayout(text, Math.max(1, panes));
        } catch (e) {
          expect(e).toBeInstanceOf(LayoutError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
