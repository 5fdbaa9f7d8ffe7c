/*
 * restore: rebuild the sessions of the last checkpoint in this server — after a clean
 * kill-server (which does not restore by itself), or to bring back sessions next to
 * live ones. Sessions whose names are in use are skipped. After a crash or a reboot the
 * server does this on its own at start-up.
 */
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';
import { restoreServer } from '../persist/restore.js';
import { checkpointStoreOf } from '../persist/startup.js';

export default defineCommand({
  name: 'restore',
  help: 'Restore the sessions of the last checkpoint',
  args: { flags: '', options: '', minArgs: 0, maxArgs: 0 },
  async run(ctx) {
    const store = checkpointStoreOf(ctx.server);
    if (!store) throw new CommandError('persistence is off for this server');
    const saved = store.readSaved();
    let checkpoint = saved;
    if (!checkpoint) {
      const r = store.read();
      if (r.notice) ctx.err(`${r.notice}\n`);
      checkpoint = r.checkpoint;
    }
    if (!checkpoint || checkpoint.body.sessions.length === 0) throw new CommandError('nothing to restore');
    const report = await restoreServer(ctx.server, checkpoint.body, ctx.caller.env);
    if (saved) store.discardSaved();
    for (const n of report.notes) ctx.out(`${n}\n`);
    ctx.out(`restored ${report.sessions.length} session(s), ${report.panes} pane(s) from ${checkpoint.savedAt}: ${report.sessions.join(', ') || '-'}\n`);
  },
});
