/*
 * select-layout (selectl): arrange a window's panes in one of tmux's preset layouts
 * (even-horizontal, even-vertical, main-horizontal, main-vertical, tiled), or as a tmux
 * layout string says (`#{window_layout}` of tmux or ccmux, checksum checked), as tmuxp
 * and resurrect-style scripts restore windows.
 */
import { defineCommand } from './types.js';
import { PRESETS, presetLayout, listPanes, parseTmuxLayout, renamePanes, LayoutError, type MainPaneOptions, type Preset } from '../core/layout/layout.js';
import { CommandError } from '../core/errors.js';
import type { Window } from '../server/window.js';
import type { Server } from '../server/server.js';

/** Apply a preset to a window and remember it (next-layout cycles from there); the main-* presets read the window's main-pane-* and other-pane-* options. */
export function applyPreset(server: Server, w: Window, preset: Preset): void {
  const opt = (name: string) => server.options.get(name, { window: w }) as string;
  const main: MainPaneOptions = { mainWidth: opt('main-pane-width'), mainHeight: opt('main-pane-height'), otherWidth: opt('other-pane-width'), otherHeight: opt('other-pane-height') };
  server.model.setLayout(w, presetLayout(listPanes(w.layout), preset, { cols: w.cols, rows: w.rows }, main), preset);
}

export default defineCommand({
  name: 'select-layout',
  alias: ['selectl'],
  help: 'Arrange panes in a preset layout or as a tmux layout string says',
  args: { flags: '', options: 't', minArgs: 0, maxArgs: 1, names: { t: 'target-window' }, positional: '[layout-name]', target: { kind: 'window' } },
  run(ctx, a) {
    const r = a.target!;
    const name = a.args[0] ?? r.window.preset ?? 'even-horizontal';
    if (PRESETS.includes(name as Preset)) {
      applyPreset(ctx.server, r.window, name as Preset);
      return;
    }
    // A layout string: tmux says "invalid layout: X" for anything that is not one (or a name).
    const panes = r.window.orderedPanes().map((p) => p.id);
    let parsed;
    try {
      parsed = parseTmuxLayout(name, panes.length);
    } catch (e) {
      if (e instanceof LayoutError) throw new CommandError(e.message);
      throw e;
    }
    const ids = new Map(panes.map((id, i) => [i, id]));
    // As tmux's layout_parse: the window takes the layout's size, then its clients size it
    // again (a detached session's window keeps it, as tmux-resurrect's restores expect).
    if (!r.window.manualSize) ctx.server.model.resizeWindow(r.window, parsed.cols, parsed.rows);
    ctx.server.model.setLayout(r.window, renamePanes(parsed.root, ids), undefined);
    ctx.server.resizeSession(r.session);
  },
});
