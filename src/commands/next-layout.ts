/*
 * next-layout (nextl): cycle the window through the preset layouts (prefix Space).
 */
import { defineCommand } from './types.js';
import { selectLayout } from './select-layout.js';

export default defineCommand({
  name: 'next-layout',
  alias: ['nextl'],
  help: 'Select the next preset layout',
  args: { flags: '', options: 't', minArgs: 0, maxArgs: 0, names: { t: 'target-window' }, target: { kind: 'window' } },
  run(ctx, a) {
    selectLayout(ctx, a.target!, { step: 1 });
  },
});
