/*
 * The options table: every option ccmux has, with its type, scope, default, limits and help
 * text, as tmux's options-table.c. Validation (option-values.ts), the config loader, show-options
 * and the shipped config/ccmux.toml (checked by a test) all read it; nothing else lists options.
 *
 *   scope server | session | window   general options, top-level keys of ccmux.toml; the
 *                                     global value here, and (session and window options) a
 *                                     value of a session, window or, with `pane`, a pane of
 *                                     its own set with set-option -t (local-options.ts)
 *   scope claude                      "claude.x.y" = key y of the [claude.x] table, mirroring
 *                                     ClaudeSettings in src/claude/settings.ts
 */

import { ISOLATION_METHODS, WORKTREE_MODES } from './claude-settings.js';

export type OptionType = 'string' | 'number' | 'boolean' | 'choice' | 'key' | 'string-array' | 'style' | 'colour';

export type OptionScope = 'server' | 'session' | 'window' | 'claude';

/** One option. Numbers are integers in min..max; choices list the allowed strings. */
export interface OptionDef {
  name: string;
  scope: OptionScope;
  type: OptionType;
  default: unknown;
  min?: number;
  max?: number;
  choices?: readonly string[];
  /** For choice options: true and false are values too (`hooks = true`, `hooks = "http"`). */
  alsoBoolean?: boolean;
  /** A window option that a pane can also have a value of its own for (`set -p`), as tmux's pane options. */
  pane?: boolean;
  /** For string-array options of paths: each entry must be a plain relative path inside this directory. */
  relativeTo?: string;
  /** For string-array options: the characters a value given whole is split on (tmux's separator; default " ,", "" for none). */
  separator?: string;
  /** For string-array options whose items are colours (pane-colours), as tmux's colour arrays. */
  items?: 'colour';
  /** What a number counts, as tmux's table says it (customize-mode shows it after the value). */
  unit?: string;
  /** For string options: the form a value must have, and how to say it (default-size: "COLSxROWS"). */
  pattern?: { re: RegExp; expected: string };
  help: string;
}

