/*
 * The default key bindings: command strings with notes, parsed by the same parser and run
 * by the same commands as the user's ccmux.toml (tmux's key-bindings.c does the same).
 * `[keys.<table>]` in ccmux.toml adds to or overrides these; "" unbinds. The copy-mode
 * tables are in copy-mode-bindings.ts.
 */
import { COPY_MODE_BINDINGS, type DefaultBinding } from './copy-mode-bindings.js';

export type { DefaultBinding } from './copy-mode-bindings.js';

const WINDOW_MENU =
  ` "Kill" X kill-window "Respawn" R "respawn-window -k"` +
  ` "Rename" n "command-prompt -I '#W' \\"rename-window -t '#{window_id}' -- '%%'\\""` +
  ` "" "New After" w "new-window -a" "New At End" W new-window`;

const PANE_MENU =
  ` "Horizontal Split" h "split-window -h" "Vertical Split" v "split-window -v" ""` +
  ` "#{?#{>:#{window_panes},1},,-}Swap Up" u "swap-pane -U" "#{?#{>:#{window_panes},1},,-}Swap Down" d "swap-pane -D" ""` +
  ` "Kill" X kill-pane "Respawn" R "respawn-pane -k"` +
  ` "#{?#{>:#{window_panes},1},,-}#{?window_zoomed_flag,Unzoom,Zoom}" z "resize-pane -Z"`;

