/*
 * The client a view opened by a command (choose-tree, choose-buffer, choose-client,
 * customize-mode, find-window) is drawn on: the client that ran the command, else the
 * most recently active client showing the target's window, else one attached to its
 * session. tmux makes such a view a mode of the pane, seen by whoever shows the pane;
 * ccmux draws it over a client's screen, so from a script it opens on a client showing it.
 */
import type { CommandContext } from './types.js';
import type { AttachedClient } from '../server/client/handle.js';
import type { Resolved } from '../server/resolved.js';

export function viewClient(ctx: CommandContext, target: Resolved | undefined): AttachedClient | undefined {
  if (ctx.client?.session) return ctx.client as AttachedClient;
  if (!target) return undefined;
  const drawn = [...ctx.server.clients].filter((x) => !x.control && x.session).sort((x, y) => y.activity - x.activity) as AttachedClient[];
  return drawn.find((x) => x.session!.current === target.window) ?? drawn.find((x) => x.session === target.session);
}
