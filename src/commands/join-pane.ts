/*
 * join-pane (joinp) and move-pane (movep), one command under two names as in tmux: move
 * a pane (-s; the marked pane, else the current one) next to another (-t), splitting the target as split-window would — -h side
 * by side, -v (the default) stacked, -b before it, -f across the whole window, -l its
 * size (cells or %) — and focus it unless -d. The source window closes when it was its
 * last pane. The pane keeps its program, history, id and what ccmux knows of it.
 */
import { defineCommand } from './types.js';
import { parseSize } from './pane-request.js';
import type { ParsedArgs } from './args.js';
import type { CommandContext } from './types.js';

function run(ctx: CommandContext, a: ParsedArgs): void {
  const o = { before: a.flags.has('b'), full: a.flags.has('f'), ...parseSize(a.values.get('l'), a.values.get('p'), true), select: !a.flags.has('d') };
  // As tmux: -v is the default, and -h wins over it.
  ctx.server.model.joinPane(a.source!.pane, a.target!.pane, a.flags.has('h') ? 'h' : 'v', o);
}

const args = { flags: 'bdfhv', options: 'lpst', minArgs: 0, maxArgs: 0, names: { l: 'size', p: 'percentage', s: 'src-pane', t: 'dst-pane' }, target: { kind: 'pane' }, source: { kind: 'pane', defaultMarked: true } } as const;

export const joinPane = defineCommand({ name: 'join-pane', alias: ['joinp'], help: 'Join a pane to another, as a split of it', args: { ...args, names: { ...args.names } }, run });
export const movePane = defineCommand({ name: 'move-pane', alias: ['movep'], help: 'Move a pane next to another (join-pane)', args: { ...args, names: { ...args.names } }, run });
