/*
 * show-options (show): every option with its value (or one, or -v just the value), as
 * `name value` lines tmux-style, or --json with type, default and help from the table.
 * Claude settings show as claude.* names.
 */
import { defineCommand } from './types.js';
import { findOption, OPTIONS } from '../config/options-table.js';
import { CommandError } from '../core/errors.js';
import { didYouMean } from '../config/suggest.js';
import { claudeOptionValue } from './claude-options.js';
import type { Server } from '../server/server.js';
import { safeJson } from '../core/escape.js';
import { isUserOption } from '../config/option-values.js';

function valueText(v: unknown): string {
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  const s = String(v);
  return s === '' || /[\s"#;']/.test(s) ? JSON.stringify(s) : s;
}

export function optionValue(server: Server, name: string): unknown {
  return name.startsWith('claude.') ? claudeOptionValue(server.claude, name) : server.options.get(name);
}

export default defineCommand({
  name: 'show-options',
  alias: ['show'],
  help: 'Show options',
  args: { flags: 'gqsvw', options: '', long: { json: 'flag' }, minArgs: 0, maxArgs: 1, positional: '[option]' },
  run(ctx, a) {
    const name = a.args[0];
    if (name !== undefined && isUserOption(name)) {
      const v = ctx.server.options.getUser(name);
      if (v === undefined) {
        if (a.flags.has('q')) return;
        throw new CommandError(`invalid option: ${name}`);
      }
      ctx.out(a.flags.has('json') ? safeJson({ name, scope: 'user', type: 'string', value: v }, 2) + '\n' : a.flags.has('v') ? `${v}\n` : `${name} ${valueText(v)}\n`);
      return;
    }
    // -s and -w show the server or the window table; ccmux keeps one level, so -g shows the same.
    const table = a.flags.has('s') ? 'server' : a.flags.has('w') ? 'window' : undefined;
    let defs = table ? OPTIONS.filter((d) => d.scope === table) : OPTIONS;
    if (name !== undefined) {
      const def = findOption(name);
      if (!def) {
        if (a.flags.has('q')) return;
        throw new CommandError(`unknown option: ${name}${didYouMean(name, OPTIONS.map((d) => d.name))}`);
      }
      if (table && def.scope !== table) throw new CommandError(`${name} is not a ${table} option (it is a ${def.scope} option)`);
      defs = [def];
    }
    if (a.flags.has('json')) {
      const rows = defs.map((d) => ({ name: d.name, scope: d.scope, type: d.type, value: optionValue(ctx.server, d.name), default: d.default, choices: d.choices, min: d.min, max: d.max, help: d.help }));
      ctx.out(safeJson(name !== undefined ? rows[0] : rows, 2) + '\n');
      return;
    }
    // tmux lists user options with the others, in name order ("@" sorts first).
    if (name === undefined && !a.flags.has('json') && table !== 'window') {
      for (const [n, v] of ctx.server.options.userEntries()) ctx.out(a.flags.has('v') ? `${v}\n` : `${n} ${valueText(v)}\n`);
    }
    for (const d of defs) {
      const v = optionValue(ctx.server, d.name);
      // As tmux: an array is one line per item (`name[i] item`, or the bare items with -v),
      // and -v gives the value as it is, unquoted.
      if (Array.isArray(v)) {
        v.forEach((item, i) => ctx.out(a.flags.has('v') ? `${String(item)}\n` : `${d.name}[${i}] ${valueText(item)}\n`));
      } else ctx.out(a.flags.has('v') ? `${typeof v === 'boolean' ? (v ? 'on' : 'off') : String(v)}\n` : `${d.name} ${valueText(v)}\n`);
    }
  },
});
