/*
 * wait-for (and tmux's `wait` with -L/-S/-U or a channel): scripts synchronising through
 * the server, as with tmux — `wait-for NAME` blocks until `wait-for -S NAME` signals it,
 * `-L NAME` takes a lock and `-U NAME` gives it up. Only from the command line (a key
 * binding cannot block its client). The channels: server/wait-channels.ts.
 */
import { defineCommand, type CommandContext } from './types.js';
import { CommandError } from '../core/errors.js';
import { WaitChannels } from '../server/wait-channels.js';
import type { ParsedArgs } from './args.js';
import type { Server } from '../server/server.js';

const channelsOf = new WeakMap<Server, WaitChannels>();

export function waitChannels(server: Server): WaitChannels {
  let c = channelsOf.get(server);
  if (!c) channelsOf.set(server, (c = new WaitChannels()));
  return c;
}

/** Run wait-for's flags on `channel` (shared with `wait`, tmux's alias of it). */
export async function waitFor(ctx: CommandContext, a: ParsedArgs, channel: string): Promise<void> {
  const ch = waitChannels(ctx.server);
  // With several flags the first of -S, -L, -U counts, as in tmux.
  if (a.flags.has('S')) return ch.signal(channel);
  if (a.flags.has('L')) {
    if (ctx.client) throw new CommandError('not able to wait');
    return ch.lock(channel);
  }
  if (a.flags.has('U')) {
    if (!ch.unlock(channel)) throw new CommandError(`channel ${channel} not locked`);
    return;
  }
  if (ctx.client) throw new CommandError('not able to wait');
  return ch.wait(channel);
}

export default defineCommand({
  name: 'wait-for',
  help: 'Wait for a channel to be signalled (-S signals, -L locks, -U unlocks)',
  args: { flags: 'LSU', options: '', minArgs: 1, maxArgs: 1, positional: 'channel' },
  run(ctx, a) {
    return waitFor(ctx, a, a.args[0]!);
  },
});
