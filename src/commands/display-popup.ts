/*
 * display-popup (popup): run a command (default: default-command, else the shell) in a
 * popup over the client's panes, as tmux 3.3a: -w/-h its size in cells or % of the
 * terminal (default half), -x/-y placed as display-menu (overlay-position.ts), -d its
 * start directory, -e variables for it, -T a title, -b the border lines (those of
 * popup-border-lines) or -B none, -s/-S the inside's and the border's style, -E closes it
 * when the command exits (-EE only when it exits 0), -C closes the client's popup. From
 * the command line it waits until the popup has closed (overlay-wait.ts). The popup is
 * server/client/popup.ts.
 */
import { statusLines } from '../config/status-lines.js';
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';
import { expandFor, formatContext } from '../server/format-vars.js';
import { expandFormat } from '../core/format.js';
import { parseEnvAssignments } from '../core/spawn-env.js';
import { paneLaunchFor } from '../server/pane-launch.js';
import { placeOverlay } from '../server/client/overlay-position.js';
import { BORDER_LINES, Popup, popupColours } from '../server/client/popup.js';
import { valuesOf } from './args.js';
import { startDirectory } from './pane-request.js';
import { openAndWait, overlayClient } from './overlay-wait.js';
import type { Style } from '../render/style.js';

/** A size in cells or a percentage of `whole` (tmux's args_percentage), 1..whole. */
export function popupSize(text: string, whole: number, what: string): number {
  const m = /^(\d+)(%?)$/.exec(text);
  if (!m) throw new CommandError(`${what} invalid`);
  const n = m[2] ? Math.floor((whole * Number(m[1])) / 100) : Number(m[1]);
  if (n < 1) throw new CommandError(`${what} too small`);
  if (n > whole) throw new CommandError(`${what} too large`);
  return n;
}

export default defineCommand({
  name: 'display-popup',
  alias: ['popup'],
  help: 'Run a command in a popup over the panes',
  args: {
    flags: 'BCE',
    options: 'bcdehsStTwxy',
    minArgs: 0,
    maxArgs: -1,
    names: { b: 'border-lines', c: 'target-client', d: 'start-directory', e: 'environment', h: 'height', s: 'style', S: 'border-style', t: 'target-pane', T: 'title', w: 'width', x: 'position', y: 'position' },
    positional: '[shell-command]',
    target: { kind: 'pane' },
  },
  async run(ctx, a) {
    const c = overlayClient(ctx, 'display-popup', a.values.get('c'));
    if (a.flags.has('C')) {
      if (c.mode instanceof Popup) c.mode.close();
      return;
    }
    if (c.mode) return; // something is open over the client already, as tmux's overlay check
    const t = a.target!;
    const scope = { session: t.session, window: t.window, pane: t.pane, client: c };
    const { options } = ctx.server;
    const statusRows = statusLines(options, c.at);
    const rows = c.paneAreaRows() + statusRows;
    const cols = c.cols;
    const h = a.values.has('h') ? popupSize(a.values.get('h')!, rows, 'height') : Math.floor(rows / 2);
    const w = a.values.has('w') ? popupSize(a.values.get('w')!, cols, 'width') : Math.floor(cols / 2);
    // The options of the target session's current window, as tmux's popup_display.
    const wat = { session: t.session, window: t.session.current };
    let lines = String(options.get('popup-border-lines', wat));
    if (a.flags.has('B')) lines = 'none';
    else if (a.values.has('b')) {
      lines = a.values.get('b')!;
      if (!(lines in BORDER_LINES)) throw new CommandError(`popup-border-lines: unknown value "${lines}" (${Object.keys(BORDER_LINES).join(', ')})`);
    }
    const explicit = parseEnvAssignments(valuesOf(a, 'e'));
    if (typeof explicit === 'string') throw new CommandError(explicit);
    const popupStyle = popupColours(a.values.get('s'), String(options.get('popup-style', wat)), 'style');
    const borderStyle = popupColours(a.values.get('S'), String(options.get('popup-border-style', wat)), 'border-style');
    const inWindow = t.window.rects().get(t.pane.id) ?? { x: 0, y: 0, cols, rows: c.paneAreaRows() };
    // Where the pane is on the client: through the part shown of a window bigger than it (tmux's tty_window_offset).
    const view = c.windowView?.();
    const rect = view ? { ...inWindow, x: inWindow.x - view.x, y: inWindow.y - view.y } : inWindow;
    const layout = (c as { statusLayouts?: ReadonlyArray<{ windows: Array<{ index: number; x: number }> } | null> }).statusLayouts?.[0];
    const base = formatContext(ctx.server, scope);
    const at = placeOverlay({
      cols,
      rows,
      w,
      h,
      statusLines: statusRows,
      statusTop: options.get('status-position', c.at) === 'top',
      windowStatusX: layout?.windows.find((x) => x.index === t.session.indexOf(t.window))?.x,
      pane: rect,
      x: a.values.get('x'),
      y: a.values.get('y'),
      expand: (fmt, vars) => expandFormat(fmt, { ...base, lookup: (n) => vars[n] ?? base.lookup(n) }),
    });
    if (!at) return;
    const cwd = a.values.has('d') ? startDirectory(ctx, a.values.get('d')!, scope) : t.pane.currentPath();
    const launch = paneLaunchFor(`%${t.pane.id}`, { cwd, env: ctx.server.spawnEnv(t.session.environ, explicit), argv: a.args.length ? a.args : undefined }, {
      term: options.get('default-terminal') as string,
      shell: options.get('default-shell', t) as string,
      defaultCommand: options.get('default-command', t) as string,
      socketPath: ctx.server.opts.socketPath,
      serverPid: process.pid,
      sessionId: t.session.id,
    });
    let popup: Popup;
    try {
      popup = new Popup(c, {
        rect: { x: at.x, y: at.y, cols: w, rows: h },
        lines,
        title: a.values.has('T') ? expandFor(ctx.server, a.values.get('T')!, scope) : '',
        style: popupStyle,
        borderStyle,
        closeOnExit: a.repeated?.has('E') ? 'zero' : a.flags.has('E') ? 'any' : 'no',
        launch,
        historyLimit: 0,
      }, ctx.server.opts.spawner);
    } catch (err) {
      throw new CommandError(`cannot start ${launch.file}: ${(err as Error).message}`);
    }
    if (popup.isClosed) return;
    await openAndWait(ctx, c, popup, false);
  },
});
