/*
 * last-pane (lastp): select the previously active pane of the window.
 */
import { defineCommand } from './types.js';
import selectPane from './select-pane.js';

export default defineCommand({
  name: 'last-pane',
  alias: ['lastp'],
  usage: '[-t target-window]',
  help: 'Select the previously active pane',
  args: { flags: '', options: 't', minArgs: 0, maxArgs: 0 },
  run(ctx, a) {
    const t = a.values.get('t');
    return selectPane.run(ctx, { flags: new Set(['l']), values: new Map(t ? [['t', t]] : []), args: [] });
  },
});
