/*
 * The default colours a pane is drawn in: window-style, or window-active-style for the
 * window's active pane where that sets a colour, looked up at the pane (both are pane
 * options), as tmux's tty_default_colours: a cell left in the default colour by its
 * program takes the style's. Only the colours count, as in tmux. Resolved once per full
 * compose, not per cell or frame (composed-screen.ts keeps them).
 */
import { defaultColours } from '../../config/styles.js';
import type { Pane } from '../pane.js';
import type { Server } from '../server.js';
import type { Session, Window } from '../window.js';
import { styleOf } from './window-list.js';

/** A pane's default foreground and background (-1: the terminal's). */
export interface PaneColours {
  fg: number;
  bg: number;
}

/** The default colours of `pane` in window `w` of session `s`. */
export function paneColours(server: Server, s: Session, w: Window, pane: Pane): PaneColours {
  const at = { session: s, window: w, pane };
  return defaultColours(styleOf(server, 'window-style', at), pane.id === w.active ? styleOf(server, 'window-active-style', at) : undefined);
}
