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
    const w = server.model.windowOf(target)!;
    const s = server.model.sessionOf(w, ctx.client?.session ?? undefined)!;
    server.model.selectWindow(s, w);
    server.model.selectPane(w, target.id);
    server.model.setWindowFlag(w, 'alert', false);
    if (ctx.client && ctx.client.session !== s) ctx.client.switchTo(s);
  },
});
