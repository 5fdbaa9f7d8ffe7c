/*
 * display-panes (displayp): show each pane's index big over it (prefix q) until a key or
 * the delay (-d, else display-panes-time; 0 until a key); a digit (or a-z for 10-35)
 * runs the template (default `select-pane -t "%%%"`) with %% replaced by that pane's
 * id. -N: keys do not select. From the command line it waits until the overlay closes,
 * unless -b (overlay-wait.ts). The overlay is server/client/display-panes.ts.
 */
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';
import { DisplayPanes, DISPLAY_PANES_TEMPLATE } from '../server/client/display-panes.js';
import { openAndWait, overlayClient } from './overlay-wait.js';

export default defineCommand({
  name: 'display-panes',
  alias: ['displayp'],
  help: 'Show each pane\'s index; a digit selects that pane',
  args: { flags: 'bN', options: 'dt', minArgs: 0, maxArgs: 1, names: { d: 'duration', t: 'target-client' }, positional: '[template]' },
  async run(ctx, a) {
    const c = overlayClient(ctx, 'display-panes', a.values.get('t'));
    const d = a.values.get('d');
    let delay = ctx.server.options.get('display-panes-time', c.at) as number;
    if (d !== undefined) {
      if (!/^\d+$/.test(d) || Number(d) > 2 ** 32 - 1) throw new CommandError(`delay ${/^\d+$/.test(d) ? 'too large' : 'invalid'}`);
      delay = Number(d);
    }
    if (c.mode instanceof DisplayPanes) return; // one at a time, as tmux's overlay
    const view = new DisplayPanes(ctx.server, c, { delay, template: a.args[0] ?? DISPLAY_PANES_TEMPLATE, selects: !a.flags.has('N'), onClose: () => {} });
    await openAndWait(ctx, c, view, a.flags.has('b'));
  },
});
