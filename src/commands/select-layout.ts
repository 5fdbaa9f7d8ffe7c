/*
 * select-layout (selectl): arrange a window's panes in one of tmux's preset layouts
 * (even-horizontal, even-vertical, main-horizontal, main-vertical, tiled).
 */
import { defineCommand } from './types.js';
import { PRESETS, presetLayout, listPanes, type Preset } from '../core/layout/layout.js';
import { CommandError } from '../core/errors.js';
import type { Window } from '../server/window.js';
import type { Server } from '../server/server.js';

/** Apply a preset to a window and remember it (next-layout cycles from there). */
export function applyPreset(server: Server, w: Window, preset: Preset): void {
  server.model.setLayout(w, presetLayout(listPanes(w.layout), preset, { cols: w.cols, rows: w.rows }), preset);
}

export default defineCommand({
  name: 'select-layout',
  alias: ['selectl'],
  help: 'Arrange panes in a preset layout',
  args: { flags: '', options: 't', minArgs: 0, maxArgs: 1, names: { t: 'target-window' }, positional: '[layout-name]', target: { kind: 'window' } },
  run(ctx, a) {
    const r = a.target!;
    const name = a.args[0] ?? r.window.preset ?? 'even-horizontal';
    if (!PRESETS.includes(name as Preset)) throw new CommandError(`unknown layout: ${name} (have: ${PRESETS.join(', ')})`);
    applyPreset(ctx.server, r.window, name as Preset);
  },
});
