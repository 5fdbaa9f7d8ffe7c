/*
 * du: every isolated Claude pane dir with its owner (a live pane, a restorable one, or
 * none: an orphan), its size and its age; --json for scripts.
 */
import path from 'node:path';
import { defineCommand } from './types.js';
import { listIsolatedDirs } from '../persist/orphans.js';
import { formatBytes } from '../claude/doctor.js';
import { safeJson } from '../core/escape.js';

function age(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.round(s / 60)}m`;
  if (s < 172800) return `${Math.round(s / 3600)}h`;
  return `${Math.round(s / 86400)}d`;
}

export default defineCommand({
  name: 'du',
  help: 'List isolated Claude pane dirs with owner, size and age',
  args: { flags: '', options: '', long: { json: 'flag' }, minArgs: 0, maxArgs: 0 },
  run(ctx, a) {
    const dirs = listIsolatedDirs(ctx.server);
    const now = Date.now();
    if (a.flags.has('json')) {
      ctx.out(safeJson(dirs.map((d) => ({ path: d.path, owner: d.owner ?? null, orphan: !d.owner, bytes: d.bytes, ageSeconds: Math.round((now - d.mtimeMs) / 1000) })), 2) + '\n');
      return;
    }
    let total = 0;
    for (const d of dirs) {
      total += d.bytes;
      ctx.out(`${formatBytes(d.bytes).padStart(9)}  ${age(now - d.mtimeMs).padStart(4)}  ${(d.owner ?? 'ORPHAN').padEnd(28)} ${path.basename(path.dirname(d.path))}/${path.basename(d.path)}\n`);
    }
    ctx.out(`${formatBytes(total).padStart(9)}  total, ${dirs.length} dir(s)\n`);
  },
});
