/*
 * Keeping the checkpoint current. Every change that matters (split, close, rename, a
 * Claude session id learned, a cwd reported by the shell) calls schedule(); writes are
 * coalesced so a burst of changes is one write (COALESCE_MS). Pane output alone only
 * refreshes the checkpoint rarely (CWD_REFRESH_MS), to pick up `cd`s the shell did not
 * report; an idle server never writes. kill-server writes a final checkpoint marked
 * clean; any other end (a crash, SIGTERM at shutdown) leaves it marked unclean, which is
 * what makes the next start restore automatically.
 */
import type { Server } from '../server/server.js';
import { CHECKPOINTED } from '../server/events.js';
import { VERSION } from '../core/version.js';
import { CheckpointStore } from './store.js';
import { snapshotServer } from './snapshot.js';

/** A burst of changes (a script splitting ten panes) becomes one write. */
const COALESCE_MS = 100;
/** Output alone refreshes cwds in the checkpoint at most this often. */
const CWD_REFRESH_MS = 5000;

export class Persistence {
  private timer: NodeJS.Timeout | null = null;
  private lastWrite = 0;
  private dueAt = 0;
  /** Set when the checkpoint belongs to a newer ccmux: never written over. */
  disabled = false;
  /** Why the last write failed (shown by doctor); undefined after a good write. */
  lastError: string | undefined;

  constructor(
    readonly server: Server,
    readonly store: CheckpointStore,
  ) {
    for (const ev of CHECKPOINTED) server.model.events.on(ev, () => this.schedule(COALESCE_MS));
    // Output after a recent write (a `cd` just after a split) must still be picked up:
    // schedule for CWD_REFRESH_MS after the last write, not only when that is long past.
    server.model.events.on('pane-output', () => {
      if (!this.timer) this.schedule(Math.max(COALESCE_MS, this.lastWrite + CWD_REFRESH_MS - Date.now()));
    });
  }

  /** Write within `ms` (sooner if a write is already due sooner). */
  schedule(ms: number): void {
    if (this.disabled || this.server.isExiting) return;
    if (this.timer) {
      if (this.dueAt <= Date.now() + ms) return;
      clearTimeout(this.timer);
    }
    this.dueAt = Date.now() + ms;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.write(false);
    }, ms);
    this.timer.unref();
  }

  /** Write now (synchronously: also used on the way out). */
  write(clean: boolean): void {
    if (this.disabled) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    try {
      this.store.write(snapshotServer(this.server), VERSION, clean);
      this.lastWrite = Date.now();
      this.lastError = undefined;
    } catch (err) {
      // Logged once per cause, not on every write while it lasts.
      const why = (err as Error).message;
      if (why !== this.lastError) this.server.log.error({ err }, 'checkpoint write failed');
      this.lastError = why;
    }
  }
}
