/*
 * tmux 3.3a's default mouse bindings (key-bindings.c), as command strings like every other
 * default binding: in root, a click selects the pane and passes the click on (send -M), a
 * drag enters copy mode with a selection (copy-mode -M) unless the program asked for the
 * mouse, the wheel enters copy mode (copy-mode -e), a double or triple click copies a word
 * or a line, a drag on a border resizes (resize-pane -M), the status line's window list
 * selects and wheels through windows, the right button opens tmux's menus; in the
 * copy-mode tables, a drag selects and its end copies, the wheel scrolls 5 lines. Unbind
 * or rebind any of them as in tmux (`unbind -n MouseDown3Pane`). The menus are tmux's
 * (key-bindings.c's DEFAULT_WINDOW_MENU and DEFAULT_PANE_MENU), marked-pane items included.
 */
import type { DefaultBinding } from './copy-mode-bindings.js';

const SESSION_MENU =
  ` 'Next' 'n' {switch-client -n} 'Previous' 'p' {switch-client -p} ''` +
  ` 'Renumber' 'N' {move-window -r} 'Rename' 'n' {command-prompt -I "#S" {rename-session -- '%%'}} ''` +
  ` 'New Session' 's' {new-session} 'New Window' 'w' {new-window}`;

/** tmux's window menu (prefix <, a right click on the status line). */
export const WINDOW_MENU =
  ` '#{?#{>:#{session_windows},1},,-}Swap Left' 'l' {swap-window -t:-1}` +
  ` '#{?#{>:#{session_windows},1},,-}Swap Right' 'r' {swap-window -t:+1}` +
  ` '#{?pane_marked_set,,-}Swap Marked' 's' {swap-window} ''` +
  ` 'Kill' 'X' {kill-window} 'Respawn' 'R' {respawn-window -k}` +
  ` '#{?pane_marked,Unmark,Mark}' 'm' {select-pane -m}` +
  ` 'Rename' 'n' {command-prompt -FI "#W" {rename-window -t '#{window_id}' -- '%%'}} ''` +
  ` 'New After' 'w' {new-window -a} 'New At End' 'W' {new-window}`;

/** tmux's pane menu (prefix >, a right click on a pane). */
export const PANE_MENU =
  ` '#{?#{m/r:(copy|view)-mode,#{pane_mode}},Go To Top,}' '<' {send -X history-top}` +
  ` '#{?#{m/r:(copy|view)-mode,#{pane_mode}},Go To Bottom,}' '>' {send -X history-bottom} ''` +
  ` '#{?mouse_word,Search For #[underscore]#{=/9/...:mouse_word},}' 'C-r' {if -F '#{?#{m/r:(copy|view)-mode,#{pane_mode}},0,1}' 'copy-mode -t='; send -Xt= search-backward "#{q:mouse_word}"}` +
  ` '#{?mouse_word,Type #[underscore]#{=/9/...:mouse_word},}' 'C-y' {copy-mode -q; send-keys -l -- "#{q:mouse_word}"}` +
  ` '#{?mouse_word,Copy #[underscore]#{=/9/...:mouse_word},}' 'c' {copy-mode -q; set-buffer -- "#{q:mouse_word}"}` +
  ` '#{?mouse_line,Copy Line,}' 'l' {copy-mode -q; set-buffer -- "#{q:mouse_line}"} ''` +
  ` 'Horizontal Split' 'h' {split-window -h} 'Vertical Split' 'v' {split-window -v} ''` +
  ` '#{?#{>:#{window_panes},1},,-}Swap Up' 'u' {swap-pane -U}` +
  ` '#{?#{>:#{window_panes},1},,-}Swap Down' 'd' {swap-pane -D}` +
  ` '#{?pane_marked_set,,-}Swap Marked' 's' {swap-pane} ''` +
  ` 'Kill' 'X' {kill-pane} 'Respawn' 'R' {respawn-pane -k}` +
  ` '#{?pane_marked,Unmark,Mark}' 'm' {select-pane -m}` +
  ` '#{?#{>:#{window_panes},1},,-}#{?window_zoomed_flag,Unzoom,Zoom}' 'z' {resize-pane -Z}`;

/** In a pane, unless it is in a mode or its program asked for the mouse (then the program gets the event). */
const PASS = "if -F '#{||:#{pane_in_mode},#{mouse_any_flag}}' { send -M }";

const ROOT: ReadonlyArray<readonly [string, string]> = [
  ['MouseDown1Pane', 'select-pane -t=; send -M'],
  ['MouseDrag1Pane', `${PASS} { copy-mode -M }`],
  ['WheelUpPane', `${PASS} { copy-mode -e }`],
  ['MouseDown2Pane', `select-pane -t=; ${PASS} { paste -p }`],
  ['DoubleClick1Pane', `select-pane -t=; ${PASS} { copy-mode -H; send -X select-word; run -d0.3; send -X copy-pipe-and-cancel }`],
  ['TripleClick1Pane', `select-pane -t=; ${PASS} { copy-mode -H; send -X select-line; run -d0.3; send -X copy-pipe-and-cancel }`],
  ['MouseDrag1Border', 'resize-pane -M'],
  ['MouseDown1Status', 'select-window -t='],
  ['WheelDownStatus', 'next-window'],
  ['WheelUpStatus', 'previous-window'],
  ['MouseDown3StatusLeft', `display-menu -t= -xM -yW -T '#[align=centre]#{session_name}'${SESSION_MENU}`],
  ['MouseDown3Status', `display-menu -t= -xW -yW -T '#[align=centre]#{window_index}:#{window_name}'${WINDOW_MENU}`],
  ['MouseDown3Pane', `if -Ft= '#{||:#{mouse_any_flag},#{&&:#{pane_in_mode},#{?#{m/r:(copy|view)-mode,#{pane_mode}},0,1}}}' { select-pane -t=; send -M } { display-menu -t= -xM -yM -T '#[align=centre]#{pane_index} (#{pane_id})'${PANE_MENU} }`],
  ['M-MouseDown3Pane', `display-menu -t= -xM -yM -T '#[align=centre]#{pane_index} (#{pane_id})'${PANE_MENU}`],
];

/** The same in copy-mode (emacs) and copy-mode-vi. */
const COPY: ReadonlyArray<readonly [string, string]> = [
  ['MouseDown1Pane', 'select-pane'],
  ['MouseDrag1Pane', 'select-pane; send -X begin-selection'],
  ['MouseDragEnd1Pane', 'send -X copy-pipe-and-cancel'],
  ['WheelUpPane', 'select-pane; send -N5 -X scroll-up'],
  ['WheelDownPane', 'select-pane; send -N5 -X scroll-down'],
  ['DoubleClick1Pane', 'select-pane; send -X select-word; run -d0.3; send -X copy-pipe-and-cancel'],
  ['TripleClick1Pane', 'select-pane; send -X select-line; run -d0.3; send -X copy-pipe-and-cancel'],
];

export const MOUSE_BINDINGS: readonly DefaultBinding[] = [
  ...ROOT.map(([key, command]): DefaultBinding => ['root', key, command, '']),
  ...['copy-mode', 'copy-mode-vi'].flatMap((table) => COPY.map(([key, command]): DefaultBinding => [table, key, command, ''])),
];
