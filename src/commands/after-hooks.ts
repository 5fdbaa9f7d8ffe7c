/*
 * The after-<command> hooks (tmux's cmdq_insert_hook): once a command has succeeded, the
 * after-hook of its name runs — the session's, else the global one — before the next
 * command, its output going where the command's went. Its commands run with the
 * command's target as their current one and with tmux's formats: hook, hook_arguments
 * (the command's flags and arguments as tmux prints them), hook_argument_N, hook_flag_X
 * (the flag's value, or 1) and hook_flag_X_N. What they do raises no after-hooks; the
 * events they cause queue their hooks (as in tmux 3.3a).
 * Also set-hook -R: a hook run now, its formats just #{hook}.
 */
import type { ParsedArgs } from './args.js';
import type { CommandContext, CommandDef } from './types.js';
import { hookLevel } from '../core/hook-names.js';
import { inEventHook, inHook, runAsHook } from '../server/hook-queue.js';
import { current } from '../server/targets.js';
import type { Resolved } from '../server/targets.js';
import { printArgs } from './print-command.js';

/** Where a command happened: what it made, its target, else the caller's current session, window and pane. */
function whereOf(ctx: CommandContext, a: ParsedArgs): Resolved | undefined {
  if (a.made) return a.made;
  if (a.target) return a.target;
  const s = a.session ?? a.dest?.session;
  if (s) return { session: s, window: s.current, pane: s.current.activePane };
  try {
    return current(ctx);
  } catch {
    return undefined;
  }
}

/** Runs hook `name`'s items for `at` with `formats`, as a hook (its commands raise none). */
async function runItems(ctx: CommandContext, kind: 'after' | 'event', name: string, at: Resolved | undefined, formats: Record<string, string>): Promise<void> {
  const level = hookLevel(name);
  if (!level) return;
  const items = ctx.server.hooks.find(name, level, at?.session, at?.window, at?.pane);
  if (!items) return;
  const hctx: CommandContext = { ...ctx, ...(at ? { current: at } : {}) };
  await runAsHook(kind, formats, async () => {
    for (const [, text] of [...items].sort(([x], [y]) => x - y)) await ctx.runner.runString(hctx, text);
  });
}

/** After `def` ran with `a`: its after-hook, unless a hook is what ran it. */
export async function runAfterHook(ctx: CommandContext, def: CommandDef, a: ParsedArgs): Promise<void> {
  const name = `after-${def.name}`;
  if (a.noAfterHook || inHook() || !ctx.server.hooks.isSet(name) || hookLevel(name) !== 'session') return;
  const values = new Map<string, string[]>();
  for (const [k, v] of a.values) values.set(k, a.all?.get(k) ?? [v]);
  const formats: Record<string, string> = { hook: name, hook_arguments: printArgs(a.flags, values, a.args) };
  a.args.forEach((arg, i) => (formats[`hook_argument_${i}`] = arg));
  for (const f of a.flags) if (f.length === 1 && !values.has(f)) formats[`hook_flag_${f}`] = '1';
  for (const [f, vs] of values) {
    if (f.length !== 1) continue;
    formats[`hook_flag_${f}`] = vs[0]!;
    vs.forEach((v, i) => (formats[`hook_flag_${f}_${i}`] = v));
  }
  await runItems(ctx, 'after', name, whereOf(ctx, a), formats);
}

/** set-hook -R: hook `name` run now for `target` (or the current one), as tmux's notify_hook. */
export async function runHookNow(ctx: CommandContext, name: string, target: Resolved | undefined): Promise<void> {
  if (inEventHook()) return;
  let at = target;
  if (!at) {
    try {
      at = current(ctx);
    } catch {
      at = undefined;
    }
  }
  await runItems(ctx, 'event', name, at, { hook: name });
}
