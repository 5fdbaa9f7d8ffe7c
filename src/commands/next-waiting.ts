/*
 * next-waiting: jump to the Claude pane that has waited longest for you (needs-input),
 * in any window or session; with none waiting, to the longest-idle one (-i to only
 * consider idle panes). Bound to prefix N. Clears the window's alert flag.
 */
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';
import { awarenessOf } from '../claude/awareness.js';

export default defineCommand({
  name: 'next-waiting',
  help: 'Go to the Claude pane that has waited longest for input',
  args: { flags: 'i', options: '', minArgs: 0, maxArgs: 0 },
  run(ctx, a) {
    const { server } = ctx;
    const aw = awarenessOf(server);
    if (!aw) throw new CommandError('no Claude panes');
    const cur = ctx.client?.session?.current.activePane;
    let list = a.flags.has('i') ? [] : aw.waiting('needs-input');
    if (list.length === 0) list = aw.waiting('idle');
    // Do not stay where we are when another candidate exists.
    const target = list.find((p) => p !== cur) ?? list[0];
    if (!target) throw new CommandError('no Claude pane is waiting');
    const w = server.windowOf(target)!;
    const s = server.sessionOf(w)!;
    s.select(w);
    w.selectPane(target.id);
    w.flags.delete('alert');
    if (ctx.client && ctx.client.session !== s) ctx.client.switchTo(s);
    server.redrawSession(s);
  },
});
