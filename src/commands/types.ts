/*
 * What a command is: a declarative spec (name, aliases, flags, usage, help) plus a run
 * function, one per file in src/commands/. The same definitions serve key bindings,
 * ccmux.toml, the CLI and the socket: every path ends in runCommand().
 */
import type { ArgSpec, ParsedArgs } from './args.js';
import type { CommandContext } from '../server/command-context.js';

export type { CommandContext } from '../server/command-context.js';

export interface CommandDef {
  name: string;
  alias?: string[];
  /** Usage after the name, tmux style: "[-dh] [-t target-pane] [shell-command]". */
  usage: string;
  help: string;
  args: ArgSpec;
  run(ctx: CommandContext, a: ParsedArgs): void | Promise<void>;
}

/** Identity helper that gives a command file its types. */
export function defineCommand(def: CommandDef): CommandDef {
  return def;
}
