/*
 * sessions: the archived Claude conversations (closed panes' transcripts), newest first:
 * session id, when it was closed, where it ran, its profile and first prompt. `ccmux
 * resume <id>` reopens one. --json for scripts.
 */
import { defineCommand } from './types.js';
import { badIndexLines, readIndexFull } from '../persist/retention.js';
import { safeJson, visible } from '../core/escape.js';

export default defineCommand({
  name: 'sessions',
  help: 'List archived Claude conversations',
  args: { flags: '', options: '', long: { json: 'flag' }, minArgs: 0, maxArgs: 0 },
  run(ctx, a) {
    const index = readIndexFull(ctx.server.opts.stateDir);
    for (const line of badIndexLines(index)) ctx.err(`${visible(line)}\n`);
    const entries = index.entries.reverse();
    if (a.flags.has('json')) {
      ctx.out(safeJson(entries, 2) + '\n');
      return;
    }
    if (!entries.length) ctx.out('no archived conversations\n');
    for (const e of entries) {
      // Everything but the id and the date came from outside: shown with escapes visible.
      const prompt = visible([...(e.firstPrompt ?? '').replace(/[ \t\n\r]+/g, ' ')].slice(0, 60).join(''));
      ctx.out(`${visible(e.sessionId)}  ${visible(e.closedAt.slice(0, 16).replace('T', ' '))}  ${visible(e.cwd)}${e.profile ? ` [${visible(e.profile)}]` : ''}  ${prompt}\n`);
    }
  },
});
