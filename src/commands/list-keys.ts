/*
 * list-keys (lsk): the key bindings, as `bind-key` lines (tmux's format), or with -N the
 * notes of the prefix table as a readable help list. From a key (prefix ?) it opens as
 * a scrollable overlay.
 */
import { defineCommand } from './types.js';
import { escapeArg } from './print-command.js';
import { parseKey } from '../core/keys.js';
import { CommandError } from '../core/errors.js';
import { KEY_TABLES, canonicalTable } from '../config/load-config.js';
import { visible } from '../core/escape.js';

export default defineCommand({
  name: 'list-keys',
  alias: ['lsk'],
  help: 'List key bindings',
  args: { flags: 'N', options: 'T', minArgs: 0, maxArgs: 1, names: { T: 'key-table' }, positional: '[key]' },
  run(ctx, a) {
    const { keys, options } = ctx.server;
    const given = a.values.get('T');
    const only = given === undefined ? undefined : canonicalTable(given);
    if (only && !keys.tableNames().includes(only) && !KEY_TABLES.includes(only)) {
      throw new CommandError(`table ${only} doesn't exist (have: ${keys.tableNames().join(', ')})`);
    }
    let keyFilter: string | undefined;
    if (a.args[0] !== undefined) {
      const k = parseKey(a.args[0]);
      if (k instanceof Error) throw new CommandError(k.message);
      keyFilter = k;
    }
    const tables = only ? [only] : keys.tableNames();
    const help = a.flags.has('N') || (ctx.client !== undefined && !only);
    if (help) {
      const prefix = String(options.get('prefix', ctx.client?.at));
      const rows = keys.list(only ?? 'prefix').filter(([k]) => keyFilter === undefined || k === keyFilter);
      const width = Math.max(...rows.map(([k]) => k.length), 1);
      for (const [key, b] of rows) ctx.out(`${prefix} ${key.padEnd(width)}  ${visible(b.note ?? b.command)}\n`);
      return;
    }
    // tmux's columns: the -r slot, the table and the key padded to the widest listed.
    const rows = tables.flatMap((t) => keys.list(t).filter(([key]) => keyFilter === undefined || key === keyFilter).map(([key, b]) => ({ t, key: escapeArg(key), b })));
    // As tmux: a key asked for that nothing binds is an error.
    if (keyFilter !== undefined && rows.length === 0) throw new CommandError(`unknown key: ${a.args[0]}`);
    const repeat = rows.some((r) => r.b.repeat);
    const tableWidth = Math.max(0, ...rows.map((r) => r.t.length));
    const keyWidth = Math.max(0, ...rows.map((r) => r.key.length));
    for (const { t, key, b } of rows) {
      const r = !repeat ? '' : b.repeat ? '-r ' : '   ';
      ctx.out(`bind-key ${r}-T ${t.padEnd(tableWidth)} ${key.padEnd(keyWidth)} ${visible(printed(b.command, ctx.runner.print))}\n`);
    }
  },
});

/** A bound command as tmux lists it (cmd_list_print escaped): full names, flags as tmux orders them, `\\;` between commands. */
function printed(command: string, print: (text: string, escaped?: boolean) => string): string {
  try {
    return print(command, true);
  } catch {
    return command;
  }
}
