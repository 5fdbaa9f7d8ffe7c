/*
 * Resolving the targets a command declares (ArgSpec.target) before it runs, so no
 * command resolves its -t by hand and every one reports a bad target the same way. The
 * dispatcher (run.ts) does it for every command; a command that runs another one
 * directly (last-pane runs select-pane) goes through runResolved.
 */
import type { ParsedArgs } from './args.js';
import type { CommandContext, CommandDef } from './types.js';
import { markedTarget, resolveClient, resolvePane, resolveSession, resolveWindow, resolveWindowIndex } from '../server/targets.js';

/** Fill `a.target` / `a.session` as `def` declares. Throws CommandError for a bad target. */
export function resolveDeclared(def: CommandDef, ctx: CommandContext, a: ParsedArgs): void {
  const src = def.args.source;
  if (src && !(src.unless && [...src.unless].some((f) => a.flags.has(f))) && !(src.given && !a.values.has('s'))) {
    const text = a.values.get('s');
    // CMD_FIND_DEFAULT_MARKED: the marked pane, when there is one, is where -s is found from.
    const from = src.defaultMarked && ctx.server.model.marked.get() ? { ...ctx, current: markedTarget(ctx) } : ctx;
    try {
      if (src.kind === 'session') a.session = resolveSession(from, text);
      else a.source = src.kind === 'window' ? resolveWindow(from, text) : resolvePane(from, text);
    } catch (err) {
      if (!src.canFail) throw err;
    }
  }
  const t = def.args.target;
  if (t?.sessionWhen && [...t.sessionWhen].some((f) => a.flags.has(f))) {
    a.session = resolveSession(ctx, a.values.get('t'));
    return;
  }
  if (!t || (t.unless && [...t.unless].some((f) => a.flags.has(f)))) return;
  if (t.when && ![...t.when].some((f) => a.flags.has(f))) return;
  const text = a.values.get('t');
  if (t.canFail && text !== undefined) {
    try {
      resolveDeclared({ ...def, args: { ...def.args, target: { kind: t.kind } } }, ctx, a);
    } catch {
      /* names nothing: the command runs without a target and says what it needed */
    }
    return;
  }
  if (t.optional && text === undefined) {
    try {
      resolveDeclared({ ...def, args: { ...def.args, target: { kind: t.kind } } }, ctx, a);
    } catch {
      /* nothing current: the command runs without a target */
    }
    return;
  }
  if (t.kind === 'pane') a.target = resolvePane(ctx, text);
  else if (t.kind === 'window') a.target = resolveWindow(ctx, text);
  else if (t.kind === 'window-index') a.dest = resolveWindowIndex(ctx, text);
  else if (t.kind === 'client') a.client = resolveClient(ctx, text);
  else a.session = resolveSession(ctx, text);
}

/** Run `def` with `a` as the dispatcher would: its declared targets resolved first. */
export async function runResolved(def: CommandDef, ctx: CommandContext, a: ParsedArgs): Promise<void> {
  resolveDeclared(def, ctx, a);
  await def.run(ctx, a);
}
