/*
 * The model's events as one control client's notifications (tmux's control-notify.c).
 *
 * tmux queues a notification when something changes and formats it when it is sent —
 * after the command that caused it has printed its %end — so it says how things are
 * then: a window killed is no longer in the session (`%unlinked-window-close`), the
 * window a new session made is in the client's session once it attached to it
 * (`%window-add`). This does the same: each event queues a thunk, and the thunks run
 * when the client's command is over (or on the next microtask, for changes made by
 * others). What the model reports coarsely (a window's layout, active pane or name
 * changed) is compared with what this client was last told, so it hears of each real
 * change once:
 *
 *   window-created          %window-add / %unlinked-window-add @w
 *   window-closed           %window-close / %unlinked-window-close @w
 *   window-changed          %window-renamed (name), %window-pane-changed (active pane),
 *                           %layout-change (layout or visible layout, for its session's windows)
 *   window-selected         %session-window-changed $s @w
 *   session-created/closed  %sessions-changed
 *   session-renamed         %session-renamed $s name
 *   pane-display            %pane-mode-changed %p (copy or clock mode entered or left)
 *   a client's session      %session-changed (this client), %client-session-changed (another)
 *   a client detached       %client-detached name
 *
 * A window's automatic name (its active pane's program) changes with no event: ccmux
 * reads it when it is shown. So its windows' names are looked at every NAME_CHECK_MS, as
 * tmux's automatic-rename timer does, and a change is a %window-renamed.
 */
import { clientName as helloName } from '../message-log.js';
import { notify } from '../../protocol/control-lines.js';
import { dumpTmuxLayout } from '../../core/layout/layout.js';
import type { Server } from '../server.js';
import type { Session, Window } from '../window.js';
import type { ClientHandle } from '../client/handle.js';
import { windowFlags } from '../format-vars.js';

/** What the notifier needs of its client. */
export interface NotifiedClient {
  readonly session: Session | null;
  /** While true (its own command runs), notifications wait for flush(). */
  readonly holding: boolean;
}

/** How often automatic window names are looked at (tmux checks them every 500 ms). */
export const NAME_CHECK_MS = 500;

interface Told {
  name: string;
  active: number;
  layout: string;
}

export class ControlNotifier {
  private pending: Array<() => void> = [];
  private scheduled = false;
  /** What this client was last told of each window (a WeakMap: a killed session's windows go unannounced). */
  private readonly told = new WeakMap<Window, Told>();
  private readonly inMode = new Map<number, string>();
  /** Sessions whose creation was reported: a new session's first window is not a window change (tmux). */
  private readonly announced = new WeakSet<Session>();
  private readonly off: Array<() => void> = [];
  private readonly nameTimer: NodeJS.Timeout;

