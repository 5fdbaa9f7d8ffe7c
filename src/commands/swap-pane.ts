/*
 * swap-pane (swapp): exchange two panes' places in the layout — the active one with the
 * previous (-U) or next (-D) pane, or -s with -t. -d keeps the active pane where it is.
 */
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';

export default defineCommand({
  name: 'swap-pane',
  alias: ['swapp'],
  help: 'Swap two panes',
  args: { flags: 'dDU', options: 'st', minArgs: 0, maxArgs: 0, names: { s: 'src-pane', t: 'dst-pane' }, target: { kind: 'pane' }, source: { kind: 'pane' } },
  run(ctx, a) {
    const dst = a.target!;
    const w = dst.window;
    let src;
    if (a.values.has('s')) {
      src = a.source!.pane;
      if (ctx.server.model.windowOf(src) !== w) throw new CommandError('swap-pane: panes must be in the same window');
    } else {
      const order = w.orderedPanes();
      const i = order.indexOf(dst.pane);
      const j = a.flags.has('U') ? (i - 1 + order.length) % order.length : (i + 1) % order.length;
      src = order[j]!;
    }
    if (src === dst.pane) return;
    ctx.server.model.swapPanes(w, src.id, dst.pane.id, !a.flags.has('d'));
  },
});
