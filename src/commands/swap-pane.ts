/*
 * swap-pane (swapp): exchange two panes' places, as tmux 3.3a's cmd-swap-pane.c — -t's
 * pane with -s's (the marked pane, else the current one; in another window too: each takes the other's place
 * there), or with the pane before (-U) or after (-D) it in its window. The pane -t named
 * becomes active where it went (the other in its window); -d keeps each window's active
 * place instead; -Z keeps a zoomed window zoomed.
 */
import { defineCommand } from './types.js';

export default defineCommand({
  name: 'swap-pane',
  alias: ['swapp'],
  help: 'Swap two panes',
  args: { flags: 'dDUZ', options: 'st', minArgs: 0, maxArgs: 0, names: { s: 'src-pane', t: 'dst-pane' }, target: { kind: 'pane' }, source: { kind: 'pane', defaultMarked: true } },
  run(ctx, a) {
    const dst = a.target!;
    let src = a.source!.pane;
    if (a.flags.has('D') || a.flags.has('U')) {
      const order = dst.window.orderedPanes();
      const i = order.indexOf(dst.pane);
      src = order[a.flags.has('U') ? (i - 1 + order.length) % order.length : (i + 1) % order.length]!;
    }
    ctx.server.model.swapPanes(src, dst.pane, { select: !a.flags.has('d'), keepZoom: a.flags.has('Z') });
  },
});
