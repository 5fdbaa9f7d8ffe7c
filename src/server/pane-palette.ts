/*
 * pane-colours (a window or pane option, a colour array as tmux's): entry N is the colour
 * a pane's cells in palette colour N are drawn in, as tmux's colour_palette_from_option.
 * Each pane's canvas is given its palette (render/pane-canvas.ts applies it as rows are
 * painted) when options change and when panes are placed in a window — never looked up
 * per frame. Copy mode's view of the history is drawn without it.
 */
import { parseColour, StyleError } from '../config/option-values.js';
import { NO_ENTRY } from '../render/pane-canvas.js';
import type { Pane } from './pane.js';
import type { Server } from './server.js';
import type { Window } from './window.js';

/** The palette of an option value: 256 entries, NO_ENTRY where it has no item; null when it has none. */
export function paletteOf(items: unknown): Int32Array | null {
  if (!Array.isArray(items) || !items.some((x) => typeof x === 'string')) return null;
  const palette = new Int32Array(256).fill(NO_ENTRY);
  items.slice(0, 256).forEach((item, n) => {
    if (typeof item !== 'string') return;
    try {
      palette[n] = parseColour(item);
    } catch (err) {
      if (!(err instanceof StyleError)) throw err;
    }
  });
  return palette;
}

/** Keep every pane's palette as its pane-colours say. */
export function installPanePalettes(server: Server): void {
  const apply = (p: Pane, w: Window | undefined) => p.canvas.setPalette(paletteOf(server.options.get('pane-colours', { pane: p, window: w })));
  const applyWindow = (w: Window) => {
    for (const p of w.panes.values()) apply(p, w);
  };
  const ev = server.model.events;
  ev.on('options-changed', () => {
    for (const p of server.model.panes.values()) apply(p, server.model.windowOf(p));
  });
  ev.on('window-created', ({ window }) => applyWindow(window));
  ev.on('window-changed', ({ window, what }) => {
    if (what === 'layout') applyWindow(window);
  });
}