export const OPTIONS: readonly OptionDef[] = [
  // Keys
  { name: 'prefix', scope: 'session', type: 'key', default: 'C-b',
    help: 'The prefix key: press it, then a key of the prefix table.' },
  { name: 'prefix2', scope: 'session', type: 'key', default: '',
    help: 'A second prefix key; "" for none.' },
  { name: 'clock-mode-colour', scope: 'window', type: 'colour', default: 'blue',
    help: 'Colour of the big clock of clock-mode.' },
  { name: 'clock-mode-style', scope: 'window', type: 'choice', default: '24', choices: ['12', '24'],
    help: 'The clock of clock-mode in 12-hour (with AM/PM) or 24-hour time.' },
  { name: 'lock-command', scope: 'session', type: 'string', default: 'lock -np',
    help: "Command run in a client's terminal to lock it (lock-client, lock-session, lock-server); the session is back when it exits." },
  { name: 'lock-after-time', scope: 'session', type: 'number', default: 0, unit: 'seconds', min: 0, max: 2_000_000_000,
    help: 'Lock a session (as lock-session) after this many seconds without a key from any of its clients; 0: never.' },
  { name: 'status-keys', scope: 'session', type: 'choice', default: 'emacs', choices: ['vi', 'emacs'],
    help: 'Keys of the command prompt: emacs (C-a, C-e, C-k, …), or vi (typing until Escape, then h l w b e x D p …, i or a to type again).' },
  { name: 'word-separators', scope: 'session', type: 'string', default: '!"#$%&\'()*+,-./:;<=>?@[\\]^`{|}~',
    help: 'Characters that end a word in copy mode\'s word motions (w, b, e; M-f, M-b), besides spaces; "" makes words only of spaces.' },
  { name: 'wrap-search', scope: 'window', type: 'boolean', default: true,
    help: 'Copy-mode searches go on from the other end of the history when they reach one end.' },
  { name: 'copy-mode-match-style', scope: 'window', type: 'style', default: 'bg=cyan,fg=black',
    help: 'Style of the matches of the last search in copy mode.' },
  { name: 'copy-mode-current-match-style', scope: 'window', type: 'style', default: 'bg=magenta,fg=black',
    help: 'Style of the current match of the last search in copy mode.' },
  { name: 'copy-mode-mark-style', scope: 'window', type: 'style', default: 'bg=red,fg=black',
    help: 'Style of the line with the mark (set-mark) in copy mode.' },
  { name: 'mode-keys', scope: 'window', type: 'choice', default: 'vi', choices: ['vi', 'emacs'],
    help: 'Key table used in copy mode: vi (copy-mode-vi) or emacs (copy-mode) (as tmux names them).' },
  { name: 'assume-paste-time', scope: 'session', type: 'number', default: 1, unit: 'milliseconds', min: 0, max: 2147483647,
    help: 'Keys that come within this many milliseconds of the one before are taken as pasted (from the third on): they run no binding and go to the pane; 0: off.' },
  { name: 'repeat-time', scope: 'session', type: 'number', default: 500, unit: 'milliseconds', min: 0, max: 60000,
    help: 'Milliseconds during which a key bound with -r can be pressed again without the prefix.' },
  { name: 'escape-time', scope: 'server', type: 'number', default: 10, unit: 'milliseconds', min: 0, max: 5000,
    help: 'Milliseconds to wait after an Escape to tell it from the start of an Alt key or escape sequence.' },

  // Panes and processes
  { name: 'default-shell', scope: 'session', type: 'string', default: '',
    help: 'Shell started in new panes; "" means $SHELL, else /bin/sh.' },
  { name: 'default-command', scope: 'session', type: 'string', default: '',
    help: 'Command run in new panes instead of the shell; "" for the shell.' },
  { name: 'default-terminal', scope: 'server', type: 'string', default: 'xterm-256color',
    help: 'TERM set for programs running in panes.' },
  { name: 'history-limit', scope: 'session', type: 'number', default: 10000, unit: 'lines', min: 0, max: 2147483647,
    help: 'Lines of scrollback kept for each pane.' },
  { name: 'monitor-activity', scope: 'window', type: 'boolean', default: false,
    help: 'Flag a window (#) in the status line when one of its panes prints while you look elsewhere.' },
  { name: 'monitor-bell', scope: 'window', type: 'boolean', default: true,
    help: 'Flag a window (!) in the status line when one of its panes rings the bell while you look elsewhere; bell-action and visual-bell say what else happens.' },
  { name: 'monitor-silence', scope: 'window', type: 'number', default: 0, min: 0, max: 2147483647,
    help: 'Flag a window (~) in the status line when none of its panes has printed for this many seconds; 0: off.' },
  { name: 'scroll-on-clear', scope: 'window', type: 'boolean', default: true, pane: true,
    help: 'When a program clears the screen (ESC [ 2 J, as clear does), its lines go into the history first; off: they are lost.' },
  { name: 'remain-on-exit', scope: 'window', type: 'choice', default: false, choices: ['on', 'off', 'failed'], alsoBoolean: true, pane: true,
    help: 'Keep a pane open, marked dead, after its program exits: on, off, or failed (only when it exits non-zero or is killed by a signal).' },
  { name: 'remain-on-exit-format', scope: 'window', type: 'string', pane: true,
    default: 'Pane is dead (#{?#{!=:#{pane_dead_status},},status #{pane_dead_status},}#{?#{!=:#{pane_dead_signal},},signal #{pane_dead_signal},}, #{t:pane_dead_time})',
    help: 'The line a pane kept by remain-on-exit shows on a new last line when its program exits (a format, with #[…] styles); "" for none.' },
  { name: 'exit-empty', scope: 'server', type: 'boolean', default: true,
    help: 'Stop the server when its last session ends.' },
  { name: 'tmux-conf', scope: 'server', type: 'string-array', default: [],
    help: 'Files of tmux commands (a ~/.tmux.conf) run after this file and on every reload, in order, as source-file runs them; a command ccmux lacks is reported with file and line and skipped.' },
  { name: 'message-limit', scope: 'server', type: 'number', default: 1000, min: 0, max: 1000000,
    help: 'Entries kept in the message log (show-messages): commands run, messages shown.' },
  { name: 'editor', scope: 'server', type: 'string', default: '/usr/bin/vi',
    help: 'The editor choose-buffer\'s e runs on a buffer (the server\'s $VISUAL or $EDITOR when set, as tmux).' },
  { name: 'copy-command', scope: 'server', type: 'string', default: '',
    help: 'Shell command copy-pipe and pipe (copy mode) send the text to when not given one; "" for none.' },
  { name: 'buffer-limit', scope: 'server', type: 'number', default: 50, min: 1, max: 2147483647,
    help: 'The most automatic paste buffers (buffer0, buffer1, … made by copying) kept; adding one beyond it drops the oldest. Named buffers do not count.' },
  { name: 'history-file', scope: 'server', type: 'string', default: '',
    help: 'File the command prompt\'s history is read from at start-up (after the configuration) and written to when the server exits; an absolute path or one under ~/, "" for none.' },
  { name: 'prompt-history-limit', scope: 'server', type: 'number', default: 100, min: 0, max: 1000000,
    help: 'Lines kept of what was typed at each kind of prompt (Up and Down walk them; show-prompt-history).' },
  { name: 'command-alias', scope: 'server', type: 'string-array', separator: ',',
    default: ['split-pane=split-window', 'splitp=split-window', 'server-info=show-messages -JT', 'info=show-messages -JT', 'choose-window=choose-tree -w', 'choose-session=choose-tree -s'],
    help: 'Command aliases, "name=command string": a command named name runs the command string with its arguments added (set -s command-alias[10] sp="split-window -h").' },
  { name: 'update-environment', scope: 'session', type: 'string-array',
    default: ['DISPLAY', 'KRB5CCNAME', 'SSH_ASKPASS', 'SSH_AUTH_SOCK', 'SSH_AGENT_PID', 'SSH_CONNECTION', 'WINDOWID', 'XAUTHORITY'],
    help: "Variables a new session takes from the client that creates it; everything else comes from the server's own environment (as in tmux)." },

  // Windows
  { name: 'base-index', scope: 'session', type: 'number', default: 0, min: 0, max: 10000,
    help: 'Number given to the first window.' },
  { name: 'pane-base-index', scope: 'window', type: 'number', default: 0, min: 0, max: 10000,
    help: 'Number given to the first pane of a window.' },
  { name: 'renumber-windows', scope: 'session', type: 'boolean', default: false,
    help: 'Renumber windows without gaps when one closes.' },
  { name: 'window-size', scope: 'window', type: 'choice', default: 'latest', choices: ['largest', 'smallest', 'manual', 'latest'],
    help: 'How a window is sized from the clients showing it: largest, smallest, latest (the client that used it last) or manual (only resize-window).' },
  { name: 'aggressive-resize', scope: 'window', type: 'boolean', default: false,
    help: 'Size a window only from the clients whose session has it as the current window.' },
  { name: 'default-size', scope: 'session', type: 'string', default: '80x24', pattern: { re: /^[0-9]+x[0-9]+$/, expected: 'a size like "80x24"' },
    help: 'Size of a new session\'s windows when no client gives one (new-session -d without -x/-y); new-session -x/-y sets it for its session.' },
  { name: 'destroy-unattached', scope: 'session', type: 'boolean', default: false,
    help: 'End a session when it has no client attached any more (checked when a client detaches or switches away).' },
  { name: 'detach-on-destroy', scope: 'session', type: 'choice', default: 'on', choices: ['off', 'on', 'no-detached'],
    help: 'When a session ends, its clients detach (on), switch to the most recently used session (off), or to the most recently used session no client is attached to, detaching if there is none (no-detached).' },
  { name: 'exit-unattached', scope: 'server', type: 'boolean', default: false,
    help: 'Stop the server when no client is attached any more, even with sessions left.' },
  { name: 'automatic-rename', scope: 'window', type: 'boolean', default: true,
    help: 'Name a window after the program running in its active pane.' },
  { name: 'xterm-keys', scope: 'window', type: 'boolean', default: true,
    help: 'Kept from tmux before 3.3, where it chose xterm-style function key sequences; tmux 3.3a accepts it and uses it no more, and neither does ccmux.' },
  { name: 'automatic-rename-format', scope: 'window', type: 'string',
    default: '#{?pane_in_mode,[tmux],#{?pane_claude,claude,#{pane_current_command}}}#{?pane_dead,[dead],}',
    help: 'The automatic name of a window (automatic-rename), expanded for its active pane (tmux\'s default, with "claude" for a Claude pane).' },
  { name: 'main-pane-width', scope: 'window', type: 'string', default: '80',
    help: 'Width of the main pane in the main-vertical layout: columns, or a percentage of the window ("60%").' },
  { name: 'main-pane-height', scope: 'window', type: 'string', default: '24',
    help: 'Height of the main pane in the main-horizontal layout: rows, or a percentage of the window ("60%").' },
  { name: 'other-pane-width', scope: 'window', type: 'string', default: '0',
    help: 'Width of the other panes in the main-vertical layout (columns or a percentage); when not 0 and there is room, the main pane gets the rest.' },
  { name: 'other-pane-height', scope: 'window', type: 'string', default: '0',
    help: 'Height of the other panes in the main-horizontal layout (rows or a percentage); when not 0 and there is room, the main pane gets the rest.' },

  // Status line and messages
  { name: 'status', scope: 'session', type: 'choice', default: true, choices: ['2', '3', '4', '5'], alsoBoolean: true,
    help: 'Show the status line: on (one line), off, or 2 to 5 lines (status-format[0] to [4]).' },
  { name: 'status-format', scope: 'session', type: 'string-array',
    default: [
      '#[align=left range=left #{E:status-left-style}]#[push-default]#{T;=/#{status-left-length}:status-left}#[pop-default]#[norange default]#[list=on align=#{status-justify}]#[list=left-marker]<#[list=right-marker]>#[list=on]#{W:#[range=window|#{window_index} #{E:window-status-style}#{?#{&&:#{window_last_flag},#{!=:#{E:window-status-last-style},default}}, #{E:window-status-last-style},}#{?#{&&:#{window_bell_flag},#{!=:#{E:window-status-bell-style},default}}, #{E:window-status-bell-style},#{?#{&&:#{||:#{window_activity_flag},#{window_silence_flag}},#{!=:#{E:window-status-activity-style},default}}, #{E:window-status-activity-style},}}]#[push-default]#{T:window-status-format}#[pop-default]#[norange default]#{?window_end_flag,,#{window-status-separator}},#[range=window|#{window_index} list=focus #{?#{!=:#{E:window-status-current-style},default},#{E:window-status-current-style},#{E:window-status-style}}#{?#{&&:#{window_last_flag},#{!=:#{E:window-status-last-style},default}}, #{E:window-status-last-style},}#{?#{&&:#{window_bell_flag},#{!=:#{E:window-status-bell-style},default}}, #{E:window-status-bell-style},#{?#{&&:#{||:#{window_activity_flag},#{window_silence_flag}},#{!=:#{E:window-status-activity-style},default}}, #{E:window-status-activity-style},}}]#[push-default]#{T:window-status-current-format}#[pop-default]#[norange list=on default]#{?window_end_flag,,#{window-status-separator}}}#[nolist align=right range=right #{E:status-right-style}]#[push-default]#{T;=/#{status-right-length}:status-right}#[pop-default]#[norange default]',
      '#[align=centre]#{P:#{?pane_active,#[reverse],}#{pane_index}[#{pane_width}x#{pane_height}]#[default] }',
    ],
    help: 'The format of each line of the status line (tmux\'s defaults: [0] status-left, the window list and status-right, drawn natively as today\'s line while it is unchanged; [1] the window\'s panes); #[align=left|centre|right|absolute-centre] places what follows.' },
  { name: 'status-position', scope: 'session', type: 'choice', default: 'bottom', choices: ['top', 'bottom'],
    help: 'Where the status line goes: top or bottom.' },
  { name: 'status-left', scope: 'session', type: 'string', default: '[#{session_name}] ',
    help: 'Format shown at the left of the status line.' },
  { name: 'status-right', scope: 'session', type: 'string', default: '#{?window_bigger,[#{window_offset_x}#,#{window_offset_y}] ,}#{?claude_needs_input,◆#{claude_needs_input} ,}#H %H:%M',
    help: 'Format shown at the right of the status line.' },
  { name: 'status-style', scope: 'session', type: 'style', default: 'bg=green,fg=black',
    help: 'Style of the status line.' },
  { name: 'status-bg', scope: 'session', type: 'colour', default: 'default',
    help: 'Background colour of the status line, over status-style unless default (kept from tmux before 2.9).' },
  { name: 'status-fg', scope: 'session', type: 'colour', default: 'default',
    help: 'Foreground colour of the status line, over status-style unless default (kept from tmux before 2.9).' },
  { name: 'status-interval', scope: 'session', type: 'number', default: 15, min: 0, max: 2_147_483_647,
    help: 'Seconds between redraws of a status line with a clock or a #(command) in it (each from the clock\'s multiples of it, so 1, 15 or 60 show a new minute as it starts); 0: never.' },
  { name: 'status-justify', scope: 'session', type: 'choice', default: 'left', choices: ['left', 'centre', 'right', 'absolute-centre'],
    help: 'Where the window list goes: left (after status-left), centre or right of the space between status-left and status-right, or absolute-centre (the middle of the line).' },
  { name: 'status-left-length', scope: 'session', type: 'number', default: 10, min: 0, max: 32767,
    help: 'The most cells status-left takes.' },
  { name: 'status-right-length', scope: 'session', type: 'number', default: 40, min: 0, max: 32767,
    help: 'The most cells status-right takes.' },
  { name: 'status-left-style', scope: 'session', type: 'style', default: 'default',
    help: 'Style of status-left, over status-style.' },
  { name: 'status-right-style', scope: 'session', type: 'style', default: 'default',
    help: 'Style of status-right, over status-style.' },
  { name: 'window-status-format', scope: 'window', type: 'string', default: '#I:#W#{window_claude_mark}#{?window_flags,#{window_flags}, }',
    help: "A window's entry in the status line (tmux's default and #{window_claude_mark}: the most urgent state of the window's Claude panes)." },
  { name: 'window-status-current-format', scope: 'window', type: 'string', default: '#I:#W#{window_claude_mark}#{?window_flags,#{window_flags}, }',
    help: "The current window's entry in the status line." },
  { name: 'window-status-separator', scope: 'window', type: 'string', default: ' ',
    help: 'Drawn between the windows of the status line.' },
  { name: 'window-status-style', scope: 'window', type: 'style', default: 'default',
    help: 'Style of a window in the status line.' },
  { name: 'window-status-current-style', scope: 'window', type: 'style', default: 'bg=black,fg=green,bold',
    help: 'Style of the current window in the status line.' },
  { name: 'window-status-last-style', scope: 'window', type: 'style', default: 'default',
    help: 'Style of the last window (the one prefix l goes back to) in the status line.' },
  { name: 'window-status-activity-style', scope: 'window', type: 'style', default: 'reverse',
    help: 'Style of a window flagged for activity in the status line.' },
  { name: 'window-status-bell-style', scope: 'window', type: 'style', default: 'reverse',
    help: 'Style of a window flagged for a bell or a Claude alert in the status line.' },
  { name: 'message-style', scope: 'session', type: 'style', default: 'bg=yellow,fg=black',
    help: 'Style of messages in the status line and of the command prompt.' },
  { name: 'message-command-style', scope: 'session', type: 'style', default: 'bg=black,fg=yellow',
    help: 'Style of the command prompt in vi command mode (status-keys vi, after Escape).' },
  { name: 'display-time', scope: 'session', type: 'number', default: 750, unit: 'milliseconds', min: 0, max: 600000,
    help: 'Milliseconds a message stays in the status line; 0 until a key is pressed.' },
  { name: 'display-panes-time', scope: 'session', type: 'number', default: 1000, unit: 'milliseconds', min: 1, max: 600000,
    help: 'Milliseconds display-panes shows the pane numbers.' },
  { name: 'display-panes-colour', scope: 'session', type: 'colour', default: 'blue',
    help: 'Colour of the pane numbers display-panes shows (and choose-tree\'s preview labels).' },
  { name: 'display-panes-active-colour', scope: 'session', type: 'colour', default: 'red',
    help: 'Colour of the active pane\'s number in display-panes.' },
  { name: 'mode-style', scope: 'window', type: 'style', default: 'bg=yellow,fg=black',
    help: 'Style of the current line in choose-tree, choose-buffer, choose-client and menus.' },
  { name: 'bell-action', scope: 'session', type: 'choice', default: 'any', choices: ['any', 'none', 'current', 'other'],
    help: 'Which windows a bell (monitor-bell) is reported for (the alert-bell hook, a bell or message): any, none, current or other.' },
  { name: 'activity-action', scope: 'session', type: 'choice', default: 'other', choices: ['any', 'none', 'current', 'other'],
    help: 'Which windows activity (monitor-activity) is reported for (the alert-activity hook, a bell or message): any, none, current or other.' },
  { name: 'silence-action', scope: 'session', type: 'choice', default: 'other', choices: ['any', 'none', 'current', 'other'],
    help: 'Which windows silence (monitor-silence) is reported for (the alert-silence hook, a bell or message): any, none, current or other.' },
  { name: 'visual-activity', scope: 'session', type: 'choice', default: 'off', choices: ['off', 'on', 'both'],
    help: 'How activity is reported: off rings the terminal bell, on shows "Activity in window N" instead, both does both.' },
  { name: 'visual-bell', scope: 'session', type: 'choice', default: 'off', choices: ['off', 'on', 'both'],
    help: 'How a bell is reported: off passes it to the terminal, on shows "Bell in window N" instead, both does both.' },
  { name: 'visual-silence', scope: 'session', type: 'choice', default: 'off', choices: ['off', 'on', 'both'],
    help: 'How silence is reported: off rings the terminal bell, on shows "Silence in window N" instead, both does both.' },

  // Drawing and the outer terminal
  { name: 'cursor-style', scope: 'window', type: 'choice', default: 'default', pane: true,
    choices: ['default', 'blinking-block', 'block', 'blinking-underline', 'underline', 'blinking-bar', 'bar'],
    help: 'Style of the terminal\'s cursor in a pane whose program has not set one (DECSCUSR); default: the terminal\'s own.' },
  { name: 'cursor-colour', scope: 'window', type: 'colour', default: 'default', pane: true,
    help: 'Colour of the terminal\'s cursor in a pane whose program has not set one (OSC 12); default: the terminal\'s own.' },
  { name: 'pane-border-style', scope: 'window', type: 'style', default: 'fg=default',
    help: 'Style of the borders between panes.' },
  { name: 'pane-active-border-style', scope: 'window', type: 'style', default: '#{?pane_in_mode,fg=yellow,#{?synchronize-panes,fg=red,fg=green}}',
    help: 'Style of the borders around the active pane (tmux\'s default: yellow in a mode, red with synchronize-panes, else green).' },
  { name: 'window-style', scope: 'window', type: 'style', default: 'default', pane: true,
    help: 'Default colours of panes: a cell its program leaves in the default colour is drawn in this style\'s.' },
  { name: 'window-active-style', scope: 'window', type: 'style', default: 'default', pane: true,
    help: 'Default colours of the active pane, where it sets a colour (else window-style\'s).' },
  { name: 'pane-border-format', scope: 'window', type: 'string', default: '#{?pane_active,#[reverse],}#{pane_index}#[default] "#{pane_title}"', pane: true,
    help: 'Text of a pane\'s title line when pane-border-status is top or bottom.' },
  { name: 'pane-border-lines', scope: 'window', type: 'choice', default: 'single', choices: ['single', 'double', 'heavy', 'simple', 'number'],
    help: 'Characters of the borders: single, double or heavy lines, simple (ASCII | - +), or number (the pane\'s index).' },
  { name: 'pane-border-indicators', scope: 'window', type: 'choice', default: 'colour', choices: ['off', 'colour', 'arrows', 'both'],
    help: 'How the active pane\'s border shows: colour (pane-active-border-style; two panes split their shared border in halves), arrows pointing at it, both, or off (colour only).' },
  { name: 'fill-character', scope: 'window', type: 'string', default: '',
    help: 'Drawn where a window smaller than the client leaves cells outside it; "" for tmux\'s ·.' },
  { name: 'popup-style', scope: 'window', type: 'style', default: 'default',
    help: 'Default colours of the inside of display-popup\'s popups (its -s replaces them).' },
  { name: 'popup-border-style', scope: 'window', type: 'style', default: 'default',
    help: 'Colours of popups\' borders (display-popup -S replaces them).' },
  { name: 'popup-border-lines', scope: 'window', type: 'choice', default: 'single', choices: ['single', 'double', 'heavy', 'simple', 'rounded', 'padded', 'none'],
    help: 'Characters of popups\' borders (display-popup -b replaces them, -B is none).' },
  { name: 'mouse', scope: 'session', type: 'boolean', default: true,
    help: 'Use the mouse to select and resize panes, scroll and copy.' },
  { name: 'set-clipboard', scope: 'server', type: 'choice', default: 'external', choices: ['external'], alsoBoolean: true,
    help: 'The terminal\'s clipboard (OSC 52): external (tmux\'s default) copy mode copies to it; on, also a pane\'s program may set it (its text becomes a paste buffer); off, neither.' },
  { name: 'synchronized-output', scope: 'server', type: 'boolean', default: true,
    help: 'Wrap each redraw in the terminal\'s synchronized-update sequences (its Sync: the sync feature of terminal-features) so it never shows half a frame.' },
  { name: 'terminal-features', scope: 'server', type: 'string-array', separator: ',',
    default: [
      'xterm*:clipboard:ccolour:cstyle:focus:title', 'screen*:title',
      'xterm*:usstyle:hyperlinks:sync', 'tmux*:usstyle:hyperlinks:sync', '*kitty*:usstyle:hyperlinks:sync', '*ghostty*:usstyle:hyperlinks:sync',
      'wezterm*:usstyle:hyperlinks:sync', 'alacritty*:usstyle:hyperlinks:sync', 'foot*:usstyle:hyperlinks:sync', 'contour*:usstyle:hyperlinks:sync',
    ],
    help: 'What clients\' terminals understand, as tmux\'s option: "pattern:feature:...", the pattern matched against the client\'s TERM '
      + '(256, bpaste, ccolour, clipboard, cstyle, extkeys, focus, hyperlinks, margins, mouse, osc7, overline, rectfill, RGB, strikethrough, sync, title, usstyle); '
      + 'tmux\'s two defaults, then the terminals ccmux knows to have underline styles, hyperlinks and synchronized output.' },
  { name: 'terminal-overrides', scope: 'server', type: 'string-array', separator: ',', default: [],
    help: 'Capabilities of clients\' terminals over their terminfo, as tmux\'s option: "pattern:cap=value:cap:cap@", the pattern matched against the client\'s TERM '
      + '(Tc or RGB, Ss, Se, Cs, Cr, Ms, smcup, rmcup, Smulx, Setulc, Sync, colors, tsl, fsl, …).' },
  { name: 'pane-colours', scope: 'window', type: 'string-array', items: 'colour', default: [], pane: true,
    help: 'The palette of panes: item N is the colour drawn where their programs print colour N (0 to 255).' },

  // Input and the outer terminal's title and modes (tmux's input options)
  { name: 'synchronize-panes', scope: 'window', type: 'boolean', default: false, pane: true,
    help: 'Send what is typed into a pane (keys, pastes, send-keys) to every other pane of its window that has this on too and is not in a mode.' },
  { name: 'set-titles', scope: 'session', type: 'boolean', default: false,
    help: 'Set the title of clients\' terminals (OSC 0) to set-titles-string, kept up to date.' },
  { name: 'set-titles-string', scope: 'session', type: 'string', default: '#S:#I:#W - "#T" #{session_alerts}',
    help: 'The format of the terminal\'s title with set-titles on (tmux\'s default: session, window index and name, pane title, alerts).' },
  { name: 'alternate-screen', scope: 'window', type: 'boolean', default: true, pane: true,
    help: 'Let programs in panes use the alternate screen (DEC modes 47, 1047, 1049); off, what they draw stays on the normal screen and in the history.' },
  { name: 'allow-rename', scope: 'window', type: 'boolean', default: false, pane: true,
    help: 'Let a pane\'s program name its window with screen\'s sequence ESC k NAME ESC \\ (and turn automatic-rename off for it); off, the sequence is taken out of its output and ignored.' },
  { name: 'key-table', scope: 'session', type: 'string', default: 'root',
    help: 'The key table a session\'s clients look keys up in by default (root): the one they start in and go back to after the prefix or a table of switch-client -T.' },
  { name: 'allow-passthrough', scope: 'window', type: 'boolean', default: false, pane: true,
    help: 'Pass what a pane\'s program wraps in tmux\'s ESC P tmux; … ESC \\ (inner ESCs doubled) on to the terminals of the clients showing the pane; off, it is dropped.' },
  { name: 'user-keys', scope: 'server', type: 'string-array', separator: ',', default: [],
    help: 'Key sequences of your own: a client\'s input matching item N is the key UserN, which bind can bind (set -s user-keys[0] "\\e[5;30012~").' },
  { name: 'backspace', scope: 'server', type: 'key', default: 'C-?',
    help: 'What the Backspace key sends to panes (typed, or send-keys BSpace): this key when it is a character below DEL (C-h: ^H), else DEL.' },
  { name: 'extended-keys', scope: 'server', type: 'choice', default: 'off', choices: ['off', 'on', 'always'],
    help: 'Ask clients\' terminals for extended keys (C-Enter, S-Enter, C-Tab …), given as CSI u to panes whose program asked for them (CSI > 4 ; 1 m), or (always) to panes made while it is always; a pane that did not ask gets a Ctrl key\'s control character or nothing, as tmux.' },
  { name: 'focus-events', scope: 'server', type: 'boolean', default: false,
    help: 'Ask clients\' terminals for focus reports, and tell a pane\'s program (if it asked for them) when its pane gains or loses the focus: as its terminal\'s focus changes, and when another pane or window is selected.' },

  // Claude awareness: how Claude panes' states are shown and announced
  { name: 'pane-border-status', scope: 'window', type: 'choice', default: 'claude', choices: ['off', 'top', 'bottom', 'claude'],
    help: 'A title line by each pane: off, top or bottom (pane-border-format, always), or claude (above, the Claude state, in windows that have a Claude pane).' },
  { name: 'claude-mark-working', scope: 'server', type: 'string', default: '●',
    help: 'Mark of a Claude pane that is working (prompt submitted, tool running).' },
  { name: 'claude-mark-needs-input', scope: 'server', type: 'string', default: '◆',
    help: 'Mark of a Claude pane waiting for you (permission prompt or question).' },
  { name: 'claude-mark-error', scope: 'server', type: 'string', default: '✖',
    help: 'Mark of a Claude pane whose turn failed (an API error: authentication, rate limit, overload, …).' },
  { name: 'claude-mark-idle', scope: 'server', type: 'string', default: '○',
    help: 'Mark of a Claude pane whose turn is finished.' },
  { name: 'claude-mark-starting', scope: 'server', type: 'string', default: '◌',
    help: 'Mark of a Claude pane that has not reported yet.' },
  { name: 'claude-working-style', scope: 'server', type: 'style', default: 'fg=yellow',
    help: 'Style of the working mark.' },
  { name: 'claude-needs-input-style', scope: 'server', type: 'style', default: 'fg=red,bold',
    help: 'Style of the needs-input mark.' },
  { name: 'claude-error-style', scope: 'server', type: 'style', default: 'fg=magenta,bold',
    help: 'Style of the error mark.' },
  { name: 'claude-idle-style', scope: 'server', type: 'style', default: 'fg=green',
    help: 'Style of the idle mark.' },
  { name: 'claude-alert-flag', scope: 'server', type: 'boolean', default: true,
    help: 'Flag a window in the status line when a Claude pane in it needs input, fails or finishes while you look elsewhere.' },
  { name: 'claude-alert-bell', scope: 'server', type: 'boolean', default: true,
    help: 'Ring the terminal bell on such an alert.' },
  { name: 'claude-alert-notify', scope: 'server', type: 'choice', default: 'osc9', choices: ['off', 'osc9', 'osc777'],
    help: 'Send a desktop notification escape on such an alert: OSC 9 (iTerm2, kitty, WezTerm, foot), OSC 777 (urxvt, some VTE), or off.' },
  { name: 'claude-alert-all-sessions', scope: 'server', type: 'boolean', default: false,
    help: 'Alert clients attached to other sessions too.' },

  // [claude]
  { name: 'claude.command', scope: 'claude', type: 'string', default: 'claude',
    help: 'The claude executable: a name looked up in PATH or a path.' },
  { name: 'claude.args', scope: 'claude', type: 'string-array', default: [],
    help: 'Extra arguments for every Claude pane.' },
  { name: 'claude.hooks', scope: 'claude', type: 'choice', default: true, choices: ['http', 'command'], alsoBoolean: true,
    help: 'How Claude panes report their state: "http" (claude POSTs to the server, no process per event; a claude older than 2.1.63 gets "command"), "command" (a hook process per event), true (the same as "http") or false (no hooks: the state is guessed).' },
  { name: 'claude.tmux_shim', scope: 'claude', type: 'boolean', default: false,
    help: 'Give Claude panes a `tmux` that is ccmux (first in PATH, with TMUX set as tmux sets it), so Claude Code\'s agent teams open their teammates as ccmux panes beside the lead.' },
  { name: 'claude.base_dir', scope: 'claude', type: 'string', default: '',
    help: 'Base Claude config dir to seed from; "" means CLAUDE_CONFIG_DIR of the server, else ~/.claude.' },

  // [claude.isolation]
  { name: 'claude.isolation.method', scope: 'claude', type: 'choice', default: 'config_dir', choices: ISOLATION_METHODS,
    help: 'How each Claude pane is kept apart: config_dir (its own CLAUDE_CONFIG_DIR), home (its own HOME) or none.' },
  { name: 'claude.isolation.cleanup_on_close', scope: 'claude', type: 'boolean', default: true,
    help: 'Delete a Claude pane\'s dir when the pane closes.' },
  { name: 'claude.isolation.home_symlinks', scope: 'claude', type: 'string-array',
    default: ['.bashrc', '.zshrc', '.gitconfig', '.ssh'],
    relativeTo: 'your home directory',
    help: 'For method = "home": dotfiles, relative to your home, linked into the pane\'s HOME.' },
  { name: 'claude.isolation.keep_transcripts', scope: 'claude', type: 'boolean', default: true,
    help: 'Before deleting a pane dir, move its transcripts to the state dir.' },
  { name: 'claude.isolation.orphans', scope: 'claude', type: 'choice', default: 'remove', choices: ['remove', 'list'],
    help: 'At server start, pane dirs that no live or restorable pane owns are removed, or only listed in the log.' },
  { name: 'claude.isolation.transcript_retention_days', scope: 'claude', type: 'number', default: 30, min: 0, max: 36500,
    help: 'Archived transcripts older than this many days are deleted (0 keeps them forever).' },
  { name: 'claude.isolation.transcript_max_mb', scope: 'claude', type: 'number', default: 500, min: 0, max: 1000000,
    help: 'The transcript archive is trimmed, oldest first, to at most this many MB (0: no limit).' },

  // [claude.seed]
  { name: 'claude.seed.onboarding', scope: 'claude', type: 'boolean', default: true,
    help: 'Mark onboarding done so no first-run wizard shows.' },
  { name: 'claude.seed.trust', scope: 'claude', type: 'boolean', default: true,
    help: 'Carry over the trust of the pane\'s project from the base config.' },
  { name: 'claude.seed.credentials', scope: 'claude', type: 'boolean', default: true,
    help: 'Share the base .credentials.json (symlinked) so logins and refreshed tokens are shared.' },
  { name: 'claude.seed.mcp_servers', scope: 'claude', type: 'boolean', default: true,
    help: 'Copy mcpServers from the base .claude.json.' },
  { name: 'claude.seed.api_key_responses', scope: 'claude', type: 'boolean', default: true,
    help: 'Copy customApiKeyResponses so an approved ANTHROPIC_API_KEY is not asked about again.' },
  { name: 'claude.seed.share', scope: 'claude', type: 'string-array',
    default: ['settings.json', 'CLAUDE.md', 'commands', 'skills', 'agents', 'plugins'],
    relativeTo: 'the base Claude config dir',
    help: 'Entries of the base config dir shared into each pane dir by symlink (those that exist).' },

  // [claude.worktree]
  { name: 'claude.worktree.mode', scope: 'claude', type: 'choice', default: 'never', choices: WORKTREE_MODES,
    help: 'When a Claude pane gets its own git worktree: never (only with --worktree), ask (prefix C and M-c ask for a name; empty for none), always (every Claude pane started in a git repository).' },
  { name: 'claude.worktree.dir', scope: 'claude', type: 'string', default: '{repo}.worktrees',
    help: 'Where worktrees go: {repo} is the repository\'s top dir, {repo_name} its name, ~ your home; each worktree is a dir named after it in there.' },
  { name: 'claude.worktree.branch', scope: 'claude', type: 'string', default: 'ccmux/{name}',
    help: 'The name of the new branch of a worktree; {name} is the worktree\'s name.' },
  { name: 'claude.worktree.copy', scope: 'claude', type: 'string-array', default: [],
    relativeTo: 'the repository\'s top dir',
    help: 'Files or dirs copied into a new worktree when they exist, such as ".env" (git does not carry untracked files).' },
  { name: 'claude.worktree.setup', scope: 'claude', type: 'string', default: '',
    help: 'A shell command run in a new worktree before claude starts ("" for none), e.g. "npm ci"; if it fails, the worktree is removed and the pane not made.' },
];

