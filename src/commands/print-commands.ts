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

/** One argv printed as tmux would; as it came (quoted) when it names no command or has bad flags. */
export function printArgv(argv: readonly string[]): string {
  const [name, ...rest] = argv;
  const def = name === undefined ? undefined : findCommand(name);
  if (!def) return quoteArgv([...argv]);
  try {
    const a = parseArgs(def.args, rest);
    const values = new Map<string, string[]>();
    for (const [k, v] of a.values) values.set(k, a.all?.get(k) ?? [v]);
    const printed = printArgs(a.flags, values, a.args);
    return printed ? `${def.name} ${printed}` : def.name;
  } catch (err) {
    if (err instanceof UsageError) return quoteArgv([...argv]);
    throw err;
  }
}

/**
 * A command string printed as tmux would (cmd_list_print): each command, joined by " ; "
 * within a group (one line) and " ;; " between groups; `escaped` (list-keys): " \\; " and
 * " \\;\\; ", so the line can be pasted back into a configuration file.
 */
export function printCommands(text: string, escaped = false): string {
  const [one, two] = escaped ? [' \\; ', ' \\;\\; '] : [' ; ', ' ;; '];
  const commands = parseCommandGroups(text);
  return commands.map((c, i) => printArgv(c.argv) + (i + 1 < commands.length ? (commands[i + 1]!.group === c.group ? one : two) : '')).join('');
}
