/*
 * What the lexer does below its quoting, as tmux's cmd-parse.y: a backslash-newline
 * joins lines even inside single quotes; a newline inside quotes drops the next line's
 * blanks and a comment line; `~` first inside double quotes is home. In a configuration
 * file (an Expansion): each top-level command is told as soon as it is read (so a NAME=value
 * line is set before $NAME on the next is read), and a `{ }` group's $NAME is expanded,
 * keeping its lines as groups. And printing: tmux's args_escape of `$`, cmd_list_print's
 * separators.
 */
import { describe, expect, it } from 'vitest';
import { parseCommandGroups, parseCommandLines, parseCommandString, type Expansion } from '../../src/core/parse-command.js';
import { escapeArg } from '../../src/commands/print-command.js';
import { printCommands } from '../../src/commands/print-commands.js';

/** An Expansion over `env` that sets NAME=value lines into it as they are read. */
function conf(env: Record<string, string>): Expansion {
  return {
    home: '/h',
    variable: (n) => env[n],
    command: (argv) => {
      const m = argv.length === 1 ? /^([A-Za-z_]\w*)=(.*)$/s.exec(argv[0]!) : null;
      if (m) env[m[1]!] = m[2]!;
    },
  };
}

describe('below the quoting', () => {
  it.each([
    ["set x 'one \\\ntwo'", [['set', 'x', 'one two']]],
    ["set x 'a\\\\\nb'", [['set', 'x', 'a\\\\\nb']]], // an even run of backslashes: kept, the newline too
    ["set x 'a\n    b'", [['set', 'x', 'a\nb']]],
    ['set x "a\n  # a comment\n  b"', [['set', 'x', 'a\n\nb']]],
    ['set x "a\n  #{b}"', [['set', 'x', 'a\n#{b}']]],
    ["set x '~/y'", [['set', 'x', '~/y']]],
  ])('%j', (text, want) => {
    expect(parseCommandString(text)).toEqual(want);
  });

  it('~ first inside double quotes is home in a configuration file, not elsewhere in the word', () => {
    const e = conf({});
    expect(parseCommandLines('set a "~/Log" ; set b "x~/y" ; set c ~ ; set d \'~\'', e).map((c) => c.argv.at(-1))).toEqual(['/h/Log', 'x~/y', '/h', '~']);
    expect(parseCommandString('set a "~/Log"')).toEqual([['set', 'a', '~/Log']]);
  });
});

describe('a configuration file\'s variables', () => {
  it('a NAME=value line is set before the next line is read, in quotes and in groups', () => {
    const env: Record<string, string> = {};
    const text = 'is_vim="ps -o state="\nbind C-h if-shell "$is_vim" "send C-h"\nc=red\nbind B { display $c\n  set @x "${c}x" ; set @y 1 }\n';
    const got = parseCommandLines(text, conf(env)).map((c) => c.argv);
    expect(got).toEqual([
      ['is_vim=ps -o state='],
      ['bind', 'C-h', 'if-shell', 'ps -o state=', 'send C-h'],
      ['c=red'],
      ['bind', 'B', 'display red\nset @x redx ; set @y 1'],
    ]);
    // The group's text keeps its lines as groups: printed as tmux prints a list.
    expect(printCommands(got[3]![2]!, true)).toBe('display-message red \\;\\; set-option @x redx \\; set-option @y 1');
  });

  it('a group without $ or ~ keeps its text as written', () => {
    expect(parseCommandLines('bind B { display x\n  display y }', conf({}))[0]!.argv[2]).toBe('display x\n  display y');
  });

  it('groups are the lines commands are on', () => {
    expect(parseCommandGroups('a ; b\nc\nd ; e;').map((c) => `${c.argv[0]}${c.group}`)).toEqual(['a0', 'b0', 'c1', 'd2', 'e2']);
  });
});

describe('printing as tmux', () => {
  it.each([
    ['x $y z', '"x \\$y z"'],
    ['a$1', '"a$1"'],
    ["grep '^x$'", `"grep '^x$'"`],
    ['${HOME}', '"\\${HOME}"'],
    ['$', '\\$'],
    ['~/a b', '"\\~/a b"'],
  ])('escapeArg(%j) is %s', (arg, want) => {
    expect(escapeArg(arg)).toBe(want);
  });

  it('a list: " ; " and " ;; " unescaped (show-hooks), " \\; " escaped (list-keys)', () => {
    expect(printCommands('display a ; display b\ndisplay c')).toBe('display-message a ; display-message b ;; display-message c');
    expect(printCommands('splitw -hb -c /tmp', true)).toBe('split-window -bh -c /tmp');
  });
});
