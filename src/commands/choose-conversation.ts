/*
 * choose-conversation: pick an archived Claude conversation from a list (prefix H) and
 * reopen it in a new pane — the picker form of `ccmux resume`.
 */
import { defineCommand } from './types.js';
import { ListView } from '../server/client/modes.js';
import { CommandError } from '../core/errors.js';
import { readIndex } from '../persist/retention.js';
import { visible } from '../core/escape.js';

export default defineCommand({
  name: 'choose-conversation',
  help: 'Choose an archived Claude conversation to resume',
  args: { flags: '', options: '', minArgs: 0, maxArgs: 0 },
  run(ctx) {
    const c = ctx.client;
    if (!c) throw new CommandError('choose-conversation needs an attached client (from a script: ccmux sessions, ccmux resume ID)');
    const entries = readIndex(ctx.server.opts.stateDir).reverse();
    if (!entries.length) throw new CommandError('no archived conversations');
    const lines = entries.map((e) => visible(`${e.closedAt.slice(0, 16).replace('T', ' ')}  ${e.sessionId.slice(0, 8)}  ${e.cwd}  ${[...(e.firstPrompt ?? '').replace(/\s+/g, ' ')].slice(0, 50).join('')}`));
    c.openMode(new ListView('resume a conversation', lines, (i, cl) => cl.runBinding(`resume -h ${entries[i]!.sessionId}`)));
  },
});
