/*
 * gc: remove isolated Claude pane dirs that no live pane and no checkpoint (of any
 * server) owns; --dry-run only lists them. Dirs younger than a minute are left alone.
 * Also applies the transcript archive's retention limits.
 */
import { defineCommand } from './types.js';
import { sweepOrphans } from '../persist/orphans.js';
import { pruneArchive } from '../persist/retention.js';

export default defineCommand({
  name: 'gc',
  help: 'Remove orphaned Claude pane dirs (and expired archived transcripts)',
  args: { flags: 'n', options: '', long: { 'dry-run': 'flag' }, minArgs: 0, maxArgs: 0 },
  async run(ctx, a) {
    const dryRun = a.flags.has('n') || a.flags.has('dry-run');
    const res = await sweepOrphans(ctx.server, { dryRun });
    for (const p of res.removed) ctx.out(`removed ${p}\n`);
    for (const p of res.left) ctx.out(`${dryRun ? 'would remove' : 'left (younger than a minute)'} ${p}\n`);
    for (const e of res.errors) ctx.err(`${e}\n`);
    if (!dryRun) {
      const iso = ctx.server.claude.isolation;
      const pruned = pruneArchive(ctx.server.opts.stateDir, { days: iso.transcript_retention_days, maxMb: iso.transcript_max_mb });
      if (pruned.length) ctx.out(`deleted ${pruned.length} archived transcript(s) past retention\n`);
    }
    if (!res.removed.length && !res.left.length) ctx.out('no orphaned pane dirs\n');
  },
});
