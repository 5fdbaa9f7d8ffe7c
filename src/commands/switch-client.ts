/*
 * switch-client (switchc): move a client (-c, else the current one) to another session
 * (-t), the next/previous one (-n/-p), or the last one it was on (-l); -T sets the key
 * table its next key is looked up in (a table made with bind -T, or prefix/root), -r
 * toggles its read-only and ignore-size flags, as tmux's. A -t naming a window or pane
 * (`=work:1.%3`, what choose-tree gives) makes that window current and that pane
 * active; -Z keeps the window zoomed across that change. The session takes the client's
 * update-environment variables unless -E. Run from outside any client (a script, a
 * binding's run-shell), it acts on tmux's current client: the best client of the
 * session holding the pane it runs in, else of the best session.
 */
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';
import { canonicalTable } from '../config/load-config.js';
import { bestClient, resolveClient, resolvePane } from '../server/targets.js';
import type { CommandContext } from '../server/command-context.js';
import type { ClientHandle } from '../server/client/handle.js';
import type { Session } from '../server/window.js';
import { updateSessionEnviron } from './attach.js';

export default defineCommand({
  name: 'switch-client',
  readOnly: true,
  alias: ['switchc'],
  help: 'Switch the client to another session',
  args: { flags: 'ElnprZ', options: 'ctT', minArgs: 0, maxArgs: 0, names: { c: 'target-client', t: 'target-session', T: 'key-table' }, target: { kind: 'session', unless: 'lnpT' } },
  run(ctx, a) {
    const c = a.values.has('c') ? resolveClient(ctx, a.values.get('c')) : currentClient(ctx);
    if (!c || !c.session) throw new CommandError('no current client');
    if (a.flags.has('r')) {
      // As tmux: read-only and ignore-size go on together and off together.
      const on = !c.readOnly;
      c.readOnly = on;
      if (c.ignoreSize !== on) {
        c.ignoreSize = on;
        ctx.server.resizeSession(c.session);
      }
    }
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
      if (!target) throw new CommandError("can't find last session");
    } else if (!a.values.has('t') && !ctx.current && !ctx.client?.session && !ctx.caller.env.CCMUX_PANE_ID) {
      // From outside any client or pane, tmux's target is its best session preferring
      // an unattached one (CMD_FIND_PREFER_UNATTACHED), so `switch-client -r` moves it.
      target = unattachedFirst(ctx);
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
      // Back to the client's own key table, but for a repeating binding of its own (bind -r).
      if (!(ctx.client === c && c.keyTable === 'prefix')) c.keyTable = c.defaultKeyTable;
    }
  },
});

/**
 * tmux's cmd_find_current_client: the client the command came from, else the most
 * recently active client of the best session holding the pane the command runs in
 * (its $TMUX_PANE), else of the best session, else of any.
 */
function currentClient(ctx: CommandContext): ClientHandle | undefined {
  if (ctx.client?.session) return ctx.client;
  const paneId = (ctx.caller.env.CCMUX_PANE_ID ?? ctx.caller.env.TMUX_PANE)?.match(/^%(\d+)$/)?.[1];
  const w = paneId === undefined ? undefined : ctx.server.model.windowOf(Number(paneId));
  if (w) {
    const s = ctx.server.model.sessionOf(w);
    const attached = [...ctx.server.clients].filter((x) => x.session);
    const of = attached.filter((x) => x.session === s);
    return (of.length ? of : attached).sort((x, y) => y.activity - x.activity)[0];
  }
  return bestClient(ctx);
}

/** The best session for tmux with CMD_FIND_PREFER_UNATTACHED: an unattached one first, then the most recently used. */
function unattachedFirst(ctx: CommandContext): Session | undefined {
  const attached = new Set([...ctx.server.clients].map((x) => x.session));
  return [...ctx.server.model.sessions].sort((x, y) => Number(attached.has(x)) - Number(attached.has(y)) || y.lastUsed - x.lastUsed || y.id - x.id)[0];
}
