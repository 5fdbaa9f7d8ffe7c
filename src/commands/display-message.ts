/*
 * display-message (display): expand a format and show it in the status line of the
 * clients on the target's session, or print it with -p (scripts: `ccmux display -p
 * '#{pane_current_path}'`). Without a message it shows a summary of the current pane.
 * As tmux 3.3a: -F gives the format instead of the argument (not both), -c the client
 * that shows it (and whose client_* variables the format sees), -d how long in ms (0:
 * until a key), -N keys do not take it away. -I writes the CLI's stdin into the target pane
 * instead, which must be empty (made by split-window -I or ''; pane-input.ts). -a lists
 * every variable of tmux's format table that has a value here, `name=value`. A -t naming
 * nothing is no error (tmux's CMD_FIND_CANFAIL): the format is expanded with what of it
 * was found — a session's current window, a window's active pane — or without any.
 */
import { defineCommand } from './types.js';
import { clientFor, expandFor } from '../server/format-vars.js';
import { CommandError } from '../core/errors.js';
import { findClient, resolveSession, resolveWindow } from '../server/targets.js';
import type { CommandContext } from './types.js';
import { readStdinInto } from './pane-input.js';
import { formatContext } from '../server/format-vars.js';
import { FORMAT_TABLE_NAMES } from '../core/format/variable-names.js';

/** Variables tmux leaves out of -a when ccmux has them empty: a session's group, a window bigger than its client. */
const NONE_WHEN_EMPTY = /^(session_group|window_bigger$|window_offset_)/;

const DEFAULT = '[#{session_name}] #{window_index}:#{window_name}, current pane #{pane_index} - (%H:%M %d-%b-%y)';

/**
 * What tmux's cmd_find leaves of a -t it could not find all of, filled in as its
 * format_defaults fills it: `sess:nosuch` is the session's current window and pane,
 * `sess:win.nosuch` (or `win.nosuch`) the window's active pane; undefined when not even
 * that is found.
 */
function partialTarget(ctx: CommandContext, text: string | undefined) {
  if (text === undefined) return undefined;
  const colon = text.indexOf(':');
  const period = text.indexOf('.', colon + 1);
  const tries: Array<() => ReturnType<typeof resolveWindow>> = [];
  if (period >= 0) tries.push(() => resolveWindow(ctx, text.slice(0, period)));
  if (colon >= 0) {
    tries.push(() => {
      const session = resolveSession(ctx, text.slice(0, colon));
      return { session, window: session.current, pane: session.current.activePane };
    });
  }
  for (const t of tries) {
    try {
      return t();
    } catch {
      /* not found either: try less */
    }
  }
  return undefined;
}

export default defineCommand({
  name: 'display-message',
  alias: ['display'],
  help: 'Show a message (or print it with -p)',
  args: { flags: 'aINp', options: 'cdFt', minArgs: 0, maxArgs: 1, names: { c: 'target-client', d: 'delay', F: 'format', t: 'target-pane' }, positional: '[message]', target: { kind: 'pane', canFail: true } },
  async run(ctx, a) {
    const r = a.target ?? partialTarget(ctx, a.values.get('t'));
    if (a.flags.has('I')) {
      if (r) await readStdinInto(ctx, r.pane);
      return;
    }
    if (a.values.has('F') && a.args.length) throw new CommandError('only one of -F or argument must be given');
    let ms: number | undefined;
    const d = a.values.get('d');
    if (d !== undefined) {
      if (!/^-?\d+$/.test(d)) throw new CommandError('delay invalid');
      ms = Number(d);
      if (ms < 0) throw new CommandError('delay too small');
      if (ms > 0xffffffff) throw new CommandError('delay too large');
    }
    // A -c naming no client is no error (tmux's CMD_CLIENT_CANFAIL): the message goes nowhere.
    let named;
    if (a.values.has('c')) {
      try {
        named = findClient(ctx.server.clients, a.values.get('c')!);
      } catch {
        if (!a.flags.has('p')) return;
      }
    }
    const fmt = a.args[0] ?? a.values.get('F') ?? DEFAULT;
    // -c's client for the formats if it shows the target's session, else the best one there (as tmux).
    const fc = named && r && named.session === r.session ? named : r ? clientFor(ctx.server, ctx.client, r.session) : undefined;
    const scope = r ? { ...r, client: fc } : {};
    if (a.flags.has('a')) {
      const f = formatContext(ctx.server, scope);
      for (const name of FORMAT_TABLE_NAMES) {
        const v = f.lookup(name);
        // tmux has no value (not an empty one) for a session in no group or a window that fits.
        if (v === undefined || (v === '' && NONE_WHEN_EMPTY.test(name))) continue;
        ctx.out(`${name}=${v}\n`);
      }
      return;
    }
    const text = expandFor(ctx.server, fmt, scope, true);
    if (a.flags.has('p')) {
      ctx.out(text + '\n');
      return;
    }
    // Its #[…] styles apply (tmux's ignore_styles 0); other messages show as they are.
    const show = { ...(ms !== undefined ? { ms } : {}), ...(a.flags.has('N') ? { keepOnKey: true } : {}), styled: true };
    const to = named ?? ctx.client;
    if (to) {
      to.showMessage(text, show);
      return;
    }
    const clients = [...ctx.server.clients].filter((c) => r !== undefined && c.session === r.session);
    if (clients.length === 0) ctx.out(text + '\n');
    for (const c of clients) c.showMessage(text, show);
  },
});
