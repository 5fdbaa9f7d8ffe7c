/*
 * Alerts, as tmux 3.3a's alerts.c: a window's bell, activity and silence, and what each
 * makes happen.
 *
 *   pane output ─▶ queue(w, activity)  ┐  each queue restarts the window's silence clock;
 *   pane bell   ─▶ queue(w, bell)      ├─ when the window monitors the kind, a check runs
 *   silence due ─▶ queue(w, silence)   ┘  once on the next turn of the event loop (setImmediate)
 *
 * A check of a window, for each kind pending on it and monitored (monitor-bell, -activity,
 * -silence): the window is flagged (! # ~ in window_flags) unless it is its session's
 * current window and the session has a client; when the session's bell-action /
 * activity-action / silence-action applies (any, current, other, none), the window-alert
 * event runs the alert-* hook, and each (non-control) client of the session is told: the
 * terminal's bell (visual-* off or both) and/or the message "Bell in window 3" ("… in
 * current window"; visual-* on or both). An activity or silence flag already set is not
 * reported again until the window is selected; a bell always is.
 *
 * The silence clock: only windows whose monitor-silence is not 0 have a timer (so an idle
 * server with none wakes for nothing); output only notes its time, and the timer, when it
 * fires early, sleeps again for what is left. As in tmux, after firing it starts again, so
 * a window that stays silent is reported every monitor-silence seconds (once flagged, only
 * its current window's clients are told again). Timers follow options-changed and new windows.
 */
import type { OptionStore } from '../config/option-values.js';
import type { ClientHandle } from './client/handle.js';
import type { AlertKind, ClientEvents, Emitter } from './events.js';
import type { Model } from './model.js';
import type { Session, Window } from './window.js';

const MONITOR: Record<AlertKind, string> = { bell: 'monitor-bell', activity: 'monitor-activity', silence: 'monitor-silence' };
const ACTION: Record<AlertKind, string> = { bell: 'bell-action', activity: 'activity-action', silence: 'silence-action' };
const VISUAL: Record<AlertKind, string> = { bell: 'visual-bell', activity: 'visual-activity', silence: 'visual-silence' };
const WORD: Record<AlertKind, string> = { bell: 'Bell', activity: 'Activity', silence: 'Silence' };
const ALL: readonly AlertKind[] = ['bell', 'activity', 'silence'];

/** What the alerts need of the server. */
export interface AlertsDeps {
  model: Model;
  options(): OptionStore;
  clients(): Iterable<ClientHandle>;
  clientEvents: Emitter<ClientEvents>;
}

interface SilenceClock {
  timer: NodeJS.Timeout;
  /** When a pane of the window last printed (ms, Date.now()). */
  last: number;
  ms: number;
}

/** Does `action` (any, none, current, other) apply to window `w` of session `s`? (alerts_action_applies) */
export function actionApplies(action: unknown, s: Session, w: Window): boolean {
  if (action === 'any') return true;
  if (action === 'current') return s.current === w;
  if (action === 'other') return s.current !== w;
  return false;
}

/** The message tmux shows for an alert (alerts_set_message). */
export function alertMessage(kind: AlertKind, s: Session, w: Window): string {
  return s.current === w ? `${WORD[kind]} in current window` : `${WORD[kind]} in window ${s.indexOf(w)}`;
}

export class Alerts {
  /** The kinds raised on each window since its last check (tmux's WINDOW_BELL | … flags of the window). */
  private readonly raised = new Map<Window, Set<AlertKind>>();
  /** Windows waiting for the check (tmux's alerts_list). */
  private readonly queued = new Set<Window>();
  private pending: NodeJS.Immediate | null = null;
  private readonly clocks = new Map<Window, SilenceClock>();
  private readonly offs: Array<() => void> = [];

  constructor(private readonly deps: AlertsDeps) {
    const ev = deps.model.events;
    this.offs.push(
      ev.on('pane-output', (p) => {
        const w = deps.model.windowOf(p);
        if (w) this.queue(w, 'activity');
      }),
      ev.on('pane-bell', (p) => {
        const w = deps.model.windowOf(p);
        if (w) this.queue(w, 'bell');
      }),
      // A new window, and a window made current, count as activity (window_create, session_set_current).
      ev.on('window-created', ({ window }) => {
        this.resetClock(window);
        this.queue(window, 'activity');
      }),
      ev.on('window-selected', ({ window }) => this.queue(window, 'activity')),
      ev.on('window-closed', ({ window }) => this.forget(window)),
      ev.on('options-changed', () => this.resetAll()),
      // A client arriving on a session clears its current window's flags and checks its windows (server_client_set_session).
      deps.clientEvents.on('client-attached', (c) => this.clientArrived(c)),
      deps.clientEvents.on('client-session-changed', (c) => this.clientArrived(c)),
    );
  }

