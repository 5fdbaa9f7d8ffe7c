/*
 * Claude awareness in the server: each Claude pane's state (starting, working,
 * needs-input, idle, exited) from its hook reports, shown as a mark in the pane's border
 * title and the window's status-line entry, with alerts when a pane you are not looking at
 * needs you or finishes: the window is flagged, and the bell and/or a desktop
 * notification (OSC 9 or OSC 777) go to the attached terminals — each switchable.
 * `ccmux wait` blocks on a state through waiters kept here. Reports come from the hook
 * entry point through the `claude-hook` command (command hooks) or from the server's
 * http endpoint (hook-endpoint.ts); with `[claude] hooks = false` the state is guessed
 * from the pane's screen instead, and marked as a guess. A teammate pane (an agent team's
 * teammate placed through the tmux shim, teammate.ts) is followed the same way from its
 * own hooks and token; it keeps no session file.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { readSessionStatus, watchSessionStatus } from './session-status.js';
import type { Server } from '../server/server.js';
import type { ClaudeStateView } from '../server/claude-view.js';
import type { Pane } from '../server/pane.js';
import type { Segment } from '../render/style.js';
import { claudeOf, teammateOf, worktreeOf, type ClaudePaneInfo, type WorktreeFacts } from './pane-info.js';
import { parseStyle } from '../config/option-values.js';
import {
  applyGuess,
  applyReport,
  formatWait,
  guessFromScreen,
  initialStatus,
  mostUrgent,
  processExited,
  applyStatus,
  WAITING,
  SESSION_FILE_SAYS,
  type SessionFileStatus,
  type ClaudeReport,
  type ClaudeState,
  type PaneClaudeStatus,
} from './state-machine.js';

/** The events whose state claude's live-session file says too (busy, idle, waiting). */
const FILE_SAYS = new Set<string>(SESSION_FILE_SAYS);
/**
 * How long "idle" from the session file waits when the pane was working: a failed turn's
 * StopFailure hook (which the file cannot tell from a finished turn) fires before the file
 * says idle, but its report, from a process of its own, may come after. Within the 1 s
 * the state may be late.
 */
const IDLE_SETTLE_MS = 300;

/** Screen guesses (hooks off) look at a pane at most this often while it prints. */
const GUESS_INTERVAL_MS = 300;

/** What awareness keeps of one followed pane: its state, and what follows it. */
interface Tracked {
  status: PaneClaudeStatus;
  /** A screen guess waiting to look (GUESS_INTERVAL_MS). */
  guessTimer?: NodeJS.Timeout;
  /** Its claude's session file (`<config>/sessions/<pid>.json`) and the watch on it (session-status.ts). */
  sessionFile?: string;
  watcher?: { close(): void };
  /** The file has said something: with hooks off it is read, not the screen. */
  fileSeen: boolean;
  /** A session file's "idle" waiting IDLE_SETTLE_MS for a failed turn's report. */
  settleIdle?: SessionFileStatus;
  /** Its current question has been seen on screen (hooks on: its going away is the answer). */
  questionShown: boolean;
}

interface Waiter {
  pane: number;
  states: ClaudeState[];
  resolve(state: ClaudeState | 'gone'): void;
}

const LABEL: Record<ClaudeState, string> = {
  starting: 'starting',
  working: 'working',
  'needs-input': 'needs input',
  error: 'error',
  idle: 'idle',
  exited: 'exited',
};

const registry = new WeakMap<Server, ClaudeAwareness>();

/** The server's Claude awareness, for commands that report to it or wait on it. */
export function awarenessOf(server: Server): ClaudeAwareness | undefined {
  return registry.get(server);
}

export class ClaudeAwareness implements ClaudeStateView {
  /** Each followed pane (a Claude pane, or a teammate's) by id: one record (Tracked). */
  private readonly panes = new Map<number, Tracked>();
  private waiters: Waiter[] = [];

