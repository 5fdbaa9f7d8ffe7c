/*
 * Which hooks ccmux has, and where set-hook and show-hooks put or read one: tmux's
 * options_scope_from_name for a named hook (its own level: a session hook on the session
 * or globally, a window hook on the window or globally, a pane hook on the pane with -p)
 * and options_scope_from_flags for show-hooks without a name (-g, -w, -p).
 */
import { AFTER_HOOK_COMMANDS, ALL_HOOKS, hookLevel, type HookLevel } from '../core/hook-names.js';
import { CommandError } from '../core/errors.js';
import type { ParsedArgs } from './args.js';
import type { CommandContext } from './types.js';
import type { HookPlace } from '../server/hooks.js';

/** Why ccmux cannot run hook `name` (tmux has it), or null when it can. */
export function unsupportedHook(ctx: CommandContext, name: string): string | null {
  if (name.startsWith('after-')) {
    const cmd = name.slice(6);
    // tmux's after-queue has no command either: it is listed and set, and never runs, in both.
    if (cmd !== 'queue' && AFTER_HOOK_COMMANDS.includes(cmd) && ctx.runner.fullName(cmd) !== cmd) return `ccmux has no ${cmd} command`;
  }
  return null;
}

/** The hooks ccmux has at `levels`, sorted as tmux lists them. */
export function hooksAt(ctx: CommandContext, levels: readonly HookLevel[]): string[] {
  return ALL_HOOKS.filter(([n, l]) => levels.includes(l) && !unsupportedHook(ctx, n)).map(([n]) => n);
}

/** The level of a hook name, or the error tmux gives for one it does not have. */
export function levelOf(name: string): HookLevel {
  const level = hookLevel(name);
  if (!level) throw new CommandError(`invalid option: ${name}`);
  return level;
}

/** Where hook `name` of `level` is set or read, from -g, -p and -t (options_scope_from_name). */
export function placeOf(a: ParsedArgs, level: HookLevel): HookPlace {
  const t = a.values.get('t');
  const r = a.target;
  if (level === 'pane' && a.flags.has('p')) {
    if (!r) throw new CommandError(t !== undefined ? `no such pane: ${t}` : 'no current pane');
    return { level: 'pane', pane: r.pane };
  }
  if (level === 'session') {
    if (a.flags.has('g')) return { level: 'session' };
    if (!r) throw new CommandError(t !== undefined ? `no such session: ${t}` : 'no current session');
    return { level: 'session', session: r.session };
  }
  if (a.flags.has('g')) return { level: 'window' };
  if (!r) throw new CommandError(t !== undefined ? `no such window: ${t}` : 'no current window');
  return { level: 'window', window: r.window };
}
