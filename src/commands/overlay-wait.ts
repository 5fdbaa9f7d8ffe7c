/*
 * What display-panes, display-menu and display-popup share: the client they draw on
 * (the one a key binding came from, else the one showing the caller's session), and
 * waiting, from the command line, until the overlay they opened has closed — as tmux's
 * CMD_RETURN_WAIT. From a key binding they never wait: the keys that close the overlay
 * come through the same input queue the binding runs in.
 */
import { CommandError } from '../core/errors.js';
import { clientFor } from '../server/format-vars.js';
import { current, resolveClient } from '../server/targets.js';
import type { AttachedClient, ClientMode } from '../server/client/handle.js';
import type { CommandContext } from './types.js';

/** How often a waiting command looks whether its overlay is still open (a detach tells it nothing). */
const CHECK_MS = 100;

/** The client an overlay command draws on, or an error naming the command. */
export function overlayClient(ctx: CommandContext, name: string, named?: string): AttachedClient {
  // -c (-t of display-panes): that client, by its terminal or name, as tmux's target-client.
  const c = (named !== undefined ? resolveClient(ctx, named) : ctx.client ?? clientFor(ctx.server, undefined, current(ctx).session)) as AttachedClient | undefined;
  if (!c || !c.session || !('openMode' in c)) throw new CommandError(`${name}: no client to show it on`);
  return c;
}

/** Open `mode` on `c`; from the command line (and unless `background`), resolve when it has closed. */
export async function openAndWait(ctx: CommandContext, c: AttachedClient, mode: ClientMode, background: boolean): Promise<void> {
  c.openMode(mode);
  if (ctx.client || background) return;
  await new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (c.session === null || c.mode !== mode) {
        clearInterval(check);
        resolve();
      }
    }, CHECK_MS);
  });
}
