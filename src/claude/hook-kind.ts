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

/** The hooks a pane was given, and the reason, in words for doctor. */
export interface PaneHooks {
  kind: 'http' | 'command' | 'off';
  why: string;
}

/** The hooks for a pane whose claude says `version` (undefined: it could not tell). */
export function chooseHookKind(setting: ClaudeHooksSetting, version: string | undefined): PaneHooks {
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
