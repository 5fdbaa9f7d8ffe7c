/*
 * show-options (show): options as `name value` lines, tmux-style, at one level
 * (option-place.ts): with no flags the target session's own values, -g the global session
 * options, -w / -gw a window's / the global window options, -p a pane's, -s the server's
 * (and Claude settings, claude.*). -A adds the values inherited from the levels above,
 * marked `name*`; -v prints values only; -q says nothing about an unknown option. A named
 * option not set at that level prints nothing, as in tmux. Hooks are options in tmux 3.3a:
 * a hook's name shows that hook, and -H adds the level's hooks after its options
 * (show-hooks.ts prints both). --json (ccmux's) lists every
 * option's global value with its scope, type, default and help from the table.
 */
import { defineCommand } from './types.js';
import { findOption, matchOption, OPTIONS, type OptionDef } from '../config/options-table.js';
import { CommandError } from '../core/errors.js';
import { didYouMean } from '../config/suggest.js';
import { claudeOptionValue } from './claude-options.js';
import type { Server } from '../server/server.js';
import { safeJson } from '../core/escape.js';
import { isUserOption } from '../config/option-values.js';
import { levelOf, placeAt, userAt, userTableOf, type OptionLevel, type OptionPlace } from './option-place.js';
import type { CommandContext } from './types.js';
import type { ParsedArgs } from './args.js';
import { escapeArg } from './print-command.js';
import { splitIndex } from './array-option.js';
import { hookLevel } from '../core/hook-names.js';
import { printHooks } from './show-hooks.js';

/** A value as show-options prints it: tmux escapes a string option's (args_escape), prints the others as they are. */
function valueText(v: unknown, def: OptionDef | undefined): string {
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  const s = String(v ?? '');
  if (def?.type === 'key' && s === '') return 'None';
  if (def && def.type !== 'string' && def.type !== 'style' && def.type !== 'string-array') return s;
  if (def?.items === 'colour') return s;
  return escapeArg(s);
}

function rawText(v: unknown): string {
  return typeof v === 'boolean' ? (v ? 'on' : 'off') : String(v);
}

/** The global value of a table option (claude.* from the Claude settings). */
export function optionValue(server: Server, name: string): unknown {
  return name.startsWith('claude.') ? claudeOptionValue(server.claude, name) : server.options.getGlobal(name);
}

/** Which table options belong to a level's listing. */
function listedAt(def: OptionDef, level: OptionLevel): boolean {
  if (level === 'server') return def.scope === 'server' || def.scope === 'claude';
  if (level === 'pane') return def.scope === 'window' && def.pane === true;
  return def.scope === level;
}

const byName = (a: OptionDef, b: OptionDef) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export default defineCommand({
  name: 'show-options',
  alias: ['show'],
  help: 'Show options',
  args: {
    flags: 'AgHpqsvw', options: 't', long: { json: 'flag' }, minArgs: 0, maxArgs: 1, names: { t: 'target-pane' }, positional: '[option]',
    target: { kind: 'pane', optional: true, canFail: true },
  },
  run(ctx, a) {
    return showOptions(ctx, a, false);
  },
});

