/*
 * A tmux configuration file, split as tmux's parser reads it: runs of command text, and
 * the directives between them — `%if FORMAT` / `%elif` / `%else` / `%endif` (conditions,
 * decided before any command of the file runs, as tmux decides them while parsing),
 * and `%hidden NAME=VALUE` (a variable for $NAME later in the file, not exported). The
 * command text itself (quoting, `\` line continuations, `{ }` groups over several lines,
 * `#` comments, $NAME and ~) is parse-command's; this only finds the directives and keeps
 * every piece's line number for error messages. Pure: commands/tmux-conf.ts runs it.
 */
import { parseCommandString, CommandParseError } from '../core/parse-command.js';

export type ConfItem =
  | { kind: 'text'; line: number; text: string }
  | { kind: 'if'; line: number; format: string; raw?: string }
  | { kind: 'elif'; line: number; format: string; raw?: string }
  | { kind: 'else'; line: number }
  | { kind: 'endif'; line: number }
  | { kind: 'hidden'; line: number; name: string; value: string; raw?: string }
  | { kind: 'error'; line: number; message: string };

const DIRECTIVE = /^[ \t]*%(if|elif|else|endif|hidden)(?=[ \t]|$)[ \t]*(.*)$/;

/** The one word after a directive (`%if "#{...}"`), quoted as a command argument is. */
function oneWord(rest: string): string | Error {
  try {
    const words = parseCommandString(rest).flat();
    if (words.length !== 1) return new Error(`expected one argument, found ${words.length}`);
    return words[0]!;
  } catch (err) {
    return err instanceof CommandParseError ? new Error(err.reason) : (err as Error);
  }
}

/** Split a tmux configuration file into command text and directives, each with its line. */
export function splitTmuxConf(text: string): ConfItem[] {
  const items: ConfItem[] = [];
  const lines = text.split('\n');
  let chunk: string[] = [];
  let chunkLine = 1;
  const flush = (nextLine: number): void => {
    if (chunk.some((l) => l.trim() !== '')) items.push({ kind: 'text', line: chunkLine, text: chunk.join('\n') });
    chunk = [];
    chunkLine = nextLine;
  };
  lines.forEach((raw, i) => {
    const line = i + 1;
    // A directive only starts a line of its own: not one continued from the line before.
    const continued = chunk.length > 0 && /(^|[^\\])(\\\\)*\\$/.test(chunk.at(-1)!);
    const m = continued ? null : DIRECTIVE.exec(raw);
    if (!m) {
      if (chunk.length === 0) chunkLine = line;
      chunk.push(raw);
      return;
    }
    flush(line + 1);
    const [, kind, rest] = m as unknown as [string, 'if' | 'elif' | 'else' | 'endif' | 'hidden', string];
    const arg = rest.replace(/[ \t]+#.*$/, '').trim();
    if (kind === 'else' || kind === 'endif') {
      if (arg !== '') items.push({ kind: 'error', line, message: `%${kind} takes no argument` });
      else items.push({ kind, line });
      return;
    }
    const word = oneWord(arg);
    if (word instanceof Error) {
      items.push({ kind: 'error', line, message: `%${kind}: ${word.message}` });
      if (kind === 'if') items.push({ kind: 'if', line, format: '0' }); // keep the %endif balanced
      return;
    }
    if (kind === 'hidden') {
      const a = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(word);
      if (!a) items.push({ kind: 'error', line, message: `%hidden: expected NAME=VALUE, found ${JSON.stringify(word)}` });
      else items.push({ kind: 'hidden', line, name: a[1]!, value: a[2]!, raw: arg });
      return;
    }
    // `raw`: the word as written, for $NAME / ${NAME} to be read when the directive is reached (runTmuxConf).
    items.push(kind === 'if' ? { kind, line, format: word, raw: arg } : { kind: 'elif', line, format: word, raw: arg });
  });
  flush(lines.length + 1);
  return items;
}
