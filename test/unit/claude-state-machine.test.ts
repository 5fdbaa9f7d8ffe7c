/*
 * The Claude pane state machine, driven by event sequences as claude's hooks report them:
 * a normal turn, tool calls, permission prompts approved and denied, idle_prompt,
 * compaction mid-turn, /clear, SessionEnd, reports arriving out of order or not at all,
 * session id corrections; then screen guesses (hooks off), mostUrgent and formatWait.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyGuess,
  applyReport,
  formatWait,
  guessFromScreen,
  initialStatus,
  applyStatus,
  errorReason,
  mostUrgent,
  processExited,
  type ClaudeReport,
  type ClaudeState,
  type PaneClaudeStatus,
} from '../../src/claude/state-machine.js';

const SID = '6c5b4a39-2817-4f6e-9d5c-4b3a29180706';
const SID2 = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';

/** A report in the shape the claude-hook command builds, `at` in ms. */
function ev(event: string, at: number, extra: Partial<ClaudeReport> = {}): ClaudeReport {
  return { event, at, sessionId: SID, ...extra };
}

interface Step {
  state: ClaudeState;
  changed: boolean;
}

/**
 * Apply reports in order, each received 5 ms after its hook started; returns the final
 * status and, per report, the state after it and whether it changed.
 */
function run(reports: ClaudeReport[], start: PaneClaudeStatus = initialStatus(0)): { status: PaneClaudeStatus; steps: Step[] } {
  let status = start;
  const steps: Step[] = [];
  for (const r of reports) {
    const res = applyReport(status, r, r.at + 5);
    status = res.status;
    steps.push({ state: status.state, changed: res.changed });
  }
  return { status, steps };
}

const states = (steps: Step[]) => steps.map((s) => s.state);

