/*
 * What a command is: a declarative spec (name, aliases, flags, usage, help) plus a run
 * function, one per file in src/commands/. The same definitions serve key bindings,
 * ccmux.toml, the CLI and the socket: every path ends in runCommand().
 */
import { usageOf, type ArgSpec, type ParsedArgs } from './args.js';
import type { CommandContext } from '../server/command-context.js';

export type { CommandContext } from '../server/command-context.js';

export interface CommandDef {
  name: string;
  alias?: string[];
  /** Usage after the name, tmux style ("[-dh] [-t target-pane] [shell-command]"), made from args. */
  usage: string;
  help: string;
  args: ArgSpec;
  /** It may run for a read-only client (tmux's CMD_READONLY): it changes nothing others see. */
  readOnly?: boolean;
  run(ctx: CommandContext, a: ParsedArgs): void | Promise<void>;
}

/** A command's definition as its file writes it: the usage line is made from its flags. */
export type CommandSpec = Omit<CommandDef, 'usage'>;

/** Gives a command file its types, and the command its usage line (usageOf its args). */
export function defineCommand(spec: CommandSpec): CommandDef {
  return { ...spec, usage: usageOf(spec.args) };
}
