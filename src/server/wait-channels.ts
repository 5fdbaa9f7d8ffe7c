/*
 * The channels of wait-for, as tmux has them: a script waits on a name until another
 * signals it (a signal with nobody waiting is kept for the next waiter, once), and a
 * channel can be held as a lock, the next locker waiting its turn. Ephemeral: not part
 * of the model or the checkpoint; a server's channels go with it.
 */

interface Channel {
  waiters: Array<() => void>;
  /** Signalled while nobody waited: the next wait returns at once. */
  woken: boolean;
  locked: boolean;
  lockers: Array<() => void>;
}

export class WaitChannels {
  private readonly channels = new Map<string, Channel>();

  private get(name: string): Channel {
    let c = this.channels.get(name);
    if (!c) this.channels.set(name, (c = { waiters: [], woken: false, locked: false, lockers: [] }));
    return c;
  }

  /** Forget a channel nobody uses any more. */
  private tidy(name: string): void {
    const c = this.channels.get(name);
    if (c && !c.woken && !c.locked && c.waiters.length === 0 && c.lockers.length === 0) this.channels.delete(name);
  }

  /** Resolves when `name` is signalled (at once if it was, with nobody waiting, since). */
  wait(name: string): Promise<void> {
    const c = this.get(name);
    if (c.woken) {
      c.woken = false;
      this.tidy(name);
      return Promise.resolve();
    }
    return new Promise((resolve) => c.waiters.push(resolve));
  }

  /** Wake every waiter of `name`; with none, the next wait returns at once. */
  signal(name: string): void {
    const c = this.get(name);
    if (c.waiters.length === 0) {
      c.woken = true;
      return;
    }
    for (const w of c.waiters.splice(0)) w();
    this.tidy(name);
  }

  /** Resolves when the caller holds `name`'s lock. */
  lock(name: string): Promise<void> {
    const c = this.get(name);
    if (!c.locked) {
      c.locked = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => c.lockers.push(resolve));
  }

  /** Give `name`'s lock to the next in line, or free it; false when it was not locked. */
  unlock(name: string): boolean {
    const c = this.channels.get(name);
    if (!c?.locked) return false;
    const next = c.lockers.shift();
    if (next) next();
    else c.locked = false;
    this.tidy(name);
    return true;
  }

  /** How many channels are in use (for tests). */
  get size(): number {
    return this.channels.size;
  }
}
