/*
 * refresh-client (refresh): draw a client's screen again from scratch (prefix r), or with
 * -S only its status line, as tmux 3.3a. The client is -t, else the one a binding came
 * from, else the most recently active one. -L/-R/-U/-D [adjustment] move the part shown of
 * a window bigger than the client (by 1 unless given; prefix S-arrows by 10), -c follows the
 * cursor again (client/window-view.ts). -l asks the client's terminal for its clipboard
 * (OSC 52): the answer becomes a new paste buffer, or with -l target-pane goes to that
 * pane (client/clipboard-query.ts). For a control client, its size, flags, panes' output
 * and subscriptions (-C -f -F -A -B, refresh-client-control.ts).
 */
import { defineCommand, type CommandContext } from './types.js';
import { refreshControl } from './refresh-client-control.js';
import { CommandError } from '../core/errors.js';
import { resolvePane } from '../server/targets.js';
import type { ParsedArgs } from './args.js';
import type { ClientHandle } from '../server/client/handle.js';

/** tmux's strtonum(adjustment, 1, INT_MAX) and its words for a bad one. */
function adjustment(text: string | undefined): number {
  if (text === undefined) return 1;
  if (!/^\s*[-+]?\d+$/.test(text)) throw new CommandError('adjustment invalid');
  const n = Number(text);
  if (n < 1) throw new CommandError('adjustment too small');
  if (n > 2147483647) throw new CommandError('adjustment too large');
  return n;
}

/** -c -L -R -U -D: the client's view of its window moved (nothing to see for a control client). */
function pan(c: ClientHandle, a: ParsedArgs): void {
  const n = adjustment(a.args[0]);
  // As tmux: -c wins, then -L, -R, -U, -D in that order.
  const dir = a.flags.has('c') ? 'c' : a.flags.has('L') ? 'L' : a.flags.has('R') ? 'R' : a.flags.has('U') ? 'U' : 'D';
  c.panView?.(dir, n);
}

/** -l [target-pane]: the client's terminal asked for its clipboard, for a new buffer or for the pane. */
function clipboard(ctx: CommandContext, c: ClientHandle, a: ParsedArgs): void {
  const target = a.values.get('l');
  const pane = target === undefined ? undefined : resolvePane(ctx, target).pane.id;
  c.queryClipboard?.(pane);
}

export default defineCommand({
  name: 'refresh-client',
  alias: ['refresh'],
  help: "Redraw a client's screen (-S: its status line); move the part shown of a bigger window (-L -R -U -D, -c: follow the cursor); ask its terminal's clipboard (-l); set a control client's size (-C), flags (-f), pane output (-A) or subscriptions (-B)",
  args: {
    flags: 'cDLRSU',
    options: 'ABCfFt',
    optional: 'l',
    minArgs: 0,
    maxArgs: 1,
    positional: '[adjustment]',
    names: { A: 'pane:state', B: 'name:what:format', C: 'XxY', f: 'flags', F: 'flags', l: 'target-pane', t: 'target-client' },
    target: { kind: 'client' },
  },
  run(ctx, a) {
    const c = a.client!;
    if (['c', 'L', 'R', 'U', 'D'].some((f) => a.flags.has(f))) return pan(c, a);
    if (a.flags.has('l')) return clipboard(ctx, c, a);
    if (a.args.length > 0) throw new CommandError('an adjustment goes with -c, -L, -R, -U or -D');
    if (refreshControl(ctx, a)) return;
    c.refresh(a.flags.has('S'));
  },
});
