/*
 * select-pane (selectp): make a pane active — by target, or the neighbour in a direction
 * (-L -R -U -D, wrapping around as tmux does); -l the last active one; -T sets its title;
 * -d / -e turn its input off and on (what is typed, pasted or sent with send-keys is
 * dropped, #{pane_input_off}); -Z keeps the window zoomed; -m marks it (or unmarks it when it
 * is the marked pane already; a pane hidden by a zoom is not marked) and -M clears the
 * marked pane, as tmux's server_set_marked (marked-pane.ts). last-pane is -l with -d -e -Z.
 * after-select-pane runs only when the active pane changed (not for -l -m -M -d -e -T), as tmux.
 */
import { LIMITS, boundText } from '../core/limits.js';
import { defineCommand, type CommandContext } from './types.js';
import type { ParsedArgs } from './args.js';
import { neighbourPane } from '../core/layout/layout.js';
import { CommandError } from '../core/errors.js';
import type { Pane } from '../server/pane.js';
import type { Window } from '../server/window.js';

/** Make `target` the active pane of `w`; with `keepZoom` (-Z) a zoomed window stays zoomed (tmux's window_push_zoom/pop_zoom). */
function activate(ctx: CommandContext, w: Window, target: number, keepZoom: boolean): void {
  const zoomed = w.zoomed;
  ctx.server.model.selectPane(w, target);
  if (zoomed && keepZoom) ctx.server.model.setZoom(w, true);
}

/** -d / -e: the pane's input off or on; false when neither was asked. */
function setInput(ctx: CommandContext, p: Pane, a: ParsedArgs): boolean {
  if (a.flags.has('e')) ctx.server.model.setPaneInput(p, true);
  else if (a.flags.has('d')) ctx.server.model.setPaneInput(p, false);
  else return false;
  return true;
}

/**
 * select-pane -l and last-pane: the window's last active pane (with two panes and none
 * yet, the other one, as tmux) made active, or its input turned off (-d) or on (-e).
 */
export function selectLastPane(ctx: CommandContext, w: Window, a: ParsedArgs): void {
  let last = w.lastActive !== undefined ? w.panes.get(w.lastActive) : undefined;
  if (!last && w.panes.size === 2) last = w.orderedPanes().find((p) => p.id !== w.active);
  if (!last) throw new CommandError('no last pane');
  if (setInput(ctx, last, a)) return;
  activate(ctx, w, last.id, a.flags.has('Z'));
}

export default defineCommand({
  name: 'select-pane',
  alias: ['selectp'],
  help: 'Select a pane',
  args: { flags: 'DdeLlMmRUZ', options: 'tT', minArgs: 0, maxArgs: 0, names: { T: 'title', t: 'target-pane' }, target: { kind: 'pane' } },
  run(ctx, a) {
    const r = a.target!;
    const w = r.window;
    // As tmux's (no CMD_AFTERHOOK): after-select-pane runs only when the active pane changes.
    a.noAfterHook = true;
    if (a.flags.has('l')) return selectLastPane(ctx, w, a);
    if (a.flags.has('m') || a.flags.has('M')) {
      const { model } = ctx.server;
      // tmux's window_pane_visible: in a zoomed window only the active pane shows.
      if (a.flags.has('m') && w.zoomed && w.active !== r.pane.id) return;
      if (a.flags.has('M') || model.marked.is(r.session, w, r.pane)) model.markPane();
      else model.markPane(r.session, w, r.pane);
      return;
    }
    let target = r.pane;
    const dir = (['L', 'R', 'U', 'D'] as const).find((d) => a.flags.has(d));
    if (dir) {
      const cur = r.pane.term.buffer.active;
      const rect = w.rects().get(r.pane.id);
      const hint = rect ? { x: rect.x + cur.cursorX, y: rect.y + cur.cursorY } : undefined;
      const n = neighbourPane(w.layout, r.pane.id, dir, w.cols, w.rows, hint);
      const p = n === undefined ? undefined : w.panes.get(n);
      if (!p) return;
      target = p;
    }
    if (setInput(ctx, target, a)) return;
    if (a.values.has('T')) {
      ctx.server.model.setPaneTitle(target, boundText(a.values.get('T')!, LIMITS.title));
      return;
    }
    if (target.id === w.active) return;
    activate(ctx, w, target.id, a.flags.has('Z'));
    a.noAfterHook = false;
  },
});
