/*
 * What refresh-client does for a control client (tmux's cmd-refresh-client.c): -C its
 * size, -f/-F its flags (no-output, pause-after=N; read-only and ignore-size of any client), -A a pane's output on, off, paused or
 * continued, -B a format subscription. Kept apart from refresh-client.ts so the redrawing side and this one can
 * change independently.
 */
import { valuesOf, type ParsedArgs } from './args.js';
import type { CommandContext } from './types.js';
import { CommandError } from '../core/errors.js';
import { parseClientFlags, parseControlSize, parsePaneAction, parseWindowControlSize } from '../protocol/control-lines.js';
import type { ControlClient } from '../server/control/control-client.js';
import { applyClientFlags } from './client-flags.js';

/** The flags only a control client may give. */
export const CONTROL_FLAGS = ['C', 'A', 'B'] as const;

/**
 * Apply -C, -f/-F and -A to the calling client. Returns true when one of them was given
 * (the command is then done); throws for a normal client given -C or -A, or a bad value.
 */
export function refreshControl(ctx: CommandContext, a: ParsedArgs): boolean {
  const flags = a.values.get('F') ?? a.values.get('f');
  const control = CONTROL_FLAGS.some((f) => a.values.has(f));
  if (flags === undefined && !control) return false;
  const c = ctx.client as ControlClient | undefined;
  const isControl = c?.control !== undefined;
  if (control && !isControl) throw new CommandError('not a control client');
  // -f/-F: the target client's flags (read-only, ignore-size: any client's).
  if (flags !== undefined) applyClientFlags(ctx.server, a.client ?? ctx.client!, parseClientFlags(flags));
  for (const pane of valuesOf(a, 'A')) {
    const { pane: id, action } = parsePaneAction(pane);
    if (!ctx.server.model.panes.has(id)) throw new CommandError(`can't find pane: %${id}`);
    c!.paneAction(id, action);
  }
  for (const sub of valuesOf(a, 'B')) c!.subscribe(sub);
  const size = a.values.get('C');
  if (size !== undefined) {
    const one = parseWindowControlSize(size);
    if (one) c!.setWindowSize(one.window, one.size);
    else {
      const { cols, rows } = parseControlSize(size);
      c!.setSize(cols, rows);
    }
  }
  return true;
}
