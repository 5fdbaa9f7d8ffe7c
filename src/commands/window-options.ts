/*
 * set-window-option (setw) and show-window-options (showw): tmux's older names for
 * `set-option -w` and `show-options -w`, which tmux configs still use everywhere
 * (`setw -g mode-keys vi`). They take the same flags and run the same code; a user
 * option (@name) goes to the window, as with -w.
 */
import { defineCommand } from './types.js';
import setOptionCommand, { setOption } from './set-option.js';
import showOptionsCommand, { showOptions } from './show-options.js';

export const setWindowOption = defineCommand({
  name: 'set-window-option',
  alias: ['setw'],
  help: 'Set a window option (set-option -w)',
  args: { ...setOptionCommand.args, flags: setOptionCommand.args.flags.replace('w', '') },
  run(ctx, a) {
    return setOption(ctx, a, true);
  },
});

export const showWindowOptions = defineCommand({
  name: 'show-window-options',
  alias: ['showw'],
  help: 'Show window options (show-options -w)',
  args: { ...showOptionsCommand.args, flags: showOptionsCommand.args.flags.replace('w', '').replace('H', '') },
  run(ctx, a) {
    return showOptions(ctx, a, true);
  },
});
