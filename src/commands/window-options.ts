/*
 * set-window-option (setw) and show-window-options (showw): tmux's older names for
 * `set-option -w` and `show-options -w`, which tmux configs still use everywhere
 * (`setw -g mode-keys vi`). They take the same flags and run the same code, with -w.
 */
import { defineCommand } from './types.js';
import setOption from './set-option.js';
import showOptions from './show-options.js';

export const setWindowOption = defineCommand({
  name: 'set-window-option',
  alias: ['setw'],
  help: 'Set a window option (set-option -w)',
  args: { ...setOption.args, flags: setOption.args.flags.replace('w', '') },
  run(ctx, a) {
    return setOption.run(ctx, { ...a, flags: new Set([...a.flags, 'w']) });
  },
});

export const showWindowOptions = defineCommand({
  name: 'show-window-options',
  alias: ['showw'],
  help: 'Show window options (show-options -w)',
  args: { ...showOptions.args, flags: showOptions.args.flags.replace('w', '') },
  run(ctx, a) {
    return showOptions.run(ctx, { ...a, flags: new Set([...a.flags, 'w']) });
  },
});
