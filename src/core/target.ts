/*
 * The syntax of tmux-style targets (-t), without any knowledge of what exists:
 *
 *   %3            pane id            @2          window id        $1       session id
 *   work:1.0      session:window.pane            work:            session only
 *   :2  :2.1  .1  window / pane in the current session or window
 *   {last} {next} {previous} + - !   relative windows or panes; {left} {up} ... neighbours
 *
 * parseTarget splits the text into its parts; the server resolves each part.
 */
import { LIMITS } from './limits.js';

export interface TargetParts {
  session?: string;
  window?: string;
  pane?: string;
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

/**
 * Split a target string. `kind` says what the command wants (a bare word means a session
 * for session targets, a window for window targets, and a pane index or window for panes).
 */
export function parseTarget(text: string, kind: 'session' | 'window' | 'pane'): TargetParts {
  if (/[\x00-\x1f\x7f]/.test(text)) throw new TargetError(`bad target ${JSON.stringify(text)}: control characters`);
  if (text.startsWith('%')) return { pane: text };
  if (text.startsWith('@')) {
    const dot = text.indexOf('.');
    return dot < 0 ? { window: text } : { window: text.slice(0, dot), pane: text.slice(dot + 1) };
  }
  if (text.startsWith('$') && /^\$\d+$/.test(text)) return { session: text };
  const colon = text.indexOf(':');
  if (colon >= 0) {
    const session = text.slice(0, colon) || undefined;
    const rest = text.slice(colon + 1);
    const parts = splitWindowPane(rest);
    return { session, ...parts };
  }
  if (kind === 'session') return { session: text };
  if (kind === 'window') return { window: text };
  // Pane target without a colon: ".N", "W.N", a relative token, or a bare pane index.
  if (text.startsWith('.')) return { pane: text.slice(1) || undefined };
  if (text.includes('.') && !text.startsWith('{')) return splitWindowPane(text);
  if (/^\d+$/.test(text) || /^(\{(last|next|previous|top|bottom|left|right|up|down|up-of|down-of|left-of|right-of)\}|[!+-])$/.test(text)) {
    return { pane: text };
  }
  return { window: text };
}

function splitWindowPane(text: string): { window?: string; pane?: string } {
  if (text.startsWith('{')) {
    const close = text.indexOf('}');
    if (close >= 0 && text[close + 1] === '.') return { window: text.slice(0, close + 1), pane: text.slice(close + 2) || undefined };
    return { window: text || undefined };
  }
  const dot = text.lastIndexOf('.');
  if (dot < 0) return { window: text || undefined };
  return { window: text.slice(0, dot) || undefined, pane: text.slice(dot + 1) || undefined };
}
