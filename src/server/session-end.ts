/*
 * What happens when sessions lose their clients or end, as tmux 3.3a's options say:
 *
 *   detach-on-destroy   a client whose session ends detaches (on), switches to the session
 *                       used longest ago (off), or to the one used longest ago no client is
 *                       attached to, detaching when there is none (no-detached), as tmux
 *                       3.3a's server_next_session and server_next_detached_session
 *   destroy-unattached  a session with no client attached ends (tmux's
 *                       server_check_unattached: every such session, checked when a client
 *                       detaches or switches away, and when options change)
 *   exit-unattached     the server stops when no client is attached, sessions or not
 *                       (checked then too)
 */
import type { Server } from './server.js';
import type { Session } from './window.js';

/** Where the clients of each ended session go, decided once for all of them (tmux's server_destroy_session). */
const after = new WeakMap<Session, Session | null>();

/** Where a client of ended session `s` goes: a session to switch to, or null to detach. */
export function sessionAfterEnd(server: Server, s: Session): Session | null {
  if (after.has(s)) return after.get(s)!;
  const mode = server.options.get('detach-on-destroy', { session: s });
  let next: Session | null = null;
  if (mode !== 'on') {
    const attached = new Set([...server.clients].map((c) => c.session));
    const candidates = server.model.sessions.filter((x) => x !== s && (mode === 'off' || !attached.has(x)));
    // tmux 3.3a's server_next_session takes the session used longest ago (its timercmp is
    // `<`), the first by name among equals.
    next = candidates.sort((a, b) => a.lastUsed - b.lastUsed || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))[0] ?? null;
  }
  after.set(s, next);
  return next;
}

/** Watch clients leave: sessions left unattached end (destroy-unattached), the server stops (exit-unattached). */
export function installUnattachedChecks(server: Server): void {
  const check = () => {
    const attached = new Set([...server.clients].map((c) => c.session).filter((s) => s));
    for (const s of [...server.model.sessions]) {
      if (!attached.has(s) && server.options.get('destroy-unattached', { session: s })) server.model.killSession(s);
    }
    if (attached.size === 0 && server.options.get('exit-unattached') && !server.isExiting) server.shutdown('no clients attached (exit-unattached)');
  };
  server.clientEvents.on('client-detached', check);
  server.clientEvents.on('client-session-changed', check);
  // Setting the options acts at once, as tmux's.
  server.model.events.on('options-changed', check);
}
