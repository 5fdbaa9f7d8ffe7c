/*
 * What a command is: a declarative spec (name, aliases, flags, usage, help) plus a run
 * function, one per file in src/commands/. The same definitions serve key bindings,
 * ccmux.toml, the CLI and the socket: every path ends in runCommand().
 */
import type { ArgSpec, ParsedArgs } from './args.js';
import type { Server } from '../server/server.js';
import type { Client } from '../server/client.js';
import type { HelloMsg } from '../protocol/frames.js';
import type { Session } from '../server/window.js';

/** Who runs a command: the CLI process (its HELLO), or an attached client's user. */
export interface CommandContext {
  server: Server;
  caller: HelloMsg;
  /** The attached client a key binding or prompt came from. */
  client?: Client;
  out(text: string): void;
  err(text: string): void;
  /**
   * Resolves once what was written so far has gone far enough that writing more will not
   * pile up in memory (a CLI socket: its send buffer drained). Commands that produce
   * large outputs await it between chunks; it also lets other clients' keys and frames in.
   */
  drained?(): Promise<void>;
  /** Set by attach-session/new-session: the CLI connection becomes a client of this session. */
  attach?: Session;
}

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
