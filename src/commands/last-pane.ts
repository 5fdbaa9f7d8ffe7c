/*
 * last-pane (lastp): select the previously active pane of the window (-Z keeping it
 * zoomed), or turn that pane's input off (-d) or on (-e): select-pane -l.
 */
import { defineCommand } from './types.js';
import { selectLastPane } from './select-pane.js';

export default defineCommand({
  name: 'last-pane',
  alias: ['lastp'],
  help: 'Select the previously active pane',
  args: { flags: 'deZ', options: 't', minArgs: 0, maxArgs: 0, names: { t: 'target-window' }, target: { kind: 'window' } },
  run(ctx, a) {
    selectLastPane(ctx, a.target!.window, a);
  },
});