describe('state machine: hook event sequences', () => {
  it('starts as starting, not guessed, with no report applied', () => {
    expect(initialStatus(1000)).toEqual({ state: 'starting', since: 1000, lastEventAt: 0, guessed: false });
  });

  it('a normal turn: SessionStart → idle, UserPromptSubmit → working, Stop → idle', () => {
    const { status, steps } = run([ev('SessionStart', 100, { detail: 'startup' }), ev('UserPromptSubmit', 200), ev('Stop', 300)]);
    expect(steps).toEqual([
      { state: 'idle', changed: true },
      { state: 'working', changed: true },
      { state: 'idle', changed: true },
    ]);
    expect(status).toMatchObject({ state: 'idle', since: 305, lastEventAt: 300, sessionId: SID, guessed: false });
    expect(status.message).toBeUndefined();
  });

  it('tool calls keep a turn working without changing its start time', () => {
    const { status, steps } = run([
      ev('SessionStart', 100, { detail: 'startup' }),
      ev('UserPromptSubmit', 200),
      ev('PreToolUse', 300),
      ev('PostToolUse', 400),
      ev('PreToolUse', 500),
      ev('PostToolUse', 600),
    ]);
    expect(states(steps)).toEqual(['idle', 'working', 'working', 'working', 'working', 'working']);
    expect(steps.slice(2).every((s) => !s.changed)).toBe(true);
    expect(status.since).toBe(205);
    expect(status.lastEventAt).toBe(600);
    expect(run([ev('Stop', 700)], status).status.state).toBe('idle');
  });

  it('SubagentStop and unknown events change nothing but count for ordering', () => {
    const working = run([ev('UserPromptSubmit', 100)]).status;
    for (const name of ['SubagentStop', 'PreCompact', 'SomethingNew']) {
      const r = applyReport(working, ev(name, 200), 205);
      expect(r.changed).toBe(false);
      expect(r.status.state).toBe('working');
      expect(r.status.lastEventAt).toBe(200);
    }
  });

  it('a permission prompt needs input, with its message; approval (PreToolUse) resumes work', () => {
    const asked = run([
      ev('SessionStart', 100, { detail: 'startup' }),
      ev('UserPromptSubmit', 200),
      ev('Notification', 300, { detail: 'permission_prompt', message: 'Claude needs your permission to use Bash' }),
    ]);
    expect(asked.steps[2]).toEqual({ state: 'needs-input', changed: true });
    expect(asked.status).toMatchObject({ state: 'needs-input', since: 305, message: 'Claude needs your permission to use Bash' });
    const approved = run([ev('PreToolUse', 400), ev('PostToolUse', 500), ev('Stop', 600)], asked.status);
    expect(approved.steps).toEqual([
      { state: 'working', changed: true },
      { state: 'working', changed: false },
      { state: 'idle', changed: true },
    ]);
    expect(approved.steps[0]!.state).toBe('working');
    expect(approved.status.message).toBeUndefined();
  });

  it('a denied permission ends the turn: Stop → idle, the message goes', () => {
    const { status, steps } = run([
      ev('UserPromptSubmit', 100),
      ev('Notification', 200, { detail: 'permission_prompt', message: 'Claude needs your permission to use Bash' }),
      ev('Stop', 300),
    ]);
    expect(states(steps)).toEqual(['working', 'needs-input', 'idle']);
    expect(status.message).toBeUndefined();
    expect(status.since).toBe(305);
  });

  it('a second question while already needing input refreshes the message, not the wait start', () => {
    const { status, steps } = run([
      ev('UserPromptSubmit', 100),
      ev('Notification', 200, { detail: 'permission_prompt', message: 'first' }),
      ev('Notification', 300, { detail: 'elicitation_dialog', message: 'second' }),
    ]);
    expect(steps[2]).toEqual({ state: 'needs-input', changed: false });
    expect(status.message).toBe('second');
    expect(status.since).toBe(205);
  });

  it('a Notification without a type is taken as a question', () => {
    expect(run([ev('UserPromptSubmit', 100), ev('Notification', 200, { message: 'hm?' })]).status.state).toBe('needs-input');
  });

  it('idle_prompt keeps an idle pane idle (same wait start), and is honoured in any state but error', () => {
    const idle = run([ev('SessionStart', 100, { detail: 'startup' }), ev('UserPromptSubmit', 200), ev('Stop', 300)]).status;
    const r = applyReport(idle, ev('Notification', 60_300, { detail: 'idle_prompt', message: 'Claude is waiting for your input' }), 60_305);
    expect(r.changed).toBe(false);
    expect(r.status).toMatchObject({ state: 'idle', since: 305, lastEventAt: 60_300 });
    expect(r.status.message).toBeUndefined();
    // A turn interrupted with Escape fires no Stop: claude's own "waiting for your input" ends it.
    const working = run([ev('UserPromptSubmit', 100)]).status;
    expect(applyReport(working, ev('Notification', 200, { detail: 'idle_prompt' }), 205)).toMatchObject({ changed: true, status: { state: 'idle' } });
    const asked = run([ev('UserPromptSubmit', 100), ev('PermissionRequest', 150, { tool: 'Bash' })]).status;
    expect(applyReport(asked, ev('Notification', 200, { detail: 'idle_prompt' }), 205).status.state).toBe('idle');
    // A failed turn keeps saying why until the user acts.
    const failed = run([ev('UserPromptSubmit', 100), ev('StopFailure', 150, { detail: 'authentication_failed' })]).status;
    expect(applyReport(failed, ev('Notification', 200, { detail: 'idle_prompt' }), 205)).toMatchObject({ changed: false, status: { state: 'error' } });
    // Before any SessionStart was seen, it still says the pane is waiting at its prompt.
    expect(applyReport(initialStatus(0), ev('Notification', 200, { detail: 'idle_prompt' }), 205).status.state).toBe('idle');
  });

  it('SessionStart compact mid-turn does not end the turn; the new session id is taken', () => {
    const { status, steps } = run([
      ev('SessionStart', 100, { detail: 'startup' }),
      ev('UserPromptSubmit', 200),
      ev('PreToolUse', 300),
      ev('SessionStart', 400, { detail: 'compact', sessionId: SID2 }),
      ev('PostToolUse', 500, { sessionId: SID2 }),
      ev('Stop', 600, { sessionId: SID2 }),
    ]);
    expect(states(steps)).toEqual(['idle', 'working', 'working', 'working', 'working', 'idle']);
    expect(steps[3]!.changed).toBe(false);
    expect(status.sessionId).toBe(SID2);
    // A compaction of an idle session (/compact typed at the prompt) leaves it idle.
    const idle = run([ev('SessionStart', 100, { detail: 'startup' })]).status;
    expect(applyReport(idle, ev('SessionStart', 200, { detail: 'compact' }), 205)).toMatchObject({ changed: false, status: { state: 'idle' } });
  });

  it('SessionEnd exits; only a later report (of a claude still running: awareness checks) leaves exited', () => {
    const { status, steps } = run([
      ev('SessionStart', 100, { detail: 'startup' }),
      ev('SessionEnd', 200, { detail: 'prompt_input_exit', sessionId: SID2 }),
    ]);
    expect(steps[1]).toEqual({ state: 'exited', changed: true });
    expect(status.sessionId).toBe(SID); // SessionEnd's id says which session ended, not a new one
    for (const [name, detail] of [['SessionStart', 'resume'], ['UserPromptSubmit', undefined], ['Notification', 'permission_prompt'], ['Stop', undefined]] as const) {
      expect(applyReport(status, ev(name, 150, { detail }), 305)).toEqual({ status, changed: false }); // older than the exit
    }
    expect(applyReport(status, ev('UserPromptSubmit', 300), 305)).toMatchObject({ changed: true, status: { state: 'working' } });
    // A process exit makes every report made before it stale.
    const gone = processExited(run([ev('SessionStart', 100, { detail: 'startup' })]).status, 500);
    expect(applyReport(gone, ev('Stop', 400), 505)).toEqual({ status: gone, changed: false });
  });

  it('/clear (SessionEnd clear, then SessionStart clear) is a new session in the same pane, not an exit', () => {
    const { status, steps } = run([
      ev('SessionStart', 100, { detail: 'startup' }),
      ev('UserPromptSubmit', 200),
      ev('Stop', 300),
      ev('SessionEnd', 400, { detail: 'clear' }),
      ev('SessionStart', 500, { detail: 'clear', sessionId: SID2 }),
      ev('UserPromptSubmit', 600, { sessionId: SID2 }),
    ]);
    expect(states(steps)).toEqual(['idle', 'working', 'idle', 'idle', 'idle', 'working']);
    expect(status.sessionId).toBe(SID2);
  });

  it('the process ending exits the pane whatever was reported, once', () => {
    const working = run([ev('UserPromptSubmit', 100)]).status;
    const gone = processExited(working, 1000);
    expect(gone).toMatchObject({ state: 'exited', since: 1000 });
    expect(processExited(gone, 2000)).toBe(gone);
    const asked = run([ev('UserPromptSubmit', 100), ev('Notification', 200, { detail: 'permission_prompt', message: 'x' })]).status;
    expect(processExited(asked, 300).message).toBeUndefined();
  });
});

