/*
 * The syntax of tmux-style targets (-t), without any knowledge of what exists:
 *
 *   %3            pane id            @2          window id        $1       session id
 *   work:1.0      session:window.pane            work:            session only
 *   :2  :2.1  .1  window / pane in the current session or window
 *   {last} {next} {previous} + - +N -N !   relative windows or panes; {up-of} ... neighbours;
 *   {top} {left} {top-left} ...            the pane at an edge or corner
 *
 * parseTarget splits the text into its parts as tmux does; the server looks each part up
 * (server/target-find.ts).
 */
import { LIMITS } from './limits.js';

export interface TargetParts {
  session?: string;
  window?: string;
  pane?: string;
  /** The window part came after a `:`: it is only looked up as a window (not as a session). */
  windowOnly?: boolean;
  /** The pane part came after a `.`: it is only looked up as a pane. */
  paneOnly?: boolean;
  /** `=session`, `:=window`: the exact name only. */
  exactSession?: boolean;
  exactWindow?: boolean;
}

export class TargetError extends Error {}

/** Reject names that would make targets or file names ambiguous or unsafe. */
export function validateName(kind: 'session' | 'window', name: string): string | null {
  if (name.length === 0) return `${kind} name must not be empty`;
  if (name.length > LIMITS.name) return `${kind} name is longer than ${LIMITS.name} characters`;
  if (/[\x00-\x1f\x7f]/.test(name)) return `${kind} name must not contain control characters: ${JSON.stringify(name)}`;
  if (kind === 'session' && /[:.]/.test(name)) return `session name must not contain ":" or ".": ${JSON.stringify(name)}`;
  return null;
}

/** A session name as tmux 3.3a makes one of what it was given (session_check_name): `:` and `.` become `_`. */
export function sessionName(given: string): string {
  return given.replace(/[:.]/g, '_');
}

/** The window table's names for its special tokens (tmux's cmd_find_window_table). */
const WINDOW_TOKENS: Record<string, string> = { '{start}': '^', '{last}': '!', '{end}': '$', '{next}': '+', '{previous}': '-' };

/** A window part's {token} as tmux's short form (`{next}` is `+`), else the part itself. */
export function windowToken(part: string): string {
  return WINDOW_TOKENS[part] ?? part;
}
/** The pane table's (cmd_find_pane_table); {up-of} and the rest stay as they are. */
const PANE_TOKENS: Record<string, string> = {
  '{last}': '!', '{next}': '+', '{previous}': '-', '{top}': 'top', '{bottom}': 'bottom', '{left}': 'left', '{right}': 'right',
  '{top-left}': 'top-left', '{top-right}': 'top-right', '{bottom-left}': 'bottom-left', '{bottom-right}': 'bottom-right',
};

/**
 * Split a target string as tmux 3.3a's cmd_find_target does: at the first `:` (session
 * before it), then at the first `.` after that (pane after it); a word with neither is a
 * session, window or pane id by its `$`, `@` or `%`, else what the command wants (`kind`).
 * A part after `:` or `.` is looked up only as that (windowOnly, paneOnly); `=` before a
 * session or window asks for its exact name; an empty part is none; {tokens} are mapped to
 * tmux's short forms ({last} is `!`, {top-left} is `top-left`, …).
 */
export function parseTarget(text: string, kind: 'session' | 'window' | 'pane'): TargetParts {
  if (/[\x00-\x1f\x7f]/.test(text)) throw new TargetError(`bad target ${JSON.stringify(text)}: control characters`);
  const colon = text.indexOf(':');
  const head = colon < 0 ? text : text.slice(0, colon);
  const afterColon = colon < 0 ? undefined : text.slice(colon + 1);
  const periodIn = afterColon ?? head;
  const period = periodIn.indexOf('.');
  const beforePeriod = period < 0 ? periodIn : periodIn.slice(0, period);
  const afterPeriod = period < 0 ? undefined : periodIn.slice(period + 1);
  const parts: TargetParts = {};
  if (afterColon !== undefined) {
    parts.session = head;
    parts.window = beforePeriod;
    parts.windowOnly = true;
    if (afterPeriod !== undefined) {
      parts.pane = afterPeriod;
      parts.paneOnly = true;
    }
  } else if (afterPeriod !== undefined) {
    parts.window = beforePeriod;
    parts.pane = afterPeriod;
    parts.paneOnly = true;
  } else if (text.startsWith('$')) parts.session = text;
  else if (text.startsWith('@')) parts.window = text;
  else if (text.startsWith('%')) parts.pane = text;
  else parts[kind] = text;
  if (parts.session?.startsWith('=')) {
    parts.session = parts.session.slice(1);
    parts.exactSession = true;
  }
  if (parts.window?.startsWith('=')) {
    parts.window = parts.window.slice(1);
    parts.exactWindow = true;
  }
  if (parts.session === '') delete parts.session;
  if (parts.window === '') delete parts.window;
  if (parts.pane === '') delete parts.pane;
  if (parts.window !== undefined) parts.window = windowToken(parts.window);
  if (parts.pane !== undefined) parts.pane = PANE_TOKENS[parts.pane] ?? parts.pane;
  return parts;
}
