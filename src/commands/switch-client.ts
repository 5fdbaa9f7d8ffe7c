/*
 * switch-client (switchc): move the attached client to another session (-t), the
 * next/previous one (-n/-p), or the last one it was on (-l); -T sets the key table its
 * next key is looked up in (a table made with bind -T, or prefix/root), as tmux's.
 * A -t naming a window or pane (`=work:1.%3`, what choose-tree gives) makes that window
 * current and that pane active; -Z keeps the window zoomed across that change. The
 * session takes the client's update-environment variables unless -E.
 */
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';
import { canonicalTable } from '../config/load-config.js';
import { resolvePane } from '../server/targets.js';
import { updateSessionEnviron } from './attach.js';

export default defineCommand({
  name: 'switch-client',
  readOnly: true,
  alias: ['switchc'],
  help: 'Switch the client to another session',
  args: { flags: 'ElnpZ', options: 'tT', minArgs: 0, maxArgs: 0, names: { t: 'target-session', T: 'key-table' }, target: { kind: 'session', unless: 'lnpT' } },
  run(ctx, a) {
    const c = ctx.client ?? [...ctx.server.clients].find((x) => x.session && ctx.caller.env.CCMUX_PANE_ID && x.session.windows.some((w) => w.panes.has(Number(ctx.caller.env.CCMUX_PANE_ID!.slice(1)))));
    if (!c || !c.session) throw new CommandError('no current client');
    const table = a.values.get('T');
    if (table !== undefined) {
      const t = canonicalTable(table);
      if (!ctx.server.keys.tableNames().includes(t)) throw new CommandError(`table ${table} doesn't exist`);
      c.keyTable = t;
      if (!a.values.has('t')) return;
    }
    const sorted = [...ctx.server.model.sessions].sort((x, y) => x.name.localeCompare(y.name));
    const i = sorted.indexOf(c.session);
    let target;
    if (a.flags.has('n')) target = sorted[(i + 1) % sorted.length];
    else if (a.flags.has('p')) target = sorted[(i - 1 + sorted.length) % sorted.length];
    else if (a.flags.has('l')) {
      target = c.previousSession && ctx.server.model.sessions.includes(c.previousSession) ? c.previousSession : undefined;
      if (!target) throw new CommandError('no last session');
    } else target = a.session!;
    const t = a.values.get('t');
    if (target && t !== undefined && /[:.]|^[%@]/.test(t)) {
      // The window and pane -t names as well as its session (tmux's cmd_find of a session target).
      const r = resolvePane(ctx, t);
      const w = r.window;
      if (r.pane.id !== w.active) {
        const zoomed = w.zoomed;
        ctx.server.model.selectPane(w, r.pane.id);
        if (zoomed && a.flags.has('Z')) ctx.server.model.setZoom(w, true);
      }
      if (r.session.current !== w) ctx.server.model.selectWindow(r.session, w);
    }
    if (target) {
      if (!a.flags.has('E')) updateSessionEnviron(ctx.server, target, c.hello.env);
      c.switchTo(target);
    }
  },
});
