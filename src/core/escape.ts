/*
 * Making text from the outside world (a program's name or title, a directory, a prompt
 * typed into claude) safe to print on a terminal, as tmux does with its names and titles
 * (utf8_stravis): control characters — C0, DEL and C1 — become visible escapes (`\033`,
 * `\n`, `\t`, `\302\233` for C1), so nothing printed by a list, `display -p` or
 * `sessions` can move a cursor, set a title or talk to the terminal (issue 13.8). JSON
 * already escapes C0 itself; safeJson escapes C1 and DEL too, keeping the same value.
 */

const CSTYLE: Record<string, string> = { '\0': '\\0', '\x07': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r' };

// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f\x80-\x9f]/g;

const octal = (b: number) => `\\${b.toString(8).padStart(3, '0')}`;

/** `s` with every control character written as a visible escape. */
export function visible(s: string): string {
  if (!CONTROL.test(s)) return s;
  CONTROL.lastIndex = 0;
  return s.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    if (CSTYLE[c]) return CSTYLE[c]!;
    // C1 as the UTF-8 bytes it is on the wire, as tmux shows it.
    return code >= 0x80 ? Buffer.from(c, 'utf8').reduce((t, b) => t + octal(b), '') : octal(code);
  });
}

/** JSON.stringify with C1 and DEL escaped as well (\u0080…), the same value when parsed. */
export function safeJson(value: unknown, indent?: number): string {
  // eslint-disable-next-line no-control-regex
  return JSON.stringify(value, null, indent).replace(/[\x7f\x80-\x9f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
