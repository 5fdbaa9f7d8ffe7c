/*
 * set-option (set): change an option in the running server, validated against the
 * options table (`set -g mouse off`, `set history-limit 50000`); -u returns it to its
 * default. A value that does not fit says what was expected.
 */
import { defineCommand } from './types.js';
import { findOption, OPTIONS } from '../config/options-table.js';
import { validateOptionValue } from '../config/option-values.js';
import { CommandError } from '../core/errors.js';
import { didYouMean } from '../config/suggest.js';
import { setClaudeOption } from './claude-options.js';
import { defaultClaudeSettings } from '../config/claude-settings.js';
import { claudeOptionValue } from './claude-options.js';

export default defineCommand({
  name: 'set-option',
  alias: ['set'],
  usage: '[-gu] option [value]',
  help: 'Set an option',
  args: { flags: 'gusqwaFoA', options: 't', minArgs: 1, maxArgs: 2 },
  run(ctx, a) {
    const name = a.args[0]!;
    const def = findOption(name);
    if (!def) throw new CommandError(`unknown option: ${name}${didYouMean(name, OPTIONS.map((d) => d.name))}`);
    const { server } = ctx;
    let value: unknown;
    if (a.flags.has('u')) {
      value = def.scope === 'claude' ? claudeOptionValue(defaultClaudeSettings(), name) : def.default;
    } else {
      let raw = a.args[1];
      if (raw === undefined) {
        if (def.type !== 'boolean') throw new CommandError(`${name}: missing value`);
        const cur = def.scope === 'claude' ? claudeOptionValue(server.claude, name) : server.options.get(name);
        raw = cur ? 'off' : 'on'; // tmux: a flag option without a value toggles
      }
      const res = validateOptionValue(def, def.type === 'string-array' ? safeJson(raw) : raw, 'cli');
      if (!res.ok) throw new CommandError(res.error);
      value = res.value;
    }
    if (def.scope === 'claude') setClaudeOption(server.claude, name, value);
    else if (a.flags.has('u')) server.options.reset(name);
    else server.options.set(name, value, 'toml');
    if (name === 'history-limit') for (const p of server.panes.values()) p.setHistoryLimit(server.options.get('history-limit') as number);
    for (const s of server.sessions) server.resizeSession(s);
    server.redrawAll();
  },
});

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw.split(',').map((s) => s.trim()).filter(Boolean);
  }
}
