/*
 * last-pane (lastp): select the previously active pane of the window.
 */
import { defineCommand } from './types.js';
import selectPane from './select-pane.js';
import { runResolved } from './declared-targets.js';

export default defineCommand({
  name: 'last-pane',
  alias: ['lastp'],
  help: 'Select the previously active pane',
  args: { flags: '', options: 't', minArgs: 0, maxArgs: 0, names: { t: 'target-window' } },
  run(ctx, a) {
    const t = a.values.get('t');
    return runResolved(selectPane, ctx, { flags: new Set(['l']), values: new Map(t ? [['t', t]] : []), args: [] });
  },
});
