/*
 * synchronize-panes: which panes get a copy of what is typed into one, as tmux 3.3's
 * window_pane_key decides it. When the pane's synchronize-panes is on (a window option a
 * pane may set for itself), every other pane of its window that has it on too, is alive,
 * takes input (select-pane -d), is in no mode (copy mode, clock mode) and is visible (a zoomed window shows only its
 * active pane) gets the same keys, each encoded for its own program (cursor-key mode,
 * bracketed paste). Typed keys, a terminal's paste and send-keys are copied; mouse
 * events, focus reports and paste-buffer are not (tmux writes those to the one pane).
 */
import type { OptionStore } from '../config/option-values.js';
import type { Pane } from './pane.js';
import type { Window } from './window.js';

/** The other panes of `window` that get what is typed into `pane`; none when it is off (one lookup). */
export function synchronizedPanes(options: OptionStore, window: Window, pane: Pane): Pane[] {
  if (!options.get('synchronize-panes', { window, pane })) return [];
  const out: Pane[] = [];
  for (const p of window.panes.values()) {
    if (p === pane || !p.alive || p.inputOff || p.copyMode || p.clockMode) continue;
    if (window.zoomed && p.id !== window.active) continue;
    if (options.get('synchronize-panes', { window, pane: p })) out.push(p);
  }
  return out;
}
