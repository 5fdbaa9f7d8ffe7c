/*
 * A window's automatic name from an automatic-rename-format of the user's, as tmux's
 * names.c: the format expanded for the window and its active pane. ccmux's default format
 * (tmux's, with `claude` for a Claude pane) is drawn by Window.nameIn without expanding
 * anything; a format of the user's is expanded here, and its result kept for REUSE_MS as
 * a program's name is (reuse.ts: tmux re-checks names every 500 ms), so a frame does not
 * read /proc for every window.
 */
import { findOption } from '../config/options-table.js';
import { expandFor } from './format-vars.js';
import { OUTSIDE_FRAME, type Reuse } from './reuse.js';
import type { Server } from './server.js';
import type { Window } from './window.js';

/** ccmux's automatic-rename-format, which Window.nameIn draws natively. */
export const DEFAULT_RENAME_FORMAT = findOption('automatic-rename-format')!.default as string;

/** Give `server` the automatic names of windows whose automatic-rename-format is not the default. */
export function installWindowNames(server: Server): void {
  const cache = new WeakMap<Window, { format: string; pane: number; name: string; at: number }>();
  server.autoName = (w: Window, reuse: Reuse = OUTSIDE_FRAME) => {
    const format = String(server.options.get('automatic-rename-format', { window: w }));
    if (format === DEFAULT_RENAME_FORMAT) return undefined;
    const pane = w.activePane;
    const now = performance.now();
    const kept = cache.get(w);
    if (kept && kept.format === format && kept.pane === pane.id && reuse.reusable(kept.at, now)) {
      reuse.reused(kept.at);
      return kept.name;
    }
    // As tmux's format_window_name: the window and its pane, no session (so no #{window_index}).
    const name = expandFor(server, format, { window: w, pane });
    cache.set(w, { format, pane: pane.id, name, at: now });
    return name;
  };
}
