/*
 * resize-window (resizew): give a window a size of its own, as tmux 3.3a does by setting
 * the window's window-size to manual: -x and -y set it, -L/-R/-U/-D take an adjustment
 * (1 by default) off or onto its width or height, -A and -a take the size of the largest
 * or smallest client showing its session (80x24, tmux's default-size, with none). From
 * then on the window keeps that size whatever size its clients are; each shows what fits
 * of it.
 */
import { defineCommand } from './types.js';
import { INT_MAX, numberArg } from './number-arg.js';

/** tmux's WINDOW_MINIMUM and WINDOW_MAXIMUM. */
const MIN = 1;
const MAX = 10000;

/** tmux's default-size, the size with no client to take one from. */
const DEFAULT_SIZE = { cols: 80, rows: 24 };

export default defineCommand({
  name: 'resize-window',
  alias: ['resizew'],
  help: 'Give a window a size of its own',
  args: { flags: 'aADLRU', options: 'txy', minArgs: 0, maxArgs: 1, names: { t: 'target-window', x: 'width', y: 'height' }, positional: '[adjustment]', target: { kind: 'window' } },
  run(ctx, a) {
    const { server } = ctx;
    const { session: s, window: w } = a.target!;
    let cols = w.cols;
    let rows = w.rows;
    const x = a.values.get('x');
    const y = a.values.get('y');
    // As tmux's: the adjustment is read first, then -x and -y.
    const adjust = a.args[0] === undefined ? 1 : numberArg(a.args[0], 1, INT_MAX, 'adjustment');
    if (x !== undefined) cols = numberArg(x, MIN, MAX, 'width');
    if (y !== undefined) rows = numberArg(y, MIN, MAX, 'height');
    if (a.flags.has('L')) cols = cols >= adjust ? cols - adjust : cols;
    else if (a.flags.has('R')) cols += adjust;
    else if (a.flags.has('U')) rows = rows >= adjust ? rows - adjust : rows;
    else if (a.flags.has('D')) rows += adjust;
    if (a.flags.has('A') || a.flags.has('a')) {
      const sizes = [...server.clients].filter((c) => c.session === s).map((c) => ({ cols: c.cols, rows: c.paneAreaRows() }));
      const pick = a.flags.has('A') ? Math.max : Math.min;
      cols = sizes.length ? pick(...sizes.map((z) => z.cols)) : DEFAULT_SIZE.cols;
      rows = sizes.length ? pick(...sizes.map((z) => z.rows)) : DEFAULT_SIZE.rows;
    }
    server.model.setManualSize(w, Math.min(MAX, Math.max(MIN, cols)), Math.min(MAX, Math.max(MIN, rows)));
  },
});
