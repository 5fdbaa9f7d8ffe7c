/*
 * lock-after-time for one attached client: lock its session (every client of it runs
 * lock-command) once none of them has had a key for that many seconds. When it is due it
 * looks at their last keys and sets itself again if one came since. Set at attach, a
 * resume and an options change; nothing is scheduled while the option is 0.
 */
import type { OptionLayers } from '../../config/local-options.js';
import type { Server } from '../server.js';
import type { Session } from '../window.js';

/** What the timer needs of the client it locks. */
export interface LockOwner {
  readonly server: Server;
  readonly session: Session | null;
  readonly at: OptionLayers;
  readonly isGone: boolean;
}

export class LockTimer {
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly owner: LockOwner) {}

  /** (Re)start the countdown from the session's clients' last keys. */
  schedule(): void {
    this.stop();
    const { server } = this.owner;
    const secs = server.options.get('lock-after-time', this.owner.at) as number;
    if (!secs || this.owner.isGone || !this.owner.session) return;
    const ofSession = () => [...server.clients].filter((c) => c.session === this.owner.session);
    const idleFor = () => Date.now() - Math.max(...ofSession().map((c) => c.activity));
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.owner.isGone || !this.owner.session) return;
      if (idleFor() < secs * 1000) return this.schedule();
      const command = server.options.get('lock-command', this.owner.at) as string;
      for (const c of ofSession()) c.suspend(command);
    }, Math.max(0, secs * 1000 - idleFor()));
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
