/*
 * customize-mode: every option (server, session, window and pane) and every key binding
 * in a tree over the pane, to read and change in place, as tmux 3.3a's: -F the line
 * format, -f a filter format, -N starts without the preview, -Z zooms the pane while it is
 * open, -t the pane whose options (and session's and window's) it shows. The view is
 * server/client/customize-view.ts; what it changes it changes by running set-option,
 * bind-key and unbind-key for the client.
 */
import { defineCommand, type CommandContext } from './types.js';
import { CommandError } from '../core/errors.js';
import { CustomizeView, CUSTOMIZE_DEFAULT_FORMAT } from '../server/client/customize-view.js';
import type { AttachedClient } from '../server/client/handle.js';
import { DEFAULT_BINDINGS } from './default-bindings.js';
import { viewClient } from './view-client.js';

/** Run `argv` as the client's own command: errors in its status line, output in a list. */
function runFor(ctx: CommandContext) {
  return async (argv: string[], c: AttachedClient): Promise<boolean> => {
    const out: string[] = [];
    const cctx: CommandContext = {
      server: ctx.server, caller: c.hello, client: c, runner: ctx.runner, readOnly: c.readOnly,
      out: (t) => out.push(t),
      err: (t) => c.showMessage(t.trim().split('\n').filter(Boolean).join(' · ')),
    };
    return ctx.runner.runArgv(cctx, argv);
  };
}

export default defineCommand({
  name: 'customize-mode',
  help: 'Show and change options and key bindings in a tree',
  args: {
    flags: 'NZ',
    options: 'Fft',
    minArgs: 0,
    maxArgs: 0,
    names: { F: 'format', f: 'filter', t: 'target-pane' },
    target: { kind: 'pane' },
  },
  run(ctx, a) {
    const r = a.target!;
    const c = viewClient(ctx, r);
    if (!c || !c.session) throw new CommandError('customize-mode needs an attached client showing the pane');
    const view = new CustomizeView(
      ctx.server, c, { session: r.session, window: r.window, pane: r.pane },
      { format: a.values.get('F') ?? CUSTOMIZE_DEFAULT_FORMAT, filter: a.values.get('f'), preview: !a.flags.has('N') },
      runFor(ctx),
      (table, key) => DEFAULT_BINDINGS.find(([t, k]) => t === table && k === key)?.[2],
    );
    view.over = r.pane;
    const w = c.session.current;
    if (a.flags.has('Z') && !w.zoomed && w.panes.size > 1 && w === r.window) {
      ctx.server.model.setZoom(w, true);
      view.onClosed = () => {
        if (w.zoomed) ctx.server.model.setZoom(w, false);
      };
    }
    c.openMode(view);
  },
});
