/*
 * A control client's format subscriptions (refresh-client -B, tmux's control_sub): a
 * format expanded for the session, a pane or window, or every pane or window of the
 * session, once a second (tmux's timer), and `%subscription-changed` sent for each value
 * that differs from the one last sent for the same pane or window at the same index.
 */
import { notify, type SubscriptionTarget } from '../../protocol/control-lines.js';
import type { Server } from '../server.js';
import type { Session, Window } from '../window.js';
import type { Pane } from '../pane.js';
import type { ClientHandle } from '../client/handle.js';
import { expandFor } from '../format-vars.js';

/** How often subscriptions are checked (tmux: one second). */
export const CHECK_MS = 1000;
/** Subscriptions one client may hold (each costs a format expansion per pane per second). */
export const MAX_SUBSCRIPTIONS = 256;

interface Subscription {
  target: SubscriptionTarget;
  format: string;
  /** The value last sent, by `${window or pane id}:${window index}` ('' for the session). */
  last: Map<string, string>;
}

export class Subscriptions {
  private readonly subs = new Map<string, Subscription>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly server: Server,
    private readonly client: ClientHandle,
    private readonly write: (line: string) => void,
  ) {}

  /** Add (or replace) a subscription; the first check is a second later, as tmux. */
  add(name: string, target: SubscriptionTarget, format: string): boolean {
    if (!this.subs.has(name) && this.subs.size >= MAX_SUBSCRIPTIONS) return false;
    this.subs.set(name, { target, format, last: new Map() });
    this.timer ??= setInterval(() => this.check(), CHECK_MS);
    return true;
  }

  remove(name: string): void {
    this.subs.delete(name);
    if (this.subs.size === 0) this.dispose();
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Expand every subscription and send what changed (the timer calls it; tests too). */
  check(): void {
    const s = this.client.session;
    if (!s) return;
    for (const [name, sub] of [...this.subs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const t = sub.target;
      if (t.kind === 'session') this.send(name, sub, '', s, undefined, undefined);
      else if (t.kind === 'all-windows') for (const w of s.sorted()) this.send(name, sub, `@${w.id}:${s.indexOf(w)}`, s, w, undefined);
      else if (t.kind === 'all-panes') for (const w of s.sorted()) for (const p of w.orderedPanes()) this.send(name, sub, `%${p.id}:${s.indexOf(w)}`, s, w, p);
      else if (t.kind === 'window') {
        const w = s.windows.find((x) => x.id === t.id);
        if (w) this.send(name, sub, `@${w.id}:${s.indexOf(w)}`, s, w, undefined);
      } else if (t.kind === 'pane') {
        const p = this.server.model.panes.get(t.id);
        const w = p && this.server.model.windowOf(p);
        if (p && w && s.windows.includes(w) && p.alive) this.send(name, sub, `%${p.id}:${s.indexOf(w)}`, s, w, p);
      }
    }
  }

  private send(name: string, sub: Subscription, key: string, s: Session, w: Window | undefined, p: Pane | undefined): void {
    const win = w ?? s.current;
    const value = expandFor(this.server, sub.format, { session: s, window: win, pane: p ?? win.activePane, client: this.client }, true);
    if (sub.last.get(key) === value) return;
    sub.last.set(key, value);
    this.write(notify.subscriptionChanged(name, s.id, w ? `@${w.id}` : '-', w ? String(s.indexOf(w)) : '-', p ? `%${p.id}` : '-', value));
  }
}