export const DEFAULT_BINDINGS: readonly DefaultBinding[] = [
  ['prefix', 'C-b', 'send-prefix', 'Send the prefix key'],
  ['prefix', '%', 'split-window -h', 'Split window horizontally'],
  ['prefix', '"', 'split-window', 'Split window vertically'],
  ['prefix', 'C', 'split-window --claude', 'Split the pane and run Claude in the new one'],
  ['prefix', 'M-c', 'new-window --claude', 'New window running Claude'],
  ['prefix', 'W', 'command-prompt -p "(worktree name; empty: claude-N)" "split-window --claude --worktree=\'%%\'"', 'Split with Claude in a new git worktree (asks its name)'],
  ['prefix', 'G', 'review', "Review the active pane's worktree changes against its base"],
  ['prefix', 'P', 'choose-profile', 'Choose a Claude profile and split with it'],
  ['prefix', 'D', 'doctor', 'Check the isolation of the Claude panes'],
  ['prefix', 'N', 'next-waiting', 'Go to the Claude pane waiting longest for you'],
  ['prefix', 'H', 'choose-conversation', 'Resume an archived Claude conversation'],
  ['prefix', 'c', 'new-window', 'Create a new window'],
  ['prefix', 'n', 'next-window', 'Select the next window'],
  ['prefix', 'p', 'previous-window', 'Select the previous window'],
  ['prefix', 'l', 'last-window', 'Select the previously current window'],
  ...Array.from({ length: 10 }, (_, i) => ['prefix', String(i), `select-window -t :=${i}`, `Select window ${i}`] as const),
  ['prefix', ',', "command-prompt -I'#W' { rename-window -- '%%' }", 'Rename current window'],
  ['prefix', '$', "command-prompt -I'#S' { rename-session -- '%%' }", 'Rename current session'],
  ['prefix', '&', 'confirm-before -p "kill-window #W? (y/n)" kill-window', 'Kill current window'],
  ['prefix', 'x', 'confirm-before -p "kill-pane #P? (y/n)" kill-pane', 'Kill the active pane'],
  ['prefix', 'd', 'detach-client', 'Detach the current client'],
  ['prefix', 'z', 'resize-pane -Z', 'Zoom the active pane'],
  ['prefix', 'o', 'select-pane -t :.+', 'Select the next pane'],
  ['prefix', ';', 'last-pane', 'Move to the previously active pane'],
  ['prefix', 'Up', 'select-pane -U', 'Select the pane above the active pane', true],
  ['prefix', 'Down', 'select-pane -D', 'Select the pane below the active pane', true],
  ['prefix', 'Left', 'select-pane -L', 'Select the pane to the left of the active pane', true],
  ['prefix', 'Right', 'select-pane -R', 'Select the pane to the right of the active pane', true],
  ['prefix', 'C-Up', 'resize-pane -U', 'Resize the pane up', true],
  ['prefix', 'C-Down', 'resize-pane -D', 'Resize the pane down', true],
  ['prefix', 'C-Left', 'resize-pane -L', 'Resize the pane left', true],
  ['prefix', 'C-Right', 'resize-pane -R', 'Resize the pane right', true],
  ['prefix', 'M-Up', 'resize-pane -U 5', 'Resize the pane up by 5', true],
  ['prefix', 'M-Down', 'resize-pane -D 5', 'Resize the pane down by 5', true],
  ['prefix', 'M-Left', 'resize-pane -L 5', 'Resize the pane left by 5', true],
  ['prefix', 'M-Right', 'resize-pane -R 5', 'Resize the pane right by 5', true],
  ['prefix', 'Space', 'next-layout', 'Select next layout'],
  ['prefix', 'M-1', 'select-layout even-horizontal', 'Set the even-horizontal layout'],
  ['prefix', 'M-2', 'select-layout even-vertical', 'Set the even-vertical layout'],
  ['prefix', 'M-3', 'select-layout main-horizontal', 'Set the main-horizontal layout'],
  ['prefix', 'M-4', 'select-layout main-vertical', 'Set the main-vertical layout'],
  ['prefix', 'M-5', 'select-layout tiled', 'Select the tiled layout'],
  ['prefix', '{', 'swap-pane -U', 'Swap the active pane with the pane above'],
  ['prefix', '}', 'swap-pane -D', 'Swap the active pane with the pane below'],
  ['prefix', 'C-o', 'rotate-window', 'Rotate through the panes'],
  ['prefix', 't', 'clock-mode', 'Show a clock'],
  ['prefix', 'f', "command-prompt { find-window -Z -- '%%' }", 'Search for a pane'],
  ['prefix', 'C-z', 'suspend-client', 'Suspend the current client'],
  ['prefix', 'M-o', 'rotate-window -D', 'Rotate through the panes in reverse'],
  ['prefix', '(', 'switch-client -p', 'Switch to previous client'],
  ['prefix', ')', 'switch-client -n', 'Switch to next client'],
  ['prefix', 'L', 'switch-client -l', 'Switch to the last client'],
  ['prefix', 's', 'choose-tree -Zs', 'Choose a session from a list'],
  ['prefix', 'w', 'choose-tree -Zw', 'Choose a window from a list'],
  ['prefix', 'q', 'display-panes', 'Display pane numbers'],
  // tmux's window and pane menus, with the items whose commands ccmux has (no swap-window or marked pane yet).
  ['prefix', '<', `display-menu -xW -yW -T "#[align=centre]#{window_index}:#{window_name}"${WINDOW_MENU}`, ''],
  ['prefix', '>', `display-menu -xP -yP -T "#[align=centre]#{pane_index} (#{pane_id})"${PANE_MENU}`, ''],
  ['prefix', '[', 'copy-mode', 'Enter copy mode'],
  ['prefix', 'PPage', 'copy-mode -u', 'Enter copy mode and scroll up'],
  ['prefix', ']', 'paste-buffer -p', 'Paste the most recent paste buffer'],
  ['prefix', '-', 'delete-buffer', 'Delete the most recent paste buffer'],
  ['prefix', '!', 'break-pane', 'Break pane to a new window'],
  ['prefix', "'", "command-prompt -T window-target -pindex { select-window -t ':%%' }", 'Prompt for window index to select'],
  ['prefix', '#', 'list-buffers', 'List all paste buffers'],
  ['prefix', '=', 'choose-buffer -Z', 'Choose a paste buffer from a list'],
  ['prefix', ':', 'command-prompt', 'Prompt for a command'],
  ['prefix', '?', 'list-keys -N', 'List key bindings'],
  ['prefix', 'R', 'source-file', 'Reload the config file'],
  ['prefix', 'i', 'display-message', 'Display window information'],
  ['prefix', '.', "command-prompt -T target { move-window -t '%%' }", 'Move the current window'],
  ['prefix', '/', "command-prompt -kpkey { list-keys -1N '%%' }", 'Describe key binding'],
  ['prefix', '~', 'show-messages', 'Show messages'],
  ...COPY_MODE_BINDINGS,
];
