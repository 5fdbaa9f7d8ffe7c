/*
 * set-option (set): change an option in the running server, validated against the
 * options table (`set -g mouse off`, `set history-limit 50000`). As in tmux 3.3, options
 * have levels (option-place.ts): the global value of an option (-g, and always for a
 * server option) and a value of the target session, window or (-p, a pane option) pane,
 * which wins over the global one there; without -g a session or window option is set on
 * the -t target, or the current one. -u forgets the value at that level (the global one
 * goes back to its default), -U also forgets it on the window's panes; -a appends to a
 * string (or adds to a list), -o refuses to replace a value set at that level (the global
 * table always has one), -q says nothing about an unknown option, -F expands formats in
 * the value first. User options (`@name`, what plugins and themes use) take any name and
 * a string, at the level the flags name. Claude settings (claude.*) are server options.
 */
import { defineCommand } from './types.js';
import { findOption, matchOption, OPTIONS, type OptionDef } from '../config/options-table.js';
import { isUserOption, validateOptionValue } from '../config/option-values.js';
import { CommandError } from '../core/errors.js';
import { didYouMean } from '../config/suggest.js';
import { setClaudeOption, claudeOptionValue } from './claude-options.js';
import { defaultClaudeSettings } from '../config/claude-settings.js';
import { expandFor } from '../server/format-vars.js';
import { levelOf, placeAt, userAt, userTableOf, type OptionPlace } from './option-place.js';
import { assignItems, splitIndex, withItem, type ArrayValue } from './array-option.js';
import type { CommandContext } from './types.js';
import type { ParsedArgs } from './args.js';

export default defineCommand({
  name: 'set-option',
  alias: ['set'],
  help: 'Set an option',
  args: {
    flags: 'aFgopqsuUw', options: 't', minArgs: 1, maxArgs: 2, names: { t: 'target-pane' }, positional: 'option [value]',
    target: { kind: 'pane', optional: true, canFail: true },
  },
  run(ctx, a) {
    return setOption(ctx, a, false);
  },
});

/** set-option, or set-window-option (`window`: a user option goes to the window). */
export function setOption(ctx: CommandContext, a: ParsedArgs, window: boolean): void {
  const { name, index } = splitIndex(a.args[0]!);
  if (index !== undefined && isUserOption(name)) throw new CommandError(`not an array: ${a.args[0]}`);
  const { def, ambiguous } = isUserOption(name) ? {} : matchOption(name);
  if (!def && !isUserOption(name)) {
    if (a.flags.has('q')) return;
    if (ambiguous) throw new CommandError(`ambiguous option: ${a.args[0]}`);
    throw new CommandError(`invalid option: ${a.args[0]}${didYouMean(name, OPTIONS.map((d) => d.name))}`);
  }
  const place = placeAt(levelOf(def, a, window), a);
  if (def && index !== undefined) setItem(ctx, a, def, place, index);
  else if (def) setKnown(ctx, a, def, place);
  else setUser(ctx, a, name, place);
  ctx.server.model.optionsChanged();
}

function setKnown(ctx: CommandContext, a: ParsedArgs, def: OptionDef, place: OptionPlace): void {
  const { server } = ctx;
  const name = def.name;
  const claude = def.scope === 'claude';
  const here = (): unknown => (place.local ? place.local.get(name) : claude ? claudeOptionValue(server.claude, name) : server.options.getGlobal(name));
  const effective = (): unknown => (claude ? claudeOptionValue(server.claude, name) : server.options.get(name, place.at));
  if (a.flags.has('o') && (place.local === null || place.local.has(name))) {
    // tmux: the global table holds every option, so -o there always finds one.
    if (a.flags.has('q')) return;
    throw new CommandError(`already set: ${name}`);
  }
  if (a.flags.has('u') || a.flags.has('U')) {
    if (place.local) {
      place.local.delete(name);
      if (a.flags.has('U') && place.level === 'window') for (const p of place.at.window!.panes.values()) p.options.delete(name);
    } else if (claude) setClaudeOption(server.claude, name, claudeOptionValue(defaultClaudeSettings(), name));
    else server.options.reset(name);
    return;
  }
  let raw = a.args[1];
  if (raw === undefined) raw = toggled(def, effective());
  if (a.flags.has('F')) raw = expandFor(server, raw, a.target ?? {});
  if (def.type === 'string-array' && !claude) {
    // As tmux: set empties the array first, -a keeps it; the items go into the first free indexes.
    const base = !a.flags.has('a') ? [] : place.local ? ((place.local.get(name) as ArrayValue | undefined) ?? []) : (server.options.getGlobal(name) as ArrayValue);
    const next = assignItems(def, base, raw);
    if (place.local) place.local.set(name, next);
    else server.options.set(name, next, 'toml');
    return;
  }
  let given: unknown = def.type === 'string-array' ? safeJson(raw) : raw;
  if (a.flags.has('a')) {
    const cur = here() ?? (def.type === 'string-array' ? [] : '');
    if (def.type === 'string-array') given = [...(cur as string[]), ...(Array.isArray(given) ? given : [String(given)])];
    else if (def.type === 'string' || def.type === 'style') given = `${String(cur)}${raw}`;
    else throw new CommandError(`${name}: -a appends only to a string or a list`);
  }
  const res = validateOptionValue(def, given, 'cli');
  if (!res.ok) throw new CommandError(res.error);
  if (place.local) place.local.set(name, res.value);
  else if (claude) setClaudeOption(server.claude, name, res.value);
  else server.options.set(name, res.value, 'toml');
}

