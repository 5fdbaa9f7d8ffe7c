/*
 * hookFields: the few fields the hook entry point keeps from a hook's JSON — the session
 * id, the detail that steers the state machine (notification_type, source, reason), the
 * message and the tool — and nothing else, whatever claude sends.
 */
import { describe, expect, it } from 'vitest';
import { hookFields } from '../../src/cli/hook.js';

const SID = '6c5b4a39-2817-4f6e-9d5c-4b3a29180706';
const base = { session_id: SID, transcript_path: '/c/projects/-p/x.jsonl', cwd: '/p', permission_mode: 'default' };
const json = (o: object) => JSON.stringify(o);

describe('hookFields', () => {
  it('keeps the session id and the event name given on the command line', () => {
    expect(hookFields('Stop', json({ ...base, hook_event_name: 'Stop', stop_hook_active: false }))).toEqual({ event: 'Stop', sessionId: SID });
  });

  it('maps each event\'s detail: notification_type, source, reason', () => {
    expect(hookFields('Notification', json({ ...base, notification_type: 'permission_prompt', message: 'Claude needs your permission to use Bash' }))).toEqual({
      event: 'Notification',
      sessionId: SID,
      detail: 'permission_prompt',
      message: 'Claude needs your permission to use Bash',
    });
    expect(hookFields('SessionStart', json({ ...base, source: 'compact' }))).toEqual({ event: 'SessionStart', sessionId: SID, detail: 'compact' });
    expect(hookFields('SessionEnd', json({ ...base, reason: 'clear' }))).toEqual({ event: 'SessionEnd', sessionId: SID, detail: 'clear' });
  });

  it("keeps StopFailure's error and the first line of what claude showed (2.1.197)", () => {
    expect(hookFields('StopFailure', json({ ...base, error: 'rate_limit', last_assistant_message: "You've hit your session limit · resets 4:02pm (UTC)\nmore" }))).toEqual({
      event: 'StopFailure',
      sessionId: SID,
      detail: 'rate_limit',
      message: "You've hit your session limit · resets 4:02pm (UTC)",
    });
  });

  it('keeps the tool name but never the tool input or response', () => {
    const f = hookFields('PostToolUse', json({ ...base, tool_name: 'Bash', tool_input: { command: 'rm -rf /' }, tool_response: { stdout: 'x'.repeat(10_000) }, tool_use_id: 'toolu_1' }));
    expect(f).toEqual({ event: 'PostToolUse', sessionId: SID, tool: 'Bash' });
  });

  it('drops the prompt text (it may be long and private)', () => {
    expect(hookFields('UserPromptSubmit', json({ ...base, prompt: 'my secret plan' }))).toEqual({ event: 'UserPromptSubmit', sessionId: SID });
  });

  it('reports the event alone for no, bad or non-object JSON', () => {
    for (const text of ['', 'not json', '{"session_id":', 'null', '42', '"str"', '[1,2]']) {
      expect(hookFields('Stop', text), text).toEqual({ event: 'Stop' });
    }
  });

  it('ignores fields of the wrong type', () => {
    expect(hookFields('Notification', json({ session_id: 12, notification_type: null, message: { text: 'x' }, tool_name: ['Bash'] }))).toEqual({ event: 'Notification' });
  });

  it('cuts every kept string to 500 characters', () => {
    const f = hookFields('Notification', json({ session_id: 's'.repeat(600), message: 'm'.repeat(10_000), notification_type: 't'.repeat(501) }));
    expect(f.sessionId).toHaveLength(500);
    expect(f.message).toHaveLength(500);
    expect(f.detail).toHaveLength(500);
  });

  it('keeps unicode and control characters as they are (the server shows them escaped)', () => {
    expect(hookFields('Notification', json({ message: 'Claude ✻ needs\nyou\x07' })).message).toBe('Claude ✻ needs\nyou\x07');
  });
});
