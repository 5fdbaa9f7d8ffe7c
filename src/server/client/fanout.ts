/*
 * From the model's events to the attached clients' screens: which clients must draw
 * again (everything, or only their status line) after each change. The only place the
 * server marks clients dirty for a change of the model; each client coalesces its own
 * renders (client.ts).
 *
 *   pane output             → clients showing its window (they pace their own frames)
 *   window changed, a pane's display → clients showing the window; the status line of
 *                             the session's other clients (window names, flags)
 *   window created/closed/selected/flags, session renamed → the session's clients
 *   session closed          → its clients switch to another session or detach
 *   options changed, tick, the marked pane set or cleared → every client
 *   a pane's passthrough    → the terminals of clients on which the pane is visible, as it
 *                             is (tmux's screen_write_rawstring)
 */
import type { Model } from '../model.js';
import type { Session, Window } from '../window.js';
import type { ClientHandle } from './handle.js';

export function installClientFanout(model: Model, clients: ReadonlySet<ClientHandle>): void {
  const session = (s: Session | undefined) => {
    if (s) for (const c of clients) if (c.session === s) c.redraw();
  };
  const window = (w: Window) => {
    for (const c of clients) {
      if (c.session?.current === w) c.redraw();
      else if (c.session?.windows.includes(w)) c.redrawStatus();
    }
  };
  const all = () => {
    for (const c of clients) c.redraw();
  };
  const ev = model.events;
  ev.on('pane-output', (p) => {
    const w = model.windowOf(p);
    if (w) for (const c of clients) if (c.session && c.session.current === w) c.paneOutput(p);
  });
  ev.on('pane-passthrough', ({ pane: p, data }) => {
    const w = model.windowOf(p);
    if (!w || (w.zoomed && w.active !== p.id)) return;
    for (const c of clients) if (c.session && c.session.current === w) c.sendRaw(data.toString('utf8'), true);
  });
  ev.on('pane-display', (p) => {
    const w = model.windowOf(p);
    if (w) window(w);
  });
  ev.on('window-changed', ({ window: w }) => window(w));
  ev.on('window-created', ({ session: s }) => session(s));
  ev.on('window-flags', ({ session: s }) => session(s));
  ev.on('window-selected', ({ session: s }) => session(s));
  // A session ending tells its windows' unlinking after its end (session-closed moved its clients on).
  ev.on('window-closed', ({ session: s }) => {
    if (model.sessions.includes(s)) session(s);
  });
  ev.on('session-renamed', (s) => session(s));
  ev.on('session-closed', (s) => {
    for (const c of [...clients]) if (c.session === s) c.sessionDestroyed();
  });
  ev.on('options-changed', all);
  ev.on('pane-marked', all);
  ev.on('tick', all);
}
