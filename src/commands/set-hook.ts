/*
 * set-hook: set, append to (-a) or unset (-u) a hook, as tmux 3.3a — a hook is an array
 * of commands (`hook[N]` is one), kept at the level the hook belongs to (hook-place.ts).
 * The commands are checked and kept as tmux prints them (show-hooks). -R runs the hook
 * now, with the target as its current one. Hooks run through server/hook-queue.ts: what
 * they do raises no further hooks.
 */
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';
import { splitHookName } from '../core/hook-names.js';
import { expandFor } from '../server/format-vars.js';
import { levelOf, placeOf, unsupportedHook } from './hook-place.js';
import { runHookNow } from './after-hooks.js';
import { presentItems } from '../config/option-values.js';

export default defineCommand({
  name: 'set-hook',
  help: 'Set a hook: commands run after a command or on an event',
  args: { flags: 'agpRuw', options: 't', minArgs: 1, maxArgs: 2, names: { t: 'target-pane' }, positional: 'hook [command]', target: { kind: 'pane', optional: true, canFail: true } },
  async run(ctx, a) {
    const r = a.target;
    const argument = expandFor(ctx.server, a.args[0]!, { ...(r ?? {}) });
    if (a.flags.has('R')) {
      await runHookNow(ctx, argument, r);
      return;
    }
    const split = splitHookName(argument);
    if (!split) throw new CommandError(`invalid option: ${argument}`);
    const { name, index } = split;
    const level = levelOf(name);
    const why = unsupportedHook(ctx, name);
    if (why) throw new CommandError(`${name}: ${why}`);
    const place = placeOf(a, level);
    const hooks = ctx.server.hooks;
    if (a.flags.has('u')) {
      hooks.table(place, false)?.unset(name, index);
      return;
    }
    const value = a.args[1];
    if (value === undefined) throw new CommandError('empty value');
    const bad = ctx.runner.check(value, presentItems(ctx.server.options.get('command-alias')));
    if (bad) throw new CommandError(bad);
    hooks.table(place)!.set(name, ctx.runner.print(value), index, a.flags.has('a'));
    hooks.noteSet(name);
  },
});
