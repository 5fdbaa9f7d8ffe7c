/*
 * The model's typed events. The server raises them as its sessions, windows and panes
 * change; what runs beside the model — persistence, Claude awareness, the Claude pane
 * launcher — subscribes instead of being called, and the model knows none of them.
 *
 *   changed         something a checkpoint holds changed (sessions, windows, layouts,
 *                   names, the current window, a Claude pane's session id)
 *   window-selected a session's current window changed
 *   pane-output     a pane printed (raised for every read: subscribers must be cheap)
 *   pane-exited     a pane's program exited (the pane may stay, dead)
 *   pane-closed     a pane was closed and is gone from the model
 */
import type { Pane } from './pane.js';
import type { Session, Window } from './window.js';

export interface ModelEvents {
  changed: undefined;
  'window-selected': { session: Session; window: Window };
  'pane-output': Pane;
  'pane-exited': Pane;
  'pane-closed': Pane;
}

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
