/*
 * Session groups (new-session -t): sessions that share one list of windows, each with
 * its own current and last window, as tmux's session_group. The group is named when it
 * is made — after the session it was made from, or the name new-session -t gave — and
 * keeps that name when its sessions are renamed; its sessions are in the order they
 * joined (session_group_list). A group lives while it has a session.
 *
 * This holds only who is in which group; keeping the members' windows the same is the
 * model's (model-moves.ts `synced`).
 */
import type { Session } from './window.js';

export interface SessionGroup {
  readonly name: string;
  readonly sessions: Session[];
}

export class SessionGroups {
  private readonly byName = new Map<string, SessionGroup>();
  private readonly bySession = new Map<Session, SessionGroup>();

  /** The group `s` is in, if any. */
  of(s: Session): SessionGroup | undefined {
    return this.bySession.get(s);
  }

  find(name: string): SessionGroup | undefined {
    return this.byName.get(name);
  }

  /** Every group, in the order they were made. */
  all(): SessionGroup[] {
    return [...this.byName.values()];
  }

  /** Put `s` in group `name` (made when there is none), last. */
  join(name: string, s: Session): SessionGroup {
    this.leave(s);
    let g = this.byName.get(name);
    if (!g) {
      g = { name, sessions: [] };
      this.byName.set(name, g);
    }
    g.sessions.push(s);
    this.bySession.set(s, g);
    return g;
  }

  /** Take `s` out of its group; a group left with no session is gone. */
  leave(s: Session): void {
    const g = this.bySession.get(s);
    if (!g) return;
    this.bySession.delete(s);
    g.sessions.splice(g.sessions.indexOf(s), 1);
    if (g.sessions.length === 0) this.byName.delete(g.name);
  }

  /** The other sessions of `s`'s group. */
  othersOf(s: Session): Session[] {
    return (this.bySession.get(s)?.sessions ?? []).filter((x) => x !== s);
  }
}
