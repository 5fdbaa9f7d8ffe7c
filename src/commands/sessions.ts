/*
 * sessions: the archived Claude conversations (closed panes' transcripts), newest first:
 * session id, when it was closed, where it ran, its profile and first prompt. `ccmux
 * resume <id>` reopens one. --json for scripts.
 */
import { defineCommand } from './types.js';
import { readIndex } from '../persist/retention.js';

export default defineCommand({
  name: 'sessions',
  usage: '[--json]',
  help: 'List archived Claude conversations',
  args: { flags: '', options: '', long: { json: 'flag' }, minArgs: 0, maxArgs: 0 },
  run(ctx, a) {
    const entries = readIndex(ctx.server.opts.stateDir).reverse();
    if (a.flags.has('json')) {
      ctx.out(JSON.stringify(entries, null, 2) + '\n');
      return;
    }
    if (!entries.length) ctx.out('no archived conversations\n');
    for (const e of entries) {
      const prompt = (e.firstPrompt ?? '').replace(/\s+/g, ' ').slice(0, 60);
      ctx.out(`${e.sessionId}  ${e.closedAt.slice(0, 16).replace('T', ' ')}  ${e.cwd}${e.profile ? ` [${e.profile}]` : ''}  ${prompt}\n`);
    }
  },
});
