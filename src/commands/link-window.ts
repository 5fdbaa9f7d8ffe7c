/*
 * link-window (linkw) and unlink-window (unlinkw), as tmux 3.3a has them: a window in
 * several sessions, at an index of its own in each (model-moves.ts).
 *
 * link-window links -s (the current window) into -t's session at -t's index ("work:" or
 * none: the first free one): -k unlinks a window already there (closed when no other
 * session has it), -a/-b put it after or before -t's window (moving the windows there
 * up), -d leaves the session's current window as it is. Two sessions of one group are
 * refused ("sessions are grouped"): they share their windows already.
 *
 * unlink-window unlinks -t from its session; a window no other session holds is refused
 * ("window only linked to one session") unless -k, which closes it.
 */
import { defineCommand } from './types.js';
import { destIndex } from './move-window.js';

export const linkWindow = defineCommand({
  name: 'link-window',
  alias: ['linkw'],
  help: 'Link a window into another session too',
  args: {
    flags: 'abdk', options: 'st', minArgs: 0, maxArgs: 0, names: { s: 'src-window', t: 'dst-window' },
    target: { kind: 'window-index' }, source: { kind: 'window' },
  },
  run(ctx, a) {
    const src = a.source!;
    const dest = a.dest!;
    ctx.server.model.linkWindow(src.window, src.session, dest.session, destIndex(ctx, a), !a.flags.has('d'), a.flags.has('k'));
  },
});

export const unlinkWindow = defineCommand({
  name: 'unlink-window',
  alias: ['unlinkw'],
  help: 'Unlink a window from its session',
  args: { flags: 'k', options: 't', minArgs: 0, maxArgs: 0, names: { t: 'target-window' }, target: { kind: 'window' } },
  run(ctx, a) {
    const r = a.target!;
    ctx.server.model.unlinkWindow(r.window, r.session, a.flags.has('k'));
  },
});
