/*
 * What a target names once resolved: a session, a window of it and a pane of that window.
 * A leaf of its own, so the command context (a hook's current target) and the target
 * resolver (targets.ts) both use it without importing each other.
 */
import type { Pane } from './pane.js';
import type { Session, Window } from './window.js';

export interface Resolved {
  session: Session;
  window: Window;
  pane: Pane;
}
