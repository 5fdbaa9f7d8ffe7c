/*
 * claude-hook: how the hook entry point (src/cli/hook.ts) reports a Claude pane's event
 * to the server: pane id, the time the hook started, and the few fields kept from the
 * hook's JSON, with the pane's token (CCMUX_CLAUDE_TOKEN) binding it to this server and
 * that pane's claude; other reports are refused. Not for people — but harmless.
 */
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';
import { reportOf } from '../claude/hook-fields.js';
import { awarenessOf } from '../claude/awareness.js';

export default defineCommand({
  name: 'claude-hook',
  help: 'Report a Claude hook event for a pane (used by ccmux hook)',
  args: { flags: '', options: '', minArgs: 3, maxArgs: 3, positional: 'pane-id time fields-json' },
  run(ctx, a) {
    const [pane, at, json] = a.args as [string, string, string];
    if (!/^%\d+$/.test(pane)) throw new CommandError(`bad pane id: ${pane}`);
    let f: Record<string, unknown>;
    try {
      f = JSON.parse(json);
    } catch {
      throw new CommandError('fields must be JSON');
    }
    if (typeof f !== 'object' || f === null || typeof f.event !== 'string') throw new CommandError('fields need an event');
    const checked = reportOf(f, Number.isFinite(Number(at)) ? Number(at) : Date.now());
    if ('refused' in checked) throw new CommandError(`refused: ${checked.refused}`);
    const aw = awarenessOf(ctx.server);
    if (!aw) return;
    const id = Number(pane.slice(1));
    // Bound to this server and this pane's own claude (issue 14.4): a claude of a dead
    // server, or of an earlier pane with this id, is not this pane's.
    const refused = aw.refusal(id, typeof f.token === 'string' ? f.token : undefined);
    if (refused) {
      ctx.server.log.info({ pane, event: f.event, refused }, 'claude hook report refused');
      throw new CommandError(`refused: ${refused}`);
    }
    aw.report(id, checked.report);
  },
});
