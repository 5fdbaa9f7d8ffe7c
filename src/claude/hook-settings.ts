/*
 * The settings files ccmux gives Claude panes with `--settings <file>`: a hook for each
 * event ccmux follows. claude merges these with the hooks of the pane's own settings.json
 * (the user's, linked from their base config): both fire, nothing of the user's is
 * replaced. Two kinds (ADR 0013):
 *
 *   command  <state>/claude-hooks.json, shared by every server: each event runs ccmux's
 *            hook entry point (`node dist/cli/hook.js <Event>`), which learns its pane
 *            from $CCMUX_PANE_ID and its server from $CCMUX. Async: claude goes on at
 *            once, but still forks sh + node for each event (~36 ms a tool call).
 *   http     <state>/claude-hooks.<server>.json, one per server (its URL names this
 *            server's port): claude POSTs each event to the server's loopback endpoint
 *            (hook-endpoint.ts) with the pane's id and token in headers, expanded from
 *            the pane's environment. SessionStart, which claude never sends over http,
 *            stays an async command hook.
 */
import { writeIfChanged } from '../core/write-if-changed.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOOK_EVENTS, LEAN_SKIPS, type HookEvent } from './state-machine.js';

/** Quote for sh -c. */
function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The headers an http hook carries: the pane and its token, from the pane's environment. */
export const HTTP_HOOK_HEADERS = { pane: 'x-ccmux-pane', auth: 'authorization' } as const;

/** Env vars claude may expand in the http hooks' headers (it expands no others). */
const HTTP_HOOK_ENV = ['CCMUX_PANE_ID', 'CCMUX_CLAUDE_TOKEN'];

/**
 * Seconds claude waits for an http hook's answer. The endpoint answers before it does
 * anything else, in well under a millisecond; only a stopped server could use this up.
 */
const HTTP_TIMEOUT_S = 3;

/** The hook entry point for one event, as an async command hook. */
function commandHook(nodePath: string, hookScript: string, ev: string): object {
  // async: claude does not wait for the hook (2.1.197: a 2 s hook cost a tool call 2 s
  // without it, nothing with it; docs/claude-real.md). Reports carry their start time
  // and claude's session file settles what order cannot (awareness.ts).
  return { type: 'command', command: `${shQuote(nodePath)} ${shQuote(hookScript)} ${ev}`, timeout: 10, async: true };
}

/** The events a pane's settings hook: all, or (lean) those its session file does not say. */
export function hookedEvents(lean = false): HookEvent[] {
  return HOOK_EVENTS.filter((ev) => !lean || !LEAN_SKIPS.includes(ev));
}

/** The settings JSON: every event → `node <dist>/cli/hook.js <Event>`. */
export function hookSettings(nodePath: string, hookScript: string, lean = false): object {
  const hooks: Record<string, unknown> = {};
  for (const ev of hookedEvents(lean)) hooks[ev] = [{ matcher: '*', hooks: [commandHook(nodePath, hookScript, ev)] }];
  return { hooks };
}

/**
 * The http settings JSON: every event → a POST to `<baseUrl>/hook/<Event>` with the pane's
 * id and token (claude expands `$VAR` in headers only for names in allowedEnvVars, from
 * the pane's environment); SessionStart → the async command hook, as claude does not send
 * it over http.
 */
export function httpHookSettings(nodePath: string, hookScript: string, baseUrl: string, lean = false): object {
  const hooks: Record<string, unknown> = {};
  for (const ev of hookedEvents(lean)) {
    const hook =
      ev === 'SessionStart'
        ? commandHook(nodePath, hookScript, ev)
        : {
            type: 'http',
            url: `${baseUrl}/hook/${ev}`,
            headers: { 'X-Ccmux-Pane': '$CCMUX_PANE_ID', Authorization: 'Bearer $CCMUX_CLAUDE_TOKEN' },
            allowedEnvVars: HTTP_HOOK_ENV,
            timeout: HTTP_TIMEOUT_S,
          };
    hooks[ev] = [{ matcher: '*', hooks: [hook] }];
  }
  return { hooks };
}

/** The kind of hooks a settings file holds. */
export type HookKind = 'http' | 'command';

/**
 * Write (or refresh) the settings file of a kind; returns its path: `<state>/claude-hooks.json`
 * for command hooks, `<state>/claude-hooks.<server>.json` for this server's http hooks.
 */
export function writeHookSettings(stateDir: string, http?: { server: string; baseUrl: string }, lean = false): string {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'cli', 'hook.js');
  const file = path.join(stateDir, `claude-hooks${http ? `.${http.server}` : ''}${lean ? '.lean' : ''}.json`);
  const settings = http ? httpHookSettings(process.execPath, script, http.baseUrl, lean) : hookSettings(process.execPath, script, lean);
  writeIfChanged(file, JSON.stringify(settings, null, 2) + '\n', 0o600);
  return file;
}
