/*
 * review: what the Claude in a pane did, before you merge it — a new window running
 * `git log` of the commits on the pane's worktree branch since its base, `git status`
 * (uncommitted and untracked files) and `git diff` of the worktree against the base, in
 * a pager ($PAGER, else `less -R`). The pane is -t's (prefix G: the active one), or a
 * worktree of `ccmux worktrees` by name, its pane closed or not.
 */
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';
import { worktreeOf } from '../claude/pane-info.js';
import { worktreesNamed } from '../claude/worktree-registry.js';

/** The shell script of the review window: $1 the worktree, $2 the base commit, $3 its name. */
const SCRIPT = [
  'cd "$1" || exit 1',
  '{',
  '  printf "ccmux review: worktree %s, branch %s, base %s\\n\\n" "$3" "$(git rev-parse --abbrev-ref HEAD)" "$2"',
  '  printf "== commits since the base ==\\n"',
  '  git --no-pager log --color=always --stat --format="commit %H%n%an  %ad%n%n    %s%n" "$2..HEAD"',
  '  printf "\\n== uncommitted changes (git status) ==\\n"',
  '  git --no-pager status --short --untracked-files=all',
  '  printf "\\n== diff against the base (commits and uncommitted changes) ==\\n"',
  '  git --no-pager diff --color=always --stat "$2"',
  '  git --no-pager diff --color=always "$2"',
  '} 2>&1 | ${PAGER:-less -R}',
].join('\n');

export default defineCommand({
  name: 'review',
  help: "Show a Claude pane's worktree changes against its base in a new window",
  args: { flags: 'd', options: 't', minArgs: 0, maxArgs: 1, names: { t: 'target-pane' }, positional: '[worktree-name]', target: { kind: 'pane' } },
  async run(ctx, a) {
    const { server } = ctx;
    const r = a.target!;
    let wt: { name: string; path: string; base: string } | undefined;
    if (a.args[0] !== undefined) {
      const found = await worktreesNamed(server.opts.stateDir, a.args[0]);
      if (found.length !== 1) throw new CommandError(found.length ? `${a.args[0]} names ${found.length} worktrees: give REPO/NAME or the path` : `no worktree ${a.args[0]} made by ccmux (see: ccmux worktrees)`);
      wt = found[0];
    } else {
      wt = worktreeOf(r.pane);
      if (!wt) throw new CommandError(`pane %${r.pane.id} has no worktree (review NAME names one of ccmux worktrees)`);
    }
    const env = ctx.server.spawnEnv(r.session.environ);
    const req = { cwd: wt.path, env, argv: ['/bin/sh', '-c', SCRIPT, 'ccmux-review', wt.path, wt.base, wt.name] };
    await server.spawn(req, (rq, started) => server.model.newWindow(r.session, rq, { select: !a.flags.has('d'), name: `review:${wt.name}` }, started));
  },
});
