/*
 * Worktrees, the pure parts: names, where a worktree goes and on which branch, where in it
 * a pane starts, generated names; `--worktree [NAME]` parsing; the checkpoint's worktree
 * record validated (and absent in older checkpoints).
 */
import { describe, expect, it } from 'vitest';
import { badWorktreeName, branchFor, cwdInWorktree, freeName, lockReason, worktreesDir } from '../../src/claude/worktree-plan.js';
import { defaultClaudeSettings } from '../../src/config/claude-settings.js';
import { parseArgs, usageOf, type ArgSpec } from '../../src/commands/args.js';
import { PANE_LONG_OPTIONS, PANE_LONG_NAMES } from '../../src/commands/pane-request.js';
import { decodeCheckpoint, encodeCheckpoint, type CheckpointBody } from '../../src/persist/checkpoint.js';
import { lockPid } from '../../src/persist/worktree-owners.js';

const W = defaultClaudeSettings().worktree;

describe('worktree plan', () => {
  it('accepts plain names and refuses paths, dots and option-like names', () => {
    for (const ok of ['feat', 'fix-1', 'a.b', 'A_b9']) expect(badWorktreeName(ok)).toBeUndefined();
    for (const bad of ['', '../up', 'a/b', '-x', '.hidden', 'x.lock', 'a..b', 'sp ace', 'x'.repeat(65)]) expect(badWorktreeName(bad)).toMatch(/^invalid worktree name/);
  });

  it('puts worktrees beside the repository by default, with {repo_name} and ~ expanded', () => {
    expect(worktreesDir(W, '/src/app', '/home/u')).toBe('/src/app.worktrees');
    expect(worktreesDir({ ...W, dir: '~/wt/{repo_name}' }, '/src/app', '/home/u')).toBe('/home/u/wt/app');
    expect(worktreesDir({ ...W, dir: '.wt' }, '/src/app', '/home/u')).toBe('/src/app/.wt');
    expect(branchFor(W, 'feat')).toBe('ccmux/feat');
    expect(branchFor({ ...W, branch: 'agent/{name}-x' }, 'feat')).toBe('agent/feat-x');
  });

  it('starts the pane in the same subdir of the worktree', () => {
    expect(cwdInWorktree('/src/app', '/src/app/lib/x', '/wt/feat')).toBe('/wt/feat/lib/x');
    expect(cwdInWorktree('/src/app', '/src/app', '/wt/feat')).toBe('/wt/feat');
    expect(cwdInWorktree('/src/app', '/elsewhere', '/wt/feat')).toBe('/wt/feat');
  });

  it('generates the first free claude-N', async () => {
    const taken = new Set(['claude-1', 'claude-2', 'claude-4']);
    expect(await freeName(async (n) => taken.has(n))).toBe('claude-3');
  });

  it('names the server pid in the lock reason, and reads it back', () => {
    expect(lockPid(lockReason('default', 4242))).toBe(4242);
    expect(lockPid('someone else')).toBeUndefined();
  });
});

describe('--worktree [NAME]', () => {
  const spec: ArgSpec = { flags: 'd', options: 't', long: PANE_LONG_OPTIONS, minArgs: 0, maxArgs: -1, names: PANE_LONG_NAMES };
  it('takes a following name, =NAME, or none', () => {
    const a = parseArgs(spec, ['--claude', '--worktree', 'feat', '--base', 'main']);
    expect([a.flags.has('worktree'), a.values.get('worktree'), a.values.get('base'), a.args]).toEqual([true, 'feat', 'main', []]);
    const b = parseArgs(spec, ['--claude', '--worktree', '-d', '--', '--model', 'x']);
    expect([b.flags.has('worktree'), b.values.has('worktree'), b.flags.has('d'), b.args]).toEqual([true, false, true, ['--model', 'x']]);
    const c = parseArgs(spec, ['--claude', '--worktree=x', 'prompt']);
    expect([c.values.get('worktree'), c.args]).toEqual(['x', ['prompt']]);
    const d = parseArgs(spec, ['--worktree']);
    expect(d.flags.has('worktree')).toBe(true);
    expect(usageOf(spec)).toContain('[--worktree [name]] [--base ref] [--no-worktree]');
  });
});

describe('checkpoint worktree record', () => {
  const body = (worktree?: unknown): CheckpointBody => ({
    sessions: [{ name: 's', current: 0, windows: [{ index: 0, layout: { type: 'pane', pane: 1 } as never, active: 1, zoomed: false, cols: 80, rows: 24, panes: [
      { id: 1, cwd: '/wt/feat', claude: { method: 'none', sessionId: '11111111-1111-4111-8111-111111111111', uuid: '22222222-2222-4222-8222-222222222222', cwd: '/wt/feat', ...(worktree ? { worktree } : {}) } as never },
    ] }] }],
  });
  const wt = { name: 'feat', path: '/wt/feat', branch: 'ccmux/feat', base: 'a'.repeat(40), baseRef: 'HEAD', repo: '/src/app' };

  it('round-trips, and a checkpoint without it is a pane without a worktree', () => {
    expect(decodeCheckpoint(encodeCheckpoint(body(wt), 't', false)).body.sessions[0]!.windows[0]!.panes[0]!.claude!.worktree).toEqual(wt);
    expect(decodeCheckpoint(encodeCheckpoint(body(), 't', false)).body.sessions[0]!.windows[0]!.panes[0]!.claude!.worktree).toBeUndefined();
  });

  it('refuses a relative path or a base that is no commit id', () => {
    expect(() => decodeCheckpoint(encodeCheckpoint(body({ ...wt, path: 'rel' }), 't', false))).toThrow(/worktree\.path: expected an absolute path/);
    expect(() => decodeCheckpoint(encodeCheckpoint(body({ ...wt, base: 'HEAD' }), 't', false))).toThrow(/worktree\.base: expected a commit id/);
  });
});
