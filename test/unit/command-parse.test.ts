/*
 * The command-string lexer: words, quoting, escapes, separators, comments, formats and
 * brace groups, its errors with their positions, and the quoteArgv round trip.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CommandParseError, parseCommandString, quoteArg, quoteArgv, quoteCommands, splitArgv } from '../../src/core/parse-command.js';

describe('parseCommandString', () => {
  it.each([
    ['split-window -h', [['split-window', '-h']]],
    ['  split-window\t-h  ', [['split-window', '-h']]],
    ["split-window -h -c '#{pane_current_path}'", [['split-window', '-h', '-c', '#{pane_current_path}']]],
    ['select-pane -L ; resize-pane -Z', [['select-pane', '-L'], ['resize-pane', '-Z']]],
    ['select-pane -L; resize-pane -Z', [['select-pane', '-L'], ['resize-pane', '-Z']]],
    ['select-pane -L;', [['select-pane', '-L']]],
    ['a ; ; b ;', [['a'], ['b']]],
    ['send-keys \\; x', [['send-keys', ';', 'x']]],
    ['send-keys a\\;', [['send-keys', 'a;']]],
    ["send-keys ';'", [['send-keys', ';']]],
    ['send-keys a;b', [['send-keys', 'a;b']]],
    ['send-keys a;;', [['send-keys', 'a;']]],
    ["display 'it''s'", [['display', 'its']]],
    ["display pre'x y'post", [['display', 'prex ypost']]],
    ["display '\\n'", [['display', '\\n']]],
    ['display "a\\"b\\\\c"', [['display', 'a"b\\c']]],
    ['display "\\n\\t\\e\\r"', [['display', '\n\t\x1b\r']]],
    // Backslash escapes as tmux 3.3a (checked against it): the same in double quotes and bare words.
    ['display "\\d"', [['display', 'd']]],
    ['display \\d "\\$x" "a\\tb" \\101 "\\u00e9" \\s \\033', [['display', 'd', '$x', 'a\tb', 'A', 'é', ' ', '\x1b']]],
    ['display "a b" \'\'', [['display', 'a b', '']]],
    ['display a\\ b \\x', [['display', 'a b', 'x']]],
    ['display "line\none"', [['display', 'line\none']]],
    ['a\nb', [['a'], ['b']]],
    ['a \\\n b', [['a', 'b']]],
    ['# only a comment', []],
    ['kill-pane # and a comment ; not-a-command', [['kill-pane']]],
    ['display a#b', [['display', 'a#b']]],
    ["display '# not a comment'", [['display', '# not a comment']]],
    ['display #{pane_id}', [['display', '#{pane_id}']]],
    ['display #{?pane_active,yes it is,no} x', [['display', '#{?pane_active,yes it is,no}', 'x']]],
    ['display #{a #{b} c}', [['display', '#{a #{b} c}']]],
    ['display x#{a b}y', [['display', 'x#{a b}y']]],
    ['bind x { kill-pane ; display-message hi }', [['bind', 'x', 'kill-pane ; display-message hi']]],
    ['bind x {kill-pane}', [['bind', 'x', 'kill-pane']]],
    ['bind x { a ; { b ; c } } ; d', [['bind', 'x', 'a ; { b ; c }'], ['d']]],
    ['bind x { a };d', [['bind', 'x', 'a'], ['d']]],
    ['bind x { a; }', [['bind', 'x', 'a;']]],
    ['bind x { display "}" }', [['bind', 'x', 'display "}"']]],
    ['bind x {\n  a\n  b\n}', [['bind', 'x', 'a\n  b']]],
    ['bind x {}', [['bind', 'x', '']]],
    ['display a{b}', [['display', 'a{b}']]],
    ['', []],
  ])('%j', (text, expected) => {
    expect(parseCommandString(text)).toEqual(expected);
  });

  it.each([
    ["display 'abc", 'unterminated single quote', 1, 9],
    ['display "abc', 'unterminated double quote', 1, 9],
    ['display "abc\\', 'unterminated double quote', 1, 9],
    ['kill-pane }', 'unexpected }', 1, 11],
    ['bind x { a', 'unclosed {', 1, 8],
    ['bind x { a { b }', 'unclosed {', 1, 8],
    ['display a\\', 'trailing backslash', 1, 10],
    ['display #{abc', 'unclosed #{', 1, 9],
    ['display \\5', 'invalid octal escape', 1, 9],
    ['display "\\19"', 'invalid octal escape', 1, 10],
    ['display \\u12x4', 'invalid \\u argument', 1, 9],
    ['bind x { a }b', 'expected a space after }', 1, 13],
    ["a\n  b 'x", 'unterminated single quote', 2, 5],
  ])('rejects %j', (text, reason, line, column) => {
    let error: unknown;
    try {
      parseCommandString(text);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CommandParseError);
    const e = error as CommandParseError;
    expect({ reason: e.reason, line: e.line, column: e.column }).toEqual({ reason, line, column });
    expect(e.message).toBe(line > 1 ? `${reason} at line ${line}, column ${column}` : `${reason} at column ${column}`);
  });

  it('re-parses the inner text of a brace group to the commands inside it', () => {
    const [[, , inner]] = parseCommandString("bind x { split-window -c '#{pane_current_path}' ; select-pane -L }");
    expect(parseCommandString(inner)).toEqual([['split-window', '-c', '#{pane_current_path}'], ['select-pane', '-L']]);
  });
});

describe('quoteArgv', () => {
  it.each([
    [['split-window', '-h'], 'split-window -h'],
    [['display', 'a b'], "display 'a b'"],
    [['display', "it's"], `display "it's"`],
    [['display', 'a"b\'c\\'], `display "a\\"b'c\\\\"`],
    [['display', ''], "display ''"],
    [['send-keys', ';'], "send-keys ';'"],
    [['display', '#{pane_id}'], "display '#{pane_id}'"],
    [['display', '~/x', '$HOME'], "display '~/x' '$HOME'"],
  ])('%j → %s', (argv, text) => {
    expect(quoteArgv(argv)).toBe(text);
  });

  it('quotes words that would otherwise start a comment or a group', () => {
    for (const word of ['#x', '{', '}', 'a;']) expect(quoteArg(word)).not.toBe(word);
  });

  it('round-trips any argv through parseCommandString', () => {
    const char = fc.constantFrom(...'ab -_;\'"\\#{}~$\n\t\x1be');
    const word = fc.oneof(fc.string(), fc.string({ unit: char }));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), (argv) => {
        expect(parseCommandString(quoteArgv(argv))).toEqual([argv]);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips several commands through quoteCommands', () => {
    const commands = [['select-pane', '-L'], ['display', 'a ; b'], [';']];
    expect(parseCommandString(quoteCommands(commands))).toEqual(commands);
  });
});

describe('splitArgv (a command line the shell has split, as tmux reads it)', () => {
  it.each([
    // tmux 3.3a: `tmux new -d -s a\; new -d -s b` makes sessions "a" and "b"
    [['new', '-d', '-s', 'a;', 'new', '-d', '-s', 'b'], [['new', '-d', '-s', 'a'], ['new', '-d', '-s', 'b']]],
    [['new', '-d', '-s', 'a', ';', 'new', '-d', '-s', 'b', ';'], [['new', '-d', '-s', 'a'], ['new', '-d', '-s', 'b']]],
    // `-s 'x\;'` names the session "x;", `-s 'c;d'` names it "c;d" (tmux 3.3a)
    [['new', '-d', '-s', 'x\\;'], [['new', '-d', '-s', 'x;']]],
    [['new', '-d', '-s', 'c;d'], [['new', '-d', '-s', 'c;d']]],
    [['send-keys', '\\;'], [['send-keys', ';']]],
    [[';', ';', 'ls'], [['ls']]],
  ])('%j', (argv, want) => {
    expect(splitArgv(argv)).toEqual(want);
  });
});
