/*
 * display-menu (menu): a menu of `name key command` triples ("" for a separator, a name
 * starting with "-" shown dim and not choosable) in a box titled -T, placed by -x and -y
 * as tmux places it (overlay-position.ts); names, commands and the title are formats of
 * the target pane (-t). -O keeps it open across mouse releases. Choosing an item runs
 * its command for the client. The menu is server/client/menu.ts.
 */
import { statusLines } from '../config/status-lines.js';
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';
import { expandFor, formatContext } from '../server/format-vars.js';
import { expandFormat } from '../core/format.js';
import { buildMenu, Menu, type MenuItemSpec } from '../server/client/menu.js';
import { placeOverlay } from '../server/client/overlay-position.js';
import { openAndWait, overlayClient } from './overlay-wait.js';

export default defineCommand({
  name: 'display-menu',
  alias: ['menu'],
  help: 'Show a menu; choosing an item runs its command',
  args: {
    flags: 'O',
    options: 'ctTxy',
    minArgs: 1,
    maxArgs: -1,
    names: { c: 'target-client', t: 'target-pane', T: 'title', x: 'position', y: 'position' },
    positional: 'name key command ...',
    target: { kind: 'pane' },
  },
  async run(ctx, a) {
    const c = overlayClient(ctx, 'display-menu', a.values.get('c'));
    if (c.mode) return; // something is open over the client already, as tmux's overlay check
    const t = a.target!;
    const scope = { session: t.session, window: t.window, pane: t.pane, client: c };
    const items: MenuItemSpec[] = [];
    for (let i = 0; i < a.args.length; ) {
      const name = a.args[i++]!;
      if (name === '') {
        items.push(null);
        continue;
      }
      if (a.args.length - i < 2) throw new CommandError('not enough arguments');
      const key = a.args[i++]!;
      const command = a.args[i++]!;
      items.push({ name: expandFor(ctx.server, name, scope), key, command: expandFor(ctx.server, command, scope) });
    }
    const { lines, width } = buildMenu(items, c.cols);
    if (lines.length === 0) return;
    const { options } = ctx.server;
    const statusRows = statusLines(options, c.at);
    const statusTop = options.get('status-position', c.at) === 'top';
    const rows = c.paneAreaRows() + statusRows;
    const inWindow = t.window.rects().get(t.pane.id) ?? { x: 0, y: 0, cols: c.cols, rows: c.paneAreaRows() };
    // Where the pane is on the client: through the part shown of a window bigger than it (tmux's tty_window_offset).
    const view = c.windowView?.();
    const rect = view ? { ...inWindow, x: inWindow.x - view.x, y: inWindow.y - view.y } : inWindow;
    const layout = (c as { statusLayouts?: ReadonlyArray<{ windows: Array<{ index: number; x: number }> } | null> }).statusLayouts?.[0];
    const base = formatContext(ctx.server, scope);
    const at = placeOverlay({
      cols: c.cols,
      rows,
      w: width + 4,
      h: lines.length + 2,
      statusLines: statusRows,
      statusTop,
      windowStatusX: layout?.windows.find((w) => w.index === t.session.indexOf(t.window))?.x,
      pane: rect,
      ...(ctx.mouse ? { mouse: { x: ctx.mouse.x, y: ctx.mouse.y } } : {}),
      x: a.values.get('x'),
      y: a.values.get('y'),
      expand: (fmt, vars) => expandFormat(fmt, { ...base, lookup: (n) => vars[n] ?? base.lookup(n) }),
    });
    if (!at) return; // bigger than the terminal: not shown, as tmux
    const title = a.values.has('T') ? expandFor(ctx.server, a.values.get('T')!, scope) : '';
    const menu = new Menu(ctx.server, title, lines, width, clampMenu(at, width + 4, lines.length + 2, c.cols, rows), {
      stayOpen: a.flags.has('O'),
      // An item runs with the event that opened the menu, as tmux's (`-t=`, mouse_word).
      run: (command, cl) => cl.runBinding(command, ctx.mouse),
    });
    await openAndWait(ctx, c, menu, false);
  },
});

/** Keep the box on the terminal (tmux's menu_prepare). */
function clampMenu(at: { x: number; y: number }, w: number, h: number, cols: number, rows: number): { x: number; y: number } {
  return { x: at.x + w > cols ? cols - w : at.x, y: at.y + h > rows ? rows - h : at.y };
}