  constructor(readonly server: Server) {
    registry.set(server, this);
    server.awareness = this;
    server.model.events.on('pane-created', (p) => {
      if (claudeOf(p)) this.track(p);
    });
    server.model.events.on('pane-closed', (p) => this.forget(p));
    server.model.events.on('pane-output', (p) => this.maybeGuess(p));
    server.model.events.on('pane-exited', (p) => {
      const t = this.panes.get(p.id);
      if (!t) return;
      t.watcher?.close();
      t.watcher = t.sessionFile = undefined;
      t.fileSeen = false;
      this.set(p, processExited(t.status, Date.now()), true);
    });
  }

  /** The Claude facts of a pane, for the format variables (claude_session_id, …). */
  facts(p: Pane): (ClaudePaneInfo & { worktree?: WorktreeFacts }) | undefined {
    const c = claudeOf(p);
    const worktree = worktreeOf(p);
    return c && worktree ? { ...c, worktree } : c;
  }

  /** Start following a new Claude pane. */
  track(p: Pane): void {
    const old = this.panes.get(p.id);
    old?.watcher?.close();
    clearTimeout(old?.guessTimer);
    const t: Tracked = { status: initialStatus(Date.now()), fileSeen: false, questionShown: false };
    this.panes.set(p.id, t);
    this.refreshPane(p);
    // claude's own live-session file: what no hook reports (an interrupt, No at a question).
    const c = claudeOf(p);
    const configDir = c?.dir ? (c.method === 'home' ? path.join(c.dir, '.claude') : c.dir) : undefined;
    if (configDir && p.pid !== undefined) {
      t.sessionFile = path.join(configDir, 'sessions', `${p.pid}.json`);
      t.watcher = watchSessionStatus(configDir, p.pid, (f) => this.fileStatus(p, f));
    }
  }

  /** Apply what claude's session file says (an "idle" after work waits IDLE_SETTLE_MS). */
  private fileStatus(p: Pane, f: SessionFileStatus): void {
    const t = this.panes.get(p.id);
    if (!t || !p.alive) return;
    t.fileSeen = true;
    if (f.status === 'idle' && t.status.state === 'working') {
      // Wait a moment for a StopFailure report before saying idle (IDLE_SETTLE_MS).
      const first = t.settleIdle === undefined;
      t.settleIdle = f;
      if (first) {
        setTimeout(() => {
          const pending = t.settleIdle;
          t.settleIdle = undefined;
          if (!pending || this.panes.get(p.id) !== t || !p.alive) return;
          const r = applyStatus(t.status, pending, Date.now());
          this.set(p, r.status, r.changed);
        }, IDLE_SETTLE_MS).unref();
      }
      return;
    }
    t.settleIdle = undefined;
    const { status, changed } = applyStatus(t.status, f, Date.now());
    this.set(p, status, changed);
  }

  status(paneId: number): PaneClaudeStatus | undefined {
    return this.panes.get(paneId)?.status;
  }

  /** Facts for list-panes --json. */
  describe(paneId: number, now = Date.now()): Record<string, unknown> | undefined {
    const s = this.panes.get(paneId)?.status;
    if (!s) return undefined;
    return { state: s.state, since: new Date(s.since).toISOString(), waitingSeconds: Math.floor((now - s.since) / 1000), guessed: s.guessed, ...(s.message ? { message: s.message } : {}) };
  }

  /**
   * This server's instance: with a pane's uuid it makes the token each Claude pane's
   * hooks report with (CCMUX_CLAUDE_TOKEN, set by the spawn hook), so a report from a
   * claude of another server, or of a server before a restart, is told apart.
   */
  readonly instance = crypto.randomUUID();

  /** The token a Claude pane's hooks carry. */
  tokenFor(paneUuid: string): string {
    return `${this.instance}.${paneUuid}`;
  }

