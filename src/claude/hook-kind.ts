/*
 * Which hooks a Claude pane gets, and why — what `ccmux doctor` says for each pane:
 *
 *   [claude] hooks   the pane's claude        hooks
 *   false            any                      off (the state is guessed from the screen)
 *   "command"        any                      command (a hook process per event)
 *   true / "http"    2.1.63 or newer          http (POSTs to the server's endpoint)
 *   true / "http"    older, or no version     command (the fall-back)
 *
 * Pure; the version comes from claude-version.ts, the endpoint from pane-hooks.ts.
 */
import type { ClaudeHooksSetting } from '../config/claude-settings.js';
import { compareVersions } from './claude-version.js';

/** The first Claude Code with `type: "http"` hooks (its changelog: "Added HTTP hooks"). */
export const HTTP_HOOKS_SINCE = '2.1.63';

/**
 * The first Claude Code that keeps `sessions/<pid>.json` with its `status` (busy, idle,
 * waiting) from start to exit: 2.1.119 (its binary has `waitingFor`, 2.1.118's not; run
 * offline it wrote idle, then busy after a prompt; 2.1.197 measured in full:
 * docs/claude-real.md h). Such a claude gets no hooks for what the file says
 * (LEAN_SKIPS): nothing runs or is waited for on a tool call.
 */
export const SESSION_FILE_SINCE = '2.1.119';

/** The hooks a pane was given, and the reason, in words for doctor. */
export interface PaneHooks {
  kind: 'http' | 'command' | 'off';
  why: string;
  /** Only the events the session file does not say (no hook per prompt or tool call). */
  lean?: boolean;
}

/** The hooks for a pane whose claude says `version` (undefined: it could not tell). */
export function chooseHookKind(setting: ClaudeHooksSetting, version: string | undefined): PaneHooks {
  const hooks = chooseKind(setting, version);
  if (hooks.kind === 'off' || version === undefined || compareVersions(version, SESSION_FILE_SINCE) < 0) return hooks;
  return { ...hooks, lean: true, why: `${hooks.why}; its session file says busy, idle and waiting (since ${SESSION_FILE_SINCE}), so no hook runs on a tool call` };
}

function chooseKind(setting: ClaudeHooksSetting, version: string | undefined): PaneHooks {
  if (setting === false) return { kind: 'off', why: '[claude] hooks = false' };
  if (setting === 'command') return { kind: 'command', why: '[claude] hooks = "command"' };
  if (version === undefined) {
    return { kind: 'command', why: `claude did not say its version (claude --version), and http hooks need ${HTTP_HOOKS_SINCE} or newer: command hooks instead` };
  }
  if (compareVersions(version, HTTP_HOOKS_SINCE) < 0) {
    return { kind: 'command', why: `claude ${version} is older than ${HTTP_HOOKS_SINCE}, the first with http hooks: command hooks instead` };
  }
  return { kind: 'http', why: `claude ${version} has http hooks (since ${HTTP_HOOKS_SINCE})` };
}
