/*
 * next-layout (nextl): cycle the window through the preset layouts (prefix Space).
 */
import { defineCommand } from './types.js';
import { PRESETS } from '../core/layout/layout.js';
import { applyPreset } from './select-layout.js';

export default defineCommand({
  name: 'next-layout',
  alias: ['nextl'],
  help: 'Select the next preset layout',
  args: { flags: '', options: 't', minArgs: 0, maxArgs: 0, names: { t: 'target-window' }, target: { kind: 'window' } },
  run(ctx, a) {
    const w = a.target!.window;
    const i = w.preset ? PRESETS.indexOf(w.preset) : -1;
    applyPreset(ctx.server, w, PRESETS[(i + 1) % PRESETS.length]!);
  },
});
