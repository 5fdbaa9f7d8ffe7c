/*
 * The size of a window from the clients showing it, as tmux 3.3a's window-size and
 * aggressive-resize decide it (resize.c, clients_calculate_size). Pure: the clients come
 * in as plain sizes with their session.
 *
 *   largest   the largest client whose session holds the window
 *   smallest  the smallest such client
 *   latest    the client that used the window last, when more than one shows it;
 *             otherwise as smallest
 *   manual    not sized by clients: the size it was made at (resize-window gives a
 *             window a size of its own, which no option changes)
 *
 * With aggressive-resize only the clients whose session has the window current count.
 * No client counting: no size (the window keeps the one it has). As tmux's
 * server_client_check_window_resize, a window is resized only while it is the current
 * window of a session a client shows (`shown`): a window in the background keeps its
 * size until it is selected.
 */
import type { Session, Window } from './window.js';

export type WindowSizeMode = 'largest' | 'smallest' | 'latest' | 'manual';

/** A client as sizing sees it: the area its panes get (its rows less the status line). */
export interface SizingClient {
  cols: number;
  rows: number;
  session: Session;
}

export function windowSizeFor(
  w: Window,
  clients: readonly SizingClient[],
  o: { mode: WindowSizeMode; aggressive: boolean; latest?: SizingClient },
): { cols: number; rows: number } | undefined {
  if (o.mode === 'manual') return w.createdSize;
  const showing = clients.filter((c) => (o.aggressive ? c.session.current === w : c.session.windows.includes(w)));
  let counted = showing;
  if (o.mode === 'latest' && showing.length > 1 && o.latest && showing.includes(o.latest)) counted = [o.latest];
  else if (o.mode === 'latest' && showing.length > 1) counted = [];
  if (counted.length === 0) return undefined;
  const pick = o.mode === 'largest' ? Math.max : Math.min;
  return { cols: pick(...counted.map((c) => c.cols)), rows: pick(...counted.map((c) => c.rows)) };
}

/** Is `w` the current window of a session one of `clients` shows? (only then is it resized) */
export function shown(w: Window, clients: readonly SizingClient[]): boolean {
  return clients.some((c) => c.session.current === w);
}

/** default-size's value, "COLSxROWS" (the options table checks its form), each at least 1. */
export function parseDefaultSize(v: unknown): { cols: number; rows: number } {
  const m = /^(\d+)x(\d+)$/.exec(String(v));
  if (!m) return { cols: 80, rows: 24 };
  return { cols: Math.max(1, Math.min(10000, Number(m[1]))), rows: Math.max(1, Math.min(10000, Number(m[2]))) };
}
