/*
 * What a Claude pane is doing, from the hook events claude reports (or, with hooks off,
 * from guesses made on its screen). Pure: state + event → state.
 *
 *   starting ──SessionStart──> idle ──UserPromptSubmit──> working ──Stop──> idle
 *                                         │  PreToolUse/PostToolUse: working
 *                                         └─ Notification(permission_prompt, …) → needs-input
 *   any ──SessionEnd / process exit──> exited
 *
 * Hooks run as separate processes, so their reports can arrive out of order: each carries
 * the time its hook started, and a report older than the last one applied is dropped.
 * Missing reports heal at the next one (a lost Stop leaves `working` until the next
 * prompt's events). The session id each event carries confirms or corrects ccmux's record
 * (claude starts a new session on /clear).
 */

export type ClaudeState = 'starting' | 'working' | 'needs-input' | 'idle' | 'exited';

export const CLAUDE_STATES: readonly ClaudeState[] = ['starting', 'working', 'needs-input', 'idle', 'exited'];

export const HOOK_EVENTS = ['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'Notification', 'Stop', 'SubagentStop', 'SessionEnd'] as const;
export type HookEvent = (typeof HOOK_EVENTS)[number];

export interface PaneClaudeStatus {
  state: ClaudeState;
  /** When the current state began (ms). */
  since: number;
  /** Time of the last applied report (ms), for ordering. */
  lastEventAt: number;
  /** The session id claude last reported. */
  sessionId?: string;
  /** The state was guessed from the screen (hooks off), not reported. */
  guessed: boolean;
  /** What the last Notification said (shown with needs-input). */
  message?: string;
}

export interface ClaudeReport {
  event: string;
  /** When the hook process started (ms since epoch). */
  at: number;
  sessionId?: string;
  /** Notification's notification_type, SessionStart's source, SessionEnd's reason. */
  detail?: string;
  message?: string;
}

export function initialStatus(now: number): PaneClaudeStatus {
  return { state: 'starting', since: now, lastEventAt: 0, guessed: false };
}

/** The state an event leads to from `from`, or undefined when it changes nothing. */
function nextState(from: ClaudeState, r: ClaudeReport): ClaudeState | undefined {
  if (from === 'exited') return undefined; // nothing revives an ended session's pane
  switch (r.event) {
    case 'SessionStart':
      // A compaction can start a session mid-turn; it does not end the turn.
      if (r.detail === 'compact' && from === 'working') return undefined;
      return 'idle';
    case 'UserPromptSubmit':
    case 'PreToolUse':
    case 'PostToolUse':
      return 'working';
    case 'Notification':
      // idle_prompt: claude has waited ~60 s for the user after a finished turn.
      if (r.detail === 'idle_prompt') return from === 'working' ? undefined : 'idle';
      return 'needs-input';
    case 'Stop':
      return 'idle';
    case 'SubagentStop':
      return undefined;
    case 'SessionEnd':
      // /clear ends a session but not claude: SessionStart(clear) follows in the same pane.
      return r.detail === 'clear' ? undefined : 'exited';
    default:
      return undefined;
  }
}

/**
 * Apply a report. Returns the new status (the same object when the report was stale or
 * changed nothing) and whether the state changed.
 */
export function applyReport(s: PaneClaudeStatus, r: ClaudeReport, now: number): { status: PaneClaudeStatus; changed: boolean } {
  if (r.at < s.lastEventAt) return { status: s, changed: false };
  const to = nextState(s.state, r);
  const next: PaneClaudeStatus = { ...s, lastEventAt: r.at, guessed: false };
  if (r.sessionId && r.event !== 'SessionEnd') next.sessionId = r.sessionId;
  if (to === undefined || to === s.state) {
    if (to === 'needs-input' && r.message) next.message = r.message;
    return { status: next, changed: false };
  }
  next.state = to;
  next.since = now;
  next.message = to === 'needs-input' ? r.message : undefined;
  return { status: next, changed: true };
}

/** The pane's process ended (whether or not SessionEnd was reported). */
export function processExited(s: PaneClaudeStatus, now: number): PaneClaudeStatus {
  return s.state === 'exited' ? s : { ...s, state: 'exited', since: now, message: undefined };
}

/** Screen-text guess for panes without hooks: a permission question, the busy line, or idle. */
export function guessFromScreen(lines: readonly string[]): ClaudeState | undefined {
  const text = lines.join('\n');
  if (/Do you want to (proceed|make this edit|create)|\b1\. Yes\b.*\n.*\b2\. /s.test(text)) return 'needs-input';
  if (/esc to interrupt/i.test(text)) return 'working';
  if (/^\s*>\s*$/m.test(text) || /│ >/.test(text)) return 'idle';
  return undefined;
}

/** Apply a guess (hooks off): only when it changes the state. */
export function applyGuess(s: PaneClaudeStatus, guess: ClaudeState | undefined, now: number): { status: PaneClaudeStatus; changed: boolean } {
  if (!guess || guess === s.state || s.state === 'exited') return { status: s, changed: false };
  return { status: { ...s, state: guess, since: now, guessed: true, message: undefined }, changed: true };
}

/** Which state of several panes a window shows: the one most in need of the user. */
export function mostUrgent(states: readonly ClaudeState[]): ClaudeState | undefined {
  for (const st of ['needs-input', 'idle', 'working', 'starting'] as const) if (states.includes(st)) return st;
  return undefined;
}

/** "42s", "3m", "1h05m": how long a pane has been in its state. */
export function formatWait(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
