/*
 * doctor: check that every Claude pane is isolated as it should be — its dir (real, 0700,
 * yours), its session (transcripts, .claude.json, live claude processes in the dir), the
 * environment its claude process really runs with, no dir or session shared between
 * panes, no orphaned dirs in the state roots, a checkpoint that can be written and none
 * kept aside as damaged, the git worktrees ccmux made (missing, branch gone, locked by a
 * dead pane) — and how much disk each dir takes. Human
 * output (✓/✗ per check, a summary) or --json; exits 1 when anything is wrong. From a key
 * (prefix D) the report opens in an overlay.
 */
import { defineCommand } from './types.js';
import { claudeDirsOf, claudeOf } from '../claude/pane-info.js';
import { awarenessOf } from '../claude/awareness.js';
import { CommandError } from '../core/errors.js';
import { gatherDoctorFacts } from '../claude/doctor-facts.js';
import { CheckpointStore } from '../persist/store.js';
import { checkpointStoreOf } from '../persist/startup.js';
import { diagnose, doctorJson, formatDoctorReport } from '../claude/doctor.js';
import { safeJson } from '../core/escape.js';
import type { Server } from '../server/server.js';
import { worktreeChecks, worktreeRows } from './worktrees.js';

export default defineCommand({
  name: 'doctor',
  help: 'Check the isolation of every Claude pane',
  args: { flags: '', options: '', long: { json: 'flag' }, minArgs: 0, maxArgs: 0 },
  async run(ctx, a) {
    const { server } = ctx;
    const panes = [...server.model.panes.values()].flatMap((p) => {
      const claude = claudeOf(p);
      const status = awarenessOf(server)?.status(p.id);
      return claude ? [{ id: `%${p.id}`, pid: p.pid, claude, prompted: status?.prompted === true && status.sessionId === claude.sessionId }] : [];
    });
    const store = checkpointStoreOf(server);
    const facts = await gatherDoctorFacts({
      stateDir: server.opts.stateDir,
      uid: process.getuid?.() ?? 0,
      panes,
      keep: dirsToKeep(server),
      share: server.claude.seed.share,
      ...(store
        ? { checkpoint: { damaged: CheckpointStore.damagedFiles(store.dir), ...(server.persistence?.lastError ? { writeError: server.persistence.lastError } : {}) } }
        : {}),
    });
    const report = diagnose(facts);
    const worktrees = worktreeChecks(await worktreeRows(server));
    for (const c of worktrees) {
      if (c.level === 'problem') report.problems.push(c.text);
      if (c.level === 'warning') report.warnings.push(c.text);
    }
    report.state.push(...worktrees.filter((c) => c.level !== 'ok'));
    report.healthy = report.problems.length === 0;
    ctx.out(a.flags.has('json') ? `${safeJson({ ...doctorJson(report), worktrees }, 2)}\n` : formatDoctorReport(report));
    if (!report.healthy) {
      const n = report.problems.length;
      throw new CommandError(`doctor: ${n} problem${n === 1 ? '' : 's'} found`);
    }
  },
});

/** The Claude pane dirs doctor must not call orphans: live panes' and every keeper's (restorable ones). */
function dirsToKeep(server: Server): Set<string> {
  const dirs = claudeDirsOf(server.model.panes.values());
  for (const keeper of server.dirKeepers) for (const d of keeper()) dirs.add(d);
  return dirs;
}
