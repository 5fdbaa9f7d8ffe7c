/*
 * A command string printed as tmux prints it (cmd_list_print): each command's full name,
 * then its flags and arguments in tmux's order (print-command.ts), joined by " ; ". The
 * dispatcher offers it as CommandRunner.print, so set-hook keeps hooks as tmux shows
 * them without importing the registry it is listed in.
 */
import { parseArgs, UsageError } from './args.js';
import { findCommand } from './registry.js';
import { parseCommandGroups, quoteArgv } from '../core/parse-command.js';
import { printArgs } from './print-command.js';

/**
 * One argv printed as tmux would; as it came (quoted) when it names no command or has bad
 * flags. Arguments that were `{ }` groups (`groups`, by argv index) are printed as groups
 * of printed commands, as tmux prints a command-list argument.
 */
export function printArgv(argv: readonly string[], groups: ReadonlySet<number> = new Set()): string {
  const [name, ...rest] = argv;
  const def = name === undefined ? undefined : findCommand(name);
  if (!def) return quoteArgv([...argv]);
  try {
    const a = parseArgs(def.args, rest);
    const values = new Map<string, string[]>();
    for (const [k, v] of a.values) values.set(k, a.all?.get(k) ?? [v]);
    const first = argv.length - a.args.length; // the positional arguments are argv's last
    const blocks = new Map<number, string>();
    for (const g of groups) if (g >= first) blocks.set(g - first, `{ ${printCommands(argv[g]!)} }`);
    const printed = printArgs(a.flags, values, a.args, blocks);
    return printed ? `${def.name} ${printed}` : def.name;
  } catch (err) {
    if (err instanceof UsageError) return quoteArgv([...argv]);
    throw err;
  }
}

/**
 * A command string printed as tmux would (cmd_list_print): each command, joined by " ; "
 * within a group (one line) and " ;; " between groups; `escaped` (list-keys): " \\; " and
 * " \\;\\; ", so the line can be pasted back into a configuration file. A `{ … }` argument
 * is printed as a block of its own commands, unescaped, as tmux's args_print does.
 */
export function printCommands(text: string, escaped = false): string {
  const [one, two] = escaped ? [' \\; ', ' \\;\\; '] : [' ; ', ' ;; '];
  const commands = parseCommandGroups(text);
  return commands.map((c, i) => printCommand(c) + (i + 1 < commands.length ? (commands[i + 1]!.group === c.group ? one : two) : '')).join('');
}

function printCommand({ argv, blocks }: { argv: string[]; blocks: ReadonlySet<number> }): string {
  return printArgv(argv, blocks);
}