  /**
   * Why a report for pane `paneId` with `token` is refused, or undefined when it comes
   * from this server's claude in that very pane, still running.
   */
  refusal(paneId: number, token: string | undefined): string | undefined {
    const pane = this.server.model.panes.get(paneId);
    const claude = pane && (claudeOf(pane) ?? teammateOf(pane));
    if (!pane || !claude || !this.panes.has(paneId)) return `%${paneId} is not a Claude pane of this server`;
    if (!token) return 'the report carries no ccmux token (its claude was not started by this server)';
    const [instance = '', uuid] = token.split('.');
    // In constant time: over http (hook-endpoint.ts) anyone on the machine may knock.
    const mine = Buffer.from(this.instance);
    const theirs = Buffer.from(instance);
    if (theirs.length !== mine.length || !crypto.timingSafeEqual(theirs, mine)) return 'the report comes from a claude of another ccmux server, or of this one before a restart';
    if (uuid !== claude.uuid) return `the report comes from the claude of another pane, not of %${paneId}`;
    if (!pane.alive) return `the claude of %${paneId} has exited`;
    return undefined;
  }

  /** A hook reported an event for a pane (refusal() has accepted it). */
  report(paneId: number, r: ClaudeReport): void {
    const pane = this.server.model.panes.get(paneId);
    const t = this.panes.get(paneId);
    const claude = pane && (claudeOf(pane) ?? teammateOf(pane));
    if (!pane || !t || !claude) return;
    const s = t.status;
    let { status, changed } = applyReport(s, r, Date.now());
    // Command hooks run without claude waiting (async: true), so their reports may come
    // out of order (http ones arrive in order: claude waits for each answer); where claude's own session file says busy, idle or waiting, it is followed
    // for those, and hooks only add what it cannot say: a failed turn, the end, session
    // ids, and which tool a question is about.
    // Which tool a question is about, however late its report comes: a hook's time is
    // taken once node runs, and under load PermissionRequest can seem older than the
    // PreToolUse before it, and be dropped as stale by the state machine.
    if (r.event === 'PermissionRequest' && r.tool && status.state === 'needs-input' && status.message !== `permission: ${r.tool}`) {
      status = { ...status, message: `permission: ${r.tool}` };
    }
    let reread = false;
    // The file says these too — but not a new prompt after a failed turn (idle either way), so that one is heard.
    const leavesError = r.event === 'UserPromptSubmit' && s.state === 'error';
    if (t.fileSeen && FILE_SAYS.has(r.event) && s.state !== 'exited' && s.state !== 'starting' && !leavesError) {
      status = { ...status, state: s.state, since: s.since, message: s.message };
      changed = false;
      reread = true;
    }
    if (status.sessionId && status.sessionId !== claude.sessionId) {
      this.server.log.info({ pane: paneId, from: claude.sessionId, to: status.sessionId }, 'claude reported another session id');
      claude.sessionId = status.sessionId;
      this.server.model.paneFactsChanged(pane);
    }
    this.set(pane, status, changed);
    // The file says what the hook would have: look at it now (heals a missed change too).
    const f = reread && t.sessionFile ? readSessionStatus(t.sessionFile) : undefined;
    if (f) this.fileStatus(pane, f);
  }

  private set(pane: Pane, status: PaneClaudeStatus, changed: boolean): void {
    const t = this.panes.get(pane.id);
    if (!t) return;
    const before = t.status.state;
    t.status = status;
    if (!changed) return;
    t.questionShown = false; // a new state: a question must be seen anew
    this.refreshPane(pane);
    if (status.state === 'needs-input' || status.state === 'error' || (status.state === 'idle' && before === 'working')) this.alert(pane, status);
    for (const w of this.waiters.filter((x) => x.pane === pane.id && x.states.includes(status.state))) {
      w.resolve(status.state);
    }
    this.waiters = this.waiters.filter((x) => !(x.pane === pane.id && x.states.includes(status.state)));
  }

  /** Stop following a pane that no longer runs a teammate (respawned with something else). */
  untrack(p: Pane): void {
    if (!this.panes.has(p.id)) return;
    this.forget(p);
    p.borderTitle = undefined;
    this.server.model.paneDisplayChanged(p);
  }

  private forget(p: Pane): void {
    const t = this.panes.get(p.id);
    this.panes.delete(p.id);
    t?.watcher?.close();
    clearTimeout(t?.guessTimer);
    for (const w of this.waiters.filter((x) => x.pane === p.id)) w.resolve('gone');
    this.waiters = this.waiters.filter((x) => x.pane !== p.id);
  }