/** show-options, or show-window-options (`window`: the window level). */
export function showOptions(ctx: CommandContext, a: ParsedArgs, window: boolean): void {
  const given = a.args[0] === undefined ? { name: undefined, index: undefined } : splitIndex(a.args[0]);
  if (given.name !== undefined && !window && hookLevel(given.name) !== undefined && !a.flags.has('json')) {
    // A hook, as tmux's options table holds them: `name[N] command` lines (-v: the commands).
    const out: string[] = [];
    printHooks({ ...ctx, out: (t: string) => out.push(t) }, a, a.args[0]);
    const text = out.join('');
    ctx.out(a.flags.has('v') ? text.replace(/^\S+\[\d+\] /gm, '') : text);
    return;
  }
  const { def, ambiguous } = given.name === undefined || isUserOption(given.name) ? {} : matchOption(given.name);
  if (given.name !== undefined && !def && !isUserOption(given.name)) {
    if (a.flags.has('q')) return;
    if (ambiguous) throw new CommandError(`ambiguous option: ${a.args[0]}`);
    throw new CommandError(`invalid option: ${a.args[0]}${didYouMean(given.name, OPTIONS.map((d) => d.name))}`);
  }
  // The option's own name, for a prefix of it or its other spelling (focus-event, clock-mode-color).
  const name = def?.name ?? given.name;
  const index = given.index;
  if (a.flags.has('json')) return showJson(ctx, name, def);
  const place = placeAt(levelOf(def, a, window), a);
  const print = (n: string, v: unknown, inherited: boolean, single = false) => {
    const d = findOption(splitIndex(n).name);
    const line = (label: string, item: unknown) => ctx.out(a.flags.has('v') ? `${rawText(item)}\n` : `${label}${inherited ? '*' : ''} ${valueText(item, d)}\n`);
    if (Array.isArray(v)) {
      // As tmux: an array is one line per item there (`name[i] item`, or the bare items with
      // -v), and an empty one its name alone (starred when inherited, in a listing only).
      if (!v.some((item) => item !== undefined)) {
        if (!a.flags.has('v')) ctx.out(`${n}${inherited && !single ? '*' : ''}\n`);
      } else v.forEach((item, i) => item !== undefined && line(`${n}[${i}]`, item));
    } else line(n, v);
  };
  if (name !== undefined) {
    const found = lookup(ctx.server, place, name, a.flags.has('A'));
    if (found && index !== undefined) {
      // One item: tmux prints it even when the array has none there (an empty value).
      const item = Array.isArray(found.value) ? found.value[index] : found.value;
      print(`${name}[${index}]`, item ?? '', found.inherited);
    } else if (found) print(name, found.value, found.inherited, true);
    else if (!def && !a.flags.has('q')) throw new CommandError(`invalid option: ${name}`); // tmux: an unset user option is unknown
    return;
  }
  // User options set at this level first, then the table's, by name.
  const users = place.local ? place.local.names().filter(isUserOption).map((n) => [n, place.local!.get(n)] as const) : ctx.server.options.userEntries(userTableOf(place));
  for (const [n, v] of users) print(n, v, false);
  for (const d of OPTIONS.filter((x) => listedAt(x, place.level)).sort(byName)) {
    const found = lookup(ctx.server, place, d.name, a.flags.has('A'));
    if (found) print(d.name, found.value, found.inherited);
  }
  // -H: the level's hooks after its options, as tmux lists them (the server has none).
  if (a.flags.has('H') && !window && place.level !== 'server') printHooks(ctx, a, undefined);
}

/** The value at `place`, or with `inherit` the nearest above it; undefined when neither. */
function lookup(server: Server, place: OptionPlace, name: string, inherit: boolean): { value: unknown; inherited: boolean } | undefined {
  if (isUserOption(name)) return userAt(server.options, place, name, inherit);
  if (place.local) {
    if (place.local.has(name)) return { value: place.local.get(name), inherited: false };
    return inherit ? { value: server.options.get(name, place.at), inherited: true } : undefined;
  }
  return { value: optionValue(server, name), inherited: false };
}

/** --json: every option (or one) with its global value and what the table says of it. */
function showJson(ctx: CommandContext, name: string | undefined, def: OptionDef | undefined): void {
  if (name !== undefined && !def) {
    const value = ctx.server.options.getUser(name, ctx.client?.at);
    if (value === undefined) throw new CommandError(`invalid option: ${name}`);
    ctx.out(safeJson({ name, scope: 'user', type: 'string', value }, 2) + '\n');
    return;
  }
  const rows = (def ? [def] : OPTIONS).map((d) => ({ name: d.name, scope: d.scope, type: d.type, value: optionValue(ctx.server, d.name), default: d.default, choices: d.choices, min: d.min, max: d.max, help: d.help }));
  ctx.out(safeJson(def ? rows[0] : rows, 2) + '\n');
}
