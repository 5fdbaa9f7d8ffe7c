/*
 * Fuzzing the parsers of user-given words: targets (-t), session and window names, and
 * command strings (bindings, the config, the : prompt). Targets and names full of path
 * separators, "..", control characters and garbage give a TargetError or a clear message,
 * never anything else; a name with "/" or ".." is only a name (nothing derives a path
 * from it). parseCommandString throws nothing but CommandParseError (positions inside the
 * text), even for thousands of nested braces, and quoteArgv round-trips any argv.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTarget, TargetError, validateName } from '../../src/core/target.js';
import { CommandParseError, parseCommandString, quoteArgv, quoteCommands } from '../../src/core/parse-command.js';

/** Words built from the characters that matter to targets, paths and terminals. */
const nasty = fc
  .array(
    fc.oneof(
      fc.constantFrom('/', '..', '.', ':', '%', '@', '$', '{', '}', '{last}', '{up}', '!', '+', '-', '~', '\\', '\0', '\n', '\r', '\t', '\x1b', '\x1b[31m', '\x7f', '\u0085', '\u202e', '😀', 'é', ' ', '0', '12', 'a', 'work'),
      fc.string({ maxLength: 3 }),
    ),
    { maxLength: 10 },
  )
  .map((xs) => xs.join(''));

describe('fuzz: targets and names', () => {
  it('parseTarget gives parts or a TargetError, nothing else', () => {
    fc.assert(
      fc.property(nasty, fc.constantFrom('session', 'window', 'pane') as fc.Arbitrary<'session' | 'window' | 'pane'>, (text, kind) => {
        let parts;
        try {
          parts = parseTarget(text, kind);
        } catch (err) {
          expect(err).toBeInstanceOf(TargetError);
          expect((err as Error).message).toMatch(/^bad target /);
          return;
        }
        for (const k of ['session', 'window', 'pane'] as const) if (parts[k] !== undefined) expect(typeof parts[k]).toBe('string');
        for (const k of ['windowOnly', 'paneOnly', 'exactSession', 'exactWindow'] as const) if (parts[k] !== undefined) expect(typeof parts[k]).toBe('boolean');
        expect(/[\x00-\x1f\x7f]/.test(text), `control characters accepted in ${JSON.stringify(text)}`).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });

  it('validateName never throws; refuses control characters, empty and over-long names with a message naming the kind', () => {
    fc.assert(
      fc.property(fc.oneof(nasty, fc.string({ maxLength: 140 })), fc.constantFrom('session', 'window') as fc.Arbitrary<'session' | 'window'>, (name, kind) => {
        const why = validateName(kind, name);
        const bad = name.length === 0 || name.length > 128 || /[\x00-\x1f\x7f]/.test(name) || (kind === 'session' && /[:.]/.test(name));
        expect(why === null, `${kind} ${JSON.stringify(name)}: ${why}`).toBe(!bad);
        if (why !== null) expect(why).toContain(kind);
      }),
      { numRuns: 5000 },
    );
  });

  it('path-like names are plain names: "/" and ".." are allowed in window names, refused in session names only for "."', () => {
    expect(validateName('window', '../../etc/passwd')).toBeNull();
    expect(validateName('window', 'a/b')).toBeNull();
    expect(validateName('session', 'a/b')).toBeNull();
    expect(validateName('session', '..')).toMatch(/must not contain ":" or "\."/);
    expect(validateName('session', 'x\0y')).toMatch(/control characters/);
  });
});

describe('fuzz: command strings', () => {
  const commandish = fc
    .array(fc.oneof(fc.constantFrom('split-window', ' ', '-h', ';', '\\;', '\n', '#', '#{', '}', '{', "'", '"', '\\', '\\\n', 'x', '#{pane_id}', '{ a ; b }', '\t', '"\\e"'), fc.string({ maxLength: 3 })), { maxLength: 25 })
    .map((xs) => xs.join(''));

  it('parseCommandString throws nothing but CommandParseError, pointing inside the text', () => {
    fc.assert(
      fc.property(fc.oneof(commandish, fc.string({ maxLength: 60 })), (text) => {
        let out: string[][];
        try {
          out = parseCommandString(text);
        } catch (err) {
          expect(err, JSON.stringify(text)).toBeInstanceOf(CommandParseError);
          const e = err as CommandParseError;
          expect(e.offset >= 0 && e.offset <= text.length, `offset ${e.offset} in ${JSON.stringify(text)}`).toBe(true);
          expect(e.line >= 1 && e.column >= 1).toBe(true);
          return;
        }
        for (const argv of out) expect(argv.length).toBeGreaterThan(0);
      }),
      { numRuns: 5000 },
    );
  });

  it('deeply nested braces, formats and quotes are a CommandParseError, not a stack overflow', () => {
    for (const n of [200, 10_000, 200_000]) {
      for (const text of [`a ${'{ '.repeat(n)}${'} '.repeat(n)}`, `a ${'{'.repeat(n)}`, `a ${'#{'.repeat(n)}`, `a ${'"\\'.repeat(n)}`]) {
        try {
          parseCommandString(text);
        } catch (err) {
          expect(err, `${n}: ${text.slice(0, 12)}`).toBeInstanceOf(CommandParseError);
        }
      }
    }
    // Nesting that tmux configs really use still works.
    expect(parseCommandString('bind x { if -F 1 { display { a } } }')).toEqual([['bind', 'x', 'if -F 1 { display { a } }']]);
  });

  it('quoteArgv reads back as the same argv for any words', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.oneof(nasty, fc.string({ maxLength: 8 })), { minLength: 1, maxLength: 5 }).filter((a) => a[0] !== ''), { minLength: 1, maxLength: 3 }), (commands) => {
        for (const argv of commands) expect(parseCommandString(quoteArgv(argv))).toEqual([argv]);
        expect(parseCommandString(quoteCommands(commands))).toEqual(commands);
      }),
      { numRuns: 3000 },
    );
  });
});
