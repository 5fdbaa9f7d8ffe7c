/*
 * Running commands: looking a name up in the registry, parsing its flags against its
 * spec, and reporting errors the way tmux does (usage line, exit code 1). Command
 * strings (bindings, config, prompts) go through the command-string parser first; CLI
 * argv may hold several commands separated by a lone ";" argument, as with tmux. Names
 * in the `command-alias` option are expanded first, as tmux's parser does.
 */
import { parseArgs, UsageError } from './args.js';
import { CommandParseError, parseCommandString, splitArgv } from '../core/parse-command.js';
import { findCommand, commandNames, checkCommandString, COMMANDS } from './registry.js';
import type { CommandContext } from './types.js';
import type { Attaching, CommandRunner } from '../server/command-context.js';
import type { ReadInput } from '../server/client-stdin.js';
import { type Server } from '../server/server.js';
import { UserError } from '../core/errors.js';
import type { HelloMsg } from '../protocol/frames.js';
import { didYouMean } from '../config/suggest.js';
import { runResolved } from './declared-targets.js';
import { expandAlias } from '../core/command-alias.js';
import { runAfterHook } from './after-hooks.js';
import { printArgv, printCommands } from './print-commands.js';
import { clientName } from '../server/message-log.js';
import { presentItems } from '../config/option-values.js';

/** The `command-alias` items of `server`. */
export function commandAliases(server: Server): string[] {
  return presentItems(server.options.get('command-alias'));
}

export interface RunResult {
  code: number;
  attach?: Attaching;
}

/**
 * Run one argv (name first). Errors are written to ctx.err; returns false on failure. A
 * name in `command-alias` runs what it stands for (core/command-alias.ts), whose commands
 * are not looked up as aliases again (`alias` false).
 */
export async function runArgv(ctx: CommandContext, argv: string[], alias = true): Promise<boolean> {
  const [name, ...rest] = argv;
  if (!name) return true;
  if (alias) {
    let expanded: string[][] | null;
    try {
      expanded = expandAlias(commandAliases(ctx.server), argv);
    } catch (err) {
      if (!(err instanceof CommandParseError)) throw err;
      ctx.err(`alias ${name}: ${err.message}\n`);
      return false;
    }
    if (expanded) {
      for (const cmd of expanded) if (!(await runArgv(ctx, cmd, false))) return false;
      return true;
    }
  }
  const def = findCommand(name);
  if (!def) {
    ctx.err(`unknown command: ${name}${didYouMean(name, commandNames())}\n`);
    return false;
  }
  if (ctx.readOnly && !def.readOnly) {
    ctx.err('client is read-only\n');
    return false;
  }
  try {
    const parsed = parseArgs(def.args, rest);
    logCommand(ctx, argv);
    await runResolved(def, ctx, parsed);
    await runAfterHook(ctx, def, parsed);
    return true;
  } catch (err) {
    if (err instanceof UsageError) {
      ctx.err(`command ${def.name}: ${err.message}\nusage: ${def.name} ${def.usage}\n`);
      return false;
    }
    if (err instanceof UserError) {
      ctx.err(`${err.message}\n`);
      return false;
    }
    throw err;
  }
}

/**
 * The message log's line for a command (tmux's cmdq_add_message): the client's name, or
 * none for the server's own (hooks, the start-up configuration).
 */
function logCommand(ctx: CommandContext, argv: string[]): void {
  const who = ctx.client?.hello ?? ctx.caller;
  const text = printArgv(argv);
  ctx.server.messages.add(who.pid === process.pid && !ctx.client ? `command: ${text}` : `${clientName(who)} command: ${text}`);
}

/** Run a command string (from a binding, the config or a prompt). Stops at the first failure. */
export async function runCommandString(ctx: CommandContext, text: string): Promise<boolean> {
  let commands: string[][];
  try {
    commands = parseCommandString(text);
  } catch (err) {
    if (err instanceof CommandParseError) {
      ctx.err(`${err.message}\n`);
      return false;
    }
    throw err;
  }
  for (const argv of commands) if (!(await runArgv(ctx, argv))) return false;
  return true;
}

/** Run what a CLI invocation asked for. With no command: attach to the best session or start one. */
export async function runCommandLine(
  server: Server,
  argv: string[],
  io: { caller: HelloMsg; readOnly?: boolean; out(t: string): void; err(t: string): void; drained?(): Promise<void>; readInput?: ReadInput },
): Promise<RunResult> {
  const ctx: CommandContext = { server, caller: io.caller, out: io.out, err: io.err, runner: RUNNER, ...(io.drained ? { drained: io.drained } : {}), ...(io.readOnly ? { readOnly: true } : {}), ...(io.readInput ? { readInput: io.readInput } : {}) };
  const commands = argv.length ? splitArgv(argv) : [['new-session', '-A']];
  for (const cmd of commands) {
    if (!(await runArgv(ctx, cmd))) return { code: 1 };
  }
  return { code: 0, attach: ctx.attach };
}

/**
 * The dispatcher as connections and clients are given it (server/command-context.ts's
 * CommandRunner): server/main.ts hands it to the listener, and every command context
 * carries it, so commands that run or check other commands need not import this file.
 */
export const RUNNER: CommandRunner = {
  runLine: runCommandLine,
  runArgv,
  runString: runCommandString,
  check: (text, aliases) => checkCommandString(text, 'usage', aliases),
  checkTmux: (text) => checkCommandString(text, 'tmux'),
  fullName: (name) => findCommand(name)?.name,
  print: printCommands,
  list: () => COMMANDS,
};
