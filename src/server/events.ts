/*
 * The model's typed events. The model (model.ts) raises one for each change of its
 * sessions, windows and panes; everything that reacts — the client fan-out that marks
 * screens dirty (client/fanout.ts), persistence, Claude awareness, the spawn hooks —
 * subscribes, and the model knows none of them.
 *
 *   session-created   a session is in the model, with its first window
 *   session-renamed   a session's name changed
 *   session-closed    a session ended (its clients go elsewhere; the last one may end the server)
 *   window-created    a window is linked into a session (a new one, or linked into another
 *                     session too: link-window, move-window, a session group)
 *   window-changed    a window's layout, active pane, zoom, name, size or a pane's given title
 *   window-selected   a session's current window changed
 *   window-closed     a window was unlinked from a session (the session lives on; the
 *                     window too when another session holds it)
 *   window-flags      a window's status flags in a session (activity, bell, silence, Claude alert) changed
 *   window-alert      an alert (bell, activity, silence) was reported for a window of a
 *                     session, as tmux's alerts.c reports one: its alert-* hook runs
 *   pane-created      a pane's program started
 *   pane-output       a pane printed (raised for every read: subscribers must be cheap)
 *   pane-bell         a pane's program rang the bell (BEL)
 *   pane-data         the bytes of that read, as the program wrote them (control clients relay them)
 *   pane-display      what a pane shows changed without output (copy mode, its program's
 *                     title, a border title, the dead-pane message)
 *   pane-title        a pane's title was set (by its program, or select-pane -T)
 *   pane-clipboard    a pane's program sent OSC 52 (pane-clipboard.ts applies set-clipboard)
 *   pane-facts        facts about a pane a checkpoint holds changed (a Claude session id)
 *   pane-exited       a pane's program exited (the pane may stay, dead)
 *   pane-closed       a pane was closed and is gone from the model
 *   pane-marked       the marked pane was set or cleared (select-pane -m / -M)
 *   options-changed   options or key tables changed: everything is drawn again
 *   tick              the status clock ticked (the time, Claude wait times)
 *
 * CHECKPOINTED lists the events after which the checkpoint is out of date.
 *
 * ClientEvents are the server's, not the model's (server.ts raises them as clients come
 * and go): a client attached, detached (from `session`), resized its terminal, or
 * switched to another session. Hooks (hook-events.ts) subscribe to both.
 */
import type { Pane } from './pane.js';
import type { Session, Window, WindowFlag } from './window.js';
import type { ClientHandle } from './client/handle.js';

export type { WindowFlag } from './window.js';

/** The alerts tmux monitors (monitor-bell, monitor-activity, monitor-silence). */
export type AlertKind = 'bell' | 'activity' | 'silence';

export interface ModelEvents {
  'session-created': Session;
  'session-renamed': Session;
  'session-closed': Session;
  'window-created': { window: Window; session: Session };
  'window-changed': { window: Window; what: 'layout' | 'active' | 'zoom' | 'name' | 'title' | 'size' };
  'window-selected': { session: Session; window: Window };
  'window-closed': { window: Window; session: Session };
  'window-flags': { window: Window; session: Session };
  'window-alert': { session: Session; window: Window; kind: AlertKind };
  'pane-created': Pane;
  'pane-output': Pane;
  'pane-bell': Pane;
  'pane-data': { pane: Pane; data: Buffer };
  'pane-display': Pane;
  /** A pane's program sent OSC 52 (the clipboard); set-clipboard decides what it does (pane-clipboard.ts). */
  'pane-clipboard': { pane: Pane; data: string };
  /** A pane's title was set: by its program (OSC 0/2, ESC k…) or select-pane -T (the pane-title-changed hook). */
  'pane-title': Pane;
  /** A pane's program sent bytes for the terminals showing it (allow-passthrough). */
  'pane-passthrough': { pane: Pane; data: Buffer };
  'pane-facts': Pane;
  'pane-exited': Pane;
  'pane-closed': Pane;
  'pane-marked': undefined;
  'options-changed': undefined;
  tick: undefined;
}

export interface ClientEvents {
  'client-attached': ClientHandle;
  'client-detached': { client: ClientHandle; session: Session | null };
  'client-resized': ClientHandle;
  'client-session-changed': ClientHandle;
  /** A client pressed a key in a window another client used last: tmux's client-active. */
  'client-active': ClientHandle;
  /** A client's terminal reported focus in or out (its `focused` is the new state). */
  'client-focus': ClientHandle;
  /** The same, for what follows the focus to panes (pane-focus.ts): before 'client-focus' when it is out, after when in. */
  'client-focus-panes': ClientHandle;
  /** A pane gained or lost the focus (pane-focus.ts), as tmux's PANE_FOCUSED. */
  'pane-focus': { pane: Pane; focused: boolean };
  /** A pane's program set the clipboard and set-clipboard on took it (pane-clipboard.ts): the pane-set-clipboard hook. */
  'pane-set-clipboard': Pane;
}

/** The events after which what a checkpoint holds has changed. */
export const CHECKPOINTED = [
  'session-created',
  'session-renamed',
  'session-closed',
  'window-created',
  'window-changed',
  'window-selected',
  'window-closed',
  'pane-created',
  'pane-facts',
  'pane-closed',
] as const satisfies ReadonlyArray<keyof ModelEvents>;

type Handler<T> = (payload: T) => void;

/**
 * A typed event emitter: handlers run in the order they subscribed, synchronously. The
 * handler lists are replaced, never changed in place, when someone subscribes or leaves,
 * so emitting (pane-output: every read of every pane) iterates without copying.
 */
export class Emitter<E> {
  private readonly handlers = new Map<keyof E, ReadonlyArray<Handler<never>>>();

  /** Subscribe; returns the function that unsubscribes. */
  on<K extends keyof E>(type: K, handler: Handler<E[K]>): () => void {
    const h = handler as Handler<never>;
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), h]);
    return () => this.handlers.set(type, (this.handlers.get(type) ?? []).filter((x) => x !== h));
  }

  emit<K extends keyof E>(type: K, payload: E[K]): void {
    const list = this.handlers.get(type);
    if (list) for (const h of list) (h as Handler<E[K]>)(payload);
  }
}