  /** Resolve when the pane reaches one of `states` (at once if it is in one). */
  waitFor(paneId: number, states: ClaudeState[]): Promise<ClaudeState | 'gone'> {
    const s = this.panes.get(paneId)?.status;
    if (!s) return Promise.resolve('gone');
    if (states.includes(s.state)) return Promise.resolve(s.state);
    return new Promise((resolve) => this.waiters.push({ pane: paneId, states, resolve }));
  }

  cancelWait(resolve: (state: ClaudeState | 'gone') => void): void {
    this.waiters = this.waiters.filter((w) => w.resolve !== resolve);
  }

  /** Claude panes in the order the jump key visits them: longest waiting first. */
  waiting(state: ClaudeState): Pane[] {
    return [...this.panes.entries()]
      .map(([id, t]) => [id, t.status] as const)
      .filter(([, s]) => s.state === state)
      .sort(([, a], [, b]) => a.since - b.since)
      .map(([id]) => this.server.model.panes.get(id))
      .filter((p): p is Pane => p !== undefined);
  }

  /** The mark a window shows in the status line (its most urgent Claude pane). */
  windowMark(panes: Iterable<Pane>): Segment | undefined {
    const st = this.windowState(panes);
    return st ? this.mark(st) : undefined;
  }

  /** The most urgent state of these panes' Claude sessions, if any has one. */
  private windowState(panes: Iterable<Pane>): ClaudeState | undefined {
    const states: ClaudeState[] = [];
    for (const p of panes) {
      const s = this.panes.get(p.id)?.status;
      if (s && s.state !== 'exited') states.push(s.state);
    }
    return mostUrgent(states);
  }

  /** The window mark as status text: its style as a #[…] directive, `#` doubled (#{window_claude_mark}). */
  windowMarkText(panes: Iterable<Pane>): string {
    const st = this.windowState(panes);
    if (!st) return '';
    const { sym, styleName } = this.markOptions(st);
    return `#[${String(this.server.options.get(styleName)).replace(/[#\]]/g, '')}]${sym.replace(/#/g, '##')}#[default]`;
  }

  /** Is any pane showing a wait time (so the clock must tick)? */
  hasWaiting(): boolean {
    for (const t of this.panes.values()) if (WAITING.includes(t.status.state)) return true;
    return false;
  }

  /** Number of panes waiting for the user. */
  needsInputCount(): number {
    let n = 0;
    for (const t of this.panes.values()) if (t.status.state === 'needs-input') n++;
    return n;
  }

  /** The mark options of a state: its symbol and the name of its style option. */
  private markOptions(st: ClaudeState): { sym: string; styleName: string } {
    const o = this.server.options;
    const sym = st === 'working' ? o.get('claude-mark-working') : st === 'needs-input' ? o.get('claude-mark-needs-input') : st === 'error' ? o.get('claude-mark-error') : st === 'idle' ? o.get('claude-mark-idle') : o.get('claude-mark-starting');
    const styleName = st === 'working' ? 'claude-working-style' : st === 'needs-input' ? 'claude-needs-input-style' : st === 'error' ? 'claude-error-style' : 'claude-idle-style';
    return { sym: String(sym), styleName };
  }

  private mark(st: ClaudeState): Segment {
    const { sym, styleName } = this.markOptions(st);
    let style;
    try {
      style = parseStyle(String(this.server.options.get(styleName)));
    } catch {
      style = undefined;
    }
    return { text: sym, style };
  }

  /** Border title of a Claude pane: mark, state, and for waiting states how long. */
  refreshPane(p: Pane, now = Date.now()): void {
    const s = this.panes.get(p.id)?.status;
    if (!s) return;
    const m = this.mark(s.state);
    // Wait times are refreshed once a minute (the status clock), so they start at 1m.
    const waited = now - s.since;
    const wait = WAITING.includes(s.state) && waited >= 60_000 ? ` ${formatWait(waited)}` : '';
    const guess = s.guessed ? '?' : '';
    const given = claudeOf(p)?.profile;
    const mate = teammateOf(p)?.name;
    const profile = given ? ` [${given}]` : mate ? ` @${mate}` : '';
    const wt = worktreeOf(p);
    const branch = wt ? ` ⎇ ${wt.branch}` : '';
    const why = s.state === 'error' && s.message ? `: ${s.message}` : '';
    p.borderTitle = [m, { text: ` claude${profile}${branch} ${LABEL[s.state]}${why}${guess}${wait}` }];
    this.server.model.paneDisplayChanged(p);
  }