  /** Timers and subscriptions gone (the server is exiting). */
  dispose(): void {
    for (const off of this.offs) off();
    for (const w of [...this.clocks.keys()]) this.stopClock(w);
    if (this.pending) clearImmediate(this.pending);
    this.pending = null;
  }

  /** Windows with a silence timer (the idle server has none). */
  get timers(): number {
    return this.clocks.size;
  }

  /** `kind` happened in window `w` (alerts_queue). */
  queue(w: Window, kind: AlertKind): void {
    const clock = this.clocks.get(w);
    if (clock) clock.last = Date.now();
    const raised = this.raised.get(w);
    if (raised) {
      raised.delete('silence');
      raised.add(kind);
    } else this.raised.set(w, new Set([kind]));
    // Output in a window already flagged for activity (in every session it is in) changes nothing: skip the option lookup.
    if (kind === 'activity' && this.deps.model.sessionsOf(w).every((s) => s.flagsOf(w).has('activity'))) return;
    if (!this.monitored(w, kind)) return;
    this.queued.add(w);
    this.pending ??= setImmediate(() => this.checkQueued());
  }

  private monitored(w: Window, kind: AlertKind): boolean {
    const v = this.deps.options().get(MONITOR[kind], { window: w });
    return kind === 'silence' ? v !== 0 : v === true;
  }

  private checkQueued(): void {
    this.pending = null;
    const windows = [...this.queued];
    this.queued.clear();
    for (const w of windows) {
      this.check(w);
      this.raised.delete(w);
    }
  }

  /** Check each kind raised on `w` (alerts_check_all). */
  private check(w: Window): void {
    const raised = this.raised.get(w);
    if (!raised) return;
    for (const kind of ALL) if (raised.has(kind)) this.checkKind(w, kind);
  }

  /** In each session `w` is linked into (tmux's flags and actions are per winlink). */
  private checkKind(w: Window, kind: AlertKind): void {
    if (!this.monitored(w, kind)) return;
    for (const s of this.deps.model.sessionsOf(w)) this.checkIn(s, w, kind);
  }

  private checkIn(s: Session, w: Window, kind: AlertKind): void {
    // An activity or silence flag already set is reported once (a bell every time).
    if (kind !== 'bell' && s.flagsOf(w).has(kind)) return;
    const clients = [...this.deps.clients()].filter((c) => c.session === s);
    if (s.current !== w || clients.length === 0) this.deps.model.setFlagIn(s, w, kind, true);
    const options = this.deps.options();
    if (!actionApplies(options.get(ACTION[kind], { session: s }), s, w)) return;
    this.deps.model.windowAlert(s, w, kind);
    const visual = options.get(VISUAL[kind], { session: s });
    for (const c of clients) {
      if (c.control) continue;
      if (visual === 'off' || visual === 'both') c.sendRaw('\x07');
      if (visual === 'on' || visual === 'both') c.showMessage(alertMessage(kind, s, w));
    }
  }

  private clientArrived(c: ClientHandle): void {
    const s = c.session;
    if (!s) return;
    for (const kind of ALL) this.deps.model.setFlagIn(s, s.current, kind, false);
    for (const w of s.windows) this.check(w);
  }

  // ---- the silence clock ---------------------------------------------------------------

  /**
   * Every window's timer started or stopped after options changed (alerts_reset_all); one
   * whose monitor-silence is unchanged runs on (ccmux is not told which option changed:
   * tmux restarts them all when monitor-silence is set, to the same value too).
   */
  private resetAll(): void {
    for (const s of this.deps.model.sessions) for (const w of s.windows) this.resetClock(w, false);
  }

  /** Start `w`'s timer anew for its monitor-silence, or stop it when that is 0 (alerts_reset). */
  private resetClock(w: Window, restart = true): void {
    const secs = this.deps.options().get('monitor-silence', { window: w }) as number;
    const old = this.clocks.get(w);
    if (old && old.ms === secs * 1000) {
      if (restart) old.last = Date.now();
      return;
    }
    this.stopClock(w);
    if (secs === 0) return;
    const ms = secs * 1000;
    const clock: SilenceClock = { timer: setTimeout(() => this.due(w), ms), last: Date.now(), ms };
    this.clocks.set(w, clock);
  }

  private due(w: Window): void {
    const clock = this.clocks.get(w);
    if (!clock) return;
    const left = clock.last + clock.ms - Date.now();
    if (left > 0) {
      clock.timer = setTimeout(() => this.due(w), left);
      return;
    }
    clock.timer = setTimeout(() => this.due(w), clock.ms);
    this.queue(w, 'silence');
  }

  private stopClock(w: Window): void {
    const clock = this.clocks.get(w);
    if (!clock) return;
    clearTimeout(clock.timer);
    this.clocks.delete(w);
  }

  private forget(w: Window): void {
    this.stopClock(w);
    this.raised.delete(w);
    this.queued.delete(w);
  }
}