describe('state machine: reports out of order, missing, or correcting the session', () => {
  it('drops a report older than the last applied one (hooks race as separate processes)', () => {
    const working = run([ev('SessionStart', 100, { detail: 'startup' }), ev('UserPromptSubmit', 200), ev('Stop', 400)]).status;
    // The PreToolUse hook started at 300 but its report arrived after Stop's.
    const late = applyReport(working, ev('PreToolUse', 300, { sessionId: SID2 }), 450);
    expect(late.changed).toBe(false);
    expect(late.status).toBe(working);
    expect(late.status.sessionId).toBe(SID);
  });

  it('Stop overtaken by its own turn start: the turn still ends idle', () => {
    // UserPromptSubmit (at 100) arrives after Stop (at 200): dropped, the pane stays idle.
    const { status, steps } = run([ev('SessionStart', 50, { detail: 'startup' }), ev('Stop', 200), ev('UserPromptSubmit', 100)]);
    expect(states(steps)).toEqual(['idle', 'idle', 'idle']);
    expect(status.lastEventAt).toBe(200);
  });

  it('a report started in the same millisecond as the last one is applied', () => {
    const a = run([ev('UserPromptSubmit', 100)]).status;
    expect(applyReport(a, ev('Stop', 100), 105)).toMatchObject({ changed: true, status: { state: 'idle' } });
  });

  it('lastEventAt never goes back and a stale report never changes anything (any order)', () => {
    const events = ['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'Notification', 'Stop', 'SubagentStop', 'SessionEnd'];
    const details = [undefined, 'startup', 'compact', 'clear', 'permission_prompt', 'idle_prompt', 'other'];
    const report = fc.record({ event: fc.constantFrom(...events), at: fc.integer({ min: 1, max: 1000 }), detail: fc.constantFrom(...details) });
    fc.assert(
      fc.property(fc.array(report, { maxLength: 30 }), (reports) => {
        let s = initialStatus(0);
        for (const r of reports) {
          const res = applyReport(s, r, 2000);
          if (r.at < s.lastEventAt) expect(res.status).toBe(s);
          expect(res.status.lastEventAt).toBeGreaterThanOrEqual(s.lastEventAt);
          expect(res.changed).toBe(res.status.state !== s.state);
          if (s.state === 'exited' && r.at < s.lastEventAt) expect(res.status.state).toBe('exited');
          s = res.status;
        }
      }),
    );
  });

  it('a lost Stop leaves the pane working until idle_prompt or the next turn heals it', () => {
    const { status, steps } = run([
      ev('SessionStart', 100, { detail: 'startup' }),
      ev('UserPromptSubmit', 200),
      // Stop lost (or the turn interrupted): claude's idle_prompt ~60 s later says it waits.
      ev('Notification', 60_200, { detail: 'idle_prompt' }),
      ev('UserPromptSubmit', 70_000),
      ev('Stop', 71_000),
    ]);
    expect(states(steps)).toEqual(['idle', 'working', 'idle', 'working', 'idle']);
    expect(status.since).toBe(71_005);
  });

  it('a lost SessionStart or UserPromptSubmit: the next event still says what the pane does', () => {
    expect(run([ev('UserPromptSubmit', 100)]).status.state).toBe('working');
    expect(run([ev('PreToolUse', 100)]).status.state).toBe('working');
    expect(run([ev('Stop', 100)]).status.state).toBe('idle');
    expect(run([ev('Notification', 100, { detail: 'permission_prompt' })]).status.state).toBe('needs-input');
  });

  it('takes the session id each event carries, even when the state does not change', () => {
    const idle = run([ev('SessionStart', 100, { detail: 'startup' })]).status;
    const r = applyReport(idle, ev('SessionStart', 200, { detail: 'resume', sessionId: SID2 }), 205);
    expect(r.changed).toBe(false);
    expect(r.status.sessionId).toBe(SID2);
    expect(r.status).not.toBe(idle);
    // A report without a session id keeps the one known.
    expect(applyReport(r.status, { event: 'UserPromptSubmit', at: 300 }, 305).status.sessionId).toBe(SID2);
  });
});

describe('state machine: the events of claude 2.1 (issue 14)', () => {
  it('PermissionRequest is needs-input at once (the dialog is on screen; Notification comes ~6 s later)', () => {
    const { status, steps } = run([ev('UserPromptSubmit', 100), ev('PreToolUse', 200, { tool: 'Bash' }), ev('PermissionRequest', 260, { tool: 'Bash' })]);
    expect(states(steps)).toEqual(['working', 'working', 'needs-input']);
    expect(status.message).toBe('permission: Bash');
    // The late Notification changes nothing but may say more; the answer goes on working.
    const later = applyReport(status, ev('Notification', 6_260, { detail: 'permission_prompt', message: 'Claude needs your permission to use Bash' }), 6_265);
    expect(later).toMatchObject({ changed: false, status: { state: 'needs-input', message: 'Claude needs your permission to use Bash' } });
    expect(applyReport(later.status, ev('PostToolUse', 7_000), 7_005).status.state).toBe('working');
  });

  it('StopFailure is an error with its reason; the next prompt leaves it', () => {
    const { status, steps } = run([ev('SessionStart', 50, { detail: 'startup' }), ev('UserPromptSubmit', 100), ev('StopFailure', 900, { detail: 'authentication_failed' })]);
    expect(states(steps)).toEqual(['idle', 'working', 'error']);
    expect(status.message).toBe('authentication failed');
    expect(applyReport(status, ev('UserPromptSubmit', 1000), 1005).status).toMatchObject({ state: 'working' });
    expect(applyReport(status, ev('UserPromptSubmit', 1000), 1005).status.message).toBeUndefined();
  });

  it('says why a turn failed in words', () => {
    expect(errorReason('authentication_failed')).toBe('authentication failed');
    expect(errorReason('rate_limit', 'resets at 3pm')).toBe('rate limited: resets at 3pm');
    expect(errorReason('overloaded', 'API is overloaded')).toBe('overloaded');
    expect(errorReason('something_new')).toBe('something new');
    // As 2.1.197 reports them (docs/claude-real.md): the text claude showed comes along.
    expect(errorReason('rate_limit', "You've hit your session limit · resets 4:02pm (UTC)")).toBe("rate limited: You've hit your session limit · resets 4:02pm (UTC)");
    expect(errorReason('server_error', 'API Error: 529 Overloaded')).toBe('overloaded');
    expect(errorReason('server_error', 'API Error: 500 Internal server error')).toBe('API server error: API Error: 500 Internal server error');
    expect(errorReason(undefined)).toBe('the turn failed');
  });
});

describe("state machine: claude's live-session file", () => {
  it('busy is working, waiting needs-input with what for, idle idle — but a failed turn stays an error until the next turn', () => {
    const idle = run([ev('SessionStart', 100, { detail: 'startup' })]).status;
    const busy = applyStatus(idle, { status: 'busy' }, 1000);
    expect(busy).toMatchObject({ changed: true, status: { state: 'working', busyAt: 1000 } });
    // Escape: no hook, the file says idle.
    expect(applyStatus(busy.status, { status: 'idle' }, 1300)).toMatchObject({ changed: true, status: { state: 'idle' } });
    const asking = applyStatus(busy.status, { status: 'waiting', waitingFor: 'permission prompt' }, 1100);
    expect(asking).toMatchObject({ changed: true, status: { state: 'needs-input', message: 'permission prompt' } });
    const failed = applyReport(busy.status, ev('StopFailure', 1500, { detail: 'rate_limit' }), 1505).status;
    expect(applyStatus(failed, { status: 'idle' }, 1600)).toMatchObject({ changed: false, status: { state: 'error' } });
    expect(applyStatus(failed, { status: 'busy' }, 1700).status.state).toBe('working');
  });

  it('drops a hook report made before the last "busy": it belongs to an earlier turn', () => {
    const idle = run([ev('SessionStart', 100, { detail: 'startup' }), ev('UserPromptSubmit', 200)]).status;
    const interrupted = applyStatus(applyStatus(idle, { status: 'busy' }, 300).status, { status: 'idle' }, 400).status;
    const again = applyStatus(interrupted, { status: 'busy' }, 900).status;
    // A StopFailure of the interrupted turn, arriving late, does not fail the new one.
    expect(applyReport(again, ev('StopFailure', 350, { detail: 'server_error' }), 950)).toEqual({ status: again, changed: false });
    expect(applyReport(again, ev('Stop', 1000), 1005).status.state).toBe('idle');
  });
});

describe('state machine: screen guesses (hooks off)', () => {
  const screen = (text: string) => text.split('\n');

  it('reads a permission question as needs-input, even with the busy line showing', () => {
    expect(guessFromScreen(screen('Bash command\n\n  echo fake\n\nDo you want to proceed?\n❯ 1. Yes\n  2. No'))).toBe('needs-input');
    expect(guessFromScreen(screen('Do you want to make this edit to a.ts?'))).toBe('needs-input');
    expect(guessFromScreen(screen('Do you want to create b.ts?'))).toBe('needs-input');
    expect(guessFromScreen(screen('Pick one\n❯ 1. Yes, and don\'t ask again\n  2. No, tell Claude'))).toBe('needs-input');
    expect(guessFromScreen(screen('✻ Thinking… (esc to interrupt)\nDo you want to proceed?'))).toBe('needs-input');
  });

  it('reads the busy line as working and the empty prompt as idle', () => {
    expect(guessFromScreen(screen('● echo: hi\n✻ Thinking… (3s · esc to interrupt)'))).toBe('working');
    expect(guessFromScreen(screen('● echo: hi\n>'))).toBe('idle');
    expect(guessFromScreen(screen('● echo: hi\n>  '))).toBe('idle');
    expect(guessFromScreen(screen('╭────────╮\n│ >      │\n╰────────╯'))).toBe('idle');
  });

  it('reads claude 2.x: the ❯ input box is idle, and a question answered higher up is not needs-input', () => {
    const rule = '─'.repeat(40);
    expect(guessFromScreen(screen(`● Done.\n\n${rule}\n❯ \n${rule}\n  ? for shortcuts`))).toBe('idle');
    expect(guessFromScreen(screen(`${rule}\n❯ Try "fix lint errors"\n${rule}`))).toBe('idle');
    // Working: the busy line above the input box, which stays drawn.
    expect(guessFromScreen(screen(`✻ Pondering… (4s · esc to interrupt)\n${rule}\n❯ \n${rule}`))).toBe('working');
    // The answered question's text is still on screen, the input box is back below it.
    expect(guessFromScreen(screen(`Do you want to proceed?\n❯ 1. Yes\n  2. No\n● Bash(ls)\n  ⎿ a b\n${rule}\n❯ \n${rule}`))).toBe('idle');
  });

  it('has no guess for a screen it does not recognise', () => {
    expect(guessFromScreen([])).toBeUndefined();
    expect(guessFromScreen(screen('$ ls\nsrc test\n> typed text'))).toBeUndefined();
    expect(guessFromScreen(screen('1. Yes'))).toBeUndefined();
  });

  it('applies a guess only when it changes the state, marked as a guess', () => {
    const s = initialStatus(0);
    const idle = applyGuess(s, 'idle', 100);
    expect(idle).toMatchObject({ changed: true, status: { state: 'idle', since: 100, guessed: true } });
    expect(applyGuess(idle.status, 'idle', 200)).toEqual({ status: idle.status, changed: false });
    expect(applyGuess(idle.status, undefined, 200)).toEqual({ status: idle.status, changed: false });
    const exited = processExited(idle.status, 300);
    expect(applyGuess(exited, 'working', 400)).toEqual({ status: exited, changed: false });
  });

  it('a guess clears a reported message; a report clears the guess mark', () => {
    const asked = run([ev('UserPromptSubmit', 100), ev('Notification', 200, { detail: 'permission_prompt', message: 'm' })]).status;
    const g = applyGuess(asked, 'working', 300).status;
    expect(g).toMatchObject({ state: 'working', guessed: true });
    expect(g.message).toBeUndefined();
    expect(applyReport(g, ev('Stop', 400), 405).status).toMatchObject({ state: 'idle', guessed: false });
  });
});

describe('mostUrgent and formatWait', () => {
  it('a window shows its most urgent pane: needs-input, error, idle, working, starting; exited never', () => {
    expect(mostUrgent(['working', 'idle', 'needs-input', 'starting', 'error'])).toBe('needs-input');
    expect(mostUrgent(['working', 'idle', 'error'])).toBe('error');
    expect(mostUrgent(['working', 'starting', 'idle'])).toBe('idle');
    expect(mostUrgent(['starting', 'working', 'exited'])).toBe('working');
    expect(mostUrgent(['starting'])).toBe('starting');
    expect(mostUrgent(['exited'])).toBeUndefined();
    expect(mostUrgent([])).toBeUndefined();
  });

  it('formats a wait as seconds, minutes, then hours and two-digit minutes', () => {
    const cases: Array<[number, string]> = [
      [-5000, '0s'],
      [0, '0s'],
      [999, '0s'],
      [42_000, '42s'],
      [59_999, '59s'],
      [60_000, '1m'],
      [119_999, '1m'],
      [3_599_999, '59m'],
      [3_600_000, '1h00m'],
      [3_900_000, '1h05m'],
      [36_000_000 + 59 * 60_000, '10h59m'],
    ];
    for (const [ms, text] of cases) expect(formatWait(ms), String(ms)).toBe(text);
  });
});
