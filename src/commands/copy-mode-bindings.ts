/*
 * The default copy-mode key bindings, in tmux's tables: `copy-mode-vi` (vi keys, mode-keys
 * vi) and `copy-mode` (mode-keys emacs), as command strings with notes like every other
 * default binding (default-bindings.ts includes these). Each runs a copy-mode command by
 * tmux's name (send-keys -X, see src/server/copy-commands.ts); the searches first prompt
 * for the text. Override or unbind them in [keys.copy-mode-vi] / [keys.copy-mode].
 */
/** A default binding: [table, key, command, note, repeat?] (default-bindings.ts lists the rest). */
export type DefaultBinding = readonly [string, string, string, string, boolean?];

const SEARCH_DOWN = 'command-prompt -p "(search down)" "send-keys -X search-forward \'%%\'"';
const SEARCH_UP = 'command-prompt -p "(search up)" "send-keys -X search-backward \'%%\'"';

/** [key, copy-mode command or full command, note] */
type Row = readonly [string, string, string];

const VI: readonly Row[] = [
  ['q', 'cancel', 'Leave copy mode'],
  ['Escape', 'cancel', 'Leave copy mode'],
  ['C-c', 'cancel', 'Leave copy mode'],
  ['k', 'cursor-up', 'Cursor up'],
  ['Up', 'cursor-up', 'Cursor up'],
  ['C-p', 'cursor-up', 'Cursor up'],
  ['j', 'cursor-down', 'Cursor down'],
  ['Down', 'cursor-down', 'Cursor down'],
  ['C-n', 'cursor-down', 'Cursor down'],
  ['h', 'cursor-left', 'Cursor left'],
  ['Left', 'cursor-left', 'Cursor left'],
  ['BSpace', 'cursor-left', 'Cursor left'],
  ['l', 'cursor-right', 'Cursor right'],
  ['Right', 'cursor-right', 'Cursor right'],
  ['0', 'start-of-line', 'Start of the line'],
  ['Home', 'start-of-line', 'Start of the line'],
  ['^', 'back-to-indentation', 'First non-blank of the line'],
  ['$', 'end-of-line', 'End of the line'],
  ['End', 'end-of-line', 'End of the line'],
  ['w', 'next-word', 'Next word'],
  ['b', 'previous-word', 'Previous word'],
  ['e', 'next-word-end', 'End of the word'],
  ['W', 'next-space', 'Next space-separated word'],
  ['B', 'previous-space', 'Previous space-separated word'],
  ['E', 'next-space-end', 'End of the space-separated word'],
  ['C-y', 'scroll-up', 'Scroll up a line'],
  ['K', 'scroll-up', 'Scroll up a line'],
  ['C-e', 'scroll-down', 'Scroll down a line'],
  ['J', 'scroll-down', 'Scroll down a line'],
  ['C-u', 'halfpage-up', 'Scroll up half a page'],
  ['C-d', 'halfpage-down', 'Scroll down half a page'],
  ['PPage', 'page-up', 'Scroll up a page'],
  ['C-b', 'page-up', 'Scroll up a page'],
  ['NPage', 'page-down', 'Scroll down a page'],
  ['C-f', 'page-down', 'Scroll down a page'],
  ['g', 'history-top', 'Top of the history'],
  ['G', 'history-bottom', 'Bottom of the history'],
  ['H', 'top-line', 'Top line of the view'],
  ['M', 'middle-line', 'Middle line of the view'],
  ['L', 'bottom-line', 'Bottom line of the view'],
  ['v', 'begin-selection', 'Start selecting'],
  ['Space', 'begin-selection', 'Start selecting'],
  ['V', 'select-line', 'Select whole lines'],
  ['C-v', 'rectangle-toggle', 'Toggle rectangle selection'],
  ['o', 'other-end', 'Go to the other end of the selection'],
  ['Enter', 'copy-selection-and-cancel', 'Copy the selection and leave'],
  ['y', 'copy-selection-and-cancel', 'Copy the selection and leave'],
  ['D', 'copy-end-of-line-and-cancel', 'Copy to the end of the line and leave'],
  ['/', SEARCH_DOWN, 'Search down'],
  ['?', SEARCH_UP, 'Search up'],
  ['n', 'search-again', 'Next match'],
  ['N', 'search-reverse', 'Previous match'],
];

const EMACS: readonly Row[] = [
  ['q', 'cancel', 'Leave copy mode'],
  ['Escape', 'cancel', 'Leave copy mode'],
  ['C-c', 'cancel', 'Leave copy mode'],
  ['C-g', 'cancel', 'Leave copy mode'],
  ['C-p', 'cursor-up', 'Cursor up'],
  ['Up', 'cursor-up', 'Cursor up'],
  ['C-n', 'cursor-down', 'Cursor down'],
  ['Down', 'cursor-down', 'Cursor down'],
  ['C-b', 'cursor-left', 'Cursor left'],
  ['Left', 'cursor-left', 'Cursor left'],
  ['C-f', 'cursor-right', 'Cursor right'],
  ['Right', 'cursor-right', 'Cursor right'],
  ['C-a', 'start-of-line', 'Start of the line'],
  ['Home', 'start-of-line', 'Start of the line'],
  ['C-e', 'end-of-line', 'End of the line'],
  ['End', 'end-of-line', 'End of the line'],
  ['M-m', 'back-to-indentation', 'First non-blank of the line'],
  ['M-f', 'next-word-end', 'Forward a word'],
  ['M-b', 'previous-word', 'Back a word'],
  ['C-Up', 'scroll-up', 'Scroll up a line'],
  ['C-Down', 'scroll-down', 'Scroll down a line'],
  ['M-Up', 'halfpage-up', 'Scroll up half a page'],
  ['M-Down', 'halfpage-down', 'Scroll down half a page'],
  ['M-v', 'page-up', 'Scroll up a page'],
  ['PPage', 'page-up', 'Scroll up a page'],
  ['C-v', 'page-down', 'Scroll down a page'],
  ['NPage', 'page-down', 'Scroll down a page'],
  ['M-<', 'history-top', 'Top of the history'],
  ['M->', 'history-bottom', 'Bottom of the history'],
  ['M-r', 'middle-line', 'Middle line of the view'],
  ['C-Space', 'begin-selection', 'Set the mark: start selecting'],
  ['R', 'rectangle-toggle', 'Toggle rectangle selection'],
  ['M-w', 'copy-selection-and-cancel', 'Copy the selection and leave'],
  ['C-w', 'copy-selection-and-cancel', 'Copy the selection and leave'],
  ['C-k', 'copy-end-of-line-and-cancel', 'Copy to the end of the line and leave'],
  ['C-s', SEARCH_DOWN, 'Search down'],
  ['C-r', SEARCH_UP, 'Search up'],
  ['n', 'search-again', 'Next match'],
  ['N', 'search-reverse', 'Previous match'],
];

const rows = (table: string, list: readonly Row[]): DefaultBinding[] =>
  list.map(([key, cmd, note]) => [table, key, cmd.includes(' ') ? cmd : `send-keys -X ${cmd}`, note] as const);

export const COPY_MODE_BINDINGS: readonly DefaultBinding[] = [...rows('copy-mode-vi', VI), ...rows('copy-mode', EMACS)];
