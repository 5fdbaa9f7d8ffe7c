/*
 * Array options as tmux 3.3a keeps them (options.c): items by index, with gaps. The value is
 * an array whose missing items are `undefined` (never a trailing one). `set -s
 * command-alias[10] 'x=y'` sets item 10 (-a appends to its text), `-u` removes it and leaves
 * a gap; a value given whole is split on the option's separator (command-alias, user-keys,
 * terminal-features and -overrides on ",", the others on spaces and commas) and its items go
 * into the first free indexes, after `set` has emptied the array (`set -a` keeps it). A
 * session, window or pane that has no value of its own starts from an empty array, as tmux's
 * options_empty: `set -t s status-format[1] x` gives session s only item 1.
 */
import type { OptionDef } from '../config/options-table.js';
import { validateOptionValue } from '../config/option-values.js';
import { CommandError } from '../core/errors.js';

/** An array option's value: items by index, `undefined` where there is none. */
export type ArrayValue = Array<string | undefined>;

/** `name[index]` split, or the name alone (tmux's options_parse: digits only, nothing after `]`). */
export function splitIndex(text: string): { name: string; index?: number } {
  const m = /^(.+)\[(\d+)\]$/.exec(text);
  if (!m) return { name: text };
  const index = Number(m[2]);
  if (!Number.isSafeInteger(index) || index > 2 ** 31 - 1) throw new CommandError(`invalid option: ${text}`);
  return { name: m[1]!, index };
}

/** The characters a whole value of `def` is split on (tmux's separator; " ," when the table names none). */
function separatorOf(def: OptionDef): string {
  return def.separator ?? ' ,';
}

/** A whole value's items, split on the option's separator, empty pieces left out (tmux's strsep loop). */
export function splitArrayValue(def: OptionDef, raw: string): string[] {
  const sep = separatorOf(def);
  if (sep === '') return raw === '' ? [] : [raw];
  const out: string[] = [];
  let cur = '';
  for (const ch of raw) {
    if (sep.includes(ch)) {
      if (cur !== '') out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur !== '') out.push(cur);
  return out;
}

/** Without trailing gaps, holes made `undefined`. */
function tidy(items: ArrayValue): ArrayValue {
  const out = Array.from(items);
  while (out.length > 0 && out[out.length - 1] === undefined) out.pop();
  return out;
}

function checked(def: OptionDef, next: ArrayValue): ArrayValue {
  const res = validateOptionValue(def, next, 'cli');
  if (!res.ok) throw new CommandError(res.error);
  return tidy(res.value as ArrayValue);
}

/** The array `current` with item `index` set to `raw` (appended to with `append`), or removed (a gap) when `raw` is undefined. */
export function withItem(def: OptionDef, current: ArrayValue, index: number, raw: string | undefined, append: boolean): ArrayValue {
  if (def.type !== 'string-array') throw new CommandError(`not an array: ${def.name}`);
  const next = Array.from(current);
  if (raw === undefined) {
    if (index < next.length) next[index] = undefined;
    return tidy(next);
  }
  const had = next[index];
  next[index] = append && had !== undefined ? `${had}${raw}` : raw;
  return checked(def, next);
}

/** `current` with the items of a whole value `raw` put in its first free indexes (tmux's options_array_assign). */
export function assignItems(def: OptionDef, current: ArrayValue, raw: string): ArrayValue {
  if (def.type !== 'string-array') throw new CommandError(`not an array: ${def.name}`);
  const next = Array.from(current);
  let free = 0;
  for (const item of splitArrayValue(def, raw)) {
    while (next[free] !== undefined) free++;
    next[free] = item;
  }
  return checked(def, next);
}

