/*
 * What a command runs with: the server, who called it (a CLI's HELLO or an attached
 * client's user), where its output goes, and the dispatcher itself. Defined here, in the
 * server layer, so connections and clients can build one and hand it to the dispatcher
 * they were given (CommandRunner) without importing the command layer above them.
 */
import type { Server } from './server.js';
import type { AttachedClient } from './client/handle.js';
import type { HelloMsg } from '../protocol/frames.js';
import type { Session } from './window.js';
import type { Resolved } from './resolved.js';
import type { MouseTarget } from './mouse-target.js';
import type { ReadInput } from './client-stdin.js';

/** Who runs a command: the CLI process (its HELLO), or an attached client's user. */
export interface CommandContext {
  server: Server;
  caller: HelloMsg;
  /** The attached client a key binding or prompt came from. */
  client?: AttachedClient;
  /** The command comes from a read-only client (server-access -r, attach -r): only readOnly commands run. */
  readOnly?: boolean;
  /** The dispatcher: to run another command string, check one, or list the commands. */
  runner: CommandRunner;
  out(text: string): void;
  err(text: string): void;
  /**
   * Resolves once what was written so far has gone far enough that writing more will not
   * pile up in memory (a CLI socket: its send buffer drained). Commands that produce
   * large outputs await it between chunks; it also lets other clients' keys and frames in.
   */
  drained?(): Promise<void>;
  /**
   * The CLI's stdin (split-window -I, display-message -I: client-stdin.ts). Only a command
   * line from the CLI has one; a key binding, the prompt, a control client, a hook or the
   * config has none, as in tmux (window_pane_start_input).
   */
  readInput?: ReadInput;
  /** The current target a hook's commands run with (the event's session, window and pane). */
  current?: Resolved;
  /** The mouse event a mouse key's binding runs for (mouse-target.ts): `=` and `{mouse}`, send-keys -M, mouse_* formats. */
  mouse?: MouseTarget;
  /**
   * Set by attach-session/new-session: the CLI connection becomes a client of this
   * session; `announce` when it is an attach (client-attached runs, as tmux's
   * cmd_attach_session raises it and new-session does not).
   */
  attach?: Attaching;
}

/** A CLI connection about to become a client of `session`. */
export interface Attaching {
  session: Session;
  announce: boolean;
  /** attach-session -r: the client may only look. */
  readOnly?: boolean;
  /** attach-session -r or -f ignore-size: it does not size its windows. */
  ignoreSize?: boolean;
}

/**
 * The command dispatcher, given to the server by whoever starts it (server/main.ts passes
 * commands/run.ts's): connections run CLI command lines through it, clients run key
 * bindings and prompts. The server never imports the command layer itself.
 */
export interface CommandRunner {
  /** What a CLI invocation asked for (commands separated by lone ";" arguments). */
  runLine(
    server: Server,
    argv: string[],
    io: { caller: HelloMsg; readOnly?: boolean; out(t: string): void; err(t: string): void; drained?(): Promise<void>; readInput?: ReadInput },
  ): Promise<{ code: number; attach?: Attaching }>;
  /** One command (name first), its errors written to ctx.err; false when it failed. */
  runArgv(ctx: CommandContext, argv: string[]): Promise<boolean>;
  /** A command string (a binding, the `:` prompt); false when a command failed. */
  runString(ctx: CommandContext, text: string): Promise<boolean>;
  /** null if `text` is a valid command string (known commands or `aliases`, right flags), else why not. */
  check(text: string, aliases?: readonly string[]): string | null;
  /** The same check, its answer in tmux's parse-error words (`command split-window: unknown flag -Q`). */
  checkTmux(text: string): string | null;
  /** A valid command string as tmux prints it: full names, flags in tmux's order, arguments quoted as tmux quotes them. */
  print(text: string, escaped?: boolean): string;
  /** A command's full name from its name, alias or unambiguous prefix (undefined: no such command). */
  fullName(name: string): string | undefined;
  /** Every command, for list-commands. */
  list(): ReadonlyArray<{ name: string; alias?: readonly string[]; usage: string; help: string }>;
}
