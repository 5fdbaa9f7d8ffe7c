/*
 * resume: reopen an archived Claude conversation in a new Claude pane — a fresh isolated
 * dir with the transcript placed where claude looks for it (projects/<encoded cwd>/),
 * started with `--resume <id>` in the conversation's directory. The pane splits the
 * current one (-h/-v) or opens in a new window (-w). Ids may be shortened to a unique
 * prefix, as on `ccmux sessions`. A conversation held in a git worktree ccmux made
 * reopens in that worktree (locked again) if it still exists.
 */
import fs from 'node:fs';
import path from 'node:path';
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';
import { badIndexLines, dropFromIndex, readIndexFull } from '../persist/retention.js';
import { visible } from '../core/escape.js';
import { TRANSCRIPTS_DIR } from '../claude/transcripts.js';
import { worktreeContaining } from '../claude/worktree-registry.js';

export default defineCommand({
  name: 'resume',
  help: 'Reopen an archived Claude conversation',
  args: { flags: 'hvwd', options: 't', minArgs: 1, maxArgs: 1, names: { t: 'target-pane' }, positional: 'session-id', target: { kind: 'pane' } },
  async run(ctx, a) {
    const { server } = ctx;
    const want = a.args[0]!;
    const index = readIndexFull(server.opts.stateDir);
    for (const line of badIndexLines(index)) ctx.err(`${visible(line)}\n`);
    const matches = index.entries.filter((e) => e.sessionId.startsWith(want));
    const ids = new Set(matches.map((e) => e.sessionId));
    if (ids.size === 0) throw new CommandError(`no archived conversation ${want} (see: ccmux sessions)`);
    if (ids.size > 1) throw new CommandError(`more than one archived conversation starts with ${want}`);
    const entry = matches.at(-1)!;
    const file = path.join(server.opts.stateDir, TRANSCRIPTS_DIR, entry.file);
    if (!fs.existsSync(file)) throw new CommandError(`the transcript of ${entry.sessionId} is missing from the archive`);
    const r = a.target!;
    let cwd = entry.cwd;
    // A conversation held in a worktree ccmux made reopens in it, if it is still there.
    const wt = await worktreeContaining(server.opts.stateDir, entry.cwd);
    if (!fs.existsSync(cwd)) {
      cwd = wt && fs.existsSync(wt.repo) ? wt.repo : server.opts.home;
      ctx.err(`${wt ? `the worktree ${wt.name} (${entry.cwd})` : entry.cwd} no longer exists; resuming in ${cwd}\n`);
    }
    const worktree = wt && cwd === entry.cwd ? { kind: 'existing' as const, path: wt.path } : undefined;
    const env = ctx.server.spawnEnv(r.session.environ);
    const claude = {
      profile: entry.profile && server.claude.profiles[entry.profile] ? entry.profile : undefined,
      session: { kind: 'resume' as const, id: entry.sessionId },
      transcript: file,
    };
    const select = !a.flags.has('d');
    await server.spawn({ cwd, env, asks: { claude, ...(worktree ? { worktree } : {}) } }, (rq, started) => {
      // The transcript has moved into the pane's dir: it is no longer in the archive (if
      // the pane cannot be made, the dir's wind-down archives it again).
      dropFromIndex(server.opts.stateDir, entry.file);
      if (a.flags.has('w')) server.model.newWindow(r.session, rq, { select }, started);
      else server.model.splitWindow(r.pane, a.flags.has('h') ? 'h' : 'v', rq, { select }, started);
    });
  },
});
