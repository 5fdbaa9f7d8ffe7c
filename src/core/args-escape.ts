/*
 * One argument as tmux 3.3a's args_escape writes it: as it is when it needs no quotes,
 * else in double quotes (a space, # ' ; $ { } or %) or single quotes (a space or "), C
 * escapes for control characters, `\\` doubled, `"` and a `$` that would start a
 * variable escaped in double quotes, a leading `~` escaped, a one-character argument
 * that needs quoting as `\\x`. list-keys, show-options, show-hooks and #{pane_start_command}
 * print arguments this way, so what they print reads back as tmux reads it. Pure.
 */

const C_ESCAPES: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r', '\0': '\\0' };

/** One argument as tmux's args_escape writes it. */
export function escapeArg(s: string): string {
  if (s === '') return "''";
  const quote = /[ #';${}%]/.test(s) ? '"' : /[ "]/.test(s) ? "'" : '';
  if (s.length === 1 && s !== ' ' && (quote || s === '~')) return `\\${s}`;
  let out = '';
  const chars = [...s];
  for (const [i, ch] of chars.entries()) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    // In double quotes, `"`, and a `$` that would start a variable (a letter, _ or { after it), as tmux's vis.
    else if (quote === '"' && (ch === '"' || (ch === '$' && /^[A-Za-z_{]$/.test(chars[i + 1] ?? '')))) out += `\\${ch}`;
    else if (cp < 0x20 || cp === 0x7f) out += C_ESCAPES[ch] ?? `\\${cp.toString(8).padStart(3, '0')}`;
    else out += ch;
  }
  const tilde = out.startsWith('~') ? '\\' : '';
  return quote ? `${quote}${quote === '"' ? tilde : ''}${out}${quote}` : `${tilde}${out}`;
}
