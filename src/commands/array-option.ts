/*
 * One item of an array option, as tmux addresses it: `set -s command-alias[10] 'x=y'`
 * sets item 10, `-a` appends to it, `-u` removes it; and a value given whole split on the
 * option's separator (command-alias on ",", the others on spaces). ccmux keeps an array
 * without gaps: an index past the end adds the item at the end.
 */
import type { OptionDef } from '../config/options-table.js';
import { validateOptionValue } from '../config/option-values.js';
import { CommandError } from '../core/errors.js';

/** `name[index]` split, or the name alone. */
export function splitIndex(text: string): { name: string; index?: number } {
  const m = /^(.+)\[(\d+)\]$/.exec(text);
  if (!m) return { name: text };
  const index = Number(m[2]);
  if (!Number.isSafeInteger(index)) throw new CommandError(`bad index: ${text}`);
  return { name: m[1]!, index };
}

/** A whole value of an array option with a separator, split on it; undefined for one without. */
export function splitArrayValue(def: OptionDef, raw: string): string[] | undefined {
  return def.separator ? raw.split(def.separator).filter(Boolean) : undefined;
}

/** The array `current` with item `index` set to `raw` (appended to with `append`), or removed when `raw` is undefined. */
export function withItem(def: OptionDef, current: readonly string[], index: number, raw: string | undefined, append: boolean): string[] {
  if (def.type !== 'string-array') throw new CommandError(`not an array: ${def.name}`);
  const next = [...current];
  if (raw === undefined) {
    if (index < next.length) next.splice(index, 1);
    return next;
  }
  const at = Math.min(index, next.length);
  next[at] = append && at < current.length ? `${current[at]}${raw}` : raw;
  const res = validateOptionValue(def, next, 'toml');
  if (!res.ok) throw new CommandError(res.error);
  return next;
}
