/*
 * select-window (selectw): make a window current; -n/-p/-l for next/previous/last.
 */
import { defineCommand } from './types.js';
import { resolveWindow } from '../server/targets.js';

const selectWindow = defineCommand({
  name: 'select-window',
  alias: ['selectw'],
  help: 'Select a window',
  args: { flags: 'lnp', options: 't', minArgs: 0, maxArgs: 0, names: { t: 'target-window' } },
  run(ctx, a) {
    const rel = a.flags.has('n') ? '{next}' : a.flags.has('p') ? '{previous}' : a.flags.has('l') ? '{last}' : undefined;
    const t = a.values.get('t');
    const target = rel ? (t ? `${t.split(':')[0]}:${rel}` : `:${rel}`) : t;
    const r = resolveWindow(ctx, target);
    ctx.server.model.selectWindow(r.session, r.window);
  },
});

export default selectWindow;

/** A command that is select-window with one flag (next-window, previous-window, last-window). */
export function selectWindowShortcut(name: string, alias: string, flag: 'n' | 'p' | 'l', help: string) {
  return defineCommand({
    name,
    alias: [alias],
    help,
    args: { flags: '', options: 't', minArgs: 0, maxArgs: 0, names: { t: 'target-session' } },
    run(ctx, a) {
      const t = a.values.get('t');
      return selectWindow.run(ctx, { flags: new Set([flag]), values: new Map(t ? [['t', t]] : []), args: [] });
    },
  });
}
