/*
 * bind-key (bind): bind a key to a command in a key table (prefix by default; -n means
 * the root table, -T names one, as tmux's: copy-mode-vi and copy-mode are the vi and
 * emacs copy-mode tables; -r lets the key repeat without the prefix).
 */
import { defineCommand } from './types.js';
import { parseKey } from '../core/keys.js';
import { CommandError } from '../core/errors.js';
import { quoteCommands, splitArgv } from '../core/parse-command.js';
import { canonicalTable } from '../config/load-config.js';
import { presentItems } from '../config/option-values.js';

/**
 * The table and canonical key of a bind/unbind command line. As in tmux, -T may name a
 * table of the user's own (entered with `switch-client -T NAME`); it is made on first bind.
 */
export function tableAndKey(a: { flags: Set<string>; values: Map<string, string> }, keyText: string): { table: string; key: string } {
  const table = canonicalTable(a.flags.has('n') ? 'root' : a.values.get('T') ?? 'prefix');
  if (!/^[A-Za-z0-9_.-]+$/.test(table)) throw new CommandError(`bad key table name: ${JSON.stringify(table)} (letters, digits, "_", "." and "-")`);
  const key = parseKey(keyText);
  // tmux's message first (scripts and the side-by-side tests read it), what was wrong after it.
  if (key instanceof Error) throw new CommandError(`unknown key: ${keyText}\n${key.message}`);
  return { table, key };
}

export default defineCommand({
  name: 'bind-key',
  alias: ['bind'],
  help: 'Bind a key to a command',
  args: { flags: 'nr', options: 'TN', minArgs: 2, maxArgs: -1, names: { T: 'key-table', N: 'note' }, positional: 'key command [argument ...]' },
  run(ctx, a) {
    const { table, key } = tableAndKey(a, a.args[0]!);
    const rest = a.args.slice(1);
    // As tmux: an argument that is ";" (or ends in one) separates the bound commands (`bind r source-file x \; display hi`).
    const command = rest.length === 1 ? rest[0]! : quoteCommands(splitArgv(rest));
    const bad = ctx.runner.check(command, presentItems(ctx.server.options.get('command-alias')));
    if (bad) throw new CommandError(bad);
    ctx.server.keys.bind(table, key, { command, note: a.values.get('N'), repeat: a.flags.has('r') });
  },
});
