/*
 * worktrees: every git worktree ccmux made for a Claude pane — its pane (live, restorable
 * or closed), branch, commits ahead of and behind its base, uncommitted changes — and
 * `worktrees remove NAME`, which removes one with its branch: never one a pane has, and
 * without --force never one with uncommitted changes or commits no other branch has.
 * Answered with no server too (cli/serverless.ts).
 */
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';
import { allWorktrees, worktreesNamed, type WorktreeRecord } from '../claude/worktree-registry.js';
import { removeRecorded, worktreeState, type WorktreeState } from '../claude/worktree.js';
import { worktreeOwners, type WorktreeOwner } from '../persist/worktree-owners.js';
import { safeJson, visible } from '../core/escape.js';

/** A recorded worktree with what git says of it now and who has it. */
export interface WorktreeRow {
  rec: WorktreeRecord;
  state: WorktreeState;
  owner: WorktreeOwner;
}

/** Every recorded worktree, looked at now. */
export async function worktreeRows(server: Parameters<typeof worktreeOwners>[0]): Promise<WorktreeRow[]> {
  const owner = worktreeOwners(server);
  const rows: WorktreeRow[] = [];
  for (const rec of await allWorktrees(server.opts.stateDir)) {
    const state = await worktreeState(rec);
    rows.push({ rec, state, owner: owner(rec.path, state.locked, rec.closedAt !== undefined) });
  }
  return rows;
}

/**
 * doctor's checks of the worktrees ccmux made: missing (its dir deleted, or git no longer
 * lists it), its branch gone, locked by a pane that is gone (a warning when a checkpoint
 * will restore a pane into it and lock it again, else a problem: nothing will unlock it).
 */
export function worktreeChecks(rows: readonly WorktreeRow[]): Array<{ level: 'ok' | 'problem' | 'warning'; text: string }> {
  return rows.map(({ rec, state, owner }) => {
    const id = `worktree ${rec.name} (${rec.path})`;
    if (!state.exists || !state.listed) return { level: 'problem', text: `${id} is missing${state.exists ? ' from git worktree list' : ''}: ccmux worktrees remove ${rec.name} forgets it` };
    if (!state.branchExists) return { level: 'problem', text: `${id}: its branch ${rec.branch} is gone` };
    if (state.locked !== undefined && owner.kind !== 'live' && owner.kind !== 'other-server' && owner.kind !== 'closing') {
      return owner.kind === 'restorable'
        ? { level: 'warning', text: `${id} is locked by a pane that is not running; it is ${owner.label}` }
        : { level: 'problem', text: `${id} is locked by a dead pane (${state.locked}): ccmux worktrees remove ${rec.name}, or git worktree unlock` };
    }
    return { level: 'ok', text: `${id}: ${owner.label}, branch ${rec.branch}` };
  });
}

function rowJson({ rec, state, owner }: WorktreeRow): Record<string, unknown> {
  return {
    name: rec.name,
    path: rec.path,
    branch: rec.branch,
    base: rec.base,
    baseRef: rec.baseRef,
    repo: rec.repo,
    pane: owner.kind === 'live' ? owner.label : null,
    state: owner.kind,
    owner: owner.label,
    exists: state.exists && state.listed,
    branchExists: state.branchExists,
    locked: state.locked ?? null,
    dirty: state.dirty ?? null,
    ahead: state.ahead ?? null,
    behind: state.behind ?? null,
    against: state.against ?? null,
    merged: state.merged ?? null,
    createdAt: rec.createdAt,
    closedAt: rec.closedAt ?? null,
  };
}

function rowLine({ rec, state, owner }: WorktreeRow): string {
  const where = !state.exists || !state.listed ? 'MISSING' : state.dirty ? `${state.dirty} dirty` : 'clean';
  const ab = state.ahead !== undefined ? `+${state.ahead}/-${state.behind}` : state.branchExists ? '?' : 'no branch';
  return `${rec.name.padEnd(16)} ${owner.label.padEnd(14)} ${rec.branch.padEnd(22)} ${ab.padEnd(14)} ${where.padEnd(9)} ${visible(rec.path)}\n`;
}

export default defineCommand({
  name: 'worktrees',
  help: 'List the git worktrees ccmux made for Claude panes, or remove one',
  args: { flags: '', options: '', long: { json: 'flag', force: 'flag' }, minArgs: 0, maxArgs: 3, positional: '[remove [--force] name]' },
  async run(ctx, a) {
    const { server } = ctx;
    if (a.args.length) {
      // `worktrees remove --force NAME` as well as `worktrees --force remove NAME`.
      const rest = a.args.slice(1).filter((x) => (x === '--force' ? !a.flags.add('force') : true));
      if (a.args[0] !== 'remove' || rest.length !== 1) throw new CommandError('usage: worktrees [--json] | worktrees remove [--force] NAME');
      a.args = ['remove', rest[0]!];
      const found = await worktreesNamed(server.opts.stateDir, a.args[1]!);
      if (found.length === 0) throw new CommandError(`no worktree ${a.args[1]} made by ccmux (see: ccmux worktrees)`);
      if (found.length > 1) throw new CommandError(`${a.args[1]} names ${found.length} worktrees: give REPO/NAME or the path`);
      const rec = found[0]!;
      const owner = worktreeOwners(server)(rec.path, (await worktreeState(rec)).locked, rec.closedAt !== undefined);
      if (owner.kind === 'live' || owner.kind === 'other-server') throw new CommandError(`${rec.name} is in use by ${owner.label}: close that pane first`);
      if (owner.kind === 'closing') throw new CommandError(`${rec.name} is being closed with its pane: look again in a moment`);
      if (owner.kind === 'restorable' && !a.flags.has('force')) throw new CommandError(`${rec.name} is ${owner.label}: a Claude pane comes back in it (--force removes it anyway)`);
      await removeRecorded(server.opts.stateDir, rec, a.flags.has('force'));
      ctx.out(`removed ${rec.name} (${rec.path}) and branch ${rec.branch}\n`);
      return;
    }
    if (a.flags.has('force')) throw new CommandError('--force goes with remove');
    const rows = await worktreeRows(server);
    if (a.flags.has('json')) {
      ctx.out(`${safeJson(rows.map(rowJson), 2)}\n`);
      return;
    }
    if (rows.length === 0) {
      ctx.out('no worktrees made by ccmux\n');
      return;
    }
    ctx.out(`${'NAME'.padEnd(16)} ${'PANE'.padEnd(14)} ${'BRANCH'.padEnd(22)} ${'+AHEAD/-BEHIND'} ${'CHANGES'.padEnd(9)} PATH\n`);
    for (const r of rows) ctx.out(rowLine(r));
  },
});
