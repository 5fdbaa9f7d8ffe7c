/*
 * tmux 3.3a's hooks by name, and the level each is set at (options-table.c): session
 * hooks (the after-<command> hooks, client-*, session-*, alert-*, window-linked and
 * -unlinked) at a session or globally; window hooks at a window or globally for windows;
 * pane hooks at a pane (-p), a window, or globally for windows. A hook is an array:
 * `name[N]` is one of its commands. Which of these ccmux raises is the server's business
 * (server/hook-events.ts); an after-<command> hook exists where the command does.
 */

export type HookLevel = 'session' | 'window' | 'pane';

/** The commands tmux 3.3a has an after-<command> hook for, in its order. */
export const AFTER_HOOK_COMMANDS: readonly string[] = [
  'bind-key', 'capture-pane', 'copy-mode', 'display-message', 'display-panes', 'kill-pane', 'list-buffers',
  'list-clients', 'list-keys', 'list-panes', 'list-sessions', 'list-windows', 'load-buffer', 'lock-server',
  'new-session', 'new-window', 'paste-buffer', 'pipe-pane', 'queue', 'refresh-client', 'rename-session',
  'rename-window', 'resize-pane', 'resize-window', 'save-buffer', 'select-layout', 'select-pane',
  'select-window', 'send-keys', 'set-buffer', 'set-environment', 'set-hook', 'set-option',
  'show-environment', 'show-messages', 'show-options', 'split-window', 'unbind-key',
];

/** Every event hook of tmux 3.3a with its level, in tmux's (alphabetical) order. */
export const EVENT_HOOKS: ReadonlyArray<readonly [string, HookLevel]> = [
  ['alert-activity', 'session'], ['alert-bell', 'session'], ['alert-silence', 'session'],
  ['client-active', 'session'], ['client-attached', 'session'], ['client-detached', 'session'],
  ['client-focus-in', 'session'], ['client-focus-out', 'session'], ['client-resized', 'session'],
  ['client-session-changed', 'session'],
  ['pane-died', 'pane'], ['pane-exited', 'pane'], ['pane-focus-in', 'pane'], ['pane-focus-out', 'pane'],
  ['pane-mode-changed', 'pane'], ['pane-set-clipboard', 'pane'], ['pane-title-changed', 'pane'],
  ['session-closed', 'session'], ['session-created', 'session'], ['session-renamed', 'session'],
  ['session-window-changed', 'session'],
  ['window-layout-changed', 'window'], ['window-linked', 'session'], ['window-pane-changed', 'window'],
  ['window-renamed', 'window'], ['window-resized', 'window'], ['window-unlinked', 'session'],
];

/** Every hook name with its level, sorted as tmux lists them. */
export const ALL_HOOKS: ReadonlyArray<readonly [string, HookLevel]> = [
  ...AFTER_HOOK_COMMANDS.map((c) => [`after-${c}`, 'session'] as const),
  ...EVENT_HOOKS,
].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

const LEVELS = new Map(ALL_HOOKS);

/** The level of hook `name`, or undefined when tmux has no such hook. */
export function hookLevel(name: string): HookLevel | undefined {
  return LEVELS.get(name);
}

/** `hook[N]` split into name and index (undefined index for a bare name); null for a bad index. */
export function splitHookName(text: string): { name: string; index?: number } | null {
  const m = /^(.*)\[(\d*)\]$/.exec(text);
  if (!m) return { name: text };
  if (!/^\d+$/.test(m[2]!) || !Number.isSafeInteger(Number(m[2]))) return null;
  return { name: m[1]!, index: Number(m[2]) };
}
