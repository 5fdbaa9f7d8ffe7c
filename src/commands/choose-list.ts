/*
 * choose-buffer (prefix =) and choose-client (prefix D): the paste buffers or the
 * attached clients in tmux 3.3's list view over the pane, with its flags: -N starts
 * without the preview, -Z zooms the pane while it is open, -r reverses the order, -O
 * picks it, -F the line format, -f a filter format, -K the shortcut key format. The
 * template runs on Enter with %% replaced by the buffer's name or the client's terminal.
 * The views are server/client/choose-list-views.ts.
 */
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';
import { expandFormat } from '../core/format.js';
import { formatContext } from '../server/format-vars.js';
import {
  BUFFER_DEFAULT_COMMAND, BUFFER_DEFAULT_FORMAT, BUFFER_SORT_FIELDS, CLIENT_DEFAULT_COMMAND, CLIENT_DEFAULT_FORMAT, CLIENT_SORT_FIELDS,
  ChooseBufferView, ChooseClientView, type ListViewOptions,
} from '../server/client/choose-list-views.js';
import type { CommandContext } from './types.js';
import type { ParsedArgs } from './args.js';
import type { ArgSpec } from './args.js';
import { viewClient } from './view-client.js';
import type { AttachedClient } from '../server/client/handle.js';

const ARGS: ArgSpec = {
  flags: 'NrZ',
  options: 'FfKOt',
  minArgs: 0,
  maxArgs: 1,
  names: { F: 'format', f: 'filter', K: 'key-format', O: 'sort-order', t: 'target-pane' },
  positional: '[template]',
  target: { kind: 'pane' },
};

/** The view's options from the flags; the client it opens on. */
function listOptions(ctx: CommandContext, a: ParsedArgs, name: string, sorts: readonly string[], format: string, template: string): { c: AttachedClient; opts: ListViewOptions } {
  const c = viewClient(ctx, a.target);
  if (!c || !c.session) throw new CommandError(`${name} needs an attached client showing the pane`);
  const order = a.values.get('O');
  const sortField = order === undefined ? 0 : sorts.indexOf(order);
  if (sortField < 0) throw new CommandError(`${name}: unknown sort order "${order}" (${sorts.join(', ')})`);
  const keyFormat = a.values.get('K');
  const base = formatContext(ctx.server, { session: c.session, window: c.session.current, pane: c.session.current.activePane });
  const opts: ListViewOptions = {
    format: a.values.get('F') ?? format,
    filter: a.values.get('f'),
    template: a.args[0] ?? template,
    preview: !a.flags.has('N'),
    sortField,
    reversed: a.flags.has('r'),
    keyOf: keyFormat === undefined ? undefined : (line) => expandFormat(keyFormat, { ...base, lookup: (n) => (n === 'line' ? String(line) : base.lookup(n)) }) || undefined,
  };
  return { c, opts };
}

/** -Z: zoom the window while the view is open, unzoomed when it closes. */
function zoomWhileOpen(ctx: CommandContext, c: AttachedClient, a: ParsedArgs, view: { onClosed?: () => void }): void {
  const w = c.session!.current;
  if (!a.flags.has('Z') || w.zoomed || w.panes.size < 2) return;
  ctx.server.model.setZoom(w, true);
  view.onClosed = () => {
    if (w.zoomed) ctx.server.model.setZoom(w, false);
  };
}

export const chooseBuffer = defineCommand({
  name: 'choose-buffer',
  help: 'Choose a paste buffer from a list',
  args: ARGS,
  run(ctx, a) {
    const { c, opts } = listOptions(ctx, a, 'choose-buffer', BUFFER_SORT_FIELDS, BUFFER_DEFAULT_FORMAT, BUFFER_DEFAULT_COMMAND);
    if (ctx.server.buffers.all().length === 0) return; // nothing to choose, as tmux
    const view = new ChooseBufferView(ctx.server, c, opts);
    view.over = a.target?.pane;
    zoomWhileOpen(ctx, c, a, view);
    c.openMode(view);
  },
});

export const chooseClient = defineCommand({
  name: 'choose-client',
  help: 'Choose an attached client from a list',
  args: ARGS,
  run(ctx, a) {
    const { c, opts } = listOptions(ctx, a, 'choose-client', CLIENT_SORT_FIELDS, CLIENT_DEFAULT_FORMAT, CLIENT_DEFAULT_COMMAND);
    const view = new ChooseClientView(ctx.server, c, opts);
    view.over = a.target?.pane;
    zoomWhileOpen(ctx, c, a, view);
    c.openMode(view);
  },
});
