/*
 * What a Claude pane is doing, from the hook events claude reports (or, with hooks off,
 * from guesses made on its screen). Pure: state + event → state.
 *
 *   starting ──SessionStart──> idle ──UserPromptSubmit──> working ──Stop──> idle
 *                                         │  PreToolUse/PostToolUse: working
 *                                         ├─ PermissionRequest, Notification(permission_prompt,
 *                                         │  …) → needs-input (the dialog is on screen)
 *                                         └─ StopFailure(error) → error (the turn failed: why)
 *   any but error ──Notification(idle_prompt)──> idle (claude has waited ~60 s at its prompt:
 *                   whatever was missed — an interrupted turn fires no Stop — it is idle)
 *   any ──SessionEnd / process exit──> exited ──a later report of a live claude──> its state
 *
 * Hooks run as separate processes, so their reports can arrive out of order: each carries
 * the time its hook started, and a report older than the last one applied is dropped.
 *
 * Claude's own live-session file (`sessions/<pid>.json`, applyStatus) says busy, idle or
 * waiting within ~0.3 s of its UI — also for what fires no hook (Escape or Ctrl-C while it
 * works, No at a permission question, its other dialogs). It moves the state on its own:
 * busy → working, waiting → needs-input, idle → idle (but a failed turn stays an error
 * until the next turn). A hook report made before the last "busy" belongs to an earlier
 * turn and is dropped.
 * Missing reports heal at the next one (a lost Stop leaves `working` until the next
 * prompt's events). The session id each event carries confirms or corrects ccmux's record
 * (claude starts a new session on /clear).
 */

export type ClaudeState = 'starting' | 'working' | 'needs-input' | 'error' | 'idle' | 'exited';

export const CLAUDE_STATES: readonly ClaudeState[] = ['starting', 'working', 'needs-input', 'error', 'idle', 'exited'];

/** The states that wait for the user (alerts, wait times, the clock). */
export const WAITING: readonly ClaudeState[] = ['needs-input', 'error', 'idle'];

export const HOOK_EVENTS = [
  'SessionStart',
  'UserPromptSubmit',
  'PreToolUse',
  'PermissionRequest',
  'PostToolUse',
  'Notification',
  'Stop',
  'StopFailure',
  'SubagentStop',
  'SessionEnd',
] as const;
export type HookEvent = (typeof HOOK_EVENTS)[number];

/**
 * The events whose state claude's live-session file (`sessions/<pid>.json`: busy, idle,
 * waiting) says as well: while that file is watched their hooks change nothing, so a
 * claude that writes it is not given them at all (hook-kind.ts: no hook per tool call).
 */
