/*
 * The modifier list at the start of a `#{...}`, as tmux 3.3a reads it
 * (format_build_modifiers): modifiers separated by `;` and ended by `:` —
 *   one letter with no argument: l a b c d n w E T S W P < >
 *   two characters: || && != == <= >=
 *   one letter with arguments: m C N s t = p e q, either run straight on (`=10:`,
 *     `p-5:`) or wrapped in a punctuation character of its choice (`s/a/b/:`,
 *     `e|+|f|2:`, `=/5/...:`); each argument is itself expanded as a format.
 * Anything else ends the list; if it did not end at a `:` there are no modifiers and
 * the whole text is a variable name (or an inner format).
 */
import { skipTo } from './text.js';

export interface Modifier {
  /** The modifier: one or two characters. */
  name: string;
  args: string[];
}

const isEnd = (c: string | undefined) => c === ';' || c === ':';
const PLAIN = 'labcdnwETSWP<>';
const WITH_ARGS = 'mCNst=peq';
const PAIRS = ['||', '&&', '!=', '==', '<=', '>='];
// C's ispunct in the C locale.
const isPunct = (c: string | undefined) => c !== undefined && /^[!-/:-@[-`{-~]$/.test(c);

/**
 * Parse the modifiers at the start of `key`. Returns them and the text after the `:`,
 * or undefined when `key` has none (or their list is not closed by `:`).
 */
export function parseModifiers(key: string, expand: (s: string) => string): { list: Modifier[]; rest: string } | undefined {
  const list: Modifier[] = [];
  let i = 0;
  while (i < key.length && key[i] !== ':') {
    if (key[i] === ';') i++;
    const c = key[i];
    if (c === undefined) break;
    if (PLAIN.includes(c) && isEnd(key[i + 1])) {
      list.push({ name: c, args: [] });
      i++;
      continue;
    }
    const two = key.slice(i, i + 2);
    if (PAIRS.includes(two) && isEnd(key[i + 2])) {
      list.push({ name: two, args: [] });
      i += 2;
      continue;
    }
    if (!WITH_ARGS.includes(c)) break;
    if (isEnd(key[i + 1])) {
      list.push({ name: c, args: [] });
      i++;
      continue;
    }
    if (!isPunct(key[i + 1]) || key[i + 1] === '-') {
      // One argument, straight on.
      const end = skipTo(key, i + 1, ':;');
      if (end < 0) break;
      list.push({ name: c, args: [expand(key.slice(i + 1, end))] });
      i = end;
      continue;
    }
    // Arguments wrapped in a character of the format's choosing.
    const wrap = key[i + 1]!;
    const ends = `${wrap};:`;
    const args: string[] = [];
    i++;
    do {
      if (key[i] === wrap && isEnd(key[i + 1])) {
        i++;
        break;
      }
      const end = skipTo(key, i + 1, ends);
      if (end < 0) break;
      args.push(expand(key.slice(i + 1, end)));
      i = end;
    } while (!isEnd(key[i]));
    list.push({ name: c, args });
  }
  if (key[i] !== ':') return undefined;
  return { list, rest: key.slice(i + 1) };
}
