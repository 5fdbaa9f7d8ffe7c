/*
 * The --claude and --profile flags that new-session, new-window and split-window share:
 * turning them into a prepared Claude pane request (claude/launch.ts does the work).
 */
import type { ParsedArgs } from './args.js';
import type { CommandContext } from './types.js';
import type { PaneRequest } from '../server/server.js';
import { CommandError } from '../core/errors.js';
import { prepareClaudeRequest, type ClaudeMark } from '../claude/launch.js';

/**
 * If the command asked for a Claude pane, prepare its isolated dir and rewrite `req` to
 * start claude in it. Returns the callback that marks the new Pane as a Claude pane, or
 * undefined for an ordinary pane.
 */
export async function claudePaneOptions(ctx: CommandContext, a: ParsedArgs, req: PaneRequest): Promise<ClaudeMark | undefined> {
  if (!a.flags.has('claude')) {
    if (a.values.has('profile')) throw new CommandError('--profile needs --claude');
    return undefined;
  }
  return prepareClaudeRequest(ctx.server, req, { profile: a.values.get('profile'), extraArgs: a.args });
}