export const SESSION_FILE_SAYS: readonly HookEvent[] = ['UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'Notification', 'Stop'];

/**
 * The hooks a claude that keeps the session file is not given (hook-kind.ts `lean`): none
 * runs on a tool call. UserPromptSubmit stays, once per prompt: after a failed turn the
 * file says idle as after any turn, and a quick next turn can be busy and idle again
 * between two reads of it — only the hook says a new prompt has left the error.
 */
export const LEAN_SKIPS: readonly HookEvent[] = ['PreToolUse', 'PostToolUse', 'Notification', 'Stop'];

export interface PaneClaudeStatus {
  state: ClaudeState;
  /** When the current state began (ms). */
  since: number;
  /** Time of the last applied report (ms), for ordering. */
  lastEventAt: number;
  /** The session id claude last reported. */
  sessionId?: string;
  /** A prompt was submitted in that session (so it has a transcript). */
  prompted?: boolean;
  /** When claude's session file last said busy (a new turn): hook reports older than it are stale. */
  busyAt?: number;
  /** The state was guessed from the screen (hooks off), not reported. */
  guessed: boolean;
  /** What the pane waits for: the question (needs-input) or why the turn failed (error). */
  message?: string;
}

export interface ClaudeReport {
  event: string;
  /** When the hook process started (ms since epoch). */
  at: number;
  sessionId?: string;
  /** Notification's notification_type, SessionStart's source, SessionEnd's reason, StopFailure's error. */
  detail?: string;
  message?: string;
  /** The tool a PreToolUse / PermissionRequest is about. */
  tool?: string;
}

export function initialStatus(now: number): PaneClaudeStatus {
  return { state: 'starting', since: now, lastEventAt: 0, guessed: false };
}

/** The state an event leads to from `from`, or undefined when it changes nothing. */
function nextState(from: ClaudeState, r: ClaudeReport): ClaudeState | undefined {
  switch (r.event) {
    case 'SessionStart':
      // A compaction can start a session mid-turn; it does not end the turn.
      if (r.detail === 'compact' && from === 'working') return undefined;
      return 'idle';
    case 'UserPromptSubmit':
    case 'PreToolUse':
    case 'PostToolUse':
      return 'working';
    case 'PermissionRequest':
      return 'needs-input';
    case 'Notification':
      // idle_prompt: claude has waited ~60 s for the user at its prompt — after a finished
      // turn, or an interrupted one (Escape fires no Stop). A failed turn stays an error.
      if (r.detail === 'idle_prompt') return from === 'error' ? undefined : 'idle';
      return 'needs-input';
    case 'Stop':
      return 'idle';
    case 'StopFailure':
      return 'error';
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
  if (r.at < s.lastEventAt || (s.busyAt !== undefined && r.at < s.busyAt)) return { status: s, changed: false };
  const to = nextState(s.state, r);
  const next: PaneClaudeStatus = { ...s, lastEventAt: r.at, guessed: false };
  if (r.sessionId && r.event !== 'SessionEnd') {
    if (next.sessionId !== undefined && r.sessionId !== next.sessionId) next.prompted = false; // a new session (/clear)
    next.sessionId = r.sessionId;
  }
  if (r.event === 'UserPromptSubmit') next.prompted = true;
  if (to === undefined || to === s.state) {
    if (to === 'needs-input' && (r.message || r.tool)) next.message = r.message ?? `permission: ${r.tool}`;
    return { status: next, changed: false };
  }
  next.state = to;
  next.since = now;
  next.message = to === 'needs-input' ? (r.message ?? (r.tool ? `permission: ${r.tool}` : undefined)) : to === 'error' ? errorReason(r.detail, r.message) : undefined;
  return { status: next, changed: true };
}

/** Why a turn failed, in words: StopFailure's `error` (and what claude said, when it said more). */
export function errorReason(error: string | undefined, message?: string): string {
  const known: Record<string, string> = {
    authentication_failed: 'authentication failed',
    rate_limit: 'rate limited',
    rate_limited: 'rate limited',
    overloaded: 'overloaded',
    billing_error: 'billing error',
    invalid_request: 'invalid request',
    server_error: 'API server error',
    max_output_tokens: 'output too long',
  };
  // 2.1.197 reports a 529 (overloaded) as server_error: the message says which.
  const overloaded = error === 'server_error' && /overloaded/i.test(message ?? '');
  const base = overloaded ? 'overloaded' : error ? (known[error] ?? error.replace(/_/g, ' ')) : 'the turn failed';
  return message && !message.toLowerCase().includes(base) ? `${base}: ${message}` : base;
}

/** What claude's live-session file says (`sessions/<pid>.json`). */
export interface SessionFileStatus {
  /** busy, shell (a ! command runs), idle or waiting. */
  status: string;
  /** When claude changed the status (its clock, ms): orders it against hook reports. */
  at?: number;
  /** With waiting: what for ("permission prompt", "dialog open"). */
  waitingFor?: string;
  sessionId?: string;
}

/** Apply claude's live-session status, read at `now` (see the comment at the top). */
export function applyStatus(s: PaneClaudeStatus, f: SessionFileStatus, now: number): { status: PaneClaudeStatus; changed: boolean } {
  let to: ClaudeState | undefined;
  if (f.status === 'busy' || f.status === 'shell') to = 'working';
  else if (f.status === 'waiting') to = 'needs-input';
  else if (f.status === 'idle') to = s.state === 'error' ? undefined : 'idle';
  const next: PaneClaudeStatus = { ...s, guessed: false };
  // When the turn began, by claude's own clock when it gives one (hooks are timed by it too).
  if (to === 'working' && s.state !== 'working') next.busyAt = f.at !== undefined && Math.abs(f.at - now) < 10_000 ? f.at : now;
  if (f.sessionId && UUID_RE.test(f.sessionId)) next.sessionId = f.sessionId;
  if (to === undefined || to === s.state) {
    if (to === 'needs-input' && f.waitingFor && !s.message) next.message = f.waitingFor;
    return { status: next, changed: false };
  }
  next.state = to;
  next.since = now;
  next.message = to === 'needs-input' ? f.waitingFor : undefined;
  return { status: next, changed: true };
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The pane's process ended (whether or not SessionEnd was reported). */
export function processExited(s: PaneClaudeStatus, now: number): PaneClaudeStatus {
  // Reports made before the exit are stale from now on.
  return s.state === 'exited' ? s : { ...s, state: 'exited', since: now, lastEventAt: Math.max(s.lastEventAt, now), message: undefined };
}

/** The line of claude's input box: `❯` (2.x, with what is typed after it), or a lone `>` (older), maybe boxed. */
const PROMPT_LINE = /^\s*(│\s*)?(❯(\s|$)|>\s*(│\s*)?$)/;
/** A permission or other question claude is waiting on (its first option selected). */
const QUESTION = /Do you want to (proceed|make this edit|create|allow|use this API key)|Do you trust the files in this folder|❯\s*1\. Yes|Choose the text style/;

/**
 * Screen-text guess for panes without hooks. Claude draws its input box at the bottom
 * whatever it does; a question replaces it, and a busy line ("esc to interrupt") sits
 * above it while it works. So: a question with no input box below it → needs-input (an
 * answered question's text left higher up is not one); the busy line → working; the
 * input box → idle.
 */
export function guessFromScreen(lines: readonly string[]): ClaudeState | undefined {
  let question = -1;
  let prompt = -1;
  let busy = false;
  lines.forEach((l, i) => {
    if (QUESTION.test(l)) question = i;
    else if (PROMPT_LINE.test(l)) prompt = i;
    if (/esc to interrupt/i.test(l)) busy = true;
  });
  if (question >= 0 && prompt < question) return 'needs-input';
  if (busy) return 'working';
  if (prompt >= 0) return 'idle';
  return undefined;
}

/** Apply a guess (hooks off): only when it changes the state. */
export function applyGuess(s: PaneClaudeStatus, guess: ClaudeState | undefined, now: number): { status: PaneClaudeStatus; changed: boolean } {
  if (!guess || guess === s.state || s.state === 'exited') return { status: s, changed: false };
  return { status: { ...s, state: guess, since: now, guessed: true, message: undefined }, changed: true };
}

/** Which state of several panes a window shows: the one most in need of the user. */
export function mostUrgent(states: readonly ClaudeState[]): ClaudeState | undefined {
  for (const st of ['needs-input', 'error', 'idle', 'working', 'starting'] as const) if (states.includes(st)) return st;
  return undefined;
}

/** "42s", "3m", "1h05m": how long a pane has been in its state. */
export function formatWait(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
