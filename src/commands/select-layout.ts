/*
 * select-layout (selectl): arrange a window's panes in one of tmux's preset layouts
 * (even-horizontal, even-vertical, main-horizontal, main-vertical, tiled), or as a tmux
 * layout string says (`#{window_layout}` of tmux or ccmux, checksum checked), as tmuxp
 * and resurrect-style scripts restore windows. As tmux 3.3a's cmd-select-layout.c: -n/-p
 * the next/previous preset (next-layout, previous-layout), -E spreads out evenly the panes
 * beside -t's pane (layout_spread_out), -o puts back the layout before the last
 * select-layout; with no name, the preset last applied again (nothing when none was).
 * Each of them unzooms the window first and keeps the layout it had for -o.
 */
import { defineCommand, type CommandContext } from './types.js';
import { PRESETS, presetLayout, listPanes, parseTmuxLayout, renamePanes, spreadOut, dumpTmuxLayout, LayoutError, type MainPaneOptions, type Preset } from '../core/layout/layout.js';
import { CommandError } from '../core/errors.js';
import type { Window } from '../server/window.js';
import type { Server } from '../server/server.js';
import type { Resolved } from '../server/targets.js';

/** Apply a preset to a window and remember it (next-layout cycles from there); the main-* presets read the window's main-pane-* and other-pane-* options. */
export function applyPreset(server: Server, w: Window, preset: Preset): void {
  const opt = (name: string) => server.options.get(name, { window: w }) as string;
  const main: MainPaneOptions = { mainWidth: opt('main-pane-width'), mainHeight: opt('main-pane-height'), otherWidth: opt('other-pane-width'), otherHeight: opt('other-pane-height') };
  server.model.setLayout(w, presetLayout(listPanes(w.layout), preset, { cols: w.cols, rows: w.rows }, main), preset);
}

/** What select-layout is asked for: a step through the presets, a spread, a name or layout string, the old layout. */
export type LayoutChoice = { step: 1 | -1 } | { spread: true } | { name?: string; old: boolean };

/**
 * select-layout, next-layout and previous-layout (one exec in tmux): the window unzoomed,
 * its layout kept for -o, then `choice` applied; on an error the kept layout is the one
 * kept before.
 */
export function selectLayout(ctx: CommandContext, r: Resolved, choice: LayoutChoice): void {
  const { server } = ctx;
  const w = r.window;
  server.model.setZoom(w, false);
  const old = w.oldLayout;
  server.model.rememberLayout(w, dumpTmuxLayout(w.layout, w.cols, w.rows));
  try {
    if ('step' in choice) {
      const i = w.preset ? PRESETS.indexOf(w.preset) : choice.step === 1 ? -1 : 0;
      applyPreset(server, w, PRESETS[(i + choice.step + PRESETS.length) % PRESETS.length]!);
      return;
    }
    if ('spread' in choice) {
      const spread = spreadOut(w.layout, r.pane.id, w.cols, w.rows, w.titleSide());
      if (spread) server.model.setLayout(w, spread);
      return;
    }
    const name = choice.name ?? (choice.old ? old : undefined);
    if (!choice.old) {
      const preset = (name ?? w.preset) as Preset | undefined;
      if (preset !== undefined && PRESETS.includes(preset)) {
        applyPreset(server, w, preset);
        return;
      }
    }
    if (name !== undefined) applyLayoutString(ctx, r, name);
  } catch (e) {
    server.model.rememberLayout(w, old);
    throw e;
  }
}

/** Place the window's panes as tmux layout string `text` says (layout_parse). */
function applyLayoutString(ctx: CommandContext, r: Resolved, text: string): void {
  // A layout string: tmux says "invalid layout: X" for anything that is not one (or a name).
  const panes = r.window.orderedPanes().map((p) => p.id);
  let parsed;
  try {
    parsed = parseTmuxLayout(text, panes.length);
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
}

export default defineCommand({
  name: 'select-layout',
  alias: ['selectl'],
  help: 'Arrange panes in a preset layout or as a tmux layout string says',
  args: { flags: 'Enop', options: 't', minArgs: 0, maxArgs: 1, names: { t: 'target-pane' }, positional: '[layout-name]', target: { kind: 'pane' } },
  run(ctx, a) {
    const choice: LayoutChoice = a.flags.has('n') ? { step: 1 } : a.flags.has('p') ? { step: -1 } : a.flags.has('E') ? { spread: true } : { name: a.args[0], old: a.flags.has('o') };
    selectLayout(ctx, a.target!, choice);
  },
});
