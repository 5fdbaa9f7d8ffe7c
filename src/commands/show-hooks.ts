/*
 * show-hooks: the hooks set at a level, as tmux 3.3a prints them — `name[N] command` for
 * each item; the global levels list every hook ccmux has, an unset one as its bare name.
 * With a hook's name, that hook at its own level (as set-hook finds it); without, -g the
 * global session hooks, -gw the global window and pane hooks, -w a window's, -p a pane's,
 * else a session's.
 */
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';
import { splitHookName } from '../core/hook-names.js';
import type { HookTable } from '../server/hooks.js';
import { hooksAt, levelOf, placeOf } from './hook-place.js';
import type { CommandContext } from './types.js';
import type { ParsedArgs } from './args.js';

function lines(table: HookTable | undefined, names: readonly string[], bare: boolean): string {
  let out = '';
  for (const name of names) {
    const items = table?.get(name);
    if (items) for (const [i, text] of [...items].sort(([x], [y]) => x - y)) out += `${name}[${i}] ${text}\n`;
    else if (bare) out += `${name}\n`;
  }
  return out;
}

export default defineCommand({
  name: 'show-hooks',
  help: 'Show hooks',
  args: { flags: 'gpw', options: 't', minArgs: 0, maxArgs: 1, names: { t: 'target-pane' }, positional: '[hook]', target: { kind: 'pane', optional: true, canFail: true } },
  run(ctx, a) {
    printHooks(ctx, a, a.args[0]);
  },
});

/**
 * The hooks of the level `a`'s flags and target name, or hook `name` (show-hooks, and
 * show-options naming a hook or with -H: tmux 3.3a keeps hooks as options).
 */
export function printHooks(ctx: CommandContext, a: ParsedArgs, name: string | undefined): void {
  const hooks = ctx.server.hooks;
  const t = a.values.get('t');
  if (name !== undefined) {
    const split = splitHookName(name);
    if (!split) throw new CommandError(`invalid option: ${name}`);
    const level = levelOf(split.name);
    const place = placeOf(a, level);
    const global = place.level !== 'pane' && !('session' in place && place.session) && !('window' in place && place.window);
    let text = lines(hooks.table(place, false), [split.name], global);
    if (split.index !== undefined) text = text.split('\n').filter((l) => l.startsWith(`${split.name}[${split.index}] `)).map((l) => `${l}\n`).join('');
    ctx.out(text);
    return;
  }
  const r = a.target;
  if (a.flags.has('p')) {
    if (!r) throw new CommandError(t !== undefined ? `no such pane: ${t}` : 'no current pane');
    ctx.out(lines(hooks.table({ level: 'pane', pane: r.pane }, false), hooksAt(ctx, ['pane']), false));
  } else if (a.flags.has('w')) {
    if (a.flags.has('g')) ctx.out(lines(hooks.globalWindow, hooksAt(ctx, ['window', 'pane']), true));
    else if (!r) throw new CommandError(t !== undefined ? `no such window: ${t}` : 'no current window');
    else ctx.out(lines(hooks.table({ level: 'window', window: r.window }, false), hooksAt(ctx, ['window', 'pane']), false));
  } else if (a.flags.has('g')) {
    ctx.out(lines(hooks.globalSession, hooksAt(ctx, ['session']), true));
  } else {
    if (!r) throw new CommandError(t !== undefined ? `no such session: ${t}` : 'no current session');
    ctx.out(lines(hooks.table({ level: 'session', session: r.session }, false), hooksAt(ctx, ['session']), false));
  }
}
