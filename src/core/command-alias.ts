/*
 * Command aliases, as tmux's `command-alias` server option holds them: an array of
 * `name=command string` items. A command whose first word is exactly an alias's name
 * (the first such item wins) becomes the alias's commands, with the rest of its arguments
 * added to the last of them: `split-pane -h` → `split-window -h`; `sw=split-window -d ;
 * display after` runs both. An alias's own commands are not looked up as aliases again,
 * so aliases never recurse (tmux's CMD_PARSE_NOALIAS).
 */
import { parseCommandString } from './parse-command.js';

/** The command string `name` stands for, or undefined. */
export function findAlias(aliases: readonly string[], name: string): string | undefined {
  for (const item of aliases) {
    const eq = item.indexOf('=');
    if (eq >= 0 && item.slice(0, eq) === name) return item.slice(eq + 1);
  }
  return undefined;
}

/**
 * The commands `argv` stands for when its name is an alias, else null. An alias whose
 * text does not parse throws CommandParseError (its message says why), one with no
 * command runs nothing ([]).
 */
export function expandAlias(aliases: readonly string[], argv: readonly string[]): string[][] | null {
  const [name, ...rest] = argv;
  if (name === undefined) return null;
  const text = findAlias(aliases, name);
  if (text === undefined) return null;
  const commands = parseCommandString(text);
  if (commands.length === 0) return [];
  commands[commands.length - 1]!.push(...rest);
  return commands;
}