  /** Refresh every waiting pane's wait time (called on the status-line clock tick). */
  tick(): void {
    for (const [id, t] of this.panes) {
      const p = this.server.model.panes.get(id);
      if (p && WAITING.includes(t.status.state)) this.refreshPane(p);
    }
  }

  private alert(pane: Pane, s: PaneClaudeStatus): void {
    const w = this.server.model.windowOf(pane);
    const session = w && this.server.model.sessionOf(w);
    if (!w || !session) return;
    const o = this.server.options;
    const what = s.state === 'needs-input' ? 'needs input' : s.state === 'error' ? `failed: ${s.message ?? 'error'}` : 'finished';
    const text = `claude in ${session.name}:${session.indexOf(w)} ${what}`;
    let anyoneLooking = false;
    for (const c of this.server.clients) if (c.session?.current === w) anyoneLooking = true;
    if (anyoneLooking) return;
    if (o.get('claude-alert-flag')) this.server.model.setWindowFlag(w, 'alert', true);
    const notify = o.get('claude-alert-notify');
    let seq = '';
    if (o.get('claude-alert-bell')) seq += '\x07';
    const clean = text.replace(/[\x00-\x1f\x7f;]/g, ' ');
    if (notify === 'osc9') seq += `\x1b]9;ccmux: ${clean}\x07`;
    else if (notify === 'osc777') seq += `\x1b]777;notify;ccmux;${clean}\x07`;
    for (const c of this.server.clients) {
      if (c.session !== session && !o.get('claude-alert-all-sessions')) continue;
      if (seq) c.sendRaw(seq);
      c.showMessage(text);
    }
  }

  /**
   * Hooks off: look at the pane's screen now and then while it prints. Hooks on, the
   * screen fills two gaps in what claude reports: a pane that has not reported yet may be
   * asking its first-run questions (trust, an API key: claude fires nothing then), and
   * an answered permission question fires nothing until the tool is done — once the
   * question has been seen on screen and is gone, claude is working again.
   */
  private maybeGuess(p: Pane): void {
    const t = this.panes.get(p.id);
    if (!t || t.guessTimer) return;
    const given = claudeOf(p)?.hooks;
    const hooks = given ? given.kind !== 'off' : this.server.claude.hooks !== false;
    if (hooks && t.status.state !== 'starting' && t.status.state !== 'needs-input') return;
    if (!hooks && t.fileSeen) return; // claude says what it does: no need to guess
    t.guessTimer = setTimeout(() => {
      t.guessTimer = undefined;
      if (this.panes.get(p.id) !== t) return; // forgotten, or followed anew
      const s = t.status;
      if (hooks && s.state !== 'starting' && s.state !== 'needs-input') return; // a report came meanwhile
      const buf = p.term.buffer.active;
      const lines: string[] = [];
      for (let y = 0; y < p.rows; y++) lines.push(buf.getLine(buf.viewportY + y)?.translateToString(true) ?? '');
      const guess = guessFromScreen(lines);
      if (hooks) {
        const shown = t.questionShown;
        if (guess === 'needs-input') {
          if (s.state === 'starting') this.set(p, applyGuess(s, 'needs-input', Date.now()).status, true);
          t.questionShown = true;
          return;
        }
        if (s.state !== 'needs-input' || !shown) return;
        // The question seen on screen is gone: answered. Claude goes on (the tool runs, or
        // a first-run question leads to its prompt, whose SessionStart says more).
        t.questionShown = false;
        const { status, changed } = applyGuess(s, s.guessed ? 'starting' : 'working', Date.now());
        this.set(p, status, changed);
        return;
      }
      const { status, changed } = applyGuess(s, guess, Date.now());
      this.set(p, status, changed);
    }, GUESS_INTERVAL_MS);
  }
}
