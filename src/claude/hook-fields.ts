/*
 * What ccmux keeps of a Claude hook's JSON, however it arrives — on a command hook's stdin
 * (src/cli/hook.ts) or as the body of an http hook's POST (hook-endpoint.ts): the session
 * id, the detail that steers the state machine (notification_type, source, reason, error),
 * the message and the tool, each cut short; and the check that turns those fields into a
 * report for the awareness, or says why it is refused. Pure: no I/O.
 */
import { UUID } from '../core/limits.js';
import type { ClaudeReport } from './state-machine.js';

/** The hook JSON keys kept, and the name each gets. */
const KEPT: ReadonlyArray<readonly [string, string]> = [
  ['session_id', 'sessionId'],
  ['notification_type', 'detail'],
  ['source', 'detail'],
  ['reason', 'detail'],
  ['message', 'message'],
  ['tool_name', 'tool'],
  ['error', 'detail'],
];

/** No kept field is longer than this. */
const FIELD_MAX = 500;

/** The fields the server uses, from the hook's JSON (bad or no JSON: the event alone). */
export function hookFields(event: string, text: string): Record<string, string> {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    /* no or bad JSON: report the event alone */
  }
  return hookFieldsOf(event, v);
}

/** The fields the server uses, from the hook's JSON already parsed. */
export function hookFieldsOf(event: string, v: unknown): Record<string, string> {
  const j = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
  const out: Record<string, string> = { event };
  for (const [k, as] of KEPT) if (typeof j[k] === 'string') out[as] = (j[k] as string).slice(0, FIELD_MAX);
  // StopFailure: what claude showed (e.g. "You've hit your session limit · resets 4:02pm").
  if (typeof j.last_assistant_message === 'string' && !out.message) out.message = j.last_assistant_message.split('\n')[0]!.slice(0, 200);
  return out;
}

/**
 * The fields of a hook JSON that was cut at a size bound (a PostToolUse carries the
 * whole tool output): the session id and the tool name, which claude writes before
 * tool_input and tool_response, each taken at its first occurrence as a key — inside a
 * JSON string a quote is escaped, so `"session_id":"` cannot match there.
 */
export function hookFieldsOfPrefix(event: string, prefix: string): Record<string, string> {
  const out: Record<string, string> = { event };
  for (const [k, as] of [['session_id', 'sessionId'], ['tool_name', 'tool']] as const) {
    const m = new RegExp(`"${k}":("(?:[^"\\\\]|\\\\.){0,${FIELD_MAX * 6}}")`).exec(prefix);
    if (!m) continue;
    try {
      const v = JSON.parse(m[1]!);
      if (typeof v === 'string') out[as] = v.slice(0, FIELD_MAX);
    } catch {
      /* not a whole string literal */
    }
  }
  return out;
}

/** A report for the awareness from hook fields taken at `at`, or why they are refused. */
export function reportOf(f: Record<string, unknown>, at: number): { report: ClaudeReport } | { refused: string } {
  if (typeof f.event !== 'string') return { refused: 'fields need an event' };
  // Claude's session ids are UUIDs; anything else is refused here, before it reaches the
  // model and the checkpoint (issue 13.2).
  if (f.sessionId !== undefined && (typeof f.sessionId !== 'string' || !UUID.test(f.sessionId))) {
    return { refused: `the session id ${JSON.stringify(String(f.sessionId).slice(0, 80))} is not a UUID` };
  }
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { report: { event: f.event, at, sessionId: str(f.sessionId), detail: str(f.detail), message: str(f.message), tool: str(f.tool) } };
}
