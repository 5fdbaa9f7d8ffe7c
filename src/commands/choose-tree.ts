/*
 * choose-tree: the session/window/pane tree over the active pane (prefix s, prefix w),
 * with tmux 3.3's flags: -s starts with sessions collapsed, -w with windows collapsed,
 * -Z zooms the pane while it is open, -N starts without the preview, -r reverses the
 * order, -O picks it (index, name, time), -F the line format, -f a filter format, -K the
 * shortcut key format, -t names the pane it opens over, -G shows every session of a
 * session group (else one per group: the client's, or the group's first). The template (default `switch-client -Zt '%%'`) runs on Enter
 * with %% replaced by the chosen target. The view is server/client/choose-tree-view.ts.
 */
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';
import { expandFormat } from '../core/format.js';
import { formatContext } from '../server/format-vars.js';
import { ChooseTreeView, TREE_DEFAULT_COMMAND, TREE_DEFAULT_FORMAT, TREE_SORT_FIELDS } from '../server/client/choose-tree-view.js';
import type { CommandContext } from './types.js';
import type { ParsedArgs } from './args.js';
import { viewClient } from './view-client.js';

/** Open the tree for `ctx`'s client with the flags of choose-tree (choose-session and choose-window are its aliases, as in tmux). */
export function openTree(ctx: CommandContext, a: ParsedArgs, name: string): void {
  const c = viewClient(ctx, a.target);
  if (!c || !c.session) throw new CommandError(`${name} needs an attached client showing the pane`);
  const order = a.values.get('O');
  const sortField = order === undefined ? 0 : TREE_SORT_FIELDS.indexOf(order as (typeof TREE_SORT_FIELDS)[number]);
  if (sortField < 0) throw new CommandError(`${name}: unknown sort order "${order}" (index, name or time)`);
  const view = new ChooseTreeView(ctx.server, c, {
    type: a.flags.has('s') ? 'session' : a.flags.has('w') ? 'window' : 'pane',
    format: a.values.get('F') ?? TREE_DEFAULT_FORMAT,
    filter: a.values.get('f'),
    template: a.args[0] ?? TREE_DEFAULT_COMMAND,
    zoom: a.flags.has('Z'),
    preview: !a.flags.has('N'),
    sortField,
    reversed: a.flags.has('r'),
    over: a.target?.pane,
    allGroups: a.flags.has('G'),
  });
  const keyFormat = a.values.get('K');
  if (keyFormat !== undefined) {
    const base = formatContext(ctx.server, { session: c.session, window: c.session.current, pane: c.session.current.activePane });
    view.tree.keyOf = (line) => {
      const key = expandFormat(keyFormat, { ...base, lookup: (n) => (n === 'line' ? String(line) : base.lookup(n)) });
      return key === '' ? undefined : key;
    };
    view.rebuild();
  }
  c.openMode(view);
}

export default defineCommand({
  name: 'choose-tree',
  help: 'Choose a session, window or pane from a tree',
  args: {
    flags: 'GNrswZ',
    options: 'FfKOt',
    minArgs: 0,
    maxArgs: 1,
    names: { F: 'format', f: 'filter', K: 'key-format', O: 'sort-order', t: 'target-pane' },
    positional: '[template]',
    target: { kind: 'pane' },
  },
  run(ctx, a) {
    openTree(ctx, a, 'choose-tree');
  },
});
