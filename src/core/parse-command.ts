/*
 * The command language's lexer: turns a command string such as
 *
 *   split-window -h -c '#{pane_current_path}' ; select-pane -L
 *
 * into a list of commands, each an argv (`[['split-window', '-h', '-c', '#{pane_current_path}'],
 * ['select-pane', '-L']]`). Key bindings, config entries and the command prompt all go through
 * here, as in tmux's cmd-parse.y. The rules:
 *
 *   words      separated by spaces and tabs; adjacent quoted and bare parts join (a'b c'd = "ab cd")
 *   'single'   literal, no escapes
 *   "double"   backslash escapes as outside quotes
 *   \x         outside quotes and in double quotes, as tmux: \a \b \e \f \s \v \r \n \t,
 *              \NNN octal (000-377), \uXXXX and \UXXXXXXXX; any other x is itself (\; is a
 *              literal ";" argument, \$ a dollar)
 *   ; newline  end a command; a ";" glued to the end of a word ends it too (a; b)
 *   # ...      a comment to the end of the line, where a word would start (not "#{")
 *   #{...}     a format: copied verbatim, spaces and all, up to its matching "}"
 *   { ... }    a nested command string, passed as one argument holding the inner text
 *   \<newline> a line continuation
 *
 * Command strings (bindings, the prompt) get no $VARIABLE or ~ expansion; a tmux
 * configuration file does, as tmux's parser does it (parseCommandLines with `expand`):
 * `~` or `~/` starting a bare word is the home dir, `$NAME` and `${NAME}` in a bare word or
 * in double quotes are the variable's value ("" when unset), never in single quotes.
 * quoteArgv() is the inverse for one argv.
 */

/** Where $NAME and ~ come from when a command string is expanded (a tmux configuration file). */
export interface Expansion {
  home: string;
  variable(name: string): string | undefined;
}

/** A malformed command string; `line` and `column` (1-based) point at the offending character. */
export class CommandParseError extends Error {
  constructor(
    /** What is wrong, without the position. */
    readonly reason: string,
    readonly line: number,
    readonly column: number,
    /** 0-based index into the parsed text. */
    readonly offset: number,
  ) {
    super(line > 1 ? `${reason} at line ${line}, column ${column}` : `${reason} at column ${column}`);
    this.name = 'CommandParseError';
  }
}

/** The one-letter backslash escapes (tmux's yylex_token_escape); any other letter is itself. */
const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', f: '\f', s: ' ', v: '\v', r: '\r', n: '\n', t: '\t' };

/**
 * How deeply `{ ... }` groups may nest. Each level is a recursive call (a group's text is
 * parsed again when it runs); without a limit, a few thousand "{" overflow the stack with
 * a RangeError instead of a CommandParseError. tmux configs use two or three levels.
 */
const MAX_NESTING = 100;

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

class Lexer {
  private pos = 0;
  private depth = 0;
  /** The offset each top-level command started at, in the order they were read. */
  readonly starts: number[] = [];
  /** Which arguments of each command were `{ }` groups (by index in its argv). */
  readonly groups = new WeakMap<string[], Set<number>>();

  constructor(
    private readonly text: string,
    private readonly expand?: Expansion,
  ) {}

  fail(reason: string, offset: number): never {
    const before = this.text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    throw new CommandParseError(reason, line, column, offset);
  }

  /** Reads commands up to the end of the text, or up to and including the "}" closing a group. */
  commands(openBrace?: number): string[][] {
    const text = this.text;
    const commands: string[][] = [];
    let current: string[] = [];
    let start = 0;
    const endCommand = (): void => {
      if (current.length > 0) {
        commands.push(current);
        if (openBrace === undefined) this.starts.push(start);
      }
      current = [];
    };
    for (;;) {
      while (isBlank(text[this.pos])) this.pos++;
      const c = text[this.pos];
      const next = text[this.pos + 1];
      if (c === undefined) {
        if (openBrace !== undefined) this.fail('unclosed {', openBrace);
        endCommand();
        return commands;
      }
      if (c === '\n' || c === ';') {
        this.pos++;
        endCommand();
      } else if (c === '#' && next !== '{') {
        while (this.pos < text.length && text[this.pos] !== '\n') this.pos++;
      } else if (c === '\\' && next === '\n') {
        this.pos += 2;
      } else if (c === '}') {
        if (openBrace === undefined) this.fail('unexpected }', this.pos);
        this.pos++;
        endCommand();
        return commands;
      } else if (c === '{') {
        if (current.length === 0) start = this.pos;
        let g = this.groups.get(current);
        if (!g) this.groups.set(current, (g = new Set()));
        g.add(current.length);
        current.push(this.group());
      } else {
        if (current.length === 0) start = this.pos;
        const word = this.word(openBrace !== undefined);
        current.push(word.value);
        if (word.endsCommand) endCommand();
      }
    }
  }