/**
 * `set NAME[N] value` (-a appends to the item, -u removes it, -o refuses an item that is
 * there), as tmux addresses one item of an array option. A session, window or pane without a
 * value of its own starts from an empty array (tmux's options_empty), not from the global one.
 */
function setItem(ctx: CommandContext, a: ParsedArgs, def: OptionDef, place: OptionPlace, index: number): void {
  const { server } = ctx;
  const label = `${def.name}[${index}]`;
  if (def.type !== 'string-array') throw new CommandError(`not an array: ${label}`);
  const claude = def.scope === 'claude';
  const own = (): ArrayValue | undefined =>
    place.local ? (place.local.get(def.name) as ArrayValue | undefined) : ((claude ? claudeOptionValue(server.claude, def.name) : server.options.getGlobal(def.name)) as ArrayValue);
  const store = (next: ArrayValue) => {
    if (place.local) place.local.set(def.name, next);
    else if (claude) setClaudeOption(server.claude, def.name, next);
    else server.options.set(def.name, next, 'toml');
  };
  if (a.flags.has('u') || a.flags.has('U')) {
    if (a.flags.has('U') && place.level === 'window') {
      for (const p of place.at.window!.panes.values()) {
        if (p.options.has(def.name)) p.options.set(def.name, withItem(def, p.options.get(def.name) as ArrayValue, index, undefined, false));
      }
    }
    const cur = own();
    if (cur !== undefined) store(withItem(def, cur, index, undefined, false));
    return;
  }
  if (a.flags.has('o') && own()?.[index] !== undefined) {
    if (a.flags.has('q')) return;
    throw new CommandError(`already set: ${label}`);
  }
  let raw = a.args[1];
  if (raw === undefined) throw new CommandError('empty value');
  if (a.flags.has('F')) raw = expandFor(server, raw, a.target ?? {});
  store(withItem(def, own() ?? [], index, raw, a.flags.has('a')));
}

/**
 * The value `set NAME` with none gives: a flag toggles, a choice of two (mode-keys) flips,
 * an on/off choice past them (status 2, remain-on-exit failed) stays, as tmux; anything
 * else needs one.
 */
function toggled(def: OptionDef, current: unknown): string {
  if (def.type === 'boolean' || (def.alsoBoolean && typeof current === 'boolean')) return current ? 'off' : 'on';
  if (def.alsoBoolean && typeof current === 'string') return current;
  if (def.type === 'choice' && def.choices && def.choices.length === 2) return current === def.choices[0] ? def.choices[1]! : def.choices[0]!;
  throw new CommandError('empty value');
}

/** `set @name value` as tmux: any name, a string, at the level the flags name. */
function setUser(ctx: CommandContext, a: ParsedArgs, name: string, place: OptionPlace): void {
  const { options } = ctx.server;
  const table = userTableOf(place);
  const cur = userAt(options, place, name, false)?.value;
  if (a.flags.has('u') || a.flags.has('U')) {
    if (place.local) {
      place.local.delete(name);
      if (a.flags.has('U') && place.level === 'window') for (const p of place.at.window!.panes.values()) p.options.delete(name);
    } else options.unsetUser(name, table);
    return;
  }
  if (a.flags.has('o') && cur !== undefined) {
    if (a.flags.has('q')) return;
    throw new CommandError(`already set: ${name}`);
  }
  let raw = a.args[1];
  if (raw === undefined) throw new CommandError('empty value');
  if (a.flags.has('F')) raw = expandFor(ctx.server, raw, a.target ?? {});
  const value = a.flags.has('a') ? `${cur ?? ''}${raw}` : raw;
  if (place.local) place.local.set(name, value);
  else options.setUser(name, value, table);
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw.split(/[\s,]+/).filter(Boolean); // tmux splits an array option's value on spaces
  }
}