const BY_NAME = new Map(OPTIONS.map((def) => [def.name, def]));

/** The option called `name` (a table name such as "history-limit" or "claude.isolation.method"). */
export function findOption(name: string): OptionDef | undefined {
  return BY_NAME.get(name);
}

/** tmux's other spellings of option names (options_other_names). */
const OTHER_NAMES: Readonly<Record<string, string>> = {
  'display-panes-color': 'display-panes-colour',
  'display-panes-active-color': 'display-panes-active-colour',
  'clock-mode-color': 'clock-mode-colour',
  'cursor-color': 'cursor-colour',
  'pane-colors': 'pane-colours',
};

/**
 * The option a name given to set-option or show-options means, as tmux's options_match:
 * the option of that name (or of its other spelling, `-color` for `-colour`), else the one
 * option whose name it begins (`focus-event` is focus-events); `ambiguous` when it begins
 * several (`status-l`).
 */
export function matchOption(name: string): { def?: OptionDef; ambiguous?: true } {
  const wanted = OTHER_NAMES[name] ?? name;
  const exact = BY_NAME.get(wanted);
  if (exact) return { def: exact };
  if (wanted === '') return {};
  const found = OPTIONS.filter((d) => d.name.startsWith(wanted));
  if (found.length > 1) return { ambiguous: true };
  return found.length === 1 ? { def: found[0]! } : {};
}

/** Names of every option, in table order. */
export function optionNames(): string[] {
  return OPTIONS.map((def) => def.name);
}