  /** A `{ ... }` group: checks the inner commands parse and returns their text. */
  private group(): string {
    const open = this.pos;
    if (this.depth >= MAX_NESTING) this.fail(`{ } groups nested more than ${MAX_NESTING} deep`, open);
    this.pos++;
    this.depth++;
    this.commands(open);
    this.depth--;
    const after = this.text[this.pos];
    if (after !== undefined && !isBlank(after) && after !== '\n' && after !== ';' && after !== '}') {
      this.fail('expected a space after }', this.pos);
    }
    return this.text.slice(open + 1, this.pos - 1).trim();
  }

  private word(nested: boolean): { value: string; endsCommand: boolean } {
    const text = this.text;
    let value = '';
    while (this.pos < text.length) {
      const c = text[this.pos];
      const next = text[this.pos + 1];
      if (isBlank(c) || c === '\n' || (c === '}' && nested)) break;
      if (c === "'") {
        value += this.singleQuoted();
      } else if (c === '"') {
        value += this.doubleQuoted();
      } else if (c === '\\') {
        if (next === undefined) this.fail('trailing backslash', this.pos);
        value += this.escape();
      } else if (c === '#' && next === '{') {
        value += this.format();
      } else if (this.expand && c === '~' && value === '' && (next === undefined || next === '/' || isBlank(next) || next === '\n')) {
        value += this.expand.home;
        this.pos++;
      } else if (this.expand && c === '$' && next !== undefined && /[A-Za-z_{]/.test(next)) {
        value += this.variable();
      } else if (c === ';' && (next === undefined || isBlank(next) || next === '\n' || (next === '}' && nested))) {
        this.pos++;
        return { value, endsCommand: true };
      } else {
        value += c;
        this.pos++;
      }
    }
    return { value, endsCommand: false };
  }

  private singleQuoted(): string {
    const open = this.pos;
    const close = this.text.indexOf("'", open + 1);
    if (close < 0) this.fail('unterminated single quote', open);
    this.pos = close + 1;
    return this.text.slice(open + 1, close);
  }

  private doubleQuoted(): string {
    const text = this.text;
    const open = this.pos;
    let value = '';
    this.pos++;
    for (;;) {
      const c = text[this.pos];
      if (c === undefined) this.fail('unterminated double quote', open);
      if (c === '"') {
        this.pos++;
        return value;
      }
      if (c === '\\') {
        if (text[this.pos + 1] === undefined) this.fail('unterminated double quote', open);
        value += this.escape();
      } else if (this.expand && c === '$' && /[A-Za-z_{]/.test(text[this.pos + 1] ?? '')) {
        value += this.variable();
      } else {
        value += c;
        this.pos++;
      }
    }
  }

  /**
   * The backslash escape at pos (its backslash and what follows it consumed), as tmux:
   * a C escape, three octal digits, \u or \U and hex digits, or the next character itself
   * (nothing for a backslash-newline).
   */
  private escape(): string {
    const text = this.text;
    const at = this.pos;
    const c = text[at + 1]!;
    if (c >= '0' && c <= '7') {
      const digits = text.slice(at + 1, at + 4);
      if (!/^[0-3][0-7][0-7]$/.test(digits)) this.fail('invalid octal escape', at);
      this.pos = at + 4;
      return String.fromCharCode(parseInt(digits, 8));
    }
    if (c === 'u' || c === 'U') {
      const size = c === 'u' ? 4 : 8;
      const hex = text.slice(at + 2, at + 2 + size);
      if (!new RegExp(`^[0-9A-Fa-f]{${size}}$`).test(hex)) this.fail(`invalid \\${c} argument`, at);
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) this.fail(`invalid \\${c} argument`, at);
      this.pos = at + 2 + size;
      return String.fromCodePoint(cp);
    }
    this.pos = at + 2;
    if (c === '\n') return '';
    return ESCAPES[c] ?? c;
  }

  /** `$NAME` or `${NAME}` at pos: the variable's value, "" when it is not set. */
  private variable(): string {
    const text = this.text;
    const open = this.pos;
    let name: string;
    if (text[open + 1] === '{') {
      const close = text.indexOf('}', open + 2);
      if (close < 0) this.fail('unclosed ${', open);
      name = text.slice(open + 2, close);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) this.fail(`bad variable name \${${name}}`, open);
      this.pos = close + 1;
    } else {
      name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(open + 1))![0];
      this.pos = open + 1 + name.length;
    }
    return this.expand!.variable(name) ?? '';
  }

  /** A `#{...}` format, copied as written; only nested "#{" opens another level. */
  private format(): string {
    const text = this.text;
    const open = this.pos;
    let depth = 0;
    do {
      if (this.pos >= text.length) this.fail('unclosed #{', open);
      if (text[this.pos] === '#' && text[this.pos + 1] === '{') {
        depth++;
        this.pos += 2;
      } else {
        if (text[this.pos] === '}') depth--;
        this.pos++;
      }
    } while (depth > 0);
    return text.slice(open, this.pos);
  }
}