  constructor(
    private readonly server: Server,
    private readonly client: NotifiedClient,
    private readonly write: (line: string) => void,
  ) {
    const ev = server.model.events;
    const model = server.model;
    this.nameTimer = setInterval(() => this.checkNames(), NAME_CHECK_MS);
    this.nameTimer.unref();
    for (const s of model.sessions) {
      this.announced.add(s);
      for (const w of s.windows) this.told.set(w, this.stateOf(w));
    }
    this.off.push(
      ev.on('window-created', ({ window: w }) => {
        if (!this.told.has(w)) this.told.set(w, this.stateOf(w));
        this.queue(() => this.write(notify.windowAdd(w.id, this.inMine(w))));
      }),
      ev.on('window-closed', ({ window: w }) =>
        this.queue(() => {
          this.told.delete(w);
          // A client whose session ended is on its way out: tmux tells it nothing more.
          const s = this.client.session;
          if (s && this.server.model.sessions.includes(s)) this.write(notify.windowClose(w.id, this.inMine(w)));
        }),
      ),
      ev.on('window-changed', ({ window: w }) => this.queue(() => this.windowChanged(w))),
      ev.on('window-selected', ({ session: s }) => {
        if (this.announced.has(s)) this.queue(() => this.write(notify.sessionWindowChanged(s.id, s.current.id)));
      }),
      ev.on('session-created', (s) => {
        this.announced.add(s);
        this.queue(() => this.write(notify.sessionsChanged()));
      }),
      ev.on('session-closed', () => this.queue(() => this.write(notify.sessionsChanged()))),
      ev.on('session-renamed', (s) => this.queue(() => this.write(notify.sessionRenamed(s.id, s.name)))),
      ev.on('pane-display', (p) =>
        this.queue(() => {
          const mode = p.modeName;
          if ((this.inMode.get(p.id) ?? '') === mode) return;
          this.inMode.set(p.id, mode);
          this.write(notify.paneModeChanged(p.id));
        }),
      ),
      ev.on('pane-closed', (p) => this.inMode.delete(p.id)),
      server.clientEvents.on('client-session-changed', (c) =>
        this.queue(() => {
          const s = c.session;
          if (!s || !this.client.session) return;
          this.write(c === (this.client as unknown) ? notify.sessionChanged(s.id, s.name) : notify.clientSessionChanged(clientName(c), s.id, s.name));
        }),
      ),
      server.clientEvents.on('client-detached', ({ client: c, session }) => {
        if (!session) return;
        if (c !== (this.client as unknown)) this.queue(() => this.write(notify.clientDetached(clientName(c))));
      }),
    );
  }

  /** Send what is queued (the client's command has printed its %end). */
  flush(): void {
    const run = this.pending;
    this.pending = [];
    for (const f of run) f();
  }

  dispose(): void {
    clearInterval(this.nameTimer);
    for (const f of this.off) f();
    this.pending = [];
  }

  private queue(f: () => void): void {
    this.pending.push(f);
    if (this.client.holding || this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      if (!this.client.holding) this.flush();
    });
  }

  /** Windows named after their program whose program changed since this client was told. */
  private checkNames(): void {
    if (!this.client.session) return;
    for (const s of this.server.model.sessions) {
      for (const w of s.windows) {
        if (w.fixedName !== undefined) continue;
        const told = this.told.get(w);
        if (told && told.name !== w.name) this.queue(() => this.windowChanged(w));
      }
    }
  }

  private inMine(w: Window): boolean {
    return this.client.session?.windows.includes(w) ?? false;
  }

  private stateOf(w: Window): Told {
    return { name: w.name, active: w.active, layout: `${layoutOf(w)} ${visibleLayoutOf(w)}` };
  }

  /** Tell what changed of `w` since this client was last told: its name, active pane, layout. */
  private windowChanged(w: Window): void {
    const s = this.server.model.sessionOf(w);
    if (!s) return; // gone by now: window-closed says so
    const was = this.told.get(w);
    const now = this.stateOf(w);
    this.told.set(w, now);
    if (!this.client.session) return;
    if (was && was.name !== now.name) this.write(notify.windowRenamed(w.id, now.name, this.inMine(w)));
    if (was && was.active !== now.active) this.write(notify.windowPaneChanged(w.id, now.active));
    if ((!was || was.layout !== now.layout) && this.inMine(w)) {
      this.write(notify.layoutChange(w.id, layoutOf(w), visibleLayoutOf(w), windowFlags(s, w, false, this.server.model.marked)));
    }
  }
}

function layoutOf(w: Window): string {
  return dumpTmuxLayout(w.layout, w.cols, w.rows);
}

/** The layout as drawn: a zoomed window shows only its active pane. */
function visibleLayoutOf(w: Window): string {
  return w.zoomed ? dumpTmuxLayout({ type: 'pane', pane: w.active }, w.cols, w.rows) : layoutOf(w);
}

/** tmux's client name: its terminal, or client-<pid> (message-log.ts's clientName). */
export function clientName(c: ClientHandle): string {
  return helloName(c.hello);
}
