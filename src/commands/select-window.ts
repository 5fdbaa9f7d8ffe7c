/*
 * select-window (selectw): make a window current, as tmux 3.3a's cmd-select-window.c:
 * -n/-p/-l for the next, previous or last window of -t's session; -T goes to the last
 * window when -t is already current (a toggle). next-window, previous-window (-a: the
 * nearest window with an alert) and last-window are the same command naming a session.
 */
import { defineCommand, type CommandContext } from './types.js';
import { CommandError } from '../core/errors.js';
import type { Session } from '../server/window.js';

/** Select the next (`n`), previous (`p`) or last (`l`) window of `s`; tmux's errors when there is none. */
function selectRelative(ctx: CommandContext, s: Session, which: 'n' | 'p' | 'l', alert: boolean): void {
  const w = which === 'l' ? (s.last !== s.current ? s.last : undefined) : s.adjacent(which === 'n' ? 1 : -1, alert);
  if (!w) throw new CommandError(`no ${{ n: 'next', p: 'previous', l: 'last' }[which]} window`);
  ctx.server.model.selectWindow(s, w);
}

const selectWindow = defineCommand({
  name: 'select-window',
  alias: ['selectw'],
  help: 'Select a window',
  args: { flags: 'lnpT', options: 't', minArgs: 0, maxArgs: 0, names: { t: 'target-window' }, target: { kind: 'window' } },
  run(ctx, a) {
    const { session: s, window: w } = a.target!;
    const rel = (['n', 'p', 'l'] as const).find((f) => a.flags.has(f));
    if (rel) return selectRelative(ctx, s, rel, false);
    if (a.flags.has('T') && w === s.current) return selectRelative(ctx, s, 'l', false);
    ctx.server.model.selectWindow(s, w);
  },
});

export default selectWindow;

/** A command that is select-window with one flag on a session (next-window, previous-window, last-window). */
export function selectWindowShortcut(name: string, alias: string, flag: 'n' | 'p' | 'l', help: string) {
  return defineCommand({
    name,
    alias: [alias],
    help,
    args: { flags: flag === 'l' ? '' : 'a', options: 't', minArgs: 0, maxArgs: 0, names: { t: 'target-session' }, target: { kind: 'session' } },
    run(ctx, a) {
      selectRelative(ctx, a.session!, flag, a.flags.has('a'));
    },
  });
}
