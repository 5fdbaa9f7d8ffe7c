/*
 * list-buffers (lsb): the paste buffers, newest first, one line each by -F's format or
 * tmux's (`#{buffer_name}: #{buffer_size} bytes: "#{buffer_sample}"`), only those -f's
 * filter is true for; the format sees buffer_name, buffer_size, buffer_sample (tmux's:
 * the first 200 bytes, made safe to print) and buffer_created, and the server's variables.
 */
import { defineCommand } from './types.js';
import { visible } from '../core/escape.js';
import { expandFormat } from '../core/format.js';
import { formatContext } from '../server/format-vars.js';
import { bufferSample } from '../server/paste-buffers.js';

const TEMPLATE = '#{buffer_name}: #{buffer_size} bytes: "#{buffer_sample}"';

export default defineCommand({
  name: 'list-buffers',
  alias: ['lsb'],
  help: 'List paste buffers',
  args: { flags: '', options: 'Ff', minArgs: 0, maxArgs: 0, names: { F: 'format', f: 'filter' } },
  run(ctx, a) {
    const base = formatContext(ctx.server, {});
    const fmt = a.values.get('F') ?? TEMPLATE;
    const filter = a.values.get('f');
    for (const b of ctx.server.buffers.all()) {
      const vars: Record<string, string> = {
        buffer_name: visible(b.name),
        buffer_size: String(Buffer.byteLength(b.text)),
        buffer_sample: bufferSample(b.text),
        buffer_created: String(Math.floor(b.created / 1000)),
      };
      const ctxOf = { ...base, lookup: (n: string) => vars[n] ?? base.lookup(n) };
      if (filter !== undefined) {
        const f = expandFormat(filter, ctxOf);
        if (f === '' || f === '0') continue;
      }
      ctx.out(`${expandFormat(fmt, ctxOf)}\n`);
    }
  },
});
