/*
 * list-keys (lsk): the key bindings as `bind-key` lines, in tmux's order and columns; or
 * with -N their notes, as tmux 3.3a prints them: without -T the root table's, then the
 * prefix table's after the prefix key (or -P's string), keys padded to the widest with a
 * note; -a adds the bindings without a note (their command in its place), -1 only the
 * first, shown as a message when a client asked (tmux's `prefix /`).
 */
import { defineCommand } from './types.js';
import { escapeArg } from './print-command.js';
import { parseKey } from '../core/keys.js';
import { isMouseKey, tmuxKeyName } from '../core/key-order.js';
import { CommandError } from '../core/errors.js';
import { KEY_TABLES, canonicalTable } from '../config/load-config.js';
import { visible } from '../core/escape.js';
import type { Binding } from '../server/key-tables.js';
import type { CommandContext } from '../server/command-context.js';

type Rows = Array<[string, Binding]>;

export default defineCommand({
  name: 'list-keys',
  alias: ['lsk'],
  help: 'List key bindings',
  args: { flags: '1aN', options: 'PT', minArgs: 0, maxArgs: 1, names: { P: 'prefix-string', T: 'key-table' }, positional: '[key]' },
  run(ctx, a) {
    const { keys, options } = ctx.server;
    const given = a.values.get('T');
    const only = given === undefined ? undefined : canonicalTable(given);
    if (only && !keys.tableNames().includes(only) && !KEY_TABLES.includes(only)) throw new CommandError(`table ${given} doesn't exist`);
    let keyFilter: string | undefined;
    if (a.args[0] !== undefined) {
      const k = parseKey(a.args[0]);
      if (k instanceof Error) throw new CommandError(`invalid key: ${a.args[0]}`);
      keyFilter = k;
    }
    const rowsOf = (t: string): Rows => keys.list(t).filter(([k]) => keyFilter === undefined || k === keyFilter);
    let found: boolean;
    if (a.flags.has('N')) {
      const notes = (t: string): Rows => rowsOf(t).filter(([k, b]) => !isMouseKey(k) && (a.flags.has('a') || !!b.note));
      // The width counts only keys with a note, even with -a (as tmux's cmd_list_keys_get_width).
      const width = (t: string) => Math.max(0, ...rowsOf(t).filter(([k, b]) => !isMouseKey(k) && !!b.note).map(([k]) => [...tmuxKeyName(k)].length));
      const print = (rows: Rows, start: string, w: number) => printNotes(ctx, rows, start, w, a.flags.has('1'));
      if (only === undefined) {
        const prefixKey = String(options.get('prefix'));
        const start = a.values.get('P') ?? (prefixKey === 'None' ? '' : `${tmuxKeyName(prefixKey)} `);
        const withPrefix = prefixKey !== 'None' && width('prefix') > 0;
        const w = Math.max(width('root'), withPrefix ? width('prefix') : 0);
        found = print(notes('root'), ' '.repeat([...start].length), w);
        if (withPrefix && print(notes('prefix'), start, w)) found = true;
      } else {
        found = print(notes(only), a.values.get('P') ?? '', width(only));
      }
    } else {
      found = printBindings(ctx, only ? [only] : keys.tableNames().sort(), rowsOf);
    }
    if (keyFilter !== undefined && !found) throw new CommandError(`unknown key: ${a.args[0]}`);
  },
});

/** Note lines (`start`, the key padded to `width` + 1, the note); only the first with `first`. True if any. */
function printNotes(ctx: CommandContext, rows: Rows, start: string, width: number, first: boolean): boolean {
  for (const [key, b] of first ? rows.slice(0, 1) : rows) {
    const name = tmuxKeyName(key);
    const line = `${start}${name}${' '.repeat(Math.max(0, width + 1 - [...name].length))}${b.note ? visible(b.note) : visible(printed(ctx, b.command))}`;
    if (first && ctx.client) ctx.client.showMessage(line);
    else ctx.out(`${line}\n`);
  }
  return rows.length > 0;
}

/** `bind-key` lines in tmux's columns: the -r slot, the table and the key padded to the widest listed. True if any. */
function printBindings(ctx: CommandContext, tables: string[], rowsOf: (t: string) => Rows): boolean {
  const rows = tables.flatMap((t) => rowsOf(t).map(([key, b]) => ({ t, key: escapeArg(tmuxKeyName(key)), b })));
  const repeat = rows.some((r) => r.b.repeat);
  const tableWidth = Math.max(0, ...rows.map((r) => r.t.length));
  const keyWidth = Math.max(0, ...rows.map((r) => r.key.length));
  for (const { t, key, b } of rows) {
    const r = !repeat ? '' : b.repeat ? '-r ' : '   ';
    ctx.out(`bind-key ${r}-T ${t.padEnd(tableWidth)} ${key.padEnd(keyWidth)} ${visible(printed(ctx, b.command))}\n`);
  }
  return rows.length > 0;
}

/** A bound command as tmux lists it (full names, flags in tmux's order); as written if it does not parse. */
function printed(ctx: CommandContext, command: string): string {
  try {
    // Escaped, as tmux's list-keys prints (cmd_list_print(…, 1)): ` \\; ` between commands.
    return ctx.runner.print(command, true);
  } catch {
    return command;
  }
}