/**
 * Splits a command string into commands, each an argv with the command name first.
 * Empty commands (blank lines, `a ; ; b`, a trailing `;`) are dropped, so "" gives [].
 * Throws CommandParseError for unterminated quotes, braces and formats, a stray "}" or a
 * trailing backslash.
 */
export function parseCommandString(text: string): string[][] {
  return new Lexer(text).commands();
}

/** Like parseCommandString, with the indexes of each command's arguments that were `{ }` groups (to print them as tmux does). */
export function parseCommandGroups(text: string): Array<{ argv: string[]; groups: ReadonlySet<number> }> {
  const lexer = new Lexer(text);
  return lexer.commands().map((argv) => ({ argv, groups: lexer.groups.get(argv) ?? new Set() }));
}

/**
 * Like parseCommandString, with the line (1-based) each command starts on, and $NAME / ~
 * expanded when `expand` is given: how a tmux configuration file is read.
 */
export function parseCommandLines(text: string, expand?: Expansion): Array<{ argv: string[]; line: number }> {
  const lexer = new Lexer(text, expand);
  const commands = lexer.commands();
  let line = 1;
  let at = 0;
  return commands.map((argv, i) => {
    const start = lexer.starts[i]!;
    for (; at < start; at++) if (text.charCodeAt(at) === 10) line++;
    return { argv, line };
  });
}

const BARE_WORD = /^[A-Za-z0-9_\-.,/:=@%+^!?*]+$/;

/** Quotes one argument so that parseCommandString reads it back unchanged. */
export function quoteArg(arg: string): string {
  if (BARE_WORD.test(arg)) return arg;
  if (!arg.includes("'")) return `'${arg}'`;
  return `"${arg.replace(/[\\"]/g, '\\$&')}"`;
}

/** Joins an argv into a command string: `parseCommandString(quoteArgv(argv))` is `[argv]` for any non-empty argv. */
export function quoteArgv(argv: string[]): string {
  return argv.map(quoteArg).join(' ');
}

/** Joins several commands with " ; ", the inverse of parseCommandString for non-empty argvs. */
export function quoteCommands(commands: string[][]): string {
  return commands.map(quoteArgv).join(' ; ');
}

/**
 * Split a command line given as argv (the shell has already split it) into commands, as
 * tmux does: an argument that is ";" or ends in ";" ends a command (`new -d -s a\; new
 * -d -s b` makes two sessions: the shell turns `a\;` into `a;`); one that ends in "\;"
 * keeps a literal ";" (`-s 'x\;'` names the session `x;`). A ";" inside an argument is
 * kept. Empty commands are dropped.
 */
export function splitArgv(argv: readonly string[]): string[][] {
  const out: string[][] = [[]];
  for (const a of argv) {
    if (a.endsWith('\\;')) out.at(-1)!.push(a.slice(0, -2) + ';');
    else if (a.endsWith(';')) {
      if (a.length > 1) out.at(-1)!.push(a.slice(0, -1));
      out.push([]);
    } else out.at(-1)!.push(a);
  }
  return out.filter((c) => c.length > 0);
}
